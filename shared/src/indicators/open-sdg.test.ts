import { describe, expect, it } from 'vitest';
import { limitFactor, progressMeasure, type ProgressInput } from './open-sdg.ts';
import { packIndicatorSchema } from '../plan-pack.ts';

/** The measure, asserted to be computable. */
function measure(input: ProgressInput) {
  const m = progressMeasure(input);
  if (!m.ok) throw new Error(m.reason);
  return m;
}

// Every expected value below is worked out by hand in the comment above it (natural logs to 6 places).
describe('Open SDG progress measure', () => {
  it('takes the desired direction: a fall towards a lower target is progress, the same fall away from a higher one is not', () => {
    // observed = (16/20)^(1/5) − 1 = e^(0.2 × ln 0.8) − 1 = e^(−0.044629) − 1 = −0.043648
    // required = (10/20)^(1/15) − 1 = e^(−0.693147/15) − 1 = e^(−0.046210) − 1 = −0.045158
    // R = d × observed ÷ |required| = −1 × −0.043648 ÷ 0.045158 = 0.96656 → on track (≥ 0.95)
    // score = (0.96656 − 0.6) ÷ 0.7 × 5 = 2.6183
    const down = measure({
      direction: -1,
      base: { year: 2015, value: 20 },
      current: { year: 2020, value: 16 },
      target: { year: 2030, value: 10 },
    });
    expect(down.observed).toBeCloseTo(-0.043648, 5);
    expect(down.required).toBeCloseTo(-0.045158, 5);
    expect(down.value).toBeCloseTo(0.96656, 4);
    expect(down.category).toBe('on_track');
    expect(down.score).toBeCloseTo(2.6183, 3);
    // Wanting growth while the target lies below the base: the required rate points down, the
    // move down is still the wrong way. R = +1 × −0.043648 ÷ 0.045158 = −0.96656 → score −5.
    const wrongWay = measure({
      direction: 1,
      base: { year: 2015, value: 20 },
      current: { year: 2020, value: 16 },
      target: { year: 2030, value: 25 },
    });
    expect(wrongWay.value).toBeLessThan(0);
    expect(wrongWay.category).toBe('deterioration');
    expect(wrongWay.score).toBe(-5);
  });

  it('measures an all-negative series on its absolute values with the direction flipped', () => {
    // −20 → −16, target −10, more is better: |−20| → |−16| towards |−10| is the case above, d = −1:
    // R = 0.96656, on track.
    const m = measure({
      direction: 1,
      base: { year: 2015, value: -20 },
      current: { year: 2020, value: -16 },
      target: { year: 2030, value: -10 },
    });
    expect(m.direction).toBe(-1);
    expect(m.value).toBeCloseTo(0.96656, 4);
    expect(m.category).toBe('on_track');
    expect(m.notes.join('')).toContain('负值');
    // A series that changes sign cannot be measured by a growth rate.
    const mixed = progressMeasure({
      direction: 1,
      base: { year: 2015, value: -5 },
      current: { year: 2020, value: 3 },
      target: { year: 2030, value: 10 },
    });
    expect(mixed).toEqual({ ok: false, reason: '数据有正有负，增长率模型只适用于同号数据' });
  });

  it('replaces a base of 0 by 0.001', () => {
    // observed = (5/0.001)^(1/2) − 1 = √5000 − 1 = 70.710678 − 1 = 69.710678
    // required = (10/0.001)^(1/5) − 1 = 10000^0.2 − 1 = 6.309573 − 1 = 5.309573
    // R = 69.710678 ÷ 5.309573 = 13.12925 → on track, score capped at 5.
    const m = measure({
      direction: 1,
      base: { year: 2020, value: 0 },
      current: { year: 2022, value: 5 },
      target: { year: 2025, value: 10 },
    });
    expect(m.base).toBe(0.001);
    expect(m.value).toBeCloseTo(13.12925, 4);
    expect(m.category).toBe('on_track');
    expect(m.score).toBe(5);
  });

  it('replaces a target of 0 by 0.001', () => {
    // observed = (4/8)^(1/5) − 1 = e^(−0.693147/5) − 1 = e^(−0.138629) − 1 = −0.129449
    // required = (0.001/8)^(1/15) − 1 = e^(−8.987197/15) − 1 = e^(−0.599146) − 1 = −0.450720
    // R = 0.129449 ÷ 0.450720 = 0.287205 → limited (0 ≤ R < 0.6)
    // score = −5 + (0.287205 + 0.6) ÷ 1.2 × 5 = −1.30331
    const m = measure({
      direction: -1,
      base: { year: 2015, value: 8 },
      current: { year: 2020, value: 4 },
      target: { year: 2030, value: 0 },
    });
    expect(m.target).toBe(0.001);
    expect(m.value).toBeCloseTo(0.287205, 5);
    expect(m.category).toBe('limited');
    expect(m.score).toBeCloseTo(-1.30331, 4);
  });

  it('judges an indicator without a numeric target on its growth rate against 1.5% / 0.5% / 0', () => {
    // 100 → 103 in 3 years: 1.03^(1/3) − 1 = e^(0.029559/3) − 1 = 0.0099016 → needs acceleration
    // score = (0.0099016 − 0.005) ÷ 0.01 × 2.5 = 1.2254
    const up = measure({ direction: 1, base: { year: 2020, value: 100 }, current: { year: 2023, value: 103 } });
    expect(up.value).toBeCloseTo(0.0099016, 6);
    expect(up.category).toBe('needs_acceleration');
    expect(up.score).toBeCloseTo(1.2254, 3);
    // Less is better, 100 → 94: 0.94^(1/3) − 1 = e^(−0.061875/3) − 1 = −0.020414; d × rate = 0.020414
    // ≥ 1.5% on track, and beyond 2% the score is 5.
    const down = measure({ direction: -1, base: { year: 2020, value: 100 }, current: { year: 2023, value: 94 } });
    expect(down.value).toBeCloseTo(0.020414, 5);
    expect(down.category).toBe('on_track');
    expect(down.score).toBe(5);
    // 100 → 99.5 wanting growth: negative rate, deterioration; (0.995)^(1/3) − 1 = −0.0016694,
    // score = −5 + (−0.0016694 + 0.02) ÷ 0.02 × 2.5 = −2.7087
    const worse = measure({ direction: 1, base: { year: 2020, value: 100 }, current: { year: 2023, value: 99.5 } });
    expect(worse.category).toBe('deterioration');
    expect(worse.score).toBeCloseTo(-2.7087, 3);
  });

  it('scales the thresholds by C near a natural limit', () => {
    // Share 95% → 96% in 3 years with a limit of 100%:
    // C = ((100/95)^(1/15) − 1) ÷ 0.015 = (e^(0.051293/15) − 1) ÷ 0.015 = 0.0034254 ÷ 0.015 = 0.228358
    // rate = (96/95)^(1/3) − 1 = e^(0.0104712/3) − 1 = 0.0034965 ≥ 1.5% × C = 0.0034254 → on track
    // (without the limit, 0.35% would be limited progress).
    // score = 2.5 + (0.0034965 − 0.0034254) ÷ (0.02C − 0.015C = 0.0011418) × 2.5 = 2.6557
    expect(limitFactor(95, 100, 1)).toBeCloseTo(0.228358, 5);
    const m = measure({
      direction: 1,
      base: { year: 2020, value: 95 },
      current: { year: 2023, value: 96 },
      limit: 100,
    });
    expect(m.c).toBeCloseTo(0.228358, 5);
    expect(m.category).toBe('on_track');
    expect(m.score).toBeCloseTo(2.6557, 2);
    const free = measure({ direction: 1, base: { year: 2020, value: 95 }, current: { year: 2023, value: 96 } });
    expect(free.category).toBe('limited');
    // At the limit, holding it is on track with +5. A minimum of 0 for a falling count:
    // C = min(1, (1 − 0) ÷ 0.015) = 1, no scaling.
    const held = measure({
      direction: 1,
      base: { year: 2020, value: 100 },
      current: { year: 2023, value: 100 },
      limit: 100,
    });
    expect(held).toMatchObject({ c: 0, category: 'on_track', score: 5 });
    expect(limitFactor(50, 0, -1)).toBe(1);
  });

  it('checks a met target first, whatever the trend', () => {
    // 90 → 85 is a fall, but ≥ 80 is met: target achieved, score 5, no ratio computed.
    const m = measure({
      direction: 1,
      base: { year: 2020, value: 90 },
      current: { year: 2022, value: 85 },
      target: { year: 2025, value: 80 },
    });
    expect(m).toMatchObject({ category: 'target_achieved', score: 5, value: null });
  });

  it('needs two years', () => {
    const m = progressMeasure({
      direction: 1,
      base: { year: 2022, value: 1 },
      current: { year: 2022, value: 2 },
      target: { year: 2025, value: 3 },
    });
    expect(m.ok).toBe(false);
  });
});

describe('方向性指标 in a plan pack', () => {
  const base = {
    code: 'agri-tech',
    name: '农业科技进步贡献率',
    unit: '%',
    targetDate: '2025-12-31',
    goal: 1,
    sourceText: '农业科技进步贡献率持续提升',
  };

  it('accepts a direction with no number, judged by the growth method', () => {
    const parsed = packIndicatorSchema.parse({
      ...base,
      comparator: 'increase',
      method: { kind: 'growth', limit: 100 },
    });
    expect(parsed).toMatchObject({ comparator: 'increase', value: null, method: { kind: 'growth', limit: 100 } });
  });

  it('refuses a number, or a method that needs one', () => {
    const withValue = packIndicatorSchema.safeParse({ ...base, comparator: 'increase', value: 70 });
    expect(withValue.error?.issues[0]).toMatchObject({
      path: ['value'],
      message: '方向性指标（持续提升/下降）不填目标值',
    });
    const schedule = packIndicatorSchema.safeParse({ ...base, comparator: 'decrease', method: { kind: 'schedule' } });
    expect(schedule.error?.issues[0]).toMatchObject({ path: ['method'], message: '方向性指标只能用增长比率法评估' });
  });
});
