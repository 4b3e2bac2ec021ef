import { asOfCutoff, latestDuePeriod, periodDueDate } from '@innocity/shared/indicators/calendar';
import { computeElementSeries, isElementDefinition, type ElementSeries } from '@innocity/shared/indicators/compute';
import { elementsOf, type IndicatorDefinition } from '@innocity/shared/indicators/definition';
import { evaluateIndicator, type DataState, type Evaluation } from '@innocity/shared/indicators/evaluate';
import { buildMilestones, type Milestone } from '@innocity/shared/indicators/milestones';
import { comparePeriods, periodContaining, periodLabel } from '@innocity/shared/indicators/period';
import { isDirectional, pathTarget } from '@innocity/shared/indicators/target';
import type { ComputedPoint, SeriesPoint } from '@innocity/shared/indicators/workings';
import type { Db } from '../../db/connection.ts';
import * as elementRepo from './data-element.repo.ts';
import { regionSeries } from './element-values.ts';
import {
  listIndicators,
  listMilestoneOverrides,
  type IndicatorRecord,
  type MilestoneOverride,
  type PlanInfo,
} from './indicator.repo.ts';
import {
  observeLedger,
  observeLedgerWith,
  type CountedRows,
  type LedgerContext,
  type LedgerDefinition,
} from './ledger-observe.ts';
import { loadPlanLedgers, type PlanLedgers } from './ledger-load.ts';
import { aggregatePlanLedgers, type PlanLedgerUses } from './ledger-aggregate.ts';

export interface Baseline {
  value: number;
  year: number;
  source: 'pack' | 'office' | 'data' | 'definition';
  note: string | null;
}

/** One indicator evaluated as of a date, with everything the API shows of it. */
export interface Evaluated {
  indicator: IndicatorRecord;
  baseline: Baseline | null;
  milestones: Milestone[];
  series: SeriesPoint[];
  current: SeriesPoint | null;
  evaluation: Evaluation;
  /** The ledger rows behind the current value; `rowIds` empty when evaluated with `ledgerReads: 'sql'`. */
  ledgerRows: CountedRows | null;
}

export interface EngineOptions {
  asOf: string;
  timeZone: string;
  labels?: LedgerContext['labels'];
  /** Evaluate this indicator only. */
  only?: string;
  /**
   * How ledger statistics are read: `set` (default) loads each plan's rows once and counts every
   * series date in memory; `per-date` runs one query per statistic and date, as the engine did
   * before (kept to check the two agree, and as the bench's reference); `sql` has the database
   * count and sum (GROUP BY) and names no rows: for answers that do not list the counted rows.
   */
  ledgerReads?: 'set' | 'per-date' | 'sql';
}

interface PlanData {
  plan: PlanInfo;
  opts: EngineOptions;
  elements: Map<string, elementRepo.DataElementRecord>;
  series: Map<string, ElementSeries>;
  overrides: Map<string, MilestoneOverride[]>;
  /** The plan's ledger rows loaded at once, unless read per date. */
  ledgers?: PlanLedgers;
}

/** Indicators evaluated at once for one request (each runs its ledger queries one after another). */
const EVALUATION_CONCURRENCY = 4;

type Observed = { points: ComputedPoint[]; data: DataState; rows: Evaluated['ledgerRows'] };

/** The earliest period still owed among the elements a definition reads, capped at the target's period. */
function expectedPeriod(
  codes: string[],
  pd: PlanData,
  targetDate: string,
): { period: string; dueDate: string } | undefined {
  let best: { period: string; dueDate: string } | undefined;
  for (const code of codes) {
    const e = pd.elements.get(code);
    if (!e) continue;
    const due = latestDuePeriod(e.periodicity, e.lagDays, pd.opts.asOf);
    const cap = periodContaining(e.periodicity, targetDate);
    const period = comparePeriods(due, cap) > 0 ? cap : due;
    if (!best || comparePeriods(period, best.period) < 0) best = { period, dueDate: periodDueDate(period, e.lagDays) };
  }
  return best;
}

function observeElements(
  d: Extract<IndicatorDefinition, { kind: 'ratio' | 'per_capita' | 'average_growth' | 'reported_level' }>,
  ind: IndicatorRecord,
  pd: PlanData,
): Observed {
  const codes = elementsOf(d);
  const unknown = codes.filter((c) => !pd.series.has(c));
  if (unknown.length > 0)
    return { points: [], data: { state: 'missing', reason: `数据元不存在：${unknown.join('、')}` }, rows: null };
  const points = computeElementSeries(d, {
    elements: pd.series,
    unit: ind.unit,
    baselineYear: pd.plan.baselineYear,
    lastDate: ind.targetDate,
  });
  if (points.length === 0) {
    const name = (c: string) => `「${pd.series.get(c)!.name}」`;
    const empty = codes.filter((c) => pd.series.get(c)!.values.size === 0);
    const what =
      empty.length > 0
        ? `${empty.map(name).join('、')}尚无数据`
        : d.kind === 'average_growth'
          ? `${name(codes[0]!)}缺少${periodLabel(String(d.baseYear ?? pd.plan.baselineYear))}或之后年份的数据，无法计算年均增长率`
          : `${codes.map(name).join('与')}没有同期数据`;
    return { points, data: { state: 'missing', reason: `截至 ${pd.opts.asOf}，${what}` }, rows: null };
  }
  const expected = expectedPeriod(codes, pd, ind.targetDate);
  const latest = points.at(-1)!;
  if (expected && comparePeriods(latest.period, expected.period) < 0) {
    return { points, data: { state: 'overdue', expected: expected.period, dueDate: expected.dueDate }, rows: null };
  }
  return { points, data: { state: 'ok' }, rows: null };
}

async function observe(db: Db, ind: IndicatorRecord, pd: PlanData): Promise<Observed> {
  const d = ind.definition;
  if (!d) return { points: [], data: { state: 'missing', reason: '该指标尚未定义计算方式' }, rows: null };
  if (isElementDefinition(d)) return observeElements(d, ind, pd);
  const evalDate = pd.opts.asOf < ind.targetDate ? pd.opts.asOf : ind.targetDate;
  const c: LedgerContext = {
    db,
    planId: pd.plan.id,
    baselineYear: pd.plan.baselineYear,
    evalDate,
    knownBy: pd.opts.asOf,
    timeZone: pd.opts.timeZone,
    unit: ind.unit,
    labels: pd.opts.labels,
  };
  return pd.ledgers ? observeLedgerWith(d, c, pd.ledgers.stats(d, c)) : observeLedger(d, c);
}

/** The pack's or office's baseline; else a flow's zero, or the data of the baseline year for element kinds. */
function resolveBaseline(ind: IndicatorRecord, pd: PlanData, points: ComputedPoint[]): Baseline | null {
  if (ind.baseline) return ind.baseline;
  const d = ind.definition;
  const year = pd.plan.baselineYear;
  if (d?.kind === 'cumulative_flow')
    return { value: 0, year, source: 'definition', note: '累计指标自方案实施起计算，基期为 0' };
  if (d && isElementDefinition(d) && d.kind !== 'average_growth') {
    const p = points.find((x) => x.period === String(year));
    if (p) return { value: p.value, year, source: 'data', note: `取自${year}年数据` };
  }
  return null;
}

function milestonesOf(ind: IndicatorRecord, baseline: Baseline | null, pd: PlanData): Milestone[] {
  // A direction (持续提升) has no number to draw a path to.
  if (!baseline || ind.method.kind === 'threshold' || isDirectional(ind)) return [];
  const overrides = new Map((pd.overrides.get(ind.id) ?? []).map((o) => [o.year, o.value]));
  const interpolation = ind.method.interpolation;
  return buildMilestones({
    baseline,
    target: pathTarget(ind),
    targetYear: Number(ind.targetDate.slice(0, 4)),
    interpolation,
    overrides,
  });
}

async function evaluateOne(db: Db, ind: IndicatorRecord, pd: PlanData): Promise<Evaluated> {
  const { points, data, rows } = await observe(db, ind, pd);
  const baseline = resolveBaseline(ind, pd, points);
  const milestones = milestonesOf(ind, baseline, pd);
  const series = points.map(({ period, date, value }) => ({ period, date, value }));
  const current = points.at(-1) ?? null;
  const evaluation = evaluateIndicator({
    target: ind,
    method: ind.method,
    baseline,
    milestones,
    series,
    current,
    data,
  });
  return {
    indicator: ind,
    baseline,
    milestones,
    series,
    current: current && { period: current.period, date: current.date, value: current.value },
    evaluation,
    ledgerRows: rows,
  };
}

const isLedgerDefinition = (d: IndicatorDefinition | null): d is LedgerDefinition =>
  d?.kind === 'ledger_count' || d?.kind === 'ledger_sum' || d?.kind === 'cumulative_flow';

/** A plan's ledger indicators with their evaluation dates (as `observe` caps them), for the aggregated reads. */
export function ledgerUses(plan: PlanInfo, indicators: IndicatorRecord[], asOf: string): PlanLedgerUses {
  const uses: PlanLedgerUses['uses'] = [];
  for (const ind of indicators)
    if (isLedgerDefinition(ind.definition))
      uses.push({ d: ind.definition, evalDate: asOf < ind.targetDate ? asOf : ind.targetDate });
  return { baselineYear: plan.baselineYear, uses };
}

/**
 * Evaluates a plan's indicators as of a date: element values recorded before the end of that
 * day (in the deployment's zone) and ledger rows recorded by then. A data function: the caller
 * checks access.
 */
export async function evaluatePlan(db: Db, plan: PlanInfo, opts: EngineOptions): Promise<Evaluated[]> {
  const [indicators, overrides, elements, versions] = await Promise.all([
    listIndicators(db, plan.id, opts.only),
    listMilestoneOverrides(db, plan.id),
    elementRepo.listElements(db, plan.id),
    elementRepo.listValueVersions(db, plan.id, { cutoff: asOfCutoff(opts.asOf, opts.timeZone) }),
  ]);
  const ledgerDefinitions = indicators.map((i) => i.definition).filter(isLedgerDefinition);
  const ledgers =
    opts.ledgerReads === 'per-date'
      ? undefined
      : opts.ledgerReads === 'sql'
        ? (await aggregatePlanLedgers(db, new Map([[plan.id, ledgerUses(plan, indicators, opts.asOf)]]), opts)).get(
            plan.id,
          )
        : (await loadPlanLedgers(db, new Map([[plan.id, ledgerDefinitions]]), opts)).get(plan.id);
  const pd: PlanData = {
    plan,
    opts,
    elements: new Map(elements.map((e) => [e.code, e])),
    series: regionSeries(elements, versions),
    overrides,
    ledgers,
  };
  const out: Evaluated[] = new Array(indicators.length);
  let next = 0;
  // Per-date reads: a few indicators at a time, so PostgreSQL answers their ledger queries in
  // parallel while the pool stays free for other requests. Set reads do no I/O per indicator.
  const worker = async () => {
    for (let i = next++; i < indicators.length; i = next++) out[i] = await evaluateOne(db, indicators[i]!, pd);
  };
  await Promise.all(Array.from({ length: ledgers ? 1 : EVALUATION_CONCURRENCY }, worker));
  return out;
}

const groupBy = <T>(xs: T[], key: (x: T) => string) => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(key(x));
    if (list) list.push(x);
    else m.set(key(x), [x]);
  }
  return m;
};

/**
 * Evaluates several plans as of one date with six queries in all, however many plans: their
 * indicators, milestone overrides, elements, value versions, ledger types and the ledger
 * statistics (counted and summed by the database unless `ledgerReads: 'set'`), each read for
 * every plan at once, then everything computed in memory. The same answers as
 * {@link evaluatePlan} for each plan (a province view, or the bench's 2,844 counties). Keep the
 * batch to a few hundred plans: the rows of all of them are held at once.
 */
export async function evaluatePlans(
  db: Db,
  plans: PlanInfo[],
  opts: Omit<EngineOptions, 'only' | 'ledgerReads'> & {
    ledgerReads?: 'sql' | 'set';
    /** Filled with the plans' data versions when the ledger statistics read them (SQLite reader threads). */
    versionsRead?: Map<string, string>;
  },
): Promise<Map<string, Evaluated[]>> {
  const ids = plans.map((p) => p.id);
  const out = new Map<string, Evaluated[]>();
  if (ids.length === 0) return out;
  const [indicators, overrides, elements, versions] = await Promise.all([
    listIndicators(db, ids),
    listMilestoneOverrides(db, ids),
    elementRepo.listElements(db, ids),
    elementRepo.listValueVersions(db, ids, { cutoff: asOfCutoff(opts.asOf, opts.timeZone) }),
  ]);
  const [indicatorsOf, elementsOf_, versionsOf] = [
    groupBy(indicators, (i) => i.planId),
    groupBy(elements, (e) => e.planId),
    groupBy(versions, (v) => v.planId),
  ];
  // By default the database counts and sums (no row ids: no batch caller lists counted rows).
  const ledgers =
    opts.ledgerReads === 'set'
      ? await loadPlanLedgers(
          db,
          new Map(
            ids.map((id) => [id, (indicatorsOf.get(id) ?? []).map((i) => i.definition).filter(isLedgerDefinition)]),
          ),
          opts,
        )
      : await aggregatePlanLedgers(
          db,
          new Map(plans.map((p) => [p.id, ledgerUses(p, indicatorsOf.get(p.id) ?? [], opts.asOf)])),
          opts,
        );
  for (const plan of plans) {
    const planElements = elementsOf_.get(plan.id) ?? [];
    const pd: PlanData = {
      plan,
      opts,
      elements: new Map(planElements.map((e) => [e.code, e])),
      series: regionSeries(planElements, versionsOf.get(plan.id) ?? []),
      overrides,
      ledgers: ledgers.get(plan.id) ?? { stats: () => async () => [] },
    };
    const list: Evaluated[] = [];
    for (const ind of indicatorsOf.get(plan.id) ?? []) list.push(await evaluateOne(db, ind, pd));
    out.set(plan.id, list);
  }
  return out;
}
