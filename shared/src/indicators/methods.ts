import { yearPosition } from './calendar.ts';
import type { IndicatorMethod } from './definition.ts';
import { milestoneAt, type Milestone } from './milestones.ts';
import { fmt, pct, withUnit } from './numbers.ts';
import { GROWTH_BANDS, PROJECTION_RISK_SHARE, SCHEDULE_BANDS, THRESHOLD_NEAR_SHARE, type Status } from './status.ts';
import { isDecreasing, pathTarget, targetMet, type Target } from './target.ts';
import type { SeriesPoint, WorkingInput } from './workings.ts';

/** What a method concludes, before the light and the result wording are added. */
export interface MethodResult {
  status: Status;
  inputs: WorkingInput[];
  formula: string;
  /** The figure the status rests on: actual ÷ expected, R, projected value, or the rate itself. */
  progress: number | null;
}

export interface MethodInput {
  target: Target;
  baseline: { value: number; year: number } | null;
  milestones: readonly Milestone[];
  series: readonly SeriesPoint[];
  current: SeriesPoint;
}

const dateZh = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 序时进度: actual ÷ the milestone path at the date the actual describes. */
export function scheduleMethod({ target, milestones, current }: MethodInput): MethodResult {
  const expected = milestoneAt(milestones, current.date);
  const u = target.unit;
  const inputs = [{ label: `序时目标（${dateZh(current.date)}）`, value: withUnit(expected, u) }];
  if (expected <= 0) {
    const status: Status = current.value > expected ? 'ahead' : 'on_schedule';
    return {
      status,
      inputs,
      formula: `序时目标为 ${fmt(expected)}，实际值 ${withUnit(current.value, u)}`,
      progress: null,
    };
  }
  const decreasing = isDecreasing(target);
  const ratio = decreasing ? expected / current.value : current.value / expected;
  const formula = decreasing
    ? `序时目标 ÷ 实际值 = ${fmt(expected)} ÷ ${fmt(current.value)} = ${pct(ratio)}（越小越好）`
    : `实际值 ÷ 序时目标 = ${fmt(current.value)} ÷ ${fmt(expected)} = ${pct(ratio)}`;
  const b = SCHEDULE_BANDS;
  const status: Status =
    ratio >= b.ahead ? 'ahead' : ratio >= b.onSchedule ? 'on_schedule' : ratio >= b.behind ? 'behind' : 'far_behind';
  return { status, inputs, formula, progress: ratio };
}

const cagr = (from: number, to: number, years: number) => (to / from) ** (1 / years) - 1;

/** Open SDG growth ratio: R = CAGR observed since the baseline ÷ CAGR required to reach the target. */
export function growthMethod({ target, baseline, current }: MethodInput): MethodResult {
  const b = baseline!;
  const t = yearPosition(current.date) - b.year;
  const T = yearPosition(target.targetDate.slice(0, 4) + '-12-31') - b.year;
  const goal = pathTarget(target);
  if (t <= 0)
    return {
      status: 'insufficient_data',
      inputs: [],
      formula: `实际值所属日期未晚于基期（${b.year}年），无法计算增长率`,
      progress: null,
    };
  if (b.value <= 0 || current.value <= 0 || goal <= 0) {
    return {
      status: 'insufficient_data',
      inputs: [],
      formula: '基期值、实际值或目标值不为正，无法计算年均增长率',
      progress: null,
    };
  }
  const observed = cagr(b.value, current.value, t);
  const required = cagr(b.value, goal, T);
  const inputs = [
    {
      label: '实际年均增速',
      value: `(${fmt(current.value)} ÷ ${fmt(b.value)})^(1/${fmt(t, 2)}) − 1 = ${pct(observed, 2)}`,
    },
    { label: '所需年均增速', value: `(${fmt(goal)} ÷ ${fmt(b.value)})^(1/${fmt(T, 2)}) − 1 = ${pct(required, 2)}` },
  ];
  if (Math.abs(required) < 1e-12) {
    const status: Status = observed >= 0 ? 'on_track' : 'backwards';
    return { status, inputs, formula: `所需年均增速为 0，实际年均增速 ${pct(observed, 2)}`, progress: null };
  }
  const r = observed / required;
  const g = GROWTH_BANDS;
  const status: Status =
    r >= g.onTrack ? 'on_track' : r >= g.acceleration ? 'needs_acceleration' : r >= g.limited ? 'limited' : 'backwards';
  return {
    status,
    inputs,
    formula: `R = 实际年均增速 ÷ 所需年均增速 = ${pct(observed, 2)} ÷ ${pct(required, 2)} = ${fmt(r, 2)}`,
    progress: r,
  };
}

/** Least-squares line through points (x, y): intercept a and slope b. */
export function linearFit(points: readonly { x: number; y: number }[]): { a: number; b: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  return { a: my - b * mx, b };
}

/** Extends the trend of the last few values to the target date and compares it with the target. */
export function projectionMethod(input: MethodInput, points: number): MethodResult {
  const { target, series, current } = input;
  const recent = series.filter((p) => p.date <= current.date).slice(-points);
  if (recent.length < 2)
    return { status: 'insufficient_data', inputs: [], formula: '趋势预测至少需要两个数据点', progress: null };
  const targetYear = Number(target.targetDate.slice(0, 4));
  const { a, b } = linearFit(recent.map((p) => ({ x: yearPosition(p.date), y: p.value })));
  const projected = a + b * targetYear;
  const goal = pathTarget(target);
  const inputs = [
    { label: '趋势所用数据', value: recent.map((p) => `${p.period}：${fmt(p.value)}`).join('；') },
    { label: '趋势线', value: `每年 ${b >= 0 ? '+' : ''}${fmt(b)} ${target.unit}` },
  ];
  const share = isDecreasing(target) ? goal / projected : projected / goal;
  const status: Status = targetMet(target, projected)
    ? 'projected_met'
    : share >= PROJECTION_RISK_SHARE
      ? 'projected_at_risk'
      : 'projected_missed';
  const formula = `${targetYear}年末预计值 ÷ 目标 = ${fmt(projected)} ÷ ${fmt(goal)} = ${pct(share)}`;
  return { status, inputs, formula, progress: projected };
}

/** A growth rate against its threshold: met, within a tenth below it, or below that. */
export function thresholdMethod({ target, current }: MethodInput): MethodResult {
  const goal = pathTarget(target);
  const decreasing = isDecreasing(target);
  const near = decreasing ? goal * (1 + THRESHOLD_NEAR_SHARE) : goal * (1 - THRESHOLD_NEAR_SHARE);
  const met = targetMet(target, current.value);
  const isNear = decreasing ? current.value <= near : current.value >= near;
  const status: Status = met ? 'threshold_met' : isNear ? 'threshold_near' : 'threshold_missed';
  const cmp = met ? '达到' : '未达到';
  const formula = `实际值 ${withUnit(current.value, target.unit)} ${cmp}目标 ${withUnit(goal, target.unit)}（接近目标区间：${decreasing ? '≤' : '≥'} ${withUnit(near, target.unit)}）`;
  return { status, inputs: [], formula, progress: current.value };
}

/** Runs the indicator's method; baseline and milestones are checked by the caller. */
export function runMethod(method: IndicatorMethod, input: MethodInput): MethodResult {
  switch (method.kind) {
    case 'schedule':
      return scheduleMethod(input);
    case 'growth':
      return growthMethod(input);
    case 'projection':
      return projectionMethod(input, method.points);
    case 'threshold':
      return thresholdMethod(input);
  }
}
