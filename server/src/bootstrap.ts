import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/connection.ts';
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

const systemContext = (): AuditContext => ({ actor: null, requestId: null, ip: null, now: nowIso() });

/** Opens the database, migrates it, loads the default pack (INNOCITY_DEFAULT_PACK) and creates the admin. */
export async function bootstrap(config: Config): Promise<Bootstrapped> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    // INNOCITY_DEFAULT_PACK=none: a deployment for other counties starts with no plan and no unit.
    const created = config.defaultPack
      ? (await loadPlanPack(database.db, readPackFile(config.defaultPack), systemContext())).created
      : false;
    const admin = await ensureAdmin(database.db, config.adminPassword, systemContext());
    return { database, generatedAdminPassword: admin.password, planLoaded: created };
  } catch (err) {
    await database.close();
    throw err;
  }
}
