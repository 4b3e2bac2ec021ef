import { targetMet } from './indicators/target.ts';
import type { Comparator } from './plan-pack.ts';

/**
 * A number the Chinese way: at most `digits` decimals (trailing zeros dropped), or exactly `fixed`
 * decimals when given. Four-digit numbers stay ungrouped ("8600", as Chinese documents write them);
 * from five digits on, thousands are separated.
 */
export function formatNumber(value: number, digits = 2, fixed?: number): string {
  return new Intl.NumberFormat('zh-CN', {
    maximumFractionDigits: fixed ?? digits,
    minimumFractionDigits: fixed ?? 0,
    useGrouping: 'min2',
  }).format(value);
}

/** How many decimals a number is written with: 3.5 → 1, 65 → 0, 2.85 → 2 (capped at 4). */
export function decimalsOf(n: number): number {
  for (let d = 0; d < 4; d += 1) if (Number(n.toFixed(d)) === n) return d;
  return 4;
}

/**
 * The decimals a plan writes its percentages with, read from the target: "3.5%" → 1, "65%" → 0,
 * "3–5%" → 0. Undefined when the target gives no number (values then show at most 2 decimals).
 */
export function planPrecision(t: { value: number | null; min: number | null; max: number | null }): number | undefined {
  const numbers = [t.value, t.min, t.max].filter((v): v is number => v !== null && Number.isFinite(v));
  return numbers.length ? Math.max(...numbers.map(decimalsOf)) : undefined;
}

/** A percentage with the plan's precision (fixed decimals), or at most two decimals: 3.2%, 64%, 2.65%. */
export function formatPercent(value: number, precision?: number): string {
  return `${formatNumber(value, 2, precision)}%`;
}

/** Money units and how many 元 each stands for. */
const MONEY: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };

/**
 * An amount scaled the Chinese way: into 亿元 from 1 亿 on, into 万元 from 1 万 on (from 元), never
 * down (a plan counting in 亿元 keeps 亿元, so the value reads against its target). 123456 万元 →
 * 12.35 亿元; 8600 万元 stays 8600 万元.
 */
export function scaleAmount(value: number, unit: string): { value: number; unit: string } {
  const base = MONEY[unit];
  if (base === undefined) return { value, unit };
  const yuan = Math.abs(value) * base;
  if (base < 1e8 && yuan >= 1e8) return { value: (value * base) / 1e8, unit: '亿元' };
  if (base < 1e4 && yuan >= 1e4) return { value: (value * base) / 1e4, unit: '万元' };
  return { value, unit };
}

/** Options for a quantity: the plan's precision for percentages, and 万 for large counts the plan words in 万. */
export interface QuantityOptions {
  /** Decimals of a percentage (see planPrecision); other values keep at most two decimals. */
  precision?: number;
  /** The plan words this count in 万 (e.g. 万人次): from 1 万 on, show 1.2 万人次 instead of 12,000 人次. */
  wan?: boolean;
}

/** A value with its unit of measure, the Chinese way: "152 家", "3.2%", "12.35 亿元", "8600 万元", "1.2 万人". */
export function formatQuantity(value: number, unit: string, opts: QuantityOptions = {}): string {
  if (unit === '%') return formatPercent(value, opts.precision);
  if (unit in MONEY) {
    const s = scaleAmount(value, unit);
    return `${formatNumber(s.value)} ${s.unit}`;
  }
  if (opts.wan && Math.abs(value) >= 1e4 && !unit.startsWith('万')) return `${formatNumber(value / 1e4)} 万${unit}`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

const COMPARATOR_WORDS: Record<Exclude<Comparator, 'range' | 'increase' | 'decrease'>, string> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: '=',
  approx: '≈',
};

/** A target as the plan states it: "≥ 180 家", "> 120 万平方米", "3–5 个", "≈ 100 项", "≥ 3.5%", "> 12.35 亿元". */
export function formatTarget(t: {
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
}): string {
  // The target is written with its own decimals, which is what sets the plan's precision.
  const precision = t.unit === '%' ? planPrecision(t) : undefined;
  if (t.comparator === 'increase') return '持续提升';
  if (t.comparator === 'decrease') return '持续下降';
  if (t.comparator === 'range') {
    // Both ends in the unit the upper end scales to: "5000–1.2 亿元" would read wrongly.
    const upper = scaleAmount(t.max ?? 0, t.unit);
    const factor = upper.value === 0 || t.max === null ? 1 : upper.value / t.max;
    const end = formatQuantity(upper.value, upper.unit, { precision });
    return `${formatNumber((t.min ?? 0) * factor, 2, precision)}–${end}`;
  }
  return `${COMPARATOR_WORDS[t.comparator]} ${formatQuantity(t.value ?? 0, t.unit, { precision })}`;
}

/** Decimals a figure shows at most as reported: 44.5 → 1, 2.58 → 2, a computed 2.5812… → 2. */
export const MAX_FIGURE_DECIMALS = 2;

/** A target as far as meeting it goes; the unit and date do not matter here. */
export type TargetNumbers = { comparator: Comparator; value: number | null; min: number | null; max: number | null };

const meets = (t: TargetNumbers, v: number) => targetMet({ ...t, unit: '', targetDate: '' }, v);

/**
 * The decimals that show a figure honestly: the precision it was reported with, up to
 * MAX_FIGURE_DECIMALS, and more wherever rounding would make it meet a target it misses (69.996
 * against ≥ 70 shows as 69.996, never 70) or miss one it meets.
 */
export function figureDecimals(value: number, target?: TargetNumbers | null): number {
  let d = Math.min(decimalsOf(value), MAX_FIGURE_DECIMALS);
  if (!target || target.comparator === 'increase' || target.comparator === 'decrease') return d;
  const truth = meets(target, value);
  while (d < 8 && meets(target, Number(value.toFixed(d))) !== truth) d += 1;
  return d;
}

/**
 * The one display rule for an indicator's figures, on screens, bulletins and Excel alike: the
 * value with its unit ("44.5%", "2.58%", "12.35 亿元", "152 家") at figureDecimals against its target.
 */
export function formatFigure(
  value: number,
  unit: string,
  target?: TargetNumbers | null,
  opts: Pick<QuantityOptions, 'wan'> = {},
): string {
  const f = scaledFigure(value, unit, target);
  if (unit === '%') return `${formatNumber(value, f.digits)}%`;
  if (f.unit === unit && opts.wan && Math.abs(value) >= 1e4 && !unit.startsWith('万'))
    return `${formatNumber(value / 1e4, Math.max(2, f.digits))} 万${unit}`;
  return f.unit ? `${formatNumber(f.value, f.digits)} ${f.unit}` : formatNumber(f.value, f.digits);
}

/** A figure in the unit it reads best in (万元 → 亿元), with its honest decimals against the scaled target. */
function scaledFigure(value: number, unit: string, target?: TargetNumbers | null) {
  const scaled = unit in MONEY ? scaleAmount(value, unit) : { value, unit };
  // Divided the way scaleAmount divides, so a target equal to the value stays equal after scaling.
  const scale = (n: number | null) => (n === null ? null : (n * (MONEY[unit] ?? 1)) / (MONEY[scaled.unit] ?? 1));
  const t = target && { ...target, value: scale(target.value), min: scale(target.min), max: scale(target.max) };
  return { ...scaled, digits: figureDecimals(scaled.value, t) };
}

/**
 * The same figure for an Excel cell: a number, not text, with a number format that shows what
 * formatFigure shows (44.5 with 0.0"%" reads 44.5%).
 */
export function figureCell(
  value: number,
  unit: string,
  target?: TargetNumbers | null,
): { value: number; numFmt: string } {
  const f = scaledFigure(value, unit, target);
  const body = f.digits === 0 ? '0' : `0.${'0'.repeat(f.digits)}`;
  const suffix = f.unit === '%' ? '"%"' : f.unit ? `" ${f.unit.replace(/"/g, '')}"` : '';
  return { value: f.value, numFmt: `${body}${suffix}` };
}

/** The year a target is due, for labels: "2025年". */
export const targetYearLabel = (targetDate: string): string => `${Number(targetDate.slice(0, 4))}年`;

/** An ISO date as Chinese text: 2025-09-25 → 2025年9月25日. */
export function formatDateZh(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * Chinese dates inside a sentence: every ISO date (2025-09-30) becomes 2025年9月30日. For text made
 * elsewhere (the workings of an indicator), shown to Chinese readers.
 */
export function withChineseDates(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})(?!\d|T)/g, (iso) => formatDateZh(iso));
}

/**
 * Date pickers: shown as 2025年9月30日; typed in also as 2025-09-30 or 2025/9/30 (dayjs formats,
 * the first one displays).
 */
export const DATE_INPUT_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD', 'YYYY/M/D'];

/** A date typed by a person (2025年9月30日, 2025-09-30, 2025/9/30) as ISO, or null when it is no real date. */
export function parseDateText(text: string): string | null {
  const m = /^\s*(\d{4})\s*(?:年|-|\/)\s*(\d{1,2})\s*(?:月|-|\/)\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** An instant for people where the time matters: 2025年10月14日 14:30, in the deployment's zone. */
export function formatDateTimeZh(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${formatDateZh(`${parts.year}-${parts.month}-${parts.day}`)} ${parts.hour}:${parts.minute}`;
}
