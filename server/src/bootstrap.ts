import path from 'node:path';
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadPlanPack, readPackFile, PACKS_DIR, DEFAULT_PACK } from './modules/plans/plan-pack.service.ts';
import { ensureAdmin } from './modules/users/admin-seed.ts';
import type { AuditContext } from './modules/audit/audit.repo.ts';
import { nowIso } from './time.ts';

export interface Bootstrapped {
  database: DbHandle;
  generatedAdminPassword?: string;
  planLoaded: boolean;
}

const systemContext = (): AuditContext => ({ actor: null, requestId: null, ip: null, now: nowIso() });

/** Opens the database, migrates it, and on first start loads Jurong's plan and creates the admin. */
export async function bootstrap(config: Config): Promise<Bootstrapped> {
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const { created } = await loadPlanPack(database.db, pack, systemContext());
    const admin = await ensureAdmin(database.db, config.adminPassword, systemContext());
    return { database, generatedAdminPassword: admin.password, planLoaded: created };
  } catch (err) {
    await database.close();
    throw err;
  }
}
