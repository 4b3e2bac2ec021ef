import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { createUser } from '../../test/factories.ts';
import { TEST_DIALECTS, createTestDatabase } from '../../test/databases.ts';
import { BackupError, createBackup, readBackup, restoreBackup } from './backup.service.ts';

const dir = mkdtempSync(join(tmpdir(), 'innocity-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = () => ({ actor: null, requestId: null, ip: null, now: new Date().toISOString() });

async function dump(db: Db, tables: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    out[t] = rows.rows
      .map((r) => JSON.parse(JSON.stringify(r)))
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

describe.each(TEST_DIALECTS)('backup and restore (%s)', (dialect) => {
  it('a backup taken while the server writes restores into an empty database row for row, files byte for byte', async () => {
    const source = await createTestDatabase(dialect);
    const target = await createTestDatabase(dialect);
    // Two connections to the source, as the server and the backup command are two processes.
    const server = await openDatabase(source.config);
    await migrateToLatest(server.db);
    const backupConn = await openDatabase(source.config);
    const restored = await openDatabase(target.config);
    try {
      await createUser(server.db, { roles: ['admin'] });
      const files = join(dir, `${dialect}-files`);
      mkdirSync(join(files, 'ab'), { recursive: true });
      const evidence = Buffer.from([0, 1, 2, 255, 0x89, 0x50, 0x4e, 0x47]);
      writeFileSync(join(files, 'ab', 'evidence.bin'), evidence);
      writeFileSync(join(files, '证明材料.txt'), '年度报告');

      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await recordAudit(server.db, ctx(), {
            action: 'test.write',
            entityType: 'test',
            entityId: String(written),
            after: { n: written },
          });
          written++;
        }
      })();
      while (written < 20) await new Promise((r) => setTimeout(r, 5));
      const file = join(dir, `${dialect}.backup`);
      const manifest = await createBackup(backupConn.db, dialect, files, file, ctx().now);
      const afterBackup = written;
      while (written < afterBackup + 20) await new Promise((r) => setTimeout(r, 5));
      writing = false;
      await writer;

      const restoredFiles = join(dir, `${dialect}-restored`);
      await restoreBackup(restored.db, dialect, restoredFiles, file);

      // The restored database equals the backup's snapshot: every row of the source that the backup
      // holds, and the counts in the manifest; the writes after it are not there.
      const body = await readBackup(file);
      const tables = Object.keys(manifest.rowCounts);
      expect(tables).toContain('audit_log');
      const back = await dump(restored.db, tables);
      const now = await dump(server.db, tables);
      for (const t of tables) {
        expect(back[t]!.length, t).toBe(manifest.rowCounts[t]);
        if (t !== 'audit_log') expect(back[t], t).toEqual(now[t]);
      }
      const snapshotAudit = (body.tables.audit_log ?? []).map((r) => String(r.id));
      const sourceAudit = now.audit_log!.filter((r) => snapshotAudit.includes(String((r as { id: unknown }).id)));
      expect(back.audit_log).toEqual(sourceAudit);
      expect(manifest.rowCounts.audit_log).toBeGreaterThanOrEqual(20);
      expect(now.audit_log!.length).toBeGreaterThan(manifest.rowCounts.audit_log!);
      expect(readFileSync(join(restoredFiles, 'ab', 'evidence.bin'))).toEqual(evidence);
      expect(readFileSync(join(restoredFiles, '证明材料.txt'), 'utf8')).toBe('年度报告');
      expect(manifest).toMatchObject({ dialect, format: 'innocity-backup', files: 2 });

      // The restored deployment keeps working: the same user logs in, new rows go in.
      await recordAudit(restored.db, ctx(), { action: 'after.restore', entityType: 'test', entityId: null });

      // A second restore into the now non-empty database is refused, and changes nothing.
      const before = await dump(restored.db, tables);
      await expect(restoreBackup(restored.db, dialect, join(dir, `${dialect}-other`), file)).rejects.toThrow(
        /目标数据库不是空的/,
      );
      expect(await dump(restored.db, tables)).toEqual(before);
    } finally {
      await Promise.all([server.close(), backupConn.close(), restored.close()]);
      await Promise.all([source.drop(), target.drop()]);
    }
  });

  it('refuses a file that is not a backup, or a backup of a newer schema, and leaves the database untouched', async () => {
    const target = await createTestDatabase(dialect);
    const db = await openDatabase(target.config);
    try {
      const notBackup = join(dir, `${dialect}-plain.txt`);
      writeFileSync(notBackup, 'hello');
      await expect(restoreBackup(db.db, dialect, join(dir, 'x'), notBackup)).rejects.toThrow(BackupError);
      await expect(restoreBackup(db.db, dialect, join(dir, 'x'), notBackup)).rejects.toThrow(/不是平台的备份文件/);
      const otherJson = join(dir, `${dialect}-other.gz`);
      writeFileSync(otherJson, gzipSync(Buffer.from('{"a":1}')));
      await expect(restoreBackup(db.db, dialect, join(dir, 'x'), otherJson)).rejects.toThrow(/不是平台的备份文件/);
      const newer = join(dir, `${dialect}-newer.backup`);
      const manifest = {
        format: 'innocity-backup',
        version: 1,
        dialect,
        migration: '29991231-9901-future',
        createdAt: '',
        rowCounts: {},
        files: 0,
      };
      writeFileSync(newer, gzipSync(Buffer.from(JSON.stringify({ manifest, tables: {}, files: [] }))));
      await expect(restoreBackup(db.db, dialect, join(dir, 'x'), newer)).rejects.toThrow(/更新版本的数据库结构/);
      expect(await db.db.introspection.getTables()).toEqual([]);
    } finally {
      await db.close();
      await target.drop();
    }
  });
});
