import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Migrator, sql, type Transaction } from 'kysely';
import type { Db, Dialect } from '../../db/connection.ts';
import { MIGRATION_NAMES, migrateToLatest, provider } from '../../db/migrate.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Backup and restore of a whole deployment: every table (a logical export, portable between the two
 * databases) plus the attachment files, in one gzip'd JSON file with a manifest. The rows are read in
 * one snapshot (a SQLite read transaction in WAL mode; REPEATABLE READ on PostgreSQL), so a backup
 * taken while the server writes holds each table as of one instant.
 */

export const BACKUP_FORMAT = 'innocity-backup';
export const BACKUP_VERSION = 1;

export class BackupError extends Error {}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  dialect: Dialect;
  migration: string;
  createdAt: string;
  rowCounts: Record<string, number>;
  files: number;
}

interface BackupFile {
  manifest: BackupManifest;
  tables: Record<string, Record<string, unknown>[]>;
  files: { path: string; base64: string }[];
}

const isBookkeeping = (t: string) => t.startsWith('kysely_migration');

/** Tables in an order where each comes after the tables its foreign keys point at. */
async function tablesInOrder(db: Db | Transaction<Database>, dialect: Dialect): Promise<string[]> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !isBookkeeping(n));
  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  if (dialect === 'sqlite') {
    for (const t of tables) {
      const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      for (const fk of fks.rows) if (fk.table !== t) deps.get(t)!.add(fk.table);
    }
  } else {
    const fks = await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
    for (const fk of fks.rows) if (fk.child !== fk.parent) deps.get(fk.child)?.add(fk.parent);
  }
  const ordered: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const d of deps.get(t) ?? []) visit(d, seen);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, new Set());
  return ordered;
}

// Binary cells survive JSON as tagged base64.
const encodeCell = (v: unknown) =>
  Buffer.isBuffer(v) ? { $base64: v.toString('base64') } : v instanceof Date ? v.toISOString() : v;
const decodeCell = (v: unknown) =>
  v && typeof v === 'object' && '$base64' in v ? Buffer.from(String((v as { $base64: string }).$base64), 'base64') : v;

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else if (e.isFile()) out.push(path.relative(base, full));
  }
  return out.sort();
}

/** Writes the backup of `db` and of the attachment folder `filesDir` to `target`; returns its manifest. */
export async function createBackup(
  db: Db,
  dialect: Dialect,
  filesDir: string,
  target: string,
  now: string,
): Promise<BackupManifest> {
  const read = async (trx: Transaction<Database>) => {
    const migration = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
      trx,
    );
    const tables: BackupFile['tables'] = {};
    for (const t of await tablesInOrder(trx, dialect)) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(trx);
      tables[t] = rows.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, encodeCell(v)])));
    }
    return { migration: migration.rows[0]?.name ?? '', tables };
  };
  const snapshot =
    dialect === 'postgres'
      ? await db.transaction().setIsolationLevel('repeatable read').execute(read)
      : await db.transaction().execute(read);
  // Files are only ever added under new names, so reading them after the snapshot misses none it refers to.
  const files = await Promise.all(
    (await listFiles(filesDir)).map(async (p) => ({
      path: p.split(path.sep).join('/'),
      base64: (await fs.readFile(path.join(filesDir, p))).toString('base64'),
    })),
  );
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    dialect,
    migration: snapshot.migration,
    createdAt: now,
    rowCounts: Object.fromEntries(Object.entries(snapshot.tables).map(([t, rows]) => [t, rows.length])),
    files: files.length,
  };
  const body: BackupFile = { manifest, tables: snapshot.tables, files };
  await fs.writeFile(target, gzipSync(Buffer.from(JSON.stringify(body))));
  return manifest;
}

/** Reads and checks a backup file; refuses (BackupError) anything that is not one this version can restore. */
export async function readBackup(file: string): Promise<BackupFile> {
  const raw = await fs.readFile(file).catch(() => {
    throw new BackupError(`找不到或无法读取备份文件：${file}`);
  });
  let body: BackupFile;
  try {
    body = JSON.parse(gunzipSync(raw).toString('utf8')) as BackupFile;
  } catch {
    throw new BackupError(`不是平台的备份文件：${file}`);
  }
  const m = body?.manifest;
  if (!m || m.format !== BACKUP_FORMAT || typeof body.tables !== 'object' || !Array.isArray(body.files)) {
    throw new BackupError(`不是平台的备份文件：${file}`);
  }
  if (m.version > BACKUP_VERSION) throw new BackupError(`备份文件格式版本 ${m.version} 比本程序新，请先升级平台再恢复`);
  if (!MIGRATION_NAMES().includes(m.migration)) {
    throw new BackupError(`备份来自更新版本的数据库结构（${m.migration}），请先升级平台再恢复`);
  }
  for (const [t, n] of Object.entries(m.rowCounts)) {
    if (body.tables[t]?.length !== n) throw new BackupError(`备份文件不完整：表 ${t} 应有 ${n} 行`);
  }
  return body;
}

/** Rows in the database's own tables (not the migration bookkeeping); 0 for a freshly created database. */
async function applicationRows(db: Db): Promise<number> {
  let total = 0;
  for (const t of (await db.introspection.getTables()).map((x) => x.name).filter((n) => !isBookkeeping(n))) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    total += Number(r.rows[0]?.n ?? 0);
  }
  return total;
}

/**
 * Restores `file` into the empty database `db` and the empty folder `filesDir`. The schema is first
 * brought to the backup's migration (rows fit the columns they were read from), the rows go in one
 * transaction, then the remaining migrations run and the files are written.
 */
export async function restoreBackup(db: Db, dialect: Dialect, filesDir: string, file: string): Promise<BackupManifest> {
  const backup = await readBackup(file);
  if ((await applicationRows(db)) > 0) throw new BackupError('目标数据库不是空的，拒绝恢复（请恢复到新建的空数据库）');
  if ((await listFiles(filesDir)).length > 0) throw new BackupError(`附件目录不是空的，拒绝恢复：${filesDir}`);
  const { error } = await new Migrator({ db, provider }).migrateTo(backup.manifest.migration);
  if (error) throw error;
  await db.transaction().execute(async (trx) => {
    if (dialect === 'sqlite') await sql`pragma defer_foreign_keys = on`.execute(trx);
    const order = await tablesInOrder(trx, dialect);
    // Rows the migrations seed (e.g. the default region) give way to the backup's own.
    for (const t of [...order].reverse()) await sql`delete from ${sql.table(t)}`.execute(trx);
    for (const t of order) {
      for (const row of backup.tables[t] ?? []) {
        const cols = Object.keys(row);
        await sql`insert into ${sql.table(t)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(cols.map((c) => decodeCell(row[c])))})`.execute(
          trx,
        );
      }
      if (dialect === 'postgres') await resetSequences(trx, t);
    }
  });
  await migrateToLatest(db);
  for (const f of backup.files) {
    const target = path.resolve(filesDir, f.path);
    if (!target.startsWith(path.resolve(filesDir) + path.sep))
      throw new BackupError(`备份中的文件路径不合法：${f.path}`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, Buffer.from(f.base64, 'base64'));
  }
  return backup.manifest;
}

/** Explicit ids leave PostgreSQL's sequences behind; the next insert must not collide with a restored row. */
async function resetSequences(trx: Transaction<Database>, table: string): Promise<void> {
  const cols = await sql<{ column_name: string; seq: string | null }>`
    select column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
    from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(trx);
  for (const c of cols.rows) {
    if (!c.seq) continue;
    await sql`select setval(${c.seq}, coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
