import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteAdapter } from 'kysely';
import type { Db } from './connection.ts';

/**
 * A point in a SQLite database's history, as seen from this process's connection:
 * `PRAGMA data_version` moves when ANOTHER connection (a worker thread, a backup, another process)
 * commits; `total_changes()` counts every row this connection inserted, updated or deleted,
 * triggers and foreign-key actions included, committed or rolled back. Two equal epochs read on
 * one connection mean no row of the database changed in between (SQLite's documentation of both;
 * an INSERT OR REPLACE's deletion is not counted, its insert is). Schema changes are not counted:
 * migrations run before the app serves.
 */
const EPOCH_SQL = 'select data_version as d, total_changes() as c from pragma_data_version';
const EPOCH = CompiledQuery.raw(EPOCH_SQL, []);

export async function sqliteEpoch(db: Db): Promise<string> {
  const row = (await db.executeQuery<{ d: number; c: number }>(EPOCH)).rows[0]!;
  return `${row.d}:${row.c}`;
}

/**
 * The same, read at once on the connection itself, for a caller that has checked that no
 * transaction is open on it (`!sqlite.inTransaction`): Kysely's queue and promises cost as much as
 * the statement. The statement is prepared once (db/statement-cache.ts).
 */
export function sqliteEpochNow(sqlite: SQLite.Database): string {
  const row = sqlite.prepare(EPOCH_SQL).get() as { d: number; c: number };
  return `${row.d}:${row.c}`;
}

/**
 * Whether answers read through `db` may be reused under an unchanged epoch: SQLite outside a
 * transaction only. Inside one, rows read may be uncommitted and later rolled back while the
 * counter stays where it moved, so such a read must never be kept.
 */
export function epochCacheable(db: Db): boolean {
  return !db.isTransaction && db.getExecutor().adapter instanceof SqliteAdapter;
}

/**
 * Answers of one database by key, each kept with the epoch read BEFORE its query: when the
 * current epoch equals it, nothing changed since before the answer was read, so the query would
 * return the same. Bounded: the oldest entry goes when full.
 */
export class EpochCache<V> {
  private readonly entries = new Map<string, { epoch: string; value: V }>();
  constructor(private readonly max: number) {}

  get(key: string, epoch: string): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.epoch === epoch ? hit.value : undefined;
  }

  set(key: string, epoch: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { epoch, value });
  }
}
