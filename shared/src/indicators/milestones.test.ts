import { describe, expect, it } from 'vitest';
import { buildMilestones, milestoneAt } from './milestones.ts';

const values = (m: { value: number }[]) => m.map((x) => Number(x.value.toFixed(6)));

describe('milestones', () => {
  it('interpolates counts linearly from baseline to target', () => {
    // 100 → 180 over four years: +20 a year.
    const m = buildMilestones({
      baseline: { value: 100, year: 2021 },
      target: 180,
      targetYear: 2025,
      interpolation: 'linear',
    });
    expect(m.map((x) => x.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(values(m)).toEqual([100, 120, 140, 160, 180]);
    expect(m.map((x) => x.source)).toEqual(['baseline', 'interpolated', 'interpolated', 'interpolated', 'target']);
  });

  it('interpolates growing values at a constant rate', () => {
    // 100 → 146.41 is 1.1⁴: 110, 121, 133.1 on the way.
    const m = buildMilestones({
      baseline: { value: 100, year: 2021 },
      target: 146.41,
      targetYear: 2025,
      interpolation: 'compound',
    });
    expect(values(m)).toEqual([100, 110, 121, 133.1, 146.41]);
  });

  it('anchors the path on office overrides and interpolates around them', () => {
    // 2023 set to 150: 2022 halfway 100→150 = 125; 2024 halfway 150→180 = 165.
    const m = buildMilestones({
      baseline: { value: 100, year: 2021 },
      target: 180,
      targetYear: 2025,
      interpolation: 'linear',
      overrides: new Map([[2023, 150]]),
    });
    expect(values(m)).toEqual([100, 125, 150, 165, 180]);
    expect(m[2]!.source).toBe('office');
  });

  it('ignores overrides outside the path and falls back to a line from zero', () => {
    const m = buildMilestones({
      baseline: { value: 0, year: 2021 },
      target: 300,
      targetYear: 2025,
      interpolation: 'compound',
      overrides: new Map([
        [2021, 5],
        [2025, 999],
        [2030, 1],
      ]),
    });
    expect(values(m)).toEqual([0, 75, 150, 225, 300]);
  });

  it('reads the expected value on any date by the share of the year elapsed', () => {
    const m = buildMilestones({
      baseline: { value: 100, year: 2021 },
      target: 180,
      targetYear: 2025,
      interpolation: 'linear',
    });
    expect(milestoneAt(m, '2020-05-01')).toBe(100);
    expect(milestoneAt(m, '2023-12-31')).toBe(140);
    // 2024-06-30: 140 + 20 × 182/366 = 149.945355…
    expect(milestoneAt(m, '2024-06-30')).toBeCloseTo(149.945355, 5);
    expect(milestoneAt(m, '2026-03-01')).toBe(180);
  });
});
