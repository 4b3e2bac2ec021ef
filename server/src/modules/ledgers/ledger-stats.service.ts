/**
 * Ledger statistics for the indicator engine. These are data functions for another service,
 * which makes its own access check; they take no actor.
 *
 * "As of" a date D is honest: a row version counts only if it was recorded (updated_at, read as
 * a calendar date in China time) on or before D and was neither replaced nor deleted by then.
 */
import { parseIsoDate } from '@innocity/shared/ledger-type';
import type { Db } from '../../db/connection.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { DEFAULT_TIME_ZONE, endOfLocalDayUtc } from '../../time.ts';
import { jsonFilterText } from './ledger-json.repo.ts';
import { selectCountedRows, type CountedRowsQuery, type LoadedRow } from './ledger-stats.repo.ts';
import { findLedgerType, type LedgerTypeRecord } from './ledger-type.repo.ts';

/** A statistic's value and the stable ids of the rows behind it (for the workings). */
export interface LedgerStat {
  value: number;
  rowIds: string[];
}

/** Field filters: a field key to one value or any of several. Enum, text, date, integer and boolean fields. */
export type LedgerFilter = Record<string, string | string[]>;

/** Options shared by the statistics; the zone defaults to Asia/Shanghai. */
export interface LedgerStatOptions {
  timeZone?: string;
  /**
   * Count what was recorded by the end of this day (YYYY-MM-DD, not before the statistic's date)
   * instead of by its date: "valid on 2025-12-31, as known on 2026-03-31" for a plan's final
   * figure, or a past year-end as best known today. Added for the indicator engine.
   */
  knownBy?: string;
}

/** The recording cutoff: the end of `knownBy` when given, else of the statistic's own date. */
function cutoffOf(asOf: string, options: LedgerStatOptions): string {
  const knownBy = options.knownBy === undefined ? asOf : checkDate(options.knownBy, '数据截止日期');
  if (knownBy < asOf) throw bad(`数据截止日期 ${knownBy} 早于统计日期 ${asOf}`);
  return endOfLocalDayUtc(knownBy, options.timeZone ?? DEFAULT_TIME_ZONE);
}

const bad = (message: string) => new AppError(400, 'validation_failed', message);

export function checkDate(text: string, name: string): string {
  if (parseIsoDate(text) !== text) throw bad(`${name}应为 YYYY-MM-DD 格式的日期：${text}`);
  return text;
}

async function loadType(db: Db, planId: string, code: string): Promise<LedgerTypeRecord> {
  const type = await findLedgerType(db, planId, code);
  if (!type) throw notFound(`台账类型「${code}」`);
  return type;
}

export function toFilters(
  db: Db,
  type: LedgerTypeRecord,
  filter: LedgerFilter | undefined,
): CountedRowsQuery['filters'] {
  return Object.entries(filter ?? {}).map(([key, raw]) => {
    const field = type.fields.find((f) => f.key === key);
    if (!field) throw bad(`台账「${type.name}」没有字段 ${key}`);
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => jsonFilterText(db, field.type, v));
    return { key, values };
  });
}

export function numericField(type: LedgerTypeRecord, key: string): string {
  const field = type.fields.find((f) => f.key === key);
  if (!field || (field.type !== 'integer' && field.type !== 'decimal'))
    throw bad(`台账「${type.name}」没有数值字段 ${key}`);
  return key;
}

/** Sums decimal texts exactly to their own precision, so 0.1 + 0.2 gives 0.3. */
export function exactSum(rows: { rowId: string; value: string | null }[]): LedgerStat {
  let scale = 0;
  const counted = rows.filter((r) => r.value !== null && r.value !== '' && Number.isFinite(Number(r.value)));
  for (const r of counted)
    scale = Math.max(scale, Math.min(10, (r.value!.split('.')[1] ?? '').replace(/e.*$/i, '').length));
  const factor = 10 ** scale;
  const total = counted.reduce((acc, r) => acc + Math.round(Number(r.value) * factor), 0);
  return { value: total / factor, rowIds: counted.map((r) => r.rowId) };
}

/** Rows of the type valid on `asOf` (YYYY-MM-DD), as known at the end of that day. */
export async function countValidRows(
  db: Db,
  planId: string,
  ledgerTypeCode: string,
  asOf: string,
  filter?: LedgerFilter,
  options: LedgerStatOptions = {},
): Promise<LedgerStat> {
  const [stat] = await statSeries(db, planId, ledgerTypeCode, { kind: 'count' }, [asOf], filter, options);
  return stat!;
}

/** Sum of a numeric field over rows valid on `asOf`; blank values add nothing and are not listed. */
export async function sumField(
  db: Db,
  planId: string,
  ledgerTypeCode: string,
  field: string,
  asOf: string,
  filter?: LedgerFilter,
  options: LedgerStatOptions = {},
): Promise<LedgerStat> {
  const [stat] = await statSeries(db, planId, ledgerTypeCode, { kind: 'sum', field }, [asOf], filter, options);
  return stat!;
}

/**
 * Rows dated within [since, asOf] (a row's date is its validity start: the project's date, the
 * certificate's issue date), counted (`field` null) or summed over a numeric field. Unlike a
 * series, a single statistic refuses a start after its date: that is a caller's mistake.
 */
export async function sumSince(
  db: Db,
  planId: string,
  ledgerTypeCode: string,
  field: string | null,
  since: string,
  asOf: string,
  filter?: LedgerFilter,
  options: LedgerStatOptions = {},
): Promise<LedgerStat> {
  checkDate(since, '起始日期');
  if (since > checkDate(asOf, '统计日期')) throw bad(`起始日期 ${since} 晚于统计日期 ${asOf}`);
  const spec: LedgerStatSpec = { kind: 'since', field, since };
  const [stat] = await statSeries(db, planId, ledgerTypeCode, spec, [asOf], filter, options);
  return stat!;
}

/** Which statistic a series asks for: rows valid on each date, a field summed over them, or rows dated since a day. */
export type LedgerStatSpec =
  { kind: 'count' } | { kind: 'sum'; field: string } | { kind: 'since'; field: string | null; since: string };

/**
 * One statistic on several dates with the type loaded once, as the indicator engine draws a
 * series (each year end and the as-of date). Same rules as the single-date functions; a date
 * before a `since` gives zero. Added for the indicator engine.
 */
export async function statSeries(
  db: Db,
  planId: string,
  ledgerTypeCode: string,
  spec: LedgerStatSpec,
  dates: string[],
  filter?: LedgerFilter,
  options: LedgerStatOptions = {},
): Promise<LedgerStat[]> {
  const type = await loadType(db, planId, ledgerTypeCode);
  const filters = toFilters(db, type, filter);
  const field = spec.kind === 'count' || spec.field === null ? undefined : numericField(type, spec.field);
  const out: LedgerStat[] = [];
  for (const date of dates) {
    checkDate(date, '统计日期');
    if (spec.kind === 'since' && date < checkDate(spec.since, '起始日期')) {
      out.push({ value: 0, rowIds: [] });
      continue;
    }
    const when = spec.kind === 'since' ? { dated: { from: spec.since, to: date } } : { validOn: date };
    const rows = await selectCountedRows(db, {
      planId: type.planId,
      typeId: type.id,
      cutoff: cutoffOf(date, options),
      filters,
      ...when,
      ...(field ? { field } : {}),
    });
    out.push(field ? exactSum(rows) : { value: rows.length, rowIds: rows.map((r) => r.rowId) });
  }
  return out;
}

/**
 * {@link statSeries} over rows already loaded by {@link selectLiveRows} (with `keys` their field
 * texts, recorded before `cutoff`): the same rules, counted in memory, so an engine reading a
 * series of dates for many indicators issues one query per plan instead of one per date and
 * statistic. Added for the set-based indicator engine.
 */
export function statSeriesOfRows(
  db: Db,
  type: LedgerTypeRecord,
  loaded: { rows: LoadedRow[]; keys: string[]; cutoff: string },
  spec: LedgerStatSpec,
  dates: string[],
  filter?: LedgerFilter,
  options: LedgerStatOptions = {},
): LedgerStat[] {
  const column = (key: string) => {
    const i = loaded.keys.indexOf(key);
    if (i < 0) throw new Error(`statSeriesOfRows: field ${key} was not loaded`);
    return i;
  };
  const filters = toFilters(db, type, filter).map((f) => ({ at: column(f.key), values: new Set(f.values) }));
  const field = spec.kind === 'count' || spec.field === null ? undefined : column(numericField(type, spec.field));
  const kept = loaded.rows.filter((r) =>
    filters.every((f) => {
      const v = r.values[f.at];
      return v !== null && v !== undefined && f.values.has(v);
    }),
  );
  // With `knownBy` every date shares one cutoff: computed once (zone arithmetic is the costly part).
  const shared = options.knownBy === undefined ? undefined : cutoffOf(options.knownBy, options);
  return dates.map((date) => {
    checkDate(date, '统计日期');
    if (shared !== undefined && options.knownBy! < date)
      throw bad(`数据截止日期 ${options.knownBy} 早于统计日期 ${date}`);
    if ((shared ?? cutoffOf(date, options)) !== loaded.cutoff)
      throw new Error('statSeriesOfRows: rows loaded for another cutoff');
    if (spec.kind === 'since' && date < checkDate(spec.since, '起始日期')) return { value: 0, rowIds: [] };
    const rows =
      spec.kind === 'since'
        ? kept.filter((r) => r.validFrom !== null && r.validFrom >= spec.since && r.validFrom <= date)
        : kept.filter(
            (r) => (r.validFrom === null || r.validFrom <= date) && (r.validTo === null || r.validTo >= date),
          );
    if (field === undefined) return { value: rows.length, rowIds: rows.map((r) => r.rowId) };
    return exactSum(rows.map((r) => ({ rowId: r.rowId, value: r.values[field] ?? null })));
  });
}

/** The recording cutoff statistics with these options use for a date (the end of `knownBy`, or of the date). */
export const recordingCutoff = (date: string, options: LedgerStatOptions) => cutoffOf(date, options);
