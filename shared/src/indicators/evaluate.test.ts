import { describe, expect, it } from 'vitest';
import type { IndicatorMethod } from './definition.ts';
import { evaluateIndicator, type DataState, type EvaluationInput } from './evaluate.ts';
import { buildMilestones } from './milestones.ts';
import type { Target } from './target.ts';
import type { SeriesPoint } from './workings.ts';

const target = (over: Partial<Target> = {}): Target => ({
  comparator: 'gte',
  value: 180,
  min: null,
  max: null,
  unit: '家',
  targetDate: '2025-12-31',
  ...over,
});
const point = (date: string, value: number, period = date.slice(0, 4)): SeriesPoint => ({ period, date, value });
const OK: DataState = { state: 'ok' };

/** An evaluation with a baseline of `base` in 2021 and a milestone path to the target's path value. */
function run(opts: {
  t?: Target;
  method?: IndicatorMethod;
  base?: number | null;
  series: SeriesPoint[];
  data?: DataState;
}) {
  const t = opts.t ?? target();
  const method = opts.method ?? { kind: 'schedule', interpolation: 'linear' };
  const base = opts.base === undefined ? 100 : opts.base;
  const baseline = base === null ? null : { value: base, year: 2021 };
  const goal = t.comparator === 'range' ? t.min! : t.value!;
  const interpolation = 'interpolation' in method ? method.interpolation : 'linear';
  const milestones = baseline ? buildMilestones({ baseline, target: goal, targetYear: 2025, interpolation }) : [];
  const last = opts.series.at(-1);
  const input: EvaluationInput = {
    target: t,
    method,
    baseline,
    milestones,
    series: opts.series,
    current: last ? { ...last, inputs: [], formula: null } : null,
    data: opts.data ?? OK,
  };
  return evaluateIndicator(input);
}

describe('序时进度 (schedule)', () => {
  it('compares the actual with the milestone path on its date: 按序时', () => {
    // Path 100 → 180 (+20/yr); on 2024-06-30 it stands at 140 + 20 × 182/366 = 149.95; 152 ÷ 149.95 = 101.4%.
    const e = run({ series: [point('2024-06-30', 152, '2024')] });
    expect(e.status).toBe('on_schedule');
    expect(e.light).toBe('green');
    expect(e.progress).toBeCloseTo(152 / 149.945355, 6);
    expect(e.workings.formula).toBe('实际值 ÷ 序时目标 = 152 ÷ 149.95 = 101.4%');
    expect(e.workings.result).toBe('按序时（绿灯）');
    expect(e.workings.inputs).toEqual(
      expect.arrayContaining([
        { label: '实际值（2024年）', value: '152 家' },
        { label: '基期值（2021年）', value: '100 家' },
        { label: '序时目标（2024年6月30日）', value: '149.95 家' },
      ]),
    );
  });

  it('bands the ratio into 超序时, 慢序时 and 严重滞后', () => {
    // End of 2023 the path expects 140: 160/140 = 1.143, 125/140 = 0.893, 100/140 = 0.714.
    expect(run({ series: [point('2023-12-31', 160)] })).toMatchObject({ status: 'ahead', light: 'green' });
    expect(run({ series: [point('2023-12-31', 125)] })).toMatchObject({ status: 'behind', light: 'yellow' });
    expect(run({ series: [point('2023-12-31', 100)] })).toMatchObject({ status: 'far_behind', light: 'red' });
  });

  it('says 提前完成 before the target date and 已完成 on it once the target is met', () => {
    expect(run({ series: [point('2024-12-31', 181)] })).toMatchObject({ status: 'completed_early', light: 'green' });
    expect(run({ series: [point('2025-12-31', 185)] })).toMatchObject({ status: 'completed', light: 'green' });
    expect(run({ series: [point('2025-12-31', 170)] })).toMatchObject({ status: 'missed', light: 'red' });
  });

  it('respects the comparator: > needs more than the value, ≈ accepts 95%, a range its lower bound', () => {
    const gt = target({ comparator: 'gt', value: 120, unit: '万平方米' });
    expect(run({ t: gt, series: [point('2025-12-31', 120)] }).status).toBe('missed');
    expect(run({ t: gt, series: [point('2025-12-31', 120.5)] }).status).toBe('completed');
    const approx = target({ comparator: 'approx', value: 100, unit: '项' });
    expect(run({ t: approx, base: 0, series: [point('2025-12-31', 96)] }).status).toBe('completed');
    expect(run({ t: approx, base: 0, series: [point('2025-12-31', 94)] }).status).toBe('missed');
    const range = target({ comparator: 'range', value: null, min: 3, max: 5, unit: '个' });
    expect(run({ t: range, base: 0, series: [point('2023-12-31', 3)] }).status).toBe('completed_early');
    // Path 0 → 3: end of 2023 expects 1.5; 1 ÷ 1.5 = 66.7%.
    expect(run({ t: range, base: 0, series: [point('2023-12-31', 1)] })).toMatchObject({
      status: 'far_behind',
      progress: 1 / 1.5,
    });
  });

  it('inverts the ratio for targets where smaller is better', () => {
    // ≤ 50 from 100: end of 2023 expects 75; 75 ÷ 80 = 93.75% → 慢序时.
    const e = run({ t: target({ comparator: 'lte', value: 50 }), series: [point('2023-12-31', 80)] });
    expect(e.status).toBe('behind');
    expect(e.progress).toBeCloseTo(0.9375, 10);
  });

  it('needs a baseline to draw the path', () => {
    const e = run({ base: null, series: [point('2023-12-31', 150)] });
    expect(e).toMatchObject({ status: 'no_baseline', light: 'grey' });
    expect(e.workings.formula).toContain('缺少基期值');
  });
});

describe('growth ratio (Open SDG)', () => {
  const growth: IndicatorMethod = { kind: 'growth', interpolation: 'compound' };
  const t = target({ value: 80, unit: '亿元' });
  // Required: (80/50)^(1/4) − 1 = 1.124683 − 1 = 12.468%.

  it('divides the observed by the required compound growth: needs acceleration', () => {
    // Observed by end of 2023: (60/50)^(1/2) − 1 = 1.095445 − 1 = 9.5445%; R = 9.5445 ÷ 12.4683 = 0.7655.
    const e = run({ t, method: growth, base: 50, series: [point('2023-12-31', 60)] });
    expect(e.status).toBe('needs_acceleration');
    expect(e.light).toBe('yellow');
    expect(e.progress).toBeCloseTo(0.765507, 5);
    expect(e.workings.formula).toBe('R = 实际年均增速 ÷ |所需年均增速| = 9.54% ÷ 12.47% = 0.77');
  });

  it('bands R: on track from 0.95, limited below 0.6, backwards below 0', () => {
    // 63.5: √1.27 − 1 = 12.694% → R = 1.018. 55: √1.1 − 1 = 4.881% → R = 0.391. 45: √0.9 − 1 = −5.13% → R < 0.
    expect(run({ t, method: growth, base: 50, series: [point('2023-12-31', 63.5)] })).toMatchObject({
      status: 'on_track',
      light: 'green',
    });
    expect(run({ t, method: growth, base: 50, series: [point('2023-12-31', 55)] })).toMatchObject({
      status: 'limited',
      light: 'red',
    });
    expect(run({ t, method: growth, base: 50, series: [point('2023-12-31', 45)] })).toMatchObject({
      status: 'backwards',
      light: 'red',
    });
  });

  it('computes a target of 0 with 0.001 instead of giving up', () => {
    // ≤ 0 起 (less is better), 8 in 2021 → 4 at end of 2023, target 0 by 2025:
    // observed = (4/8)^(1/2) − 1 = −0.292893; required = (0.001/8)^(1/4) − 1 = 0.105737 − 1 = −0.894263
    // R = 0.292893 ÷ 0.894263 = 0.327524 → 进展有限.
    const e = run({
      t: target({ comparator: 'lte', value: 0, unit: '起' }),
      method: growth,
      base: 8,
      series: [point('2023-12-31', 4)],
    });
    expect(e.status).toBe('limited');
    expect(e.progress).toBeCloseTo(0.327524, 5);
    expect(e.workings.inputs).toEqual(expect.arrayContaining([{ label: '说明', value: '目标值为 0，按 0.001 计算' }]));
  });

  it('cannot compute a rate at the baseline year itself', () => {
    expect(run({ t, method: growth, base: 50, series: [point('2021-12-31', 55)] }).status).toBe('insufficient_data');
  });
});

describe('方向性指标 (a direction, no number)', () => {
  const growth: IndicatorMethod = { kind: 'growth', interpolation: 'compound' };
  const up = target({ comparator: 'increase', value: null, unit: '%' });

  it('is judged on the observed growth rate from the baseline, never 已完成 or 未完成', () => {
    // 100 (2021) → 110 (end of 2023): (110/100)^(1/2) − 1 = √1.1 − 1 = 4.88% ≥ 1.5% → 进展良好.
    const e = evaluateIndicator({
      target: up,
      method: growth,
      baseline: { value: 100, year: 2021 },
      milestones: [],
      series: [point('2023-12-31', 110)],
      current: { ...point('2023-12-31', 110), inputs: [], formula: null },
      data: OK,
    });
    expect(e).toMatchObject({ status: 'on_track', light: 'green' });
    expect(e.progress).toBeCloseTo(Math.sqrt(1.1) - 1, 8);
    expect(e.workings.formula).toContain('无数值目标');
    expect(e.workings.inputs).toEqual(
      expect.arrayContaining([
        { label: '目标', value: '持续提升（方向性指标）（2025-12-31）' },
        { label: '进展得分（−5～5）', value: '5' },
      ]),
    );
    // Past the target date there is still no number to miss: the rate decides.
    const late = evaluateIndicator({
      target: { ...up, comparator: 'decrease' },
      method: growth,
      baseline: null,
      milestones: [],
      // No baseline: from the earliest value, 2024-12-31 → 2025-12-31, 50 → 49.6: −0.8%, wanted down:
      // +0.8% is between 0.5% and 1.5% → 需加快进度.
      series: [point('2024-12-31', 50), point('2025-12-31', 49.6)],
      current: { ...point('2025-12-31', 49.6), inputs: [], formula: null },
      data: OK,
    });
    expect(late.status).toBe('needs_acceleration');
    expect(late.progress).toBeCloseTo(0.008, 8);
  });
});

describe('projection', () => {
  const projection: IndicatorMethod = { kind: 'projection', points: 3, interpolation: 'linear' };
  // 10, 14, 18 at the ends of 2022–2024: +4 a year, so 22 at the end of 2025.
  const series = [point('2022-12-31', 10), point('2023-12-31', 14), point('2024-12-31', 18)];

  it('extends the recent trend to the target date and compares it with the target', () => {
    const e = run({ t: target({ value: 20, unit: '件' }), method: projection, series });
    expect(e).toMatchObject({ status: 'projected_met', light: 'green' });
    expect(e.progress).toBeCloseTo(22, 10);
    expect(e.workings.formula).toBe('2025年末预计值 ÷ 目标 = 22 ÷ 20 = 110%');
  });

  it('calls a projection within 90% of the target a risk and below it a likely miss', () => {
    // 22 ÷ 24 = 91.7% → risk; 22 ÷ 25 = 88% → miss.
    expect(run({ t: target({ value: 24 }), method: projection, series }).status).toBe('projected_at_risk');
    expect(run({ t: target({ comparator: 'gt', value: 25 }), method: projection, series }).status).toBe(
      'projected_missed',
    );
  });

  it('needs two points for a trend', () => {
    expect(run({ t: target({ value: 20 }), method: projection, series: [point('2024-12-31', 18)] }).status).toBe(
      'insufficient_data',
    );
  });
});

describe('threshold for growth-rate indicators', () => {
  const threshold: IndicatorMethod = { kind: 'threshold' };
  const t = target({ value: 12, unit: '%' });

  it('compares the rate with its threshold, 接近 within a tenth below it', () => {
    // 12 × 0.9 = 10.8 is the edge of 接近目标.
    expect(run({ t, method: threshold, base: null, series: [point('2023-12-31', 12.5)] })).toMatchObject({
      status: 'threshold_met',
      light: 'green',
    });
    expect(run({ t, method: threshold, base: null, series: [point('2023-12-31', 11)] })).toMatchObject({
      status: 'threshold_near',
      light: 'yellow',
    });
    expect(run({ t, method: threshold, base: null, series: [point('2023-12-31', 10)] })).toMatchObject({
      status: 'threshold_missed',
      light: 'red',
    });
  });

  it('settles on the target date: 已完成 or 未完成', () => {
    expect(run({ t, method: threshold, base: null, series: [point('2025-12-31', 12.5)] }).status).toBe('completed');
    expect(run({ t, method: threshold, base: null, series: [point('2025-12-31', 11)] }).status).toBe('missed');
  });
});

describe('missing and overdue data', () => {
  it('says 暂无数据 with a grey light instead of guessing', () => {
    const e = run({ series: [], data: { state: 'missing', reason: '「地区生产总值」尚无数据' } });
    expect(e).toMatchObject({ status: 'no_data', light: 'grey', progress: null });
    expect(e.workings.formula).toBe('「地区生产总值」尚无数据');
  });

  it('says 数据逾期未报 when the due figure is absent, naming the last one known', () => {
    const e = run({
      series: [point('2022-12-31', 130)],
      data: { state: 'overdue', expected: '2023', dueDate: '2024-04-29' },
    });
    expect(e).toMatchObject({ status: 'overdue', light: 'grey' });
    expect(e.workings.formula).toBe('2023年数据应于 2024-04-29 前报送，截至评估日尚未报送；最新数据为2022年');
  });
});
