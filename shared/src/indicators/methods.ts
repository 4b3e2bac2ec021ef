import { yearPosition } from './calendar.ts';
import type { IndicatorMethod } from './definition.ts';
import { milestoneAt, type Milestone } from './milestones.ts';
import { fmt, pct, withUnit } from './numbers.ts';
import { PROJECTION_RISK_SHARE, SCHEDULE_BANDS, THRESHOLD_NEAR_SHARE, type Status } from './status.ts';
import { progressMeasure, type Category } from './open-sdg.ts';
import { isDecreasing, isDirectional, pathTarget, targetMet, type Target } from './target.ts';
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

const CATEGORY_STATUS: Record<Exclude<Category, 'target_achieved'>, Status> = {
  on_track: 'on_track',
  needs_acceleration: 'needs_acceleration',
  limited: 'limited',
  deterioration: 'backwards',
};

/** +1 when the indicator should grow, −1 when it should fall (≤, <, 下降; = towards its target). */
export function desiredDirection(target: Target, base: number): 1 | -1 {
  if (target.comparator === 'eq') return (target.value ?? 0) >= base ? 1 : -1;
  return isDecreasing(target) ? -1 : 1;
}

/**
 * Open SDG growth ratio (open-sdg.ts): R = d × CAGR observed ÷ |CAGR required| against a numeric
 * target; without one (方向性指标), d × CAGR observed against 1.5% / 0.5% / 0 scaled by C.
 */
export function growthMethod({ target, baseline, current }: MethodInput, limit?: number | null): MethodResult {
  const b = baseline!;
  const t = yearPosition(current.date) - b.year;
  const T = yearPosition(target.targetDate.slice(0, 4) + '-12-31') - b.year;
  const directional = isDirectional(target);
  const direction = desiredDirection(target, b.value);
  const m = progressMeasure({
    direction,
    base: { year: 0, value: b.value },
    current: { year: t, value: current.value },
    target: directional ? null : { year: T, value: pathTarget(target) },
    limit,
  });
  if (!m.ok) return { status: 'insufficient_data', inputs: [], formula: m.reason, progress: null };
  const want = m.direction === 1 ? '越大越好' : '越小越好';
  const inputs: WorkingInput[] = [
    { label: '期望方向', value: want },
    {
      label: '实际年均增速',
      value: `(${fmt(m.current)} ÷ ${fmt(m.base)})^(1/${fmt(t, 2)}) − 1 = ${pct(m.observed ?? 0, 2)}`,
    },
  ];
  for (const note of m.notes) inputs.push({ label: '说明', value: note });
  if (m.category === 'target_achieved')
    return { status: 'completed_early', inputs, formula: '已达到目标', progress: null };
  const status = CATEGORY_STATUS[m.category];
  inputs.push({ label: '进展得分（−5～5）', value: fmt(m.score, 2) });
  if (m.target === null) {
    const c = m.c;
    const bands = `≥ ${pct(0.015 * c, 2)} 进展良好，≥ ${pct(0.005 * c, 2)} 需加快进度，≥ 0 进展有限，< 0 逆向变化`;
    if (c < 1) inputs.push({ label: '上下限系数 C', value: fmt(c, 4) });
    return {
      status,
      inputs,
      formula: `无数值目标：按期望方向的实际年均增速 ${pct(m.value ?? 0, 2)} 判定（${bands}）`,
      progress: m.value,
    };
  }
  inputs.push({
    label: '所需年均增速',
    value: `(${fmt(m.target)} ÷ ${fmt(m.base)})^(1/${fmt(T, 2)}) − 1 = ${pct(m.required ?? 0, 2)}`,
  });
  const sign = m.direction === 1 ? '' : '−';
  return {
    status,
    inputs,
    formula: `R = ${sign}实际年均增速 ÷ |所需年均增速| = ${sign}${pct(m.observed ?? 0, 2)} ÷ ${pct(Math.abs(m.required ?? 0), 2)} = ${fmt(m.value ?? 0, 2)}`,
    progress: m.value,
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
      return growthMethod(input, method.limit);
    case 'projection':
      return projectionMethod(input, method.points);
    case 'threshold':
      return thresholdMethod(input);
  }
}
