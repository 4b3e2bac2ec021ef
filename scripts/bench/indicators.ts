// `npm run bench -- indicators [--plans 100] [--rounds 7] [--many-rounds 3] [--dialect postgres] [--batch 100]
// [--keep-db NAME [--generate-only]]`:
// time to evaluate every indicator of one plan and of 100 plans of Jurong's shape (24 indicators,
// 13 data elements, 12 ledgers with the demo's ~3,300 rows each), against a baseline measured in
// the same run: reading the same plans' raw data (every value version and ledger row) once; and
// the one plan by the engine's former per-date ledger queries, as reference. With more than 100
// plans (e.g. --plans 2844, every county in China) the paired rounds run on the first 100 and all
// plans are evaluated once more, in batches of --batch plans (evaluatePlans: six queries a batch),
// for the total. SQLite always; PostgreSQL too when TEST_PG_URL (or a postgres DATABASE_URL)
// names a server, on a throwaway database; --dialect keeps one.
import os from 'node:os';
import type { Db } from '../../server/src/db/connection.ts';
import {
  addPlanCopies,
  arg,
  keptPgDatabase,
  keptPlanIds,
  median,
  readRawPlanData,
  seededPlanDatabase,
} from './lib/seeded-plan.ts';

const PLANS = Number(arg('plans') ?? 100);
const ROUNDS = Number(arg('rounds') ?? 7);
const MANY_ROUNDS = Number(arg('many-rounds') ?? 3);
const BATCH = Number(arg('batch') ?? 100);
/** `--keep-db NAME`: generate into (or reuse) a PostgreSQL database that is not dropped after. */
const KEEP_DB = arg('keep-db');
/** The paired rounds' plans; beyond them, one timed pass over all plans. */
const PAIRED_PLANS = 100;
const AS_OF = '2024-06-30';
// The demo's published bulletins are rendered to PDF on first download instead: LibreOffice would add seconds each.
process.env.SOFFICE_PATH ??= '/nonexistent/soffice';

const { evaluatePlan, evaluatePlans } = await import('../../server/src/modules/indicators/indicator-engine.ts');
const { findPlanInfo } = await import('../../server/src/modules/indicators/indicator.repo.ts');

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

async function evaluateAll(
  db: Db,
  planIds: string[],
  concurrency: number,
  ledgerReads: 'set' | 'per-date' | 'sql' = 'set',
): Promise<number> {
  let count = 0;
  const queue = [...planIds];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const plan = (await findPlanInfo(db, id))!;
      const evaluated = await evaluatePlan(db, plan, { asOf: AS_OF, timeZone: 'Asia/Shanghai', ledgerReads });
      count += evaluated.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}

/** Every plan in batches of BATCH (evaluatePlans), `concurrency` batches at a time; the indicators evaluated. */
async function evaluateBatched(db: Db, planIds: string[], concurrency: number): Promise<number> {
  const plans = await db
    .selectFrom('plans')
    .select(['id', 'code', 'status', 'baseline_year', 'target_year'])
    .where('id', 'in', planIds)
    .execute();
  const infos = plans.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    baselineYear: r.baseline_year,
    targetYear: r.target_year,
  }));
  const batches: (typeof infos)[] = [];
  for (let i = 0; i < infos.length; i += BATCH) batches.push(infos.slice(i, i + BATCH));
  let count = 0;
  const worker = async () => {
    for (let b = batches.shift(); b !== undefined; b = batches.shift())
      for (const list of (await evaluatePlans(db, b, { asOf: AS_OF, timeZone: 'Asia/Shanghai' })).values())
        count += list.length;
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  if (KEEP_DB && dialect !== 'postgres') throw new Error('--keep-db 仅用于 PostgreSQL（配合 --dialect postgres）');
  const kept = KEEP_DB ? await keptPgDatabase(KEEP_DB) : undefined;
  const { db, first, pack, seedMs, close, reused } = await seededPlanDatabase(dialect, 'Asia/Shanghai', kept);
  try {
    let t0 = performance.now();
    let planIds: string[];
    if (reused) {
      planIds = await keptPlanIds(db, first.id, 'bench-');
      if (planIds.length !== PLANS)
        throw new Error(
          `保留的数据库 ${KEEP_DB} 有 ${planIds.length} 个方案，本次要 ${PLANS} 个：换一个名字或先删除它`,
        );
      console.error(`[${dialect}] 沿用保留的数据库 ${KEEP_DB}（${planIds.length} 个方案）；计时…`);
    } else {
      console.error(`[${dialect}] 第 1 个方案示例数据 ${seedMs} ms；生成其余 ${PLANS - 1} 个…`);
      planIds = await addPlanCopies(
        db,
        first,
        pack,
        PLANS - 1,
        (i) => ({ code: `bench-${String(i).padStart(4, '0')}` }),
        (msg) => console.error(`[${dialect}] ${msg}`),
      );
    }
    const generateMs = reused ? 0 : Math.round(performance.now() - t0);
    // `--generate-only`: fill the kept database and stop (the timing runs later, on a quieter machine).
    if (process.argv.includes('--generate-only')) return null;
    console.error(`[${dialect}] 生成完成 ${generateMs} ms；计时…`);
    const ledgerRows = Number(
      (
        await db
          .selectFrom('ledger_rows')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const one = await paired(
      () => readRawPlanData(db, [first.id]),
      () => evaluateAll(db, [first.id], 1),
      ROUNDS,
    );
    // The database counting and summing (no row ids): what views without a rows drawer use.
    const oneSql = await paired(
      () => readRawPlanData(db, [first.id]),
      () => evaluateAll(db, [first.id], 1, 'sql'),
      ROUNDS,
    );
    // The engine as it was: one query per ledger statistic and date.
    const onePerDate = await paired(
      () => readRawPlanData(db, [first.id]),
      () => evaluateAll(db, [first.id], 1, 'per-date'),
      Math.min(ROUNDS, 3),
    );
    const pairedIds = planIds.slice(0, PAIRED_PLANS);
    const many = await paired(
      () => readRawPlanData(db, pairedIds),
      () => evaluateAll(db, pairedIds, 1),
      MANY_ROUNDS,
    );
    const batched = await paired(
      () => readRawPlanData(db, pairedIds),
      () => evaluateBatched(db, pairedIds, 1),
      MANY_ROUNDS,
    );
    // Every plan once, in batches, two batches at a time (the database works while Node computes).
    t0 = performance.now();
    const indicators = await evaluateBatched(db, planIds, 2);
    const total = Math.round(performance.now() - t0);
    console.error(`[${dialect}] 全部 ${planIds.length} 个方案 ${total} ms`);
    return {
      dialect,
      plans: planIds.length,
      generateMs,
      pairedPlans: pairedIds.length,
      ledgerRows,
      indicators,
      total,
      one,
      oneSql,
      onePerDate,
      many,
      batched,
    };
  } finally {
    await close();
  }
}

const pgUrl =
  process.env.TEST_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
if (pgUrl) process.env.TEST_PG_URL = pgUrl;
const results = [];
const only = arg('dialect');
for (const dialect of ['sqlite', ...(pgUrl ? ['postgres' as const] : [])] as const)
  if (!only || only === dialect) {
    const r = await benchDialect(dialect);
    if (r) results.push(r);
  }

const load = os.loadavg()[0]!.toFixed(1);
console.log(`\n指标评估基准（asOf ${AS_OF}；Node ${process.version}，${os.cpus().length} 核，结束时负载 ${load}）`);
console.log(
  `1 个方案取 ${ROUNDS} 轮、前 ${PAIRED_PLANS} 个方案取 ${MANY_ROUNDS} 轮的中位数；基线 = 读取同样方案的全部原始数据（数据元各版本、台账各行）一遍；机器与其他工程师共用，绝对时间偏高，比值可比`,
);
for (const r of results) {
  const per = r.indicators / r.plans;
  console.log(
    `\n${r.dialect}：${r.plans} 个方案，共 ${r.indicators} 个指标，台账 ${r.ledgerRows} 行（生成 ${(r.generateMs / 1000).toFixed(1)} s）`,
  );
  console.log(
    `  1 个方案：评估 ${r.one.evaluate} ms（每指标 ${(r.one.evaluate / per).toFixed(2)} ms）；基线 ${r.one.read} ms；比值 ${r.one.ratio}`,
  );
  console.log(
    `  1 个方案（数据库计数求和）：评估 ${r.oneSql.evaluate} ms；基线 ${r.oneSql.read} ms；比值 ${r.oneSql.ratio}`,
  );
  console.log(
    `  1 个方案（原逐日期查询）：评估 ${r.onePerDate.evaluate} ms；基线 ${r.onePerDate.read} ms；比值 ${r.onePerDate.ratio}`,
  );
  const many = (label: string, m: { evaluate: number; read: number; ratio: number }) =>
    console.log(
      `  ${r.pairedPlans} 个方案${label}：评估 ${m.evaluate} ms（每方案 ${(m.evaluate / r.pairedPlans).toFixed(1)} ms）；基线 ${m.read} ms；比值 ${m.ratio}`,
    );
  many('依次', r.many);
  many(`分批（每批 ${BATCH} 个）`, r.batched);
  console.log(
    `  全部 ${r.plans} 个方案（分批、数据库计数求和，2 批并行）：${(r.total / 1000).toFixed(1)} s（每方案 ${(r.total / r.plans).toFixed(1)} ms）`,
  );
}
console.log(`\n${JSON.stringify(results)}`);
