import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '@innocity/shared/api/reporting';
import { loadConfig, ROOT_DIR, type ConfigError } from '../../config.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { startFakeS3, type FakeS3 } from '../../test/fake-s3.ts';
import { moveFilesToStore } from './attachment.move.ts';
import { filesDirOf } from './attachment.service.ts';
import { databaseStore, evidenceStore } from './attachment.store.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  submissionOf,
  type ReportingWorld,
} from './reporting-test-kit.ts';

/** A PDF of 2.5 MB: three chunks in the database. */
const BIG_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 2_600_000 }, (_, i) => (i * 7919) % 251)),
  Buffer.from('\n%%EOF\n'),
]);

function multipart(fileName: string, content: Buffer) {
  const boundary = '----innocity-store-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function world(dialect: ReportingWorld['t']['dialect'], options = {}) {
  const w = await createReportingWorld(dialect, options);
  await createNdrcWorkItem(w);
  const round = await openQ3(w);
  const s: Submission = await submissionOf(w.as.ndrcReporter, round.id, await w.unit('市发改委'));
  const upload = (name: string, content: Buffer) =>
    w.as.ndrcReporter.request({
      method: 'POST',
      url: `/api/submissions/${s.id}/attachments`,
      ...multipart(name, content),
    });
  const download = (id: string) => w.as.ndrcApprover.request({ method: 'GET', url: `/api/attachments/${id}` });
  const attachmentCount = async () =>
    Number(
      (
        await w.t.db
          .selectFrom('attachments')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { w, s, upload, download, attachmentCount };
}

const filesOnDisk = (dir: string): string[] =>
  fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.bin')) : [];

describe.each(TEST_DIALECTS)('evidence files in the database on %s', (dialect) => {
  let x: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    x = await world(dialect);
  });
  afterAll(() => x.w.t.close());

  it('stores an upload in the database in 1 MB chunks, nothing on disk, and serves the same bytes', async () => {
    const res = await x.upload('进度.pdf', BIG_PDF);
    expect(res.statusCode).toBe(201);
    const { storage_key } = await x.w.t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const chunks = await x.w.t.db
      .selectFrom('evidence_blobs')
      .select('seq')
      .where('storage_key', '=', storage_key)
      .execute();
    expect(chunks.map((c) => c.seq).sort()).toEqual([0, 1, 2]);
    expect(filesOnDisk(filesDirOf(x.w.t.dataDir))).toEqual([]);
    const got = await x.download(res.json().id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(BIG_PDF)).toBe(true);
  });

  it('still serves a file an earlier version left on disk, and move-files-to-db moves it in and removes the disk copy', async () => {
    const res = await x.upload('旧文件.pdf', BIG_PDF.subarray(0, 300_000));
    const id = res.json().id as string;
    const { storage_key } = await x.w.t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // As an earlier version stored it: on disk under data/files, not in the database.
    const onDisk = path.join(filesDirOf(x.w.t.dataDir), ...storage_key.split('/'));
    fs.mkdirSync(path.dirname(onDisk), { recursive: true });
    fs.writeFileSync(onDisk, BIG_PDF.subarray(0, 300_000));
    await x.w.t.db.deleteFrom('evidence_blobs').where('storage_key', '=', storage_key).execute();
    expect((await x.download(id)).rawPayload.equals(BIG_PDF.subarray(0, 300_000))).toBe(true);

    const moved = await moveFilesToStore(x.w.t.db, databaseStore, filesDirOf(x.w.t.dataDir));
    expect(moved).toEqual({ moved: 1, bytes: 300_000, damaged: [] });
    expect(fs.existsSync(onDisk)).toBe(false);
    expect((await x.download(id)).rawPayload.equals(BIG_PDF.subarray(0, 300_000))).toBe(true);
    // Run again: nothing left to move.
    expect((await moveFilesToStore(x.w.t.db, databaseStore, filesDirOf(x.w.t.dataDir))).moved).toBe(0);
  });

  it('npm run cli -- move-files-to-db moves a file left on disk, as the operator runs it', async () => {
    const res = await x.upload('命令行.pdf', BIG_PDF.subarray(0, 2000));
    const { storage_key } = await x.w.t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    await x.w.t.db.deleteFrom('evidence_blobs').where('storage_key', '=', storage_key).execute();
    const onDisk = path.join(filesDirOf(x.w.t.dataDir), ...storage_key.split('/'));
    fs.mkdirSync(path.dirname(onDisk), { recursive: true });
    fs.writeFileSync(onDisk, BIG_PDF.subarray(0, 2000));
    const db = x.w.t.config.database;
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/src/cli.ts'), ...args], {
        cwd: ROOT_DIR,
        encoding: 'utf8',
        env: {
          ...process.env,
          DATABASE_URL: db.dialect === 'sqlite' ? `sqlite:${db.file}` : db.url,
          INNOCITY_DATA_DIR: x.w.t.dataDir,
          INNOCITY_DEFAULT_PACK: 'none',
        },
      });
    const r = run(['move-files-to-db']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('已把 1 个附件');
    expect(r.status).toBe(0);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect((await x.download(res.json().id)).rawPayload.equals(BIG_PDF.subarray(0, 2000))).toBe(true);
    const bad = run(['move-files-to-db', 'extra']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('move-files-to-db 不需要参数');
  });

  it('leaves a disk file whose bytes changed since upload where it is, and names it', async () => {
    const res = await x.upload('改过.pdf', BIG_PDF.subarray(0, 1000));
    const { storage_key } = await x.w.t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    await x.w.t.db.deleteFrom('evidence_blobs').where('storage_key', '=', storage_key).execute();
    const onDisk = path.join(filesDirOf(x.w.t.dataDir), ...storage_key.split('/'));
    fs.mkdirSync(path.dirname(onDisk), { recursive: true });
    fs.writeFileSync(onDisk, Buffer.from('%PDF-1.4 tampered'));
    const r = await moveFilesToStore(x.w.t.db, databaseStore, filesDirOf(x.w.t.dataDir));
    expect(r.damaged).toEqual([storage_key]);
    expect(fs.existsSync(onDisk)).toBe(true);
  });
});

describe('evidence files in an S3-compatible store (a local fake that checks SigV4)', () => {
  let s3: FakeS3;
  let x: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    s3 = await startFakeS3();
    const { endpoint, bucket, region, accessKeyId, secretAccessKey } = s3;
    x = await world('sqlite', {
      config: { fileStore: { kind: 's3', endpoint, bucket, region, accessKeyId, secretAccessKey } },
    });
  });
  afterAll(async () => {
    await x.w.t.close();
    await s3.close();
  });

  it('puts the upload in the bucket, signed, and serves it back from there', async () => {
    const res = await x.upload('进度.pdf', BIG_PDF);
    expect(res.statusCode).toBe(201);
    expect(s3.refused).toEqual([]);
    const { storage_key } = await x.w.t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(s3.objects.get(storage_key)?.equals(BIG_PDF)).toBe(true);
    expect(await x.w.t.db.selectFrom('evidence_blobs').selectAll().execute()).toEqual([]);
    expect((await x.download(res.json().id)).rawPayload.equals(BIG_PDF)).toBe(true);
  });

  it('refuses the upload with a clear 503 and stores no attachment when the store is down or refuses the key', async () => {
    const before = await x.attachmentCount();
    s3.down = true;
    const down = await x.upload('b.pdf', BIG_PDF.subarray(0, 5000));
    s3.down = false;
    expect(down.statusCode).toBe(503);
    expect(down.json().error.message).toContain('文件存储服务暂时不可用');
    const wrong = evidenceStore({
      kind: 's3',
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: 'wrong',
    });
    await expect(wrong.open(x.w.t.db, 'any/key.bin')).rejects.toThrow('文件存储服务暂时不可用');
    expect(s3.refused).toEqual(['bad signature']);
    expect(await x.attachmentCount()).toBe(before);
  });
});

describe('file store settings', () => {
  const base = { INNOCITY_DEFAULT_PACK: 'none' };
  it('defaults to the database', () => {
    expect(loadConfig(base).fileStore).toEqual({ kind: 'database' });
  });
  it('names every missing S3 setting, and a bad store name, in Chinese', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ ...base, ...env });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    const missing = problems({
      INNOCITY_FILE_STORE: 's3',
      INNOCITY_S3_ENDPOINT: 'ftp://x',
      INNOCITY_S3_BUCKET: 'Bad_Bucket',
    });
    expect(missing.join('\n')).toMatch(/INNOCITY_S3_REGION: INNOCITY_FILE_STORE=s3 时必须设置/);
    expect(missing.join('\n')).toContain('INNOCITY_S3_ACCESS_KEY_ID');
    expect(missing.join('\n')).toContain('INNOCITY_S3_SECRET_ACCESS_KEY');
    expect(missing.join('\n')).toContain('INNOCITY_S3_ENDPOINT: 应为 http:// 或 https:// 开头');
    expect(missing.join('\n')).toContain('INNOCITY_S3_BUCKET: 存储桶名称只能含');
    expect(problems({ INNOCITY_FILE_STORE: 'disk' }).join()).toContain('INNOCITY_FILE_STORE 只能是 database');
    expect(
      loadConfig({
        ...base,
        INNOCITY_FILE_STORE: 's3',
        INNOCITY_S3_ENDPOINT: 'https://oss.example.cn/',
        INNOCITY_S3_BUCKET: 'evidence',
        INNOCITY_S3_REGION: 'cn-east-1',
        INNOCITY_S3_ACCESS_KEY_ID: 'AK',
        INNOCITY_S3_SECRET_ACCESS_KEY: 'SK',
      }).fileStore,
    ).toMatchObject({ kind: 's3', endpoint: 'https://oss.example.cn', bucket: 'evidence' });
  });
});
