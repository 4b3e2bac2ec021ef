import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../bootstrap.ts';
import { loadConfig, ROOT_DIR, type DatabaseConfig } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from '../../test/databases.ts';
import { allTables } from './backup-schema.ts';
import { dumpAll, filesUnder } from './backup.testkit.ts';

const dir = mkdtempSync(join(tmpdir(), 'innocity-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const urlOf = (d: DatabaseConfig) => (d.dialect === 'sqlite' ? `sqlite:${d.file}` : d.url);

/** Runs `npm run cli -- …` as the README says (node + tsx, the same entry) against a database and data folder. */
function cli(args: string[], database: DatabaseConfig, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.INNOCITY_SQLITE_BINDING && { INNOCITY_SQLITE_BINDING: process.env.INNOCITY_SQLITE_BINDING }),
      DATABASE_URL: urlOf(database),
      INNOCITY_DATA_DIR: dataDir,
      INIT_CWD: dir,
      LOG_LEVEL: 'silent',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A deployment as first started (the default plan loaded, the admin created) with one evidence file. */
async function deployment(dialect: DatabaseConfig['dialect'], name: string) {
  const testDb = await createTestDatabase(dialect);
  const dataDir = join(dir, name);
  const { database } = await bootstrap({ ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config });
  await database.close();
  mkdirSync(join(dataDir, 'files', '2026-12'), { recursive: true });
  writeFileSync(join(dataDir, 'files', '2026-12', 'evidence.bin'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 255]));
  return { testDb, dataDir };
}

async function snapshot(testDb: TestDatabase) {
  const h = await openDatabase(testDb.config);
  try {
    return await dumpAll(h.db);
  } finally {
    await h.close();
  }
}

describe.each(TEST_DIALECTS)('backup and restore on the command line, on %s', (dialect) => {
  it('backs up, restores into an empty database, and refuses with exit code 2 and one Chinese line', async () => {
    const source = await deployment(dialect, `${dialect}-src`);
    const target = await createTestDatabase(dialect);
    const targetData = join(dir, `${dialect}-dst`);
    try {
      const backup = await cli(['backup', `${dialect}.backup`], source.testDb.config, source.dataDir);
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toMatch(/^已备份到 .+\.backup：\d+ 张表 \d+ 行数据，1 个附件/);
      expect(existsSync(join(dir, `${dialect}.backup`))).toBe(true);
      expect(existsSync(join(dir, `${dialect}.backup.part`))).toBe(false);

      const restore = await cli(['restore', `${dialect}.backup`], target.config, targetData);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(restore.stdout).toMatch(/^已恢复自 /);
      expect(await snapshot(target)).toEqual(await snapshot(source.testDb));
      expect(filesUnder(join(targetData, 'files'))).toEqual(filesUnder(join(source.dataDir, 'files')));

      const again = await cli(['restore', `${dialect}.backup`], target.config, join(dir, `${dialect}-again`));
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/^目标数据库不是空的/);
      expect(again.stderr.trim().split('\n')).toHaveLength(1);

      const empty = await createTestDatabase(dialect);
      try {
        writeFileSync(join(dir, 'garbage.backup'), 'not a backup');
        const refusals: [string[], RegExp][] = [
          [['restore', 'garbage.backup'], /^不是平台的备份文件/],
          [['restore', 'missing.backup'], /^找不到或无法读取备份文件/],
          [['restore'], /^请指定一个备份文件/],
          [['backup', 'no-such-dir/x.backup'], /^无法写入备份文件：目录 .*no-such-dir 不存在/],
        ];
        for (const [args, message] of refusals) {
          const r = await cli(args, empty.config, join(dir, `${dialect}-empty`));
          expect(r.status, args.join(' ')).toBe(2);
          expect(r.stderr, args.join(' ')).toMatch(message);
        }
        const h = await openDatabase(empty.config);
        expect(await allTables(h.db)).toEqual([]);
        await h.close();
      } finally {
        await empty.drop();
      }
    } finally {
      await Promise.all([source.testDb.drop(), target.drop()]);
    }
  }, 240_000);
});

// One format for both databases: a SQLite deployment moves to PostgreSQL by backup and restore.
describe.runIf(TEST_DIALECTS.includes('postgres'))('a SQLite backup restored into PostgreSQL', () => {
  it('carries every table and file across', async () => {
    const source = await deployment('sqlite', 'move-src');
    const target = await createTestDatabase('postgres');
    const targetData = join(dir, 'move-dst');
    try {
      expect((await cli(['backup', 'move.backup'], source.testDb.config, source.dataDir)).status).toBe(0);
      const restore = await cli(['restore', 'move.backup'], target.config, targetData);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(await snapshot(target)).toEqual(await snapshot(source.testDb));
      expect(filesUnder(join(targetData, 'files'))).toEqual(filesUnder(join(source.dataDir, 'files')));
    } finally {
      await Promise.all([source.testDb.drop(), target.drop()]);
    }
  }, 240_000);
});
