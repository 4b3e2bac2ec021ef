import type { Comparator } from '../plan-pack.ts';

/** An indicator's target as the plan states it. */
export interface Target {
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  /** YYYY-MM-DD; the milestone path ends at this date's year. */
  targetDate: string;
}

/**
 * "≈ 100 项左右" counts as met from 95 on: plans of this genre mean "about, at least nearly",
 * and overshooting a count of projects is never a failure.
 */
export const APPROX_TOLERANCE = 0.05;

/** Whether smaller is better (≤, <, 持续下降); everything else in these plans grows. */
export const isDecreasing = (t: Pick<Target, 'comparator'>) =>
  t.comparator === 'lte' || t.comparator === 'lt' || t.comparator === 'decrease';

/** 方向性指标: a direction and no number ("持续提升", "稳步下降"); judged on growth alone. */
export const isDirectional = (t: Pick<Target, 'comparator'>) =>
  t.comparator === 'increase' || t.comparator === 'decrease';

/**
 * The value the milestone path heads for: the stated value, or for a range its lower bound,
 * since "3–5 个" commits to 3 and hopes for 5.
 */
export function pathTarget(t: Target): number {
  const v = t.comparator === 'range' ? t.min : t.value;
  if (v === null) throw new Error(isDirectional(t) ? '方向性指标没有目标值' : '目标值缺失');
  return v;
}

/** Whether an actual value meets the target under its comparator. */
export function targetMet(t: Target, actual: number): boolean {
  // A direction is never "met": it is followed or not, which the growth method judges.
  if (isDirectional(t)) return false;
  const v = pathTarget(t);
  switch (t.comparator) {
    case 'gte':
    case 'range':
      return actual >= v;
    case 'gt':
      return actual > v;
    case 'lte':
      return actual <= v;
    case 'lt':
      return actual < v;
    case 'eq':
      return Math.abs(actual - v) <= 1e-9 * Math.max(1, Math.abs(v));
    case 'approx':
      return actual >= v * (1 - APPROX_TOLERANCE);
    default:
      return false;
  }
}

/** The target in words for workings: "≥ 180 家", "3–5 个", "≈ 100 项（≥ 95 即达到）". */
export function describeTarget(t: Target, fmt: (n: number) => string): string {
  if (t.comparator === 'increase') return '持续提升（方向性指标）';
  if (t.comparator === 'decrease') return '持续下降（方向性指标）';
  const sym: Record<Exclude<Comparator, 'range' | 'increase' | 'decrease'>, string> = {
    gte: '≥',
    gt: '>',
    lte: '≤',
    lt: '<',
    eq: '=',
    approx: '≈',
  };
  const unit = t.unit === '%' ? '%' : ` ${t.unit}`;
  if (t.comparator === 'range') return `${fmt(t.min ?? 0)}–${fmt(t.max ?? 0)}${unit}`;
  const base = `${sym[t.comparator]} ${fmt(t.value ?? 0)}${unit}`;
  if (t.comparator === 'approx') return `${base}（不低于 ${fmt((t.value ?? 0) * (1 - APPROX_TOLERANCE))} 即视为达到）`;
  return base;
}
