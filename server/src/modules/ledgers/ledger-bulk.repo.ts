import { CompiledQuery, sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { copyData, copyStatement } from '../../db/pg-copy.ts';
import type { LedgerRowsTable } from './ledger.table.ts';
import { isPostgres } from './ledger-json.repo.ts';
import { toVersion, type LedgerRowVersion } from './ledger-row.repo.ts';

// Lookups and inserts of many ledger rows at once, for an import of 100,000 rows as much as for one
// row typed in: written as plain SQL with few parameters, since building and compiling 500-row
// inserts through the query builder cost an import about a second of CPU per 100,000 rows.

const COLUMNS = [
  'id',
  'row_id',
  'version',
  'plan_id',
  'ledger_type_id',
  'unit_id',
  'data',
  'natural_key',
  'search_text',
  'valid_from',
  'valid_to',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
/**
 * Rows per SQLite statement: 15,000 parameters, under its limit of 32,766; an import's batch of
 * 2,000 rows is two statements of the same text.
 */
const SQLITE_ROWS = 1000;
/** Keys per SQLite lookup (the IN list), well under the parameter limit. */
const SQLITE_KEYS = 5000;

/**
 * Runs `write` (inside the caller's transaction) with the plan's per-row data-version count
 * suspended, then counts the plan's version once if `changed(result)` says rows were written.
 * SQLite only (migration 20261204-1731): its row triggers ran two statements per imported row;
 * the hold row is inserted and deleted within the transaction, so it never commits and a failed
 * write rolls the version back with everything else. PostgreSQL's triggers already count once
 * per statement: `write` runs as it is.
 */
export async function withPlanVersionHeld<T>(
  db: Db,
  planId: string,
  write: () => Promise<T>,
  changed: (result: T) => boolean,
): Promise<T> {
  if (isPostgres(db)) return write();
  await sql`INSERT INTO data_version_holds (scope) VALUES (${planId})`.execute(db);
  const result = await write();
  await sql`DELETE FROM data_version_holds WHERE scope = ${planId}`.execute(db);
  if (changed(result)) {
    // The statements of the row trigger, run once.
    await sql`INSERT INTO data_version_log (scope, txid, weight) SELECT ${planId}, 0, 0
      WHERE NOT EXISTS (SELECT 1 FROM data_version_log WHERE scope = ${planId} AND txid = 0)`.execute(db);
    await sql`UPDATE data_version_log SET weight = weight + 1 WHERE scope = ${planId} AND txid = 0`.execute(db);
  }
  return result;
}

/** Whether the type has any current row (of any unit): when it has none, an import need look up no key. */
export async function hasLiveRows(db: Db, typeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ledger_rows')
    .select('id')
    .where('ledger_type_id', '=', typeId)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current versions of the type holding any of the natural keys. */
export async function findLiveByKeys(db: Db, typeId: string, keys: string[]): Promise<LedgerRowVersion[]> {
  if (keys.length === 0) return [];
  if (isPostgres(db)) {
    // One array parameter, each key probed through the live-key index. A plain join or `IN (…)` is
    // planned from statistics taken before the import began (a handful of rows); once the import
    // has written many rows of the type, PostgreSQL then reads all of them for every batch, which
    // made the import quadratic. LIMIT 1 (the live key is unique anyway) keeps the subquery from
    // being flattened into such a join.
    const { rows } = await sql<Selectable<LedgerRowsTable>>`
      SELECT r.* FROM unnest(${keys}::text[]) AS k(key)
      CROSS JOIN LATERAL (
        SELECT * FROM ledger_rows
        WHERE ledger_type_id = ${typeId} AND natural_key = k.key AND deleted_at IS NULL
        LIMIT 1
      ) r`.execute(db);
    return rows.map(toVersion);
  }
  const out: LedgerRowVersion[] = [];
  for (let i = 0; i < keys.length; i += SQLITE_KEYS) {
    const rows = await db
      .selectFrom('ledger_rows')
      .selectAll()
      .where('ledger_type_id', '=', typeId)
      .where('deleted_at', 'is', null)
      .where('natural_key', 'in', keys.slice(i, i + SQLITE_KEYS))
      .execute();
    for (const r of rows) out.push(toVersion(r));
  }
  return out;
}

/**
 * The values' text without the JSON keys, for the substring search. A loop of concatenations was
 * tried: 3 × slower per 100,000 rows (JSON.stringify then flattens every concatenated text).
 */
const searchText = (v: LedgerRowVersion) => Object.values(v.values).map(String).join(' ');

/** A version's column values in COLUMNS order, `data` as JSON text. */
const columnValues = (v: LedgerRowVersion) => [
  v.id,
  v.rowId,
  v.version,
  v.planId,
  v.typeId,
  v.unitId,
  JSON.stringify(v.values),
  v.naturalKey,
  searchText(v),
  v.validFrom,
  v.validTo,
  v.createdAt,
  v.createdBy,
  v.updatedAt,
  v.updatedBy,
];

/**
 * PostgreSQL takes new versions by COPY (db/pg-copy.ts), one COPY per call whatever the rows share:
 * the server's CPU for a 100,000-row import fell from 3.4–4.2 s to 2.5–3.0 s against one
 * `INSERT … SELECT FROM jsonb_to_recordset($1)` per 5,000 rows, whose JSON document of the batch the
 * server first built and then took apart (docs/BENCHMARKS.md). `data` goes as its JSON text. A few
 * rows (a row typed in) go by one INSERT instead: COPY waits a round trip for the server's go-ahead
 * before it sends its data, an INSERT goes in one.
 */
const POSTGRES_COPY = copyStatement('ledger_rows', COLUMNS);
export const COPY_FROM_ROWS = 50;

/** `insert into ledger_rows … values` for `rows` rows, each parameter written by `mark` (numbered from 1). */
const insertText = (rows: number, mark: (n: number) => string) =>
  `insert into ledger_rows (${COLUMNS.join(', ')}) values ${Array.from(
    { length: rows },
    (_r, r) => `(${COLUMNS.map((_c, c) => mark(r * COLUMNS.length + c + 1)).join(', ')})`,
  ).join(', ')}`;

async function insertPostgres(db: Db, versions: LedgerRowVersion[]): Promise<void> {
  if (versions.length === 0) return;
  if (versions.length < COPY_FROM_ROWS)
    await db.executeQuery(
      CompiledQuery.raw(
        insertText(versions.length, (n) => `$${n}`),
        versions.flatMap(columnValues),
      ),
    );
  else await db.executeQuery(CompiledQuery.raw(POSTGRES_COPY, [copyData(versions.map(columnValues))]));
}

const sqliteInsert = (rows: number) => insertText(rows, () => '?');
const SQLITE_FULL_INSERT = sqliteInsert(SQLITE_ROWS);

/** Inserts new current versions: one statement per few thousand rows. */
export async function insertVersions(db: Db, versions: LedgerRowVersion[]): Promise<void> {
  if (isPostgres(db)) return insertPostgres(db, versions);
  for (let i = 0; i < versions.length; i += SQLITE_ROWS) {
    const chunk = versions.slice(i, i + SQLITE_ROWS);
    await db.executeQuery(
      CompiledQuery.raw(
        chunk.length === SQLITE_ROWS ? SQLITE_FULL_INSERT : sqliteInsert(chunk.length),
        chunk.flatMap(columnValues),
      ),
    );
  }
}
