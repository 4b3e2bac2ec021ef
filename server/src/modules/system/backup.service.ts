import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql, type Transaction } from 'kysely';
import type { Db, Dialect } from '../../db/connection.ts';
import { MIGRATION_NAMES, migrateToLatest, provider } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  BackupWriter,
  CHUNK_BYTES,
  readBackupLines,
  verifyBackup,
  type BackupSummary,
  type BackupTotals,
} from './backup-format.ts';
import { allTables, dropAllTables, parentsFirst, readSchema, resetSequences } from './backup-schema.ts';

export { BackupError, BACKUP_FORMAT, BACKUP_VERSION, verifyBackup, type BackupSummary };

/**
 * Backup and restore of a whole deployment: every table (evidence files stored in the database
 * among them, evidence_blobs) plus the attachment files earlier versions left on disk, in one file.
 * Evidence kept in an S3-compatible store (INNOCITY_FILE_STORE=s3) is not copied: the bucket is
 * backed up by the object store's own means (versioning, replication), docs/DEPLOY.md.
 *
 * Consistency: the rows are read inside one read-only transaction — REPEATABLE READ on PostgreSQL
 * (the snapshot pg_dump itself uses), a single read transaction on SQLite in WAL mode (its snapshot
 * holds until the transaction ends while writers go on) — so a backup taken while the server writes
 * holds every table as of one instant. Files are listed after that snapshot: an evidence file is put
 * in place before its row is committed and never changed afterwards, so every file a row of the
 * snapshot names is there; a file uploaded later is carried along harmlessly.
 *
 * The format is logical (rows as JSON), not a page copy or a pg_dump archive: one format for both
 * databases, so a SQLite deployment can move to PostgreSQL by backup and restore (docs/DEPLOY.md).
 */

// JSON cells: binaries as tagged base64; PostgreSQL's jsonb objects as their JSON text, which both
// a SQLite text column and a jsonb column accept.
const encodeCell = (v: unknown) =>
  Buffer.isBuffer(v)
    ? { $base64: v.toString('base64') }
    : v instanceof Date
      ? v.toISOString()
      : v !== null && typeof v === 'object'
        ? JSON.stringify(v)
        : v;
const decodeCell = (v: unknown) =>
  v !== null && typeof v === 'object' && '$base64' in v
    ? Buffer.from(String((v as { $base64: unknown }).$base64), 'base64')
    : v;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else if (e.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the backup of `db` and of the attachment folder `filesDir` to `target`; returns what it holds. */
export async function createBackup(
  db: Db,
  dialect: Dialect,
  filesDir: string,
  target: string,
  now: string,
): Promise<BackupSummary> {
  const where = await fs.promises.stat(path.dirname(target)).catch(() => null);
  if (!where?.isDirectory()) throw new BackupError(`无法写入备份文件：目录 ${path.dirname(target)} 不存在`);
  if ((await fs.promises.stat(target).catch(() => null))?.isDirectory())
    throw new BackupError(`备份文件的位置是一个目录，请给出文件名：${target}`);
  await fs.promises.access(path.dirname(target), fs.constants.W_OK).catch(() => {
    throw new BackupError(`无法写入备份文件：没有目录 ${path.dirname(target)} 的写权限`);
  });
  const writer = new BackupWriter(target);
  const totals: BackupTotals = { rowCounts: {}, files: 0, fileBytes: 0 };
  let migration = '';
  const read = async (trx: Transaction<Database>) => {
    const last = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`
      .execute(trx)
      .catch(() => ({ rows: [] }));
    migration = last.rows[0]?.name ?? '';
    if (!migration) throw new BackupError('数据库还没有建立表结构（从未启动过服务），没有可备份的内容');
    await writer.write({ format: BACKUP_FORMAT, version: BACKUP_VERSION, dialect, migration, createdAt: now });
    const schema = await readSchema(trx, dialect);
    for (const t of schema.tables) {
      if (t === 'evidence_blobs') {
        totals.rowCounts[t] = await writeEvidenceBlobs(trx, writer);
        continue;
      }
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(trx)).rows;
      for (const row of parentsFirst(rows, schema.selfLinks.get(t) ?? [])) {
        const cells = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encodeCell(v)]));
        await writer.write({ table: t, row: cells });
      }
      totals.rowCounts[t] = rows.length;
      // better-sqlite3 answers synchronously: yield between tables so a server sharing this process
      // keeps serving while the backup reads. The snapshot does not move.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    if (dialect === 'postgres')
      await db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(read);
    else await db.transaction().execute(read);
    for (const rel of await listFiles(filesDir)) {
      if (rel.endsWith('.part')) continue; // an upload still arriving; its row does not exist yet
      const full = path.join(filesDir, rel);
      const size = (await fs.promises.stat(full).catch(() => null))?.size;
      if (size === undefined) continue;
      const sha256 = await sha256Of(full);
      await writer.write({ file: rel, size, sha256 });
      for await (const chunk of fs.createReadStream(full, { highWaterMark: CHUNK_BYTES })) {
        await writer.write({ chunk: (chunk as Buffer).toString('base64') });
      }
      totals.files++;
      totals.fileBytes += size;
    }
    await writer.write({ end: totals });
    await writer.finish();
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, dialect, migration, createdAt: now, ...totals };
}

/**
 * Evidence bytes (1 MB chunks) are paged through in key order inside the same snapshot, a few
 * chunks at a time: the table can hold gigabytes, which `select *` would load at once.
 */
async function writeEvidenceBlobs(trx: Transaction<Database>, writer: BackupWriter): Promise<number> {
  let after: { key: string; seq: number } | null = null;
  let count = 0;
  for (;;) {
    let q = trx.selectFrom('evidence_blobs').select(['storage_key', 'seq', 'content']);
    if (after) {
      const a: { key: string; seq: number } = after;
      q = q.where((e) =>
        e.or([e('storage_key', '>', a.key), e.and([e('storage_key', '=', a.key), e('seq', '>', a.seq)])]),
      );
    }
    const page = await q.orderBy('storage_key').orderBy('seq').limit(BLOB_PAGE_ROWS).execute();
    for (const row of page)
      await writer.write({ table: 'evidence_blobs', row: { ...row, content: encodeCell(Buffer.from(row.content)) } });
    count += page.length;
    if (page.length < BLOB_PAGE_ROWS) return count;
    after = { key: page.at(-1)!.storage_key, seq: page.at(-1)!.seq };
  }
}

/** Evidence chunks read, and restored, per statement: about 8 MB at a time. */
const BLOB_PAGE_ROWS = 8;

const BATCH_PARAMS = 5000;

/**
 * Restores `file` into an empty database (no tables at all) and an empty or absent `filesDir`.
 * The file is checked completely first; then the schema is brought to the backup's migration, the
 * rows go in one transaction, the files into a staging folder renamed into place after the commit,
 * and the remaining migrations run. Any refusal or failure leaves the database and folder as found.
 */
export async function restoreBackup(db: Db, dialect: Dialect, filesDir: string, file: string): Promise<BackupSummary> {
  const summary = await verifyBackup(file, MIGRATION_NAMES());
  const existing = await allTables(db);
  if (existing.length > 0)
    throw new BackupError(
      `目标数据库不是空的（已有 ${existing.length} 张表），拒绝恢复；请恢复到新建的空数据库（SQLite 指向一个新文件，PostgreSQL 用 createdb 新建）`,
    );
  if ((await listFiles(filesDir)).length > 0) throw new BackupError(`附件目录不是空的，拒绝恢复：${filesDir}`);
  const staging = `${filesDir}.restoring-${process.pid}`;
  await fs.promises.rm(staging, { recursive: true, force: true });
  await fs.promises.mkdir(staging, { recursive: true });
  try {
    const { error } = await new Migrator({ db, provider }).migrateTo(summary.migration);
    if (error) throw error;
    await db.transaction().execute(async (trx) => {
      if (dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
      const { tables } = await readSchema(trx, dialect);
      // Rows the migrations seed (e.g. the default region) give way to the backup's own.
      for (const t of [...tables].reverse()) await sql`delete from ${sql.table(t)}`.execute(trx);
      await loadLines(trx, file, tables, staging);
      if (dialect === 'postgres') for (const t of tables) await resetSequences(trx, t);
    });
    await migrateToLatest(db);
    await fs.promises.rm(filesDir, { recursive: true, force: true }); // empty or absent, checked above
    await fs.promises.mkdir(path.dirname(filesDir), { recursive: true });
    await fs.promises.rename(staging, filesDir);
  } catch (err) {
    await dropAllTables(db, dialect).catch(() => undefined);
    await fs.promises.rm(staging, { recursive: true, force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`恢复失败，数据库已还原为空：${(err as Error).message}`);
  }
  return summary;
}

/**
 * Tables that database triggers write while the other tables are loaded (the plans' data versions):
 * their rows are put back last, over whatever the triggers wrote, so they come back as backed up.
 */
const TRIGGER_WRITTEN = new Set(['data_version_log']);

/** Second pass over the verified file: rows in batches, table by table in the file's order; files to `staging`. */
async function loadLines(trx: Transaction<Database>, file: string, tables: string[], staging: string): Promise<void> {
  let batch: { table: string; cols: string[]; rows: Record<string, unknown>[] } | null = null;
  const insert = async (table: string, cols: string[], rows: Record<string, unknown>[]) => {
    const values = rows.map((r) => sql`(${sql.join(cols.map((c) => decodeCell(r[c])))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(
      trx,
    );
  };
  const later = new Map<string, Record<string, unknown>[]>();
  const flush = async () => {
    if (!batch || batch.rows.length === 0) return;
    const { table, cols, rows } = batch;
    if (TRIGGER_WRITTEN.has(table)) later.set(table, [...(later.get(table) ?? []), ...rows]);
    else await insert(table, cols, rows);
    batch = null;
  };
  let out: fs.WriteStream | null = null;
  const closeOut = async () => {
    if (!out) return;
    const stream = out;
    out = null;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  };
  let first = true;
  for await (const { value } of readBackupLines(file)) {
    if (first) {
      first = false; // the header, checked by verifyBackup
      continue;
    }
    const line = value as Record<string, unknown>;
    if ('table' in line) {
      const table = line.table as string;
      if (!tables.includes(table)) throw new BackupError(`备份中的表 ${table} 在该版本的数据库结构中不存在`);
      const row = line.row as Record<string, unknown>;
      const cols = Object.keys(row);
      if (batch && (batch.table !== table || batch.cols.join() !== cols.join())) await flush();
      batch ??= { table, cols, rows: [] };
      batch.rows.push(row);
      if ((batch.rows.length + 1) * cols.length > BATCH_PARAMS) await flush();
      else if (table === 'evidence_blobs' && batch.rows.length >= BLOB_PAGE_ROWS) await flush();
    } else if ('file' in line) {
      await flush();
      await closeOut();
      const target = path.join(staging, ...(line.file as string).split('/'));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      out = fs.createWriteStream(target, { flags: 'wx' });
    } else if ('chunk' in line && out) {
      const stream: fs.WriteStream = out;
      if (!stream.write(Buffer.from(line.chunk as string, 'base64')))
        await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    } else if ('end' in line) {
      await flush();
      await closeOut();
    }
  }
  await flush();
  await closeOut();
  for (const [table, rows] of later) {
    await sql`delete from ${sql.table(table)}`.execute(trx);
    for (let i = 0; i < rows.length; i += 100) {
      const part = rows.slice(i, i + 100);
      await insert(table, Object.keys(part[0]!), part);
    }
  }
}
