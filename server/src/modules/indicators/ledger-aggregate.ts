import { checkDate, numericField, recordingCutoff, toFilters } from '../ledgers/ledger-stats.service.ts';
import type { Db } from '../../db/connection.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { selectLedgerGroups, windowKey, type LedgerGroup, type LedgerWindow } from './ledger-aggregate.repo.ts';
import { loadLedgerTypes, type PlanLedgers } from './ledger-load.ts';
import { seriesDates, specOf, type CountedStat, type LedgerDefinition } from './ledger-observe.ts';

/** A plan's ledger indicators with what fixes their dates: the plan's baseline year, each one's evaluation date. */
export interface PlanLedgerUses {
  baselineYear: number;
  uses: { d: LedgerDefinition; evalDate: string }[];
}

/** The "is anything recorded at all" check of observeLedgerWith: rows dated from this day to the date. */
const EVER = '1900-01-01';

/** Every date condition the plan's statistics will ask for, as observeLedgerWith draws its series. */
function windowsOf(u: PlanLedgerUses): LedgerWindow[] {
  const out: LedgerWindow[] = [];
  for (const { d, evalDate } of u.uses) {
    const spec = specOf(d, u.baselineYear);
    for (const date of seriesDates({ baselineYear: u.baselineYear, evalDate })) {
      if (spec.kind !== 'since') out.push({ mode: 'valid', hi: date });
      else if (date >= spec.since) out.push({ mode: 'dated', lo: spec.since, hi: date });
    }
    out.push({ mode: 'dated', lo: EVER, hi: evalDate });
  }
  return out;
}

/** The row path's reading of a numeric text (exactSum): a finite number, and its decimals (at most 10). */
const parsedOdd = (text: string) =>
  text !== '' && Number.isFinite(Number(text))
    ? { value: Number(text), scale: Math.min(10, (text.split('.')[1] ?? '').replace(/e.*$/i, '').length) }
    : null;

/** Sums the groups' parts to the largest scale among them, as exactSum sums rows. */
function exactSumOfGroups(groups: LedgerGroup[], j: number): { value: number; count: number } {
  let scale = 0;
  let count = 0;
  const odds: { value: number; scale: number; rows: number }[] = [];
  for (const g of groups) {
    const s = g.sums[j]!;
    if (s.count > 0) {
      scale = Math.max(scale, Math.min(10, s.scale));
      count += s.count;
    }
    const odd = s.odd === null ? null : parsedOdd(s.odd);
    if (odd) {
      odds.push({ ...odd, rows: g.rows });
      scale = Math.max(scale, odd.scale);
      count += g.rows;
    }
  }
  const factor = 10 ** scale;
  let total = 0;
  for (const g of groups) if (g.sums[j]!.count > 0) total += Math.round(g.sums[j]!.sum * factor);
  for (const o of odds) total += o.rows * Math.round(o.value * factor);
  return { value: total / factor, count };
}

/**
 * Like {@link loadPlanLedgers}, but the database counts and sums (one GROUP BY query for the
 * batch: ledger-aggregate.repo.ts) and the statistics add up groups instead of rows. Same values
 * and counts as the row path; no row ids, so for views that do not list the counted rows (the
 * province view, the bench's thousands of plans). Checks and errors as statSeriesOfRows.
 */
export async function aggregatePlanLedgers(
  db: Db,
  plans: Map<string, PlanLedgerUses>,
  opts: { asOf: string; timeZone: string; versionsRead?: Map<string, string> },
): Promise<Map<string, PlanLedgers>> {
  const planIds = [...plans.keys()].filter((p) => plans.get(p)!.uses.length > 0);
  const out = new Map<string, PlanLedgers>();
  if (planIds.length === 0) return out;
  const types = await loadLedgerTypes(db, planIds);
  const typeIdsByPlan = new Map<string, string[]>();
  const filterKeys = new Set<string>();
  const sumKeys = new Set<string>();
  const windows = new Map<string, LedgerWindow>();
  for (const planId of planIds) {
    const u = plans.get(planId)!;
    const typeIds = new Set<string>();
    for (const { d } of u.uses) {
      const type = types.get(planId)?.get(d.ledger);
      if (type) typeIds.add(type.id);
      for (const k of Object.keys(d.filter ?? {})) filterKeys.add(k);
      if (d.kind === 'ledger_sum') sumKeys.add(d.field);
      if (d.kind === 'cumulative_flow' && d.field) sumKeys.add(d.field);
    }
    for (const w of windowsOf(u)) windows.set(windowKey(w), w);
    typeIdsByPlan.set(planId, [...typeIds]);
  }
  const [fKeys, sKeys] = [[...filterKeys], [...sumKeys]];
  const options = { timeZone: opts.timeZone, knownBy: opts.asOf };
  const cutoff = recordingCutoff(opts.asOf, options);
  const groups = await selectLedgerGroups(db, {
    planIds,
    typeIdsByPlan,
    cutoff,
    filterKeys: fKeys,
    sumKeys: sKeys,
    windows: [...windows.values()],
    versionsRead: opts.versionsRead,
  });
  // Groups by type (a type belongs to one plan) and window: each statistic looks its list up.
  const byType = new Map<string, Map<string, LedgerGroup[]>>();
  for (const g of groups) {
    let byWindow = byType.get(g.typeId);
    if (!byWindow) byType.set(g.typeId, (byWindow = new Map()));
    for (const w of g.windows) {
      const list = byWindow.get(w);
      if (list) list.push(g);
      else byWindow.set(w, [g]);
    }
  }
  const bad = (message: string) => new AppError(400, 'validation_failed', message);
  // Every statistic checks its dates as the row path does; the batch asks the same few dates
  // thousands of times, so each text is checked once.
  const valid = new Set<string>();
  const checked = (date: string, name: string) => {
    if (!valid.has(date)) valid.add(checkDate(date, name));
    return date;
  };
  for (const planId of planIds)
    out.set(planId, {
      stats: (d) => async (spec, dates, filter) => {
        const type = types.get(planId)?.get(d.ledger);
        if (!type) throw notFound(`台账类型「${d.ledger}」`);
        const filters = toFilters(db, type, filter).map((f) => ({
          at: fKeys.indexOf(f.key),
          values: new Set(f.values),
        }));
        const field = spec.kind === 'count' || spec.field === null ? -1 : sKeys.indexOf(numericField(type, spec.field));
        if (filters.some((f) => f.at < 0) || (field < 0 && spec.kind !== 'count' && spec.field !== null))
          throw new Error('aggregatePlanLedgers: a field was not aggregated');
        return dates.map((date): CountedStat => {
          checked(date, '统计日期');
          if (opts.asOf < date) throw bad(`数据截止日期 ${opts.asOf} 早于统计日期 ${date}`);
          if (spec.kind === 'since' && date < checked(spec.since, '起始日期'))
            return { value: 0, rowIds: [], count: 0 };
          const w: LedgerWindow =
            spec.kind === 'since' ? { mode: 'dated', lo: spec.since, hi: date } : { mode: 'valid', hi: date };
          if (!windows.has(windowKey(w))) throw new Error(`aggregatePlanLedgers: ${windowKey(w)} was not aggregated`);
          const kept = (byType.get(type.id)?.get(windowKey(w)) ?? []).filter((g) =>
            filters.every((f) => {
              const v = g.values[f.at];
              return v !== null && v !== undefined && f.values.has(v);
            }),
          );
          if (field < 0) {
            const n = kept.reduce((acc, g) => acc + g.rows, 0);
            return { value: n, rowIds: [], count: n };
          }
          const { value, count } = exactSumOfGroups(kept, field);
          return { value, rowIds: [], count };
        });
      },
    });
  return out;
}
