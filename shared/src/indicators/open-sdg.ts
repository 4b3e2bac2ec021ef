/**
 * The Open SDG progress measure (open-sdg docs/progress-methodology.md, sdg-build ProgressMeasure),
 * in full: the desired direction, the sign of negative series, 0 replaced by 0.001 for the base and
 * the target, a met target checked first, indicators without a numeric target judged on the observed
 * growth rate against fixed thresholds scaled by the limit factor C, and the score from −5 to 5.
 * Pure arithmetic: the caller words the result.
 */

/** What replaces a base or target of 0: the model is exponential and cannot start or end at 0. */
export const ZERO_REPLACEMENT = 0.001;
/** Bands on R = observed ÷ required growth (indicators with a numeric target). */
export const RATIO_BANDS = { high: 0.95, med: 0.6, low: 0 } as const;
/** Bands on the observed growth rate (indicators without a numeric target), before scaling by C. */
export const RATE_BANDS = { high: 0.015, med: 0.005, low: 0 } as const;
/** Where the score reaches ±5: R of −60% and 130%; a growth rate of −2% and 2% (× C). */
export const SCORE_CUTOFFS = { ratio: { min: -0.6, max: 1.3 }, rate: { min: -0.02, max: 0.02 } } as const;
/**
 * Years over which 在轨 must stay reachable below a limit. The published factor C keeps a series
 * on track for the first 15 years without passing its limit; C below is that criterion solved:
 * the largest C ≤ 1 with base × (1 + 1.5% × C)^15 ≤ limit (a maximum), or
 * base × (1 − 1.5% × C)^15 ≥ limit (a minimum).
 */
export const LIMIT_HORIZON_YEARS = 15;

export type Category = 'target_achieved' | 'on_track' | 'needs_acceleration' | 'limited' | 'deterioration';

export interface ProgressInput {
  /** +1 when more is better, −1 when less is better. */
  direction: 1 | -1;
  base: { year: number; value: number };
  current: { year: number; value: number };
  /** Absent for an indicator without a numeric target (方向性指标). */
  target?: { year: number; value: number } | null;
  /** A natural limit (100% of a share, 0 of a count), for indicators without a numeric target. */
  limit?: number | null;
}

export type ProgressResult =
  | { ok: false; reason: string }
  | {
      ok: true;
      category: Category;
      /** −5 … 5; 5 when the target is met. */
      score: number;
      /** The direction after a negative series flipped it. */
      direction: 1 | -1;
      /** The values the growth rates were computed from (absolute, zeros replaced). */
      base: number;
      current: number;
      target: number | null;
      /** d × CAGR observed (no target) or R (target); null when the target was met first. */
      value: number | null;
      observed: number | null;
      required: number | null;
      /** The limit factor C, 1 without a limit. */
      c: number;
      notes: string[];
    };

/** Compound annual growth rate from `from` to `to` over `years`. */
export const cagr = (from: number, to: number, years: number): number => (to / from) ** (1 / years) - 1;

/** The limit factor C (0…1): 1 far from the limit, 0 at it. */
export function limitFactor(base: number, limit: number | null | undefined, direction: 1 | -1): number {
  if (limit === null || limit === undefined) return 1;
  const n = LIMIT_HORIZON_YEARS;
  const high = RATE_BANDS.high;
  // The limit is read in the desired direction: a maximum when growth is wanted, a minimum when a
  // fall is; a base at or past it leaves nothing to gain (C = 0).
  if (base <= 0 || limit < 0) return 1;
  if (direction === 1) return base >= limit ? 0 : Math.min(1, ((limit / base) ** (1 / n) - 1) / high);
  return base <= limit ? 0 : Math.min(1, (1 - (limit / base) ** (1 / n)) / high);
}

/** Linear between two points, clamped to the outer ones. */
function piecewise(x: number, knots: readonly [number, number][]): number {
  if (x <= knots[0]![0]) return knots[0]![1];
  for (let i = 1; i < knots.length; i += 1) {
    const [x1, y1] = knots[i]!;
    const [x0, y0] = knots[i - 1]!;
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
  }
  return knots.at(-1)![1];
}

/** Score of R: −60% → −5, 60% → 0, 130% → 5, linear between (so 0 → −2.5 and 95% → 2.5). */
export const ratioScore = (r: number): number =>
  piecewise(r, [
    [SCORE_CUTOFFS.ratio.min, -5],
    [RATIO_BANDS.med, 0],
    [SCORE_CUTOFFS.ratio.max, 5],
  ]);

/** Score of a growth rate: −2% → −5, 0 → −2.5, 0.5%·C → 0, 1.5%·C → 2.5, 2%·C → 5. */
export function rateScore(rate: number, c: number): number {
  if (c === 0)
    return rate >= 0
      ? 5
      : piecewise(rate, [
          [SCORE_CUTOFFS.rate.min, -5],
          [0, -2.5],
        ]);
  return piecewise(rate, [
    [SCORE_CUTOFFS.rate.min, -5],
    [RATE_BANDS.low, -2.5],
    [RATE_BANDS.med * c, 0],
    [RATE_BANDS.high * c, 2.5],
    [SCORE_CUTOFFS.rate.max * c, 5],
  ]);
}

function band(value: number, b: { high: number; med: number; low: number }): Category {
  if (value >= b.high) return 'on_track';
  if (value >= b.med) return 'needs_acceleration';
  if (value >= b.low) return 'limited';
  return 'deterioration';
}

const met = (direction: 1 | -1, current: number, target: number) =>
  direction === 1 ? current >= target : current <= target;

/** The progress measure of one series, or why it cannot be assessed (数据不足). */
export function progressMeasure(input: ProgressInput): ProgressResult {
  const t = input.current.year - input.base.year;
  if (t <= 0) return { ok: false, reason: '实际值所属年份未晚于基期，至少需要两个年份的数据' };
  const notes: string[] = [];
  const target = input.target ?? null;
  // A met target is checked first, on the values as reported.
  if (target && met(input.direction, input.current.value, target.value)) {
    return {
      ok: true,
      category: 'target_achieved',
      score: 5,
      direction: input.direction,
      base: input.base.value,
      current: input.current.value,
      target: target.value,
      value: null,
      observed: null,
      required: null,
      c: 1,
      notes: ['已达到目标，得分记 5'],
    };
  }
  const values = [input.base.value, input.current.value, ...(target ? [target.value] : [])];
  const negative = values.some((v) => v < 0);
  if (negative && values.some((v) => v > 0)) return { ok: false, reason: '数据有正有负，增长率模型只适用于同号数据' };
  let direction = input.direction;
  if (negative) {
    // Open SDG: an all-negative series is measured on its absolute values with the direction flipped.
    direction = direction === 1 ? -1 : 1;
    notes.push('数据均为负值，按绝对值计算并反转期望方向');
  }
  const zero = (v: number, what: string) => {
    if (v !== 0) return Math.abs(v);
    notes.push(`${what}为 0，按 ${ZERO_REPLACEMENT} 计算`);
    return ZERO_REPLACEMENT;
  };
  const base = zero(input.base.value, '基期值');
  const current = Math.abs(input.current.value);
  const observed = cagr(base, current, t);
  if (!target) {
    const c = limitFactor(base, input.limit, direction);
    if (c < 1) notes.push(`受上下限 ${input.limit} 约束，阈值乘以 C = ${Number(c.toFixed(4))}`);
    const value = direction * observed;
    // At the limit (C = 0) holding on is all that can be asked: on track, +5.
    const category =
      c === 0 && value >= 0
        ? 'on_track'
        : band(value, { high: RATE_BANDS.high * c, med: RATE_BANDS.med * c, low: RATE_BANDS.low });
    return {
      ok: true,
      category,
      score: rateScore(value, c),
      direction,
      base,
      current,
      target: null,
      value,
      observed,
      required: null,
      c,
      notes,
    };
  }
  const T = target.year - input.base.year;
  if (T <= 0) return { ok: false, reason: '目标年份未晚于基期' };
  const goal = zero(target.value, '目标值');
  const required = cagr(base, goal, T);
  if (required === 0) return { ok: false, reason: '基期值已等于目标值，所需增速为 0，无法计算比值' };
  // d × observed ÷ |required|: a required rate pointing against the desired direction cannot turn a
  // move the wrong way into progress.
  const value = (direction * observed) / Math.abs(required);
  return {
    ok: true,
    category: band(value, RATIO_BANDS),
    score: ratioScore(value),
    direction,
    base,
    current,
    target: goal,
    value,
    observed,
    required,
    c: 1,
    notes,
  };
}
