// What the indicator and province benches share: their command-line options, medians, and a
// throwaway database holding the built-in plan with the demo's two years of data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseConfig } from '../../../server/src/config.ts';
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
export async function seededPlanDatabase(dialect: 'sqlite' | 'postgres', timeZone: string, keep?: KeptDatabase) {
  const { loadConfig } = await import('../../../server/src/config.ts');
  const { bootstrap } = await import('../../../server/src/bootstrap.ts');
  const { createTestDatabase } = await import('../../../server/src/test/databases.ts');
  const { readPackFile, PACKS_DIR, DEFAULT_PACK } =
    await import('../../../server/src/modules/plans/plan-pack.service.ts');
  const { findUserByUsername, loadActor } = await import('../../../server/src/modules/users/user.repo.ts');
  const { seedDemo } = await import('../../../server/src/demo/seed-demo.ts');
  const { findPlanInfo } = await import('../../../server/src/modules/indicators/indicator.repo.ts');
  const testDb = keep ? keep.database : await createTestDatabase(dialect);
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', INNOCITY_ADMIN_PASSWORD: 'Bench-Pass-2025' }),
    database: testDb.config,
  };
  const { database } = await bootstrap(config);
  const db: Db = database.db;
  const close = async () => {
    await database.close();
    if (!keep) await testDb.drop();
  };
  try {
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const first = (await findPlanInfo(db, pack.plan.code))!;
    const admin = await loadActor(db, (await findUserByUsername(db, 'admin'))!);
    if (keep?.existed) return { db, first, pack, admin, seedMs: 0, close, reused: true };
    const t0 = performance.now();
    await seedDemo({ db, planId: first.id, admin, timeZone, seed: 20221222, log: () => undefined });
    return { db, first, pack, admin, seedMs: Math.round(performance.now() - t0), close, reused: false };
  } catch (err) {
    await close();
    throw err;
  }
}

export interface KeptDatabase {
  database: { config: DatabaseConfig };
  /** Whether it was there before this run (then it holds a generated set of plans). */
  existed: boolean;
}

/**
 * `--keep-db NAME` (PostgreSQL only): a database that outlives the run, so that the 42 minutes
 * of generating 2,844 plans are paid once. Created when missing; the bench checks that an
 * existing one holds the plan count it asks for and otherwise refuses (no silent mixing).
 */
export async function keptPgDatabase(name: string): Promise<KeptDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--keep-db 须为小写字母、数字、下划线：${name}`);
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('--keep-db 需要 TEST_PG_URL');
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    const existed = found.rowCount === 1;
    if (!existed) await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { database: { config: { dialect: 'postgres', url: url.toString() } }, existed };
  } finally {
    await admin.end();
  }
}

/**
 * `--keep-db NAME` on SQLite: a file under the temp directory that outlives the run (the province
 * bench iterates on one generated set of 100 counties instead of regenerating it each time).
 */
export function keptSqliteDatabase(name: string): KeptDatabase {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--keep-db 须为小写字母、数字、下划线：${name}`);
  const file = path.join(os.tmpdir(), `innocity-bench-${name}.sqlite`);
  return { database: { config: { dialect: 'sqlite', file } }, existed: fs.existsSync(file) };
}

/** The plans a kept database already holds, the first (the demo plan) first, then the copies by code. */
export async function keptPlanIds(db: Db, firstId: string, codePrefix: string): Promise<string[]> {
  // Kept databases generated before 2026-12-06 hold an index on ledger_rows (plan_id) that the
  // schema does not have: the engine's queries were planned through it, so the figures were not
  // the deployed ones.
  await db.schema.dropIndex('bench_ledger_rows_plan_idx').ifExists().execute();
  const rows = await db
    .selectFrom('plans')
    .select('id')
    .where('code', 'like', `${codePrefix}%`)
    .orderBy('code')
    .execute();
  return [firstId, ...rows.map((r) => r.id)];
}

type PlanPackT = Awaited<ReturnType<typeof seededPlanDatabase>>['pack'];

/** The columns of a table, read from one of its rows (the copies take whole rows). */
async function columnsOf(db: Db, table: 'ledger_rows' | 'data_element_values'): Promise<string[]> {
  return Object.keys((await db.selectFrom(table).selectAll().limit(1).executeTakeFirstOrThrow()) as object);
}

/** Plans whose data is copied in one INSERT … SELECT per table: bounds one statement to ~330,000 ledger rows. */
const COPY_CHUNK = 100;

/**
 * Bench fixture only: `count` more plans loaded from the pack through the application (one
 * `loadPlanPack` each: plan, units, types, elements, indicators), then the first plan's value
 * versions, ledger rows and baselines copied into all of them inside the database, a few
 * INSERT … SELECT statements per hundred plans (not per plan: 2,844 plans × 3,300 rows).
 * Copied ids get the target plan's id appended; types and elements are matched by code.
 * `plan(i)` names the i-th plan (2, 3 …); the plan ids come back in order, the first plan's first.
 */
export async function addPlanCopies(
  db: Db,
  first: { id: string },
  pack: PlanPackT,
  count: number,
  plan: (i: number) => Partial<PlanPackT['plan']>,
  log: (msg: string) => void,
): Promise<string[]> {
  const { loadPlanPack } = await import('../../../server/src/modules/plans/plan-pack.service.ts');
  const { sql } = await import('kysely');
  const ctx = { actor: null, requestId: null, ip: null, now: new Date().toISOString() };
  const ids = [first.id];
  let t0 = performance.now();
  for (let i = 2; i <= count + 1; i += 1) {
    const { planId } = await loadPlanPack(db, { ...pack, plan: { ...pack.plan, ...plan(i) } }, ctx);
    ids.push(planId);
    if (i % 200 === 0) log(`${i} 个方案 ${Math.round(performance.now() - t0)} ms`);
  }
  log(`方案载入完成 ${Math.round(performance.now() - t0)} ms；复制数据…`);
  t0 = performance.now();
  const cols = {
    ledger_rows: await columnsOf(db, 'ledger_rows'),
    data_element_values: await columnsOf(db, 'data_element_values'),
  };
  const from = first.id;
  const copy = (
    trx: Db,
    table: 'ledger_rows' | 'data_element_values',
    join: ReturnType<typeof sql>,
    special: Record<string, unknown>,
    targets: string[],
  ) =>
    sql`INSERT INTO ${sql.id(table)} (${sql.join(cols[table].map((c) => sql.id(c)))})
        SELECT ${sql.join(cols[table].map((c) => (c in special ? special[c] : sql.ref(`r.${c}`))) as never[])}
        FROM ${sql.id(table)} r ${join}
        WHERE r.plan_id = ${from} AND s.plan_id = ${from} AND d.plan_id IN (${sql.join(targets)})`.execute(trx);
  for (let i = 1; i < ids.length; i += COPY_CHUNK) {
    const targets = ids.slice(i, i + COPY_CHUNK);
    await db.transaction().execute(async (trx) => {
      await copy(
        trx,
        'ledger_rows',
        sql`JOIN ledger_types s ON s.id = r.ledger_type_id JOIN ledger_types d ON d.code = s.code`,
        {
          id: sql`r.id || '-' || d.plan_id`,
          row_id: sql`r.row_id || '-' || d.plan_id`,
          plan_id: sql`d.plan_id`,
          ledger_type_id: sql`d.id`,
        },
        targets,
      );
      await copy(
        trx,
        'data_element_values',
        sql`JOIN data_elements s ON s.id = r.element_id JOIN data_elements d ON d.code = s.code`,
        { id: sql`r.id || '-' || d.plan_id`, plan_id: sql`d.plan_id`, element_id: sql`d.id` },
        targets,
      );
      const src = (c: string) =>
        sql`(SELECT ${sql.ref(`s.${c}`)} FROM indicators s WHERE s.plan_id = ${from} AND s.code = indicators.code)`;
      await sql`UPDATE indicators SET baseline_value = ${src('baseline_value')}, baseline_year = ${src('baseline_year')},
                baseline_source = ${src('baseline_source')}, baseline_note = ${src('baseline_note')}
                WHERE plan_id IN (${sql.join(targets)})`.execute(trx);
    });
    log(`已复制 ${Math.min(i + COPY_CHUNK - 1, ids.length - 1)} 个方案的数据 ${Math.round(performance.now() - t0)} ms`);
  }
  return ids;
}

/**
 * The benches' baseline: every value version and ledger row of the plans read once, no
 * evaluation. Ledger rows are read through their types, as the application reads them (the schema
 * has no index on their plan).
 */
export async function readRawPlanData(db: Db, planIds: string[]): Promise<void> {
  for (const planId of planIds) {
    await db.selectFrom('data_element_values').selectAll().where('plan_id', '=', planId).execute();
    await db
      .selectFrom('ledger_rows')
      .selectAll()
      .where('ledger_type_id', 'in', db.selectFrom('ledger_types').select('id').where('plan_id', '=', planId))
      .execute();
  }
}
