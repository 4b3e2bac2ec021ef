import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { KyselyPlugin } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { actorWith } from '../../test/actors.ts';
import { TEST_DIALECTS, createTestDatabase } from '../../test/databases.ts';
import { createUser } from '../../test/factories.ts';
import { createUnit } from '../units/unit.service.ts';
import { databaseStore } from '../reporting/attachment.store.ts';
import { allTables } from './backup-schema.ts';
import { BackupError, createBackup, restoreBackup } from './backup.service.ts';
import { digest, dumpAll, filesUnder } from './backup.testkit.ts';

const dir = mkdtempSync(join(tmpdir(), 'innocity-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ctx = (actor: { id: string; displayName: string } | null = null) => ({
  actor,
  requestId: null,
  ip: null,
  now: new Date().toISOString(),
});

/** A deployment's attachment folder: nested, binary, a Chinese name, one file of several 1 MB chunks. */
function seedFiles(files: string): Record<string, Buffer> {
  const content: Record<string, Buffer> = {
    [join('2026-12', 'a.bin')]: Buffer.from([0, 1, 2, 255, 0x89, 0x50, 0x4e, 0x47, 0x0a, 0x0d]),
    [join('2026-12', 'big.bin')]: randomBytes(2.5 * 1024 * 1024),
    ['证明材料.txt']: Buffer.from('年度报告\n'),
    ['empty.txt']: Buffer.alloc(0),
  };
  for (const [p, b] of Object.entries(content)) {
    mkdirSync(join(files, p, '..'), { recursive: true });
    writeFileSync(join(files, p), b);
  }
  return content;
}

describe.each(TEST_DIALECTS)('backup and restore (%s)', (dialect) => {
  it('a backup taken while units are being created restores as one instant: every table row for row, files byte for byte', async () => {
    const source = await createTestDatabase(dialect);
    const target = await createTestDatabase(dialect);
    // Two connections to the source, as the server and the backup command are two processes.
    const server = await openDatabase(source.config);
    await migrateToLatest(server.db);
    const backupConn = await openDatabase(source.config);
    const restored = await openDatabase(target.config);
    try {
      const admin = await createUser(server.db, { roles: ['admin'], displayName: '管理员' });
      await createUser(server.db, { roles: ['office'] });
      const actor = actorWith(['admin'], [], admin.id);
      const files = join(dir, `${dialect}-files`);
      const content = seedFiles(files);
      // Evidence stored in the database (the default store): one file of three 1 MB chunks, one small.
      const evidence = {
        '2026-12/db-big.bin': randomBytes(2.5 * 1024 * 1024),
        '2026-12/db-small.bin': randomBytes(10),
      };
      for (const [key, bytes] of Object.entries(evidence)) {
        const tmp = join(dir, `${dialect}-evidence.tmp`);
        writeFileSync(tmp, bytes);
        await server.db.transaction().execute((trx) => databaseStore.put(trx, key, tmp, ''));
      }
      writeFileSync(join(files, '2026-12', 'upload.bin.part'), 'an upload still arriving');

      // The server keeps creating units, each under the previous one, each with its audit row in the
      // same transaction: a backup that read the tables at different moments would hold units without
      // their audit rows (or the reverse), or a child without its parent.
      const created: string[] = [];
      let writing = true;
      const writer = (async () => {
        let parentId: string | null = null;
        while (writing) {
          const n = created.length;
          const unit = await createUnit(
            server.db,
            actor,
            { code: `W${n}`, name: `写入单位${n}`, fullName: null, aliases: [], kind: 'department', parentId },
            ctx({ id: admin.id, displayName: '管理员' }),
          );
          created.push(unit.id);
          parentId = unit.id;
          // A server serves one request per turn of the event loop, not in one endless microtask chain.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      while (created.length < 10) await new Promise((r) => setTimeout(r, 2));
      const atStart = created.length;
      const file = join(dir, `${dialect}.backup`);
      // Each query of the backup waits for one more committed unit, so writes land between every two
      // of its reads on both databases, whatever the timing of the machine.
      const interleave: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          const seen = created.length;
          while (writing && created.length === seen) await new Promise((r) => setTimeout(r, 1));
          return args.result;
        },
      };
      const summary = await createBackup(backupConn.db.withPlugin(interleave), dialect, files, file, ctx().now);
      const atEnd = created.length;
      while (created.length < atEnd + 5) await new Promise((r) => setTimeout(r, 2));
      writing = false;
      await writer;
      expect(atEnd - atStart, 'the server wrote during the backup').toBeGreaterThan(40);

      const restoredFiles = join(dir, `${dialect}-restored`);
      await restoreBackup(restored.db, dialect, restoredFiles, file);

      const back = await dumpAll(restored.db);
      const now = await dumpAll(server.db);
      // The same tables, from each database's own schema: a table the backup forgot would show here.
      expect(Object.keys(back)).toEqual(Object.keys(now));
      // The writer's units in the backup are exactly the first k it created, k between the counts
      // seen when the backup began and ended: one instant of the server's history.
      const unitIds = back.units!.map((u) => String(u.id));
      const k = created.findIndex((id) => !unitIds.includes(id));
      expect(k).toBeGreaterThanOrEqual(atStart);
      expect(k).toBeLessThanOrEqual(atEnd);
      expect(created.slice(0, k).every((id) => unitIds.includes(id))).toBe(true);
      expect(created.slice(k).some((id) => unitIds.includes(id))).toBe(false);
      const auditedUnits = back.audit_logs!.filter((a) => a.entity_type === 'unit').map((a) => String(a.entity_id));
      expect(auditedUnits.sort()).toEqual(created.slice(0, k).sort());
      for (const [t, rows] of Object.entries(now)) {
        if (t === 'units' || t === 'audit_logs') {
          // Rows written after the instant are missing; every row present is the source's row.
          const later = new Set(created.slice(k));
          const asOfBackup = rows.filter((r) => !later.has(String(t === 'units' ? r.id : r.entity_id)));
          expect(back[t], t).toEqual(asOfBackup);
        } else if (t === 'data_version_log') {
          // The writer's units bump the deployment-wide version after the instant too (and a write may
          // compact the log): per scope the restored sum is the backed-up one, never ahead of the
          // source, and the plans' sums are untouched.
          const sums = (log: Record<string, unknown>[]) => {
            const by: Record<string, number> = {};
            for (const r of log) by[String(r.scope)] = (by[String(r.scope)] ?? 0) + Number(r.weight);
            return by;
          };
          const [was, is] = [sums(back[t]!), sums(rows)];
          expect(Object.keys(was).sort(), t).toEqual(Object.keys(is).sort());
          for (const [scope, v] of Object.entries(was)) {
            expect(v).toBeLessThanOrEqual(is[scope]!);
            if (scope !== '*') expect(v, scope).toBe(is[scope]);
          }
        } else expect(back[t], t).toEqual(rows);
      }
      expect(summary.rowCounts.units).toBe(back.units!.length);

      // Byte for byte: the same paths, lengths and SHA-256; the upload still arriving is left out.
      expect(filesUnder(restoredFiles)).toEqual(
        Object.fromEntries(Object.entries(content).map(([p, b]) => [p.split(sep).join('/'), digest(b)])),
      );
      expect(summary).toMatchObject({ dialect, format: 'innocity-backup', files: 4 });
      // Evidence in the database, byte for byte, read back as a download reads it.
      expect(summary.rowCounts.evidence_blobs).toBe(4);
      for (const [key, bytes] of Object.entries(evidence)) {
        const stream = await databaseStore.open(restored.db, key);
        const chunks: Buffer[] = [];
        for await (const c of stream!) chunks.push(c as Buffer);
        expect(digest(Buffer.concat(chunks)), key).toBe(digest(bytes));
      }

      // The restored deployment keeps working: new units (and audit rows, whose ids PostgreSQL numbers) go in.
      await createUnit(
        restored.db,
        actor,
        { code: 'AFTER', name: '恢复后新建', fullName: null, aliases: [], kind: 'department', parentId: null },
        ctx({ id: admin.id, displayName: '管理员' }),
      );

      // A second restore into the now non-empty database is refused, and changes nothing.
      const before = await dumpAll(restored.db);
      await expect(restoreBackup(restored.db, dialect, join(dir, `${dialect}-other`), file)).rejects.toThrow(
        /目标数据库不是空的/,
      );
      expect(await dumpAll(restored.db)).toEqual(before);
      expect(existsSync(join(dir, `${dialect}-other`))).toBe(false);
    } finally {
      await Promise.all([server.close(), backupConn.close(), restored.close()]);
      await Promise.all([source.drop(), target.drop()]);
    }
  }, 120_000);

  it('refuses damaged, foreign and newer files, a non-empty folder, and a failing row, leaving database and folder as found', async () => {
    const source = await createTestDatabase(dialect);
    const target = await createTestDatabase(dialect);
    const src = await openDatabase(source.config);
    const db = await openDatabase(target.config);
    try {
      await migrateToLatest(src.db);
      await createUser(src.db, { roles: ['admin'] });
      const files = join(dir, `${dialect}-r-files`);
      seedFiles(files);
      const good = join(dir, `${dialect}-r.backup`);
      await createBackup(src.db, dialect, files, good, ctx().now);
      const lines = gunzipSync(readFileSync(good)).toString('utf8').trimEnd().split('\n');
      const write = (name: string, content: Buffer | string) => {
        const p = join(dir, `${dialect}-${name}`);
        writeFileSync(p, content);
        return p;
      };
      const gz = (ls: string[]) => gzipSync(Buffer.from(`${ls.join('\n')}\n`));
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      const withHeader = (h: Record<string, unknown>) => gz([JSON.stringify({ ...header, ...h }), ...lines.slice(1)]);
      const raw = readFileSync(good);
      const flipped = Buffer.from(raw);
      const mid = Math.floor(raw.length / 2);
      flipped[mid] = raw[mid]! ^ 0xff;
      const rowLine = lines.findIndex((l) => l.startsWith('{"table":"users"'));
      const badRow = JSON.parse(lines[rowLine]!) as { row: Record<string, unknown> };
      badRow.row.no_such_column = 1;

      const cases: [string, string, RegExp][] = [
        ['missing file', join(dir, 'nope.backup'), /找不到或无法读取备份文件/],
        ['plain text', write('plain.txt', 'hello'), /不是平台的备份文件/],
        ['other gzip JSON', write('other.gz', gzipSync('{"a":1}\n')), /不是平台的备份文件/],
        ['newer format version', write('v2.backup', withHeader({ version: 2 })), /格式版本 2 比本程序新/],
        [
          'newer schema',
          write('schema.backup', withHeader({ migration: '29991231-9901-future' })),
          /更新版本的数据库结构/,
        ],
        ['truncated', write('cut.backup', raw.subarray(0, Math.floor(raw.length * 0.6))), /不完整|截断/],
        ['cut at a line', write('cut-line.backup', gz(lines.slice(0, -1))), /没有结尾标记/],
        ['a row missing', write('row-gone.backup', gz(lines.filter((_, i) => i !== rowLine))), /表 users 应有/],
        ['corrupted byte', write('flip.backup', flipped), /已损坏|不完整|不是平台/],
        [
          'a row that does not fit the schema',
          write('bad-row.backup', gz(lines.map((l, i) => (i === rowLine ? JSON.stringify(badRow) : l)))),
          /恢复失败，数据库已还原为空/,
        ],
      ];
      const restoredFiles = join(dir, `${dialect}-r-restored`);
      for (const [what, file, message] of cases) {
        const err = await restoreBackup(db.db, dialect, restoredFiles, file).catch((e: unknown) => e);
        expect(err, what).toBeInstanceOf(BackupError);
        expect((err as Error).message, what).toMatch(message);
        expect(await allTables(db.db), what).toEqual([]);
        expect(existsSync(restoredFiles), what).toBe(false);
      }
      // A folder that already holds files is refused before anything is written.
      mkdirSync(restoredFiles, { recursive: true });
      writeFileSync(join(restoredFiles, 'keep.txt'), 'keep');
      await expect(restoreBackup(db.db, dialect, restoredFiles, good)).rejects.toThrow(/附件目录不是空的/);
      expect(await allTables(db.db)).toEqual([]);
      expect(readdirSync(restoredFiles)).toEqual(['keep.txt']);
      // The good file restores into the same database once the folder is empty.
      rmSync(restoredFiles, { recursive: true });
      await restoreBackup(db.db, dialect, restoredFiles, good);
      expect(await dumpAll(db.db)).toEqual(await dumpAll(src.db));
    } finally {
      await Promise.all([src.close(), db.close()]);
      await Promise.all([source.drop(), target.drop()]);
    }
  }, 120_000);

  it('refuses to back up a database that has no schema yet', async () => {
    const source = await createTestDatabase(dialect);
    const db = await openDatabase(source.config);
    try {
      const file = join(dir, `${dialect}-none.backup`);
      await expect(createBackup(db.db, dialect, join(dir, 'none'), file, ctx().now)).rejects.toThrow(
        /还没有建立表结构/,
      );
      expect(existsSync(file) || existsSync(`${file}.part`)).toBe(false);
    } finally {
      await db.close();
      await source.drop();
    }
  });
});
