import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import aws4 from 'aws4';
import type { FileStoreConfig } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';

/** Chunk size of a file in evidence_blobs: a download or a backup holds one chunk at a time. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/**
 * Where evidence bytes live, shared by every app instance: the database (default) or an
 * S3-compatible object store. Files written to the local disk by earlier versions are still read
 * (attachment.service falls back to them) until `npm run cli -- move-files-to-db` moves them.
 */
export interface EvidenceStore {
  /**
   * Stores the file at `file` (its SHA-256 hex given) under `key`. Called inside the transaction
   * that inserts the attachment row: in the database the bytes commit or roll back with the row;
   * an object stored in S3 before a rollback is left unreferenced, never a row without its file.
   */
  put(trx: Db, key: string, file: string, sha256: string): Promise<void>;
  /** The bytes under `key`, streamed; null when the store has no such file. */
  open(db: Db, key: string): Promise<Readable | null>;
}

export function evidenceStore(config: FileStoreConfig): EvidenceStore {
  return config.kind === 's3' ? s3Store(config) : databaseStore;
}

export const databaseStore: EvidenceStore = {
  async put(trx, key, file) {
    let seq = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: BLOB_CHUNK_BYTES }))
      await trx
        .insertInto('evidence_blobs')
        .values({ storage_key: key, seq: seq++, content: chunk as Buffer })
        .execute();
  },
  async open(db, key) {
    const first = await chunkAt(db, key, 0);
    if (!first) return null;
    // One chunk per read: a 20 MB file never sits in memory whole.
    async function* chunks() {
      yield first!;
      for (let seq = 1; ; seq++) {
        const next = await chunkAt(db, key, seq);
        if (!next) return;
        yield next;
      }
    }
    return Readable.from(chunks());
  },
};

async function chunkAt(db: Db, key: string, seq: number): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('evidence_blobs')
    .select('content')
    .where('storage_key', '=', key)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row ? Buffer.from(row.content) : undefined;
}

type S3Config = Extract<FileStoreConfig, { kind: 's3' }>;

/** Path-style requests (endpoint/bucket/key), which MinIO, Ceph and the cloud vendors' S3 APIs all accept, signed with SigV4. */
function s3Store(config: S3Config): EvidenceStore {
  const url = new URL(config.endpoint);
  const request = (method: 'PUT' | 'GET', key: string, headers: Record<string, string>) => {
    const path = `/${config.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const signed = aws4.sign(
      { host: url.host, path, method, service: 's3', region: config.region, headers },
      { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    );
    return { href: `${url.protocol}//${url.host}${path}`, headers: signed.headers as Record<string, string> };
  };
  const unavailable = (what: string) =>
    new AppError(503, 'unavailable', `文件存储服务暂时不可用（${what}），请稍后重试或联系管理员`);
  return {
    async put(_trx, key, file, sha256) {
      const size = (await fs.promises.stat(file)).size;
      // The signed payload hash is the file's own SHA-256, already computed on receipt.
      const r = request('PUT', key, { 'Content-Length': String(size), 'X-Amz-Content-Sha256': sha256 });
      const res = await fetch(r.href, {
        method: 'PUT',
        headers: r.headers,
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit).catch((err: Error) => {
        throw unavailable(err.message);
      });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw unavailable(`上传返回 ${res.status}`);
    },
    async open(_db, key) {
      const r = request('GET', key, {});
      const res = await fetch(r.href, { headers: r.headers }).catch((err: Error) => {
        throw unavailable(err.message);
      });
      if (res.status === 404) return null;
      if (!res.ok || !res.body) throw unavailable(`下载返回 ${res.status}`);
      return Readable.fromWeb(res.body as WebReadableStream);
    },
  };
}
