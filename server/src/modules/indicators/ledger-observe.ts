import type { IndicatorDefinition, LedgerFilter } from '@innocity/shared/indicators/definition';
import { withUnit } from '@innocity/shared/indicators/numbers';
import { convert } from '@innocity/shared/indicators/units';
import type { ComputedPoint } from '@innocity/shared/indicators/workings';
import type { DataState } from '@innocity/shared/indicators/evaluate';
import type { Db } from '../../db/connection.ts';
import { AppError } from '../../http/errors.ts';
import { statSeries, type LedgerStat, type LedgerStatSpec } from '../ledgers/ledger-stats.service.ts';

export type LedgerDefinition = Extract<
  IndicatorDefinition,
  { kind: 'ledger_count' | 'ledger_sum' | 'cumulative_flow' }
>;

/**
 * The rows behind a current value: how many, and their ids when the statistics named them (the
 * row path; the database-aggregated path counts without ids, for views that show no rows).
 */
export interface CountedRows {
  code: string;
  asOf: string;
  total: number;
  rowIds: string[];
}

export interface LedgerObservation {
  points: ComputedPoint[];
  data: DataState;
  /** The rows behind the current value. */
  rows: CountedRows | null;
}

/** A statistic as a {@link LedgerStats} gives it: `count` set when the rows are counted without their ids. */
export type CountedStat = LedgerStat & { count?: number };

const countOf = (s: CountedStat) => s.count ?? s.rowIds.length;

export interface LedgerContext {
  db: Db;
  planId: string;
  baselineYear: number;
  /** The as-of date capped at the target date: the last day a value stands for. */
  evalDate: string;
  /** The as-of date itself: rows recorded by its end count, also for earlier dates (what we know then). */
  knownBy: string;
  timeZone: string;
  unit: string;
  /** Chinese names of ledgers and their fields, for the workings; codes are shown when absent. */
  labels?: ReadonlyMap<string, { name: string; fields: ReadonlyMap<string, string> }>;
}

const ledgerName = (d: LedgerDefinition, c: LedgerContext) => c.labels?.get(d.ledger)?.name ?? d.ledger;
const fieldName = (d: LedgerDefinition, c: LedgerContext, key: string) =>
  c.labels?.get(d.ledger)?.fields.get(key) ?? key;

const describeFilter = (d: LedgerDefinition, c: LedgerContext, f: LedgerFilter | undefined) =>
  Object.entries(f ?? {})
    .map(([k, v]) => `${fieldName(d, c, k)}为${[v].flat().join('或')}`)
    .join('，') || '全部记录';

/** The flow's first day: the definition's, or 1 January after the plan's baseline year. */
const flowStart = (d: LedgerDefinition, baselineYear: number) =>
  (d.kind === 'cumulative_flow' && d.since) || `${baselineYear + 1}-01-01`;

/** The ledger statistic a definition asks for. */
export function specOf(d: LedgerDefinition, baselineYear: number): LedgerStatSpec {
  if (d.kind === 'ledger_count') return { kind: 'count' };
  if (d.kind === 'ledger_sum') return { kind: 'sum', field: d.field };
  return { kind: 'since', field: d.field ?? null, since: flowStart(d, baselineYear) };
}

/** Each year end from the baseline year, the last one replaced by the evaluation date. */
export function seriesDates(c: Pick<LedgerContext, 'baselineYear' | 'evalDate'>): string[] {
  const dates: string[] = [];
  for (let y = c.baselineYear; y <= Number(c.evalDate.slice(0, 4)); y += 1)
    dates.push(`${y}-12-31` < c.evalDate ? `${y}-12-31` : c.evalDate);
  return dates;
}

function formulaOf(d: LedgerDefinition, c: LedgerContext, date: string, raw: number, value: number): string {
  const from = ('fromUnit' in d && d.fromUnit) || c.unit;
  const converted = from === c.unit ? '' : `（${withUnit(raw, from, 4)} = ${withUnit(value, c.unit, 4)}）`;
  if (d.kind === 'ledger_count') return `截至 ${date} 有效期内记录数 = ${withUnit(value, c.unit)}`;
  if (d.kind === 'ledger_sum')
    return `截至 ${date} 有效期内记录的「${fieldName(d, c, d.field)}」合计 = ${withUnit(value, c.unit)}${converted}`;
  const what = d.field ? `「${fieldName(d, c, d.field)}」合计` : '记录数';
  return `${flowStart(d, c.baselineYear)} 至 ${date} 累计${what} = ${withUnit(value, c.unit)}${converted}`;
}

/** A ledger statistic on several dates: by queries (one per date) or over rows loaded at once. */
export type LedgerStats = (spec: LedgerStatSpec, dates: string[], filter?: LedgerFilter) => Promise<CountedStat[]>;

/** The statistics as the ledger service computes them, one query per date. */
const queriedStats =
  (d: LedgerDefinition, c: LedgerContext): LedgerStats =>
  (spec, dates, filter) =>
    statSeries(c.db, c.planId, d.ledger, spec, dates, filter, { timeZone: c.timeZone, knownBy: c.knownBy });

/** The indicator's value at each year end from the baseline year, and on the as-of date, from its ledger. */
export async function observeLedger(d: LedgerDefinition, c: LedgerContext): Promise<LedgerObservation> {
  return observeLedgerWith(d, c, queriedStats(d, c));
}

/**
 * {@link observeLedger} with the statistics computed by `stats` (the set-based engine passes
 * one over the rows it loaded for the whole plan). Same points, states and workings.
 */
export async function observeLedgerWith(
  d: LedgerDefinition,
  c: LedgerContext,
  stats: LedgerStats,
): Promise<LedgerObservation> {
  const dates = seriesDates(c);
  let series: CountedStat[];
  try {
    series = await stats(specOf(d, c.baselineYear), dates, d.filter);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found')
      return { points: [], data: { state: 'missing', reason: `台账类型「${d.ledger}」不存在` }, rows: null };
    throw err;
  }
  const points = series.map((stat, i): ComputedPoint => {
    const date = dates[i]!;
    const value = convert(stat.value, ('fromUnit' in d && d.fromUnit) || c.unit, c.unit);
    const inputs = [
      { label: '台账', value: ledgerName(d, c) },
      { label: '统计口径', value: describeFilter(d, c, d.filter) },
      { label: '计入记录', value: `${countOf(stat)} 条` },
    ];
    return { period: date.slice(0, 4), date, value, inputs, formula: formulaOf(d, c, date, stat.value, value) };
  });
  const last: CountedStat = series.at(-1) ?? { value: 0, rowIds: [] };
  // An empty register cannot be told from one nobody keeps: zero with no row ever recorded is missing data.
  if (last.value === 0) {
    const [any] = await stats({ kind: 'since', field: null, since: '1900-01-01' }, [c.evalDate]);
    if (any!.value === 0)
      return {
        points: [],
        data: { state: 'missing', reason: `台账「${ledgerName(d, c)}」截至 ${c.knownBy} 尚无任何记录` },
        rows: null,
      };
  }
  return {
    points,
    data: { state: 'ok' },
    rows: { code: d.ledger, asOf: c.evalDate, total: countOf(last), rowIds: last.rowIds },
  };
}
