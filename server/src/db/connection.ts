import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';
import { enableCopy } from './pg-copy.ts';
import { prepareHotQueries } from './pg-prepared.ts';
import { cachePreparedStatements } from './statement-cache.ts';
import { guardedDialect } from './transaction-guard.ts';
import { SqliteReaders } from './sqlite-readers.ts';

export type Db = Kysely<Database>;
export type Dialect = DatabaseConfig['dialect'];

// PostgreSQL returns bigint (count) and numeric as strings; the app wants numbers, as SQLite gives.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * A better-sqlite3 connection to `file`. INNOCITY_SQLITE_BINDING: a better-sqlite3 build for
 * another Node (scripts/node24.sh runs the suites under Node 24 without touching the node_modules
 * built for the usual Node); every connection, a test's own included, opens through here.
 */
export function newSqlite(file: string): SQLite.Database {
  const binding = process.env.INNOCITY_SQLITE_BINDING;
  return new SQLite(file, binding ? { nativeBinding: binding } : {});
}

const readers = new WeakMap<Db, SqliteReaders>();
const sqliteHandles = new WeakMap<Db, SQLite.Database>();

/**
 * The better-sqlite3 connection behind a SQLite database opened here, for the one lookup every
 * request makes (auth/session-lookup.repo.ts), run on it synchronously when no transaction is open
 * on it. Undefined for PostgreSQL and for a transaction's Kysely.
 */
export function sqliteHandleOf(db: Db): SQLite.Database | undefined {
  return sqliteHandles.get(db);
}

const rateCounters = new WeakMap<Db, SQLite.Database>();

/**
 * Where a SQLite database's request counters live (http/rate-limit.repo.ts): a second database
 * file beside it, `<file>-rate-limits`, on its own connection. Counted in the main file, every API
 * request was a write there, which moves the epoch the session lookups are kept under
 * (sqlite-epoch.ts): with rate limits on, as in production, no lookup was ever answered from memory.
 * A second file keeps the counters shared by every process on the file, as before, without
 * touching the main file's change counters. Undefined for PostgreSQL (counted in its table).
 */
export function sqliteRateCountersOf(db: Db): SQLite.Database | undefined {
  return rateCounters.get(db);
}

function openRateCounters(file: string): SQLite.Database {
  const counters = newSqlite(file === ':memory:' ? ':memory:' : `${file}-rate-limits`);
  counters.pragma('journal_mode = WAL');
  counters.pragma('busy_timeout = 5000');
  counters.pragma('synchronous = NORMAL');
  cachePreparedStatements(counters);
  counters.exec(`CREATE TABLE IF NOT EXISTS rate_limits (
    key TEXT PRIMARY KEY, window_start TEXT NOT NULL, hits INTEGER NOT NULL)`);
  return counters;
}

/**
 * The worker-thread readers of a SQLite file database opened here (sqlite-readers.ts): undefined
 * for PostgreSQL, `:memory:` (a worker cannot see it) and a transaction's Kysely (its reads must see
 * its own writes).
 */
export function sqliteReadersOf(db: Db): SqliteReaders | undefined {
  return readers.get(db);
}

/** Opens the configured database: SQLite in WAL mode with foreign keys on, or a PostgreSQL pool. */
export async function openDatabase(config: DatabaseConfig): Promise<DbHandle> {
  if (config.dialect === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const sqlite = newSqlite(config.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    cachePreparedStatements(sqlite);
    const db = new Kysely<Database>({ dialect: guardedDialect(new SqliteDialect({ database: sqlite }), 'sqlite') });
    const pool = config.file === ':memory:' ? undefined : new SqliteReaders(config.file);
    if (pool) readers.set(db, pool);
    sqliteHandles.set(db, sqlite);
    const counters = openRateCounters(config.file);
    rateCounters.set(db, counters);
    // The readers first: a test's app close must not leave a worker (or the process) running.
    const close = async () => {
      await pool?.close();
      await db.destroy();
      counters.close();
    };
    return { db, dialect: 'sqlite', close };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10, connectionTimeoutMillis: 5000 });
  // Without a listener, an idle client whose connection the server ends (restart, DROP DATABASE … FORCE)
  // crashes the process; the pool drops that client and opens another when needed.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.error(`PostgreSQL 空闲连接出错：${err.message}`);
  });
  turnJitOff(pool);
  prepareHotQueries(pool);
  enableCopy(pool);
  const client = await pool.connect().catch(async (err: Error) => {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnreachableError(err.message);
  });
  client.release();
  // Guarded: a request's transactions first check what it writes to (transaction-guard.ts).
  const db = new Kysely<Database>({ dialect: guardedDialect(new PostgresDialect({ pool }), 'postgres') });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * PostgreSQL's JIT compilation off for the app's sessions. It compiles a query whose estimated cost
 * passes `jit_above_cost` into machine code first, in every parallel worker: the grouped ledger
 * query of an engine batch of 100 plans spent 2.9–3.9 s of CPU compiling (≈ 1 s before its first
 * row, in each of three processes) to run for ≈ 1.3 s, and batches of 5–20 plans 20–200 ms
 * (docs/BENCHMARKS.md, 2026-12-06). No query of the app runs long enough to win that back. Sent
 * on each new connection before anything else it runs (pg queues a client's queries in order);
 * a session setting, so it holds on direct connections and through pgbouncer in session mode,
 * the two that DEPLOY.md supports.
 */
function turnJitOff(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    client.query('SET jit = off').catch((err: Error) => console.error(`PostgreSQL 连接设置失败：${err.message}`));
  });
}

export class DatabaseUnreachableError extends Error {
  constructor(reason: string) {
    super(`无法连接 PostgreSQL 数据库：${reason}`);
  }
}
