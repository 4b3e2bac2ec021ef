import type { IndicatorMethod } from './definition.ts';
import type { Milestone } from './milestones.ts';
import { fmt, withUnit } from './numbers.ts';
import { yearPosition } from './calendar.ts';
import { growthMethod, runMethod, type MethodResult } from './methods.ts';
import { periodLabel } from './period.ts';
import { LIGHT_LABELS, STATUS_LABELS, lightOf, type Light, type Status } from './status.ts';
import { describeTarget, isDirectional, targetMet, type Target } from './target.ts';
import type { ComputedPoint, SeriesPoint, WorkingInput, Workings } from './workings.ts';

/** Whether the data behind the current value is complete as of the evaluation date. */
export type DataState =
  | { state: 'ok' }
  /** The figure of `expected` was due by `dueDate` and has not been recorded. */
  | { state: 'overdue'; expected: string; dueDate: string }
  /** Nothing to compute from; `reason` says what is missing, in Chinese. */
  | { state: 'missing'; reason: string };

export interface EvaluationInput {
  target: Target;
  method: IndicatorMethod;
  baseline: { value: number; year: number } | null;
  /** Empty when there is no baseline to start the path from. */
  milestones: readonly Milestone[];
  /** Actual values, oldest first, none after the target date. */
  series: readonly SeriesPoint[];
  /** The latest value as of the evaluation date, with how it was computed. */
  current: ComputedPoint | null;
  data: DataState;
}

export interface Evaluation {
  status: Status;
  light: Light;
  /** actual ÷ expected (序时), R (growth), projected value (projection), the rate (threshold); null otherwise. */
  progress: number | null;
  workings: Workings;
}

const METHODS_NEEDING_BASELINE: ReadonlySet<IndicatorMethod['kind']> = new Set(['schedule', 'growth']);

function finish(
  status: Status,
  inputs: WorkingInput[],
  valueFormula: string | null,
  formula: string,
  progress: number | null,
): Evaluation {
  const light = lightOf(status);
  return {
    status,
    light,
    progress,
    workings: { inputs, valueFormula, formula, result: `${STATUS_LABELS[status]}（${LIGHT_LABELS[light]}）` },
  };
}

/** The verdict once the target is met, or once its date has passed: no method needed. */
function settled(input: EvaluationInput, current: ComputedPoint): MethodResult | undefined {
  const { target } = input;
  const met = targetMet(target, current.value);
  const atEnd = current.date >= target.targetDate;
  const goal = describeTarget(target, (n) => fmt(n));
  const actual = withUnit(current.value, target.unit);
  if (met && (atEnd || input.method.kind !== 'threshold')) {
    // A rate that meets its threshold early can still fall back, so it is not 提前完成.
    return {
      status: atEnd ? 'completed' : 'completed_early',
      inputs: [],
      formula: `实际值 ${actual}，目标 ${goal}，已达到`,
      progress: null,
    };
  }
  if (!met && atEnd)
    return {
      status: 'missed',
      inputs: [],
      formula: `目标日期已到，实际值 ${actual}，未达到目标 ${goal}`,
      progress: null,
    };
  return undefined;
}

/**
 * 方向性指标: no number to meet or miss, no milestone path; Open SDG's growth rate against the
 * fixed thresholds, from the baseline or, lacking one, the earliest value before the current one.
 */
function directional(input: EvaluationInput, current: ComputedPoint, inputs: WorkingInput[]): Evaluation {
  const first = input.series.find((p) => p.date < current.date);
  const baseline = input.baseline ?? (first ? { value: first.value, year: yearPosition(first.date) } : null);
  if (!baseline)
    return finish('insufficient_data', inputs, current.formula, '方向性指标至少需要两个时点的数据才能判断变化', null);
  const limit = input.method.kind === 'growth' ? input.method.limit : null;
  const result = growthMethod({ target: input.target, baseline, milestones: [], series: input.series, current }, limit);
  const label = input.baseline ? `基期值（${baseline.year}年）` : `起始值（${first!.period}）`;
  inputs.splice(2, 0, { label, value: withUnit(baseline.value, input.target.unit) });
  return finish(result.status, [...inputs, ...result.inputs], current.formula, result.formula, result.progress);
}

/**
 * Evaluates one indicator: missing or overdue data first (never a guess), then a met or
 * expired target, then the indicator's method. Every branch returns its workings.
 */
export function evaluateIndicator(input: EvaluationInput): Evaluation {
  const { current, target, data } = input;
  const targetInput = { label: '目标', value: `${describeTarget(target, (n) => fmt(n))}（${target.targetDate}）` };
  if (data.state === 'missing' || !current) {
    const reason = data.state === 'missing' ? data.reason : '尚无可用数据';
    return finish('no_data', [targetInput], null, reason, null);
  }
  const inputs: WorkingInput[] = [
    { label: `实际值（${periodLabel(current.period)}）`, value: withUnit(current.value, target.unit) },
    targetInput,
    ...current.inputs,
  ];
  if (data.state === 'overdue') {
    const formula = `${periodLabel(data.expected)}数据应于 ${data.dueDate} 前报送，截至评估日尚未报送；最新数据为${periodLabel(current.period)}`;
    return finish('overdue', inputs, current.formula, formula, null);
  }
  if (isDirectional(target)) return directional(input, current, inputs);
  const done = settled(input, current);
  if (done) return finish(done.status, inputs, current.formula, done.formula, done.progress);
  if (METHODS_NEEDING_BASELINE.has(input.method.kind) && (!input.baseline || input.milestones.length === 0)) {
    return finish('no_baseline', inputs, current.formula, '缺少基期值，无法计算分年度目标，请办公室录入基期值', null);
  }
  const result = runMethod(input.method, {
    target,
    baseline: input.baseline,
    milestones: input.milestones,
    series: input.series,
    current,
  });
  if (input.baseline)
    inputs.splice(2, 0, {
      label: `基期值（${input.baseline.year}年）`,
      value: withUnit(input.baseline.value, target.unit),
    });
  return finish(result.status, [...inputs, ...result.inputs], current.formula, result.formula, result.progress);
}
