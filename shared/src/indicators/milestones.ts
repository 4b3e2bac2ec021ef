import { z } from 'zod';
import { yearPosition } from './calendar.ts';

/** Linear for counts (家, 项); compound for values that grow by a rate (亿元 sales). */
export const INTERPOLATIONS = ['linear', 'compound'] as const;
export const interpolationSchema = z.enum(INTERPOLATIONS);
export type Interpolation = z.infer<typeof interpolationSchema>;

export const INTERPOLATION_LABELS: Record<Interpolation, string> = { linear: '线性插值', compound: '复合增长插值' };

export type MilestoneSource = 'baseline' | 'interpolated' | 'office' | 'target';

/** The expected value at the end of a year (分年度目标). */
export interface Milestone {
  year: number;
  value: number;
  source: MilestoneSource;
}

export interface MilestoneInput {
  baseline: { value: number; year: number };
  target: number;
  targetYear: number;
  interpolation: Interpolation;
  /** Office-set values for years strictly between baseline and target; they become anchors of the path. */
  overrides?: ReadonlyMap<number, number>;
}

/** The value a fraction f (0..1) of the way from a to b: straight, or at a constant growth rate. */
function between(a: number, b: number, f: number, interpolation: Interpolation): number {
  // A compound path needs both ends positive; from zero or below only a straight line makes sense.
  if (interpolation === 'compound' && a > 0 && b > 0) return a * (b / a) ** f;
  return a + (b - a) * f;
}

/**
 * The yearly milestones from the baseline year to the target year. The baseline, every office
 * override and the target are anchors; the years between two anchors are interpolated.
 */
export function buildMilestones(input: MilestoneInput): Milestone[] {
  const { baseline, target, targetYear, interpolation } = input;
  if (targetYear <= baseline.year) return [{ year: targetYear, value: target, source: 'target' }];
  const anchors: Milestone[] = [{ year: baseline.year, value: baseline.value, source: 'baseline' }];
  const overrides = [...(input.overrides ?? new Map<number, number>()).entries()]
    .filter(([y]) => y > baseline.year && y < targetYear)
    .sort(([a], [b]) => a - b);
  for (const [year, value] of overrides) anchors.push({ year, value, source: 'office' });
  anchors.push({ year: targetYear, value: target, source: 'target' });
  const out: Milestone[] = [];
  for (let i = 0; i < anchors.length - 1; i += 1) {
    const from = anchors[i]!;
    const to = anchors[i + 1]!;
    out.push(from);
    for (let y = from.year + 1; y < to.year; y += 1) {
      const f = (y - from.year) / (to.year - from.year);
      out.push({ year: y, value: between(from.value, to.value, f, interpolation), source: 'interpolated' });
    }
  }
  out.push(anchors.at(-1)!);
  return out;
}

/**
 * The expected value on a date (序时目标): the baseline before the path starts, the target after
 * it ends, and between two year ends a straight line by the share of the year elapsed.
 */
export function milestoneAt(milestones: readonly Milestone[], date: string): number {
  const first = milestones[0];
  const last = milestones.at(-1);
  if (!first || !last) throw new Error('没有分年度目标');
  const pos = yearPosition(date);
  if (pos <= first.year) return first.value;
  if (pos >= last.year) return last.value;
  const next = milestones.findIndex((m) => m.year >= pos);
  const b = milestones[next]!;
  const a = milestones[next - 1]!;
  return a.value + (b.value - a.value) * ((pos - a.year) / (b.year - a.year));
}
