import type { Comparator } from './plan-pack.ts';

/** A number the Chinese way: thousands separators, at most `digits` decimals, trailing zeros dropped. */
export function formatNumber(value: number, digits = 2): string {
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits }).format(value);
}

const COMPARATOR_WORDS: Record<Exclude<Comparator, 'range'>, string> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: '=',
  approx: '≈',
};

/** A target as the plan states it: "≥ 180 家", "> 120 万平方米", "3–5 个", "≈ 100 项". */
export function formatTarget(t: {
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
}): string {
  const sep = t.unit === '%' ? '' : ' ';
  if (t.comparator === 'range') return `${formatNumber(t.min ?? 0)}–${formatNumber(t.max ?? 0)}${sep}${t.unit}`;
  return `${COMPARATOR_WORDS[t.comparator]} ${formatNumber(t.value ?? 0)}${sep}${t.unit}`;
}

/** An ISO date as Chinese text: 2025-09-25 → 2025年9月25日. */
export function formatDateZh(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
