// What the indicator and province benches share: their command-line options, medians, and a
// throwaway database holding the built-in plan with the demo's two years of data.
import path from 'node:path';
import type { Db } from '../../../server/src/db/connection.ts';

/** The value after `--name` on the command line. */
export const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A fresh database of the dialect with the built-in plan and its demo data; `close` drops it.
 * Imported lazily so that a bench sets its environment (e.g. SOFFICE_PATH) first.
 */
export async function seededPlanDatabase(dialect: 'sqlite' | 'postgres', timeZone: string) {
  const { loadConfig } = await import('../../../server/src/config.ts');
  const { bootstrap } = await import('../../../server/src/bootstrap.ts');
  const { createTestDatabase } = await import('../../../server/src/test/databases.ts');
  const { readPackFile, PACKS_DIR, DEFAULT_PACK } =
    await import('../../../server/src/modules/plans/plan-pack.service.ts');
  const { findUserByUsername, loadActor } = await import('../../../server/src/modules/users/user.repo.ts');
  const { seedDemo } = await import('../../../server/src/demo/seed-demo.ts');
  const { findPlanInfo } = await import('../../../server/src/modules/indicators/indicator.repo.ts');
  const testDb = await createTestDatabase(dialect);
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', INNOCITY_ADMIN_PASSWORD: 'Bench-Pass-2025' }),
    database: testDb.config,
  };
  const { database } = await bootstrap(config);
  const db: Db = database.db;
  const close = async () => {
    await database.close();
    await testDb.drop();
  };
  try {
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const first = (await findPlanInfo(db, pack.plan.code))!;
    const admin = await loadActor(db, (await findUserByUsername(db, 'admin'))!);
    const t0 = performance.now();
    await seedDemo({ db, planId: first.id, admin, timeZone, seed: 20221222, log: () => undefined });
    return { db, first, pack, admin, seedMs: Math.round(performance.now() - t0), close };
  } catch (err) {
    await close();
    throw err;
  }
}
