import { sql } from 'kysely';
import type { Config } from './config.ts';
import { openDatabase, type Db, type DbHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadPlanPack, readPackFile } from './modules/plans/plan-pack.service.ts';
import { ensureAdmin } from './modules/users/admin-seed.ts';
import type { AuditContext } from './modules/audit/audit.repo.ts';
import { nowIso } from './time.ts';

export interface Bootstrapped {
  database: DbHandle;
  generatedAdminPassword?: string;
  planLoaded: boolean;
}

/**
 * The advisory-lock key every instance takes around first start (an arbitrary constant, distinct
 * from Kysely's migration lock key): instances starting at once on one database wait in turn.
 */
export const FIRST_START_LOCK_KEY = 1_737_117_001;

export interface BootstrapOptions {
  /** Tests only: false skips the PostgreSQL lock, to show what it prevents. */
  firstStartLock?: boolean;
  /** Tests only: awaited between the migrations and the seed (a barrier that lines up racers). */
  beforeSeed?: () => Promise<void>;
}

const systemContext = (): AuditContext => ({ actor: null, requestId: null, ip: null, now: nowIso() });

/** Opens the database, migrates it, loads the default pack (INNOCITY_DEFAULT_PACK) and creates the admin. */
export async function bootstrap(config: Config, options: BootstrapOptions = {}): Promise<Bootstrapped> {
  const database = await openDatabase(config.database);
  try {
    const seeded =
      database.dialect === 'postgres' && options.firstStartLock !== false
        ? await underFirstStartLock(database.db, (conn) => firstStart(conn, config, options))
        : // SQLite: one file, one writer; the pack and the admin are each written in one transaction
          // that re-checks under the write lock, and several instances on one SQLite file are not a
          // supported deployment anyway (docs/DEPLOY.md).
          await firstStart(database.db, config, options);
    return { database, ...seeded };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/**
 * Runs `work` on one connection holding a session-level advisory lock, released after (also on
 * failure). Session-level, not transaction-level: migrations, the pack and the admin are several
 * transactions, and the lock must span all of them. Needs a direct connection (not through a
 * pgbouncer in transaction mode: docs/DEPLOY.md).
 */
async function underFirstStartLock<T>(db: Db, work: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${FIRST_START_LOCK_KEY})`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${FIRST_START_LOCK_KEY})`.execute(conn);
    }
  });
}

async function firstStart(db: Db, config: Config, options: BootstrapOptions) {
  await migrateToLatest(db);
  await options.beforeSeed?.();
  // INNOCITY_DEFAULT_PACK=none: a deployment for other counties starts with no plan and no unit.
  const planLoaded = config.defaultPack
    ? (await loadPlanPack(db, readPackFile(config.defaultPack), systemContext())).created
    : false;
  const admin = await ensureAdmin(db, config.adminPassword, systemContext());
  return { generatedAdminPassword: admin.password, planLoaded };
}
