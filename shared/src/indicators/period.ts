import { z } from 'zod';

/** How often a data element is reported. */
export const PERIODICITIES = ['year', 'quarter', 'month'] as const;
export const periodicitySchema = z.enum(PERIODICITIES);
export type Periodicity = z.infer<typeof periodicitySchema>;

export const PERIODICITY_LABELS: Record<Periodicity, string> = { year: '年度', quarter: '季度', month: '月度' };

/** A parsed ISO period id: 2024, 2024Q3 or 202409. */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

const PATTERNS: [RegExp, (m: RegExpExecArray) => Period][] = [
  [/^(\d{4})$/, (m) => ({ kind: 'year', year: Number(m[1]) })],
  [/^(\d{4})Q([1-4])$/, (m) => ({ kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) })],
  [/^(\d{4})(0[1-9]|1[0-2])$/, (m) => ({ kind: 'month', year: Number(m[1]), month: Number(m[2]) })],
];

/** Parses a period id, or returns undefined when it is not one. */
export function parsePeriod(id: string): Period | undefined {
  for (const [re, build] of PATTERNS) {
    const m = re.exec(id);
    if (m) return build(m);
  }
  return undefined;
}

/** Parses a period id, throwing on anything else (for ids already validated). */
export function mustParsePeriod(id: string): Period {
  const p = parsePeriod(id);
  if (!p) throw new Error(`不是有效的统计期：${id}（应为 2024、2024Q3 或 202409）`);
  return p;
}

/** zod schema for a period id, with the Chinese message users see. */
export const periodIdSchema = z
  .string()
  .refine((s) => parsePeriod(s) !== undefined, '统计期格式应为 2024、2024Q3 或 202409');

/** The id of a parsed period. */
export function formatPeriodId(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}Q${p.quarter}`;
  return `${p.year}${String(p.month).padStart(2, '0')}`;
}

/** The period as users read it: 2024年, 2024年第三季度, 2024年9月. */
export function periodLabel(id: string): string {
  const p = parsePeriod(id);
  if (!p) return id;
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'quarter') return `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;
  return `${p.year}年${p.month}月`;
}

/** First and last month (1–12) a period covers. */
function monthSpan(p: Period): [number, number] {
  if (p.kind === 'year') return [1, 12];
  if (p.kind === 'quarter') return [p.quarter * 3 - 2, p.quarter * 3];
  return [p.month, p.month];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a period, YYYY-MM-DD. */
export function periodEndDate(id: string): string {
  const p = mustParsePeriod(id);
  const lastMonth = monthSpan(p)[1];
  const day = new Date(Date.UTC(p.year, lastMonth, 0)).getUTCDate();
  return `${p.year}-${pad(lastMonth)}-${pad(day)}`;
}

/** The first day of a period, YYYY-MM-DD. */
export function periodStartDate(id: string): string {
  const p = mustParsePeriod(id);
  return `${p.year}-${pad(monthSpan(p)[0])}-01`;
}

/**
 * Orders periods by their end date, then longer first when two end together (2024 after
 * 2024Q4 and 202412 would be ambiguous otherwise: the year sorts last, as the fuller figure).
 */
export function comparePeriods(a: string, b: string): number {
  const byEnd = periodEndDate(a).localeCompare(periodEndDate(b));
  if (byEnd !== 0) return byEnd;
  const rank = { month: 0, quarter: 1, year: 2 } as const;
  return rank[mustParsePeriod(a).kind] - rank[mustParsePeriod(b).kind];
}

/** The period just before, of the same kind: 2024 → 2023, 2024Q1 → 2023Q4, 202401 → 202312. */
export function previousPeriod(id: string): string {
  const p = mustParsePeriod(id);
  if (p.kind === 'year') return String(p.year - 1);
  if (p.kind === 'quarter') return p.quarter === 1 ? `${p.year - 1}Q4` : `${p.year}Q${p.quarter - 1}`;
  return p.month === 1 ? `${p.year - 1}12` : `${p.year}${pad(p.month - 1)}`;
}

/** The period of the given kind that contains a date (YYYY-MM-DD). */
export function periodContaining(periodicity: Periodicity, date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (periodicity === 'year') return String(year);
  if (periodicity === 'quarter') return `${year}Q${Math.ceil(month / 3)}`;
  return `${year}${pad(month)}`;
}

/** The kind of a period id, or undefined when it is not one. */
export const periodKind = (id: string): Periodicity | undefined => parsePeriod(id)?.kind;
