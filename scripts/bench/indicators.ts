// `npm run bench -- indicators [--plans 100] [--rounds 7] [--many-rounds 3]`: time to evaluate every indicator of
// one plan and of 100 plans of Jurong's shape (24 indicators, 13 data elements, 12 ledgers with
// the demo's ~3,300 rows each), against a baseline measured in the same run: reading the same
// plans' raw data (every value version and ledger row) once. SQLite always; PostgreSQL too when
// TEST_PG_URL (or a postgres DATABASE_URL) names a server, on a throwaway database.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Db } from '../../server/src/db/connection.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const PLANS = Number(arg('plans') ?? 100);
const ROUNDS = Number(arg('rounds') ?? 7);
const MANY_ROUNDS = Number(arg('many-rounds') ?? 3);
const AS_OF = '2024-06-30';

const { loadConfig } = await import('../../server/src/config.ts');
const { bootstrap } = await import('../../server/src/bootstrap.ts');
const { createTestDatabase } = await import('../../server/src/test/databases.ts');
const { loadPlanPack, readPackFile, PACKS_DIR, DEFAULT_PACK } =
  await import('../../server/src/modules/plans/plan-pack.service.ts');
const { findUserByUsername, loadActor } = await import('../../server/src/modules/users/user.repo.ts');
const { seedDemo } = await import('../../server/src/demo/seed-demo.ts');
const { evaluatePlan } = await import('../../server/src/modules/indicators/indicator-engine.ts');
const { findPlanInfo } = await import('../../server/src/modules/indicators/indicator.repo.ts');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The baseline and the evaluation, alternated round by round so both meet the same machine
 * load; the medians of each and of their per-round ratio (the figure).
 */
async function paired(read: () => Promise<unknown>, evaluate: () => Promise<unknown>, rounds: number) {
  await read(); // warm-up: statement caches, page cache
  await evaluate();
  const [reads, evals, ratios] = [[], [], []] as number[][];
  for (let i = 0; i < rounds; i += 1) {
    let t0 = performance.now();
    await read();
    reads.push(performance.now() - t0);
    t0 = performance.now();
    await evaluate();
    evals.push(performance.now() - t0);
    ratios.push(evals.at(-1)! / reads.at(-1)!);
  }
  return {
    read: round1(median(reads)),
    evaluate: round1(median(evals)),
    ratio: Math.round(median(ratios) * 100) / 100,
  };
}

/**
 * Bench fixture only: copies plan 1's value versions, ledger rows and baselines into another
 * plan loaded from the same pack, so 100 plans carry identical data without 100 demo seedings.
 */
async function cloneData(db: Db, from: string, to: string): Promise<void> {
  const typeIds = async (planId: string) =>
    new Map(
      (await db.selectFrom('ledger_types').select(['id', 'code']).where('plan_id', '=', planId).execute()).map((t) => [
        t.code,
        t.id,
      ]),
    );
  const elementIds = async (planId: string) =>
    new Map(
      (await db.selectFrom('data_elements').select(['id', 'code']).where('plan_id', '=', planId).execute()).map((e) => [
        e.code,
        e.id,
      ]),
    );
  const [srcTypes, dstTypes, srcEls, dstEls] = await Promise.all([
    typeIds(from),
    typeIds(to),
    elementIds(from),
    elementIds(to),
  ]);
  const byId = (m: Map<string, string>) => new Map([...m].map(([code, id]) => [id, code]));
  const [typeCode, elCode] = [byId(srcTypes), byId(srcEls)];
  await db.transaction().execute(async (trx) => {
    const rowIds = new Map<string, string>();
    const rows = (await trx.selectFrom('ledger_rows').selectAll().where('plan_id', '=', from).execute()).map((r) => {
      if (!rowIds.has(r.row_id)) rowIds.set(r.row_id, randomUUID());
      return {
        ...r,
        id: randomUUID(),
        row_id: rowIds.get(r.row_id)!,
        plan_id: to,
        ledger_type_id: dstTypes.get(typeCode.get(r.ledger_type_id)!)!,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('ledger_rows')
        .values(rows.slice(i, i + 500))
        .execute();
    const values = (await trx.selectFrom('data_element_values').selectAll().where('plan_id', '=', from).execute()).map(
      (v) => ({ ...v, id: randomUUID(), plan_id: to, element_id: dstEls.get(elCode.get(v.element_id)!)! }),
    );
    for (let i = 0; i < values.length; i += 500)
      await trx
        .insertInto('data_element_values')
        .values(values.slice(i, i + 500))
        .execute();
    const baselines = await trx
      .selectFrom('indicators')
      .select(['code', 'baseline_value', 'baseline_year', 'baseline_source', 'baseline_note'])
      .where('plan_id', '=', from)
      .execute();
    for (const b of baselines) {
      const { code, ...set } = b;
      await trx.updateTable('indicators').set(set).where('plan_id', '=', to).where('code', '=', code).execute();
    }
  });
}

/** The baseline: every value version and ledger row of the plans read once, no evaluation. */
async function readRaw(db: Db, planIds: string[]): Promise<void> {
  for (const planId of planIds) {
    await db.selectFrom('data_element_values').selectAll().where('plan_id', '=', planId).execute();
    await db.selectFrom('ledger_rows').selectAll().where('plan_id', '=', planId).execute();
  }
}

async function evaluateAll(db: Db, planIds: string[], concurrency: number): Promise<number> {
  let count = 0;
  const queue = [...planIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const plan = (await findPlanInfo(db, id))!;
      const evaluated = await evaluatePlan(db, plan, { asOf: AS_OF, timeZone: 'Asia/Shanghai' });
      count += evaluated.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const testDb = await createTestDatabase(dialect);
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', INNOCITY_ADMIN_PASSWORD: 'Bench-Pass-2025' }),
    database: testDb.config,
  };
  const { database } = await bootstrap(config);
  const db = database.db;
  try {
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const first = (await findPlanInfo(db, pack.plan.code))!;
    const admin = await loadActor(db, (await findUserByUsername(db, 'admin'))!);
    let t0 = performance.now();
    await seedDemo({ db, planId: first.id, admin, timeZone: 'Asia/Shanghai', seed: 20221222, log: () => undefined });
    console.error(
      `[${dialect}] 第 1 个方案示例数据 ${Math.round(performance.now() - t0)} ms；复制其余 ${PLANS - 1} 个…`,
    );
    t0 = performance.now();
    const planIds = [first.id];
    const ctx = { actor: null, requestId: null, ip: null, now: new Date().toISOString() };
    for (let i = 2; i <= PLANS; i += 1) {
      const { planId } = await loadPlanPack(
        db,
        { ...pack, plan: { ...pack.plan, code: `bench-${String(i).padStart(3, '0')}` } },
        ctx,
      );
      await cloneData(db, first.id, planId);
      planIds.push(planId);
    }
    console.error(`[${dialect}] 复制完成 ${Math.round(performance.now() - t0)} ms；计时…`);
    const ledgerRows = Number(
      (
        await db
          .selectFrom('ledger_rows')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const one = await paired(
      () => readRaw(db, [first.id]),
      () => evaluateAll(db, [first.id], 1),
      ROUNDS,
    );
    const many = await paired(
      () => readRaw(db, planIds),
      () => evaluateAll(db, planIds, 1),
      MANY_ROUNDS,
    );
    // PostgreSQL serves several plans at once, as a stateless web tier behind a load balancer would ask it to.
    const parallel =
      dialect === 'postgres'
        ? await paired(
            () => readRaw(db, planIds),
            () => evaluateAll(db, planIds, 4),
            MANY_ROUNDS,
          )
        : null;
    return {
      dialect,
      plans: planIds.length,
      ledgerRows,
      indicators: await evaluateAll(db, planIds, 4),
      one,
      many,
      parallel,
    };
  } finally {
    await database.close();
    await testDb.drop();
  }
}

const pgUrl =
  process.env.TEST_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
if (pgUrl) process.env.TEST_PG_URL = pgUrl;
const results = [];
for (const dialect of ['sqlite', ...(pgUrl ? ['postgres' as const] : [])] as const)
  results.push(await benchDialect(dialect));

const load = os.loadavg()[0]!.toFixed(1);
console.log(`\n指标评估基准（asOf ${AS_OF}；Node ${process.version}，${os.cpus().length} 核，结束时负载 ${load}）`);
console.log(
  `1 个方案取 ${ROUNDS} 轮、${PLANS} 个方案取 ${MANY_ROUNDS} 轮的中位数；基线 = 读取同样方案的全部原始数据（数据元各版本、台账各行）一遍`,
);
for (const r of results) {
  const per = r.indicators / r.plans;
  console.log(`\n${r.dialect}：${r.plans} 个方案，共 ${r.indicators} 个指标，台账 ${r.ledgerRows} 行`);
  console.log(
    `  1 个方案：评估 ${r.one.evaluate} ms（每指标 ${(r.one.evaluate / per).toFixed(2)} ms）；基线 ${r.one.read} ms；比值 ${r.one.ratio}`,
  );
  const many = (label: string, m: { evaluate: number; read: number; ratio: number }) =>
    console.log(
      `  ${r.plans} 个方案${label}：评估 ${m.evaluate} ms（每方案 ${(m.evaluate / r.plans).toFixed(1)} ms）；基线 ${m.read} ms；比值 ${m.ratio}`,
    );
  many('依次', r.many);
  if (r.parallel) many('（4 个并发）', r.parallel);
}
console.log(`\n${JSON.stringify(results)}`);
