import type { IndicatorDefinition } from './definition.ts';
import { fmt, withUnit } from './numbers.ts';
import { comparePeriods, parsePeriod, periodEndDate, periodLabel } from './period.ts';
import { convert } from './units.ts';
import type { ComputedPoint } from './workings.ts';

/** An element's values for the whole region, as known at the as-of cutoff: period → value. */
export interface ElementSeries {
  code: string;
  name: string;
  unit: string;
  values: ReadonlyMap<string, number>;
}

type ElementDefinition = Extract<
  IndicatorDefinition,
  { kind: 'ratio' | 'per_capita' | 'average_growth' | 'reported_level' }
>;

interface Context {
  elements: ReadonlyMap<string, ElementSeries>;
  /** The indicator's unit of measure. */
  unit: string;
  /** The plan's baseline year: the default base of an average growth. */
  baselineYear: number;
  /** Periods ending after this date (the target date) are outside the plan. */
  lastDate: string;
}

const input = (s: ElementSeries, period: string, v: number) => ({
  label: `${s.name}（${periodLabel(period)}）`,
  value: withUnit(v, s.unit, 4),
});

function element(ctx: Context, code: string): ElementSeries {
  const s = ctx.elements.get(code);
  if (!s) throw new Error(`数据元不存在：${code}`);
  return s;
}

/** Periods of a series inside the plan, oldest first. */
const periodsOf = (s: ElementSeries, ctx: Context) =>
  [...s.values.keys()].filter((p) => periodEndDate(p) <= ctx.lastDate).sort(comparePeriods);

function ratioSeries(d: Extract<ElementDefinition, { kind: 'ratio' }>, ctx: Context): ComputedPoint[] {
  const num = element(ctx, d.numerator);
  const den = element(ctx, d.denominator);
  return periodsOf(num, ctx).flatMap((period) => {
    const n = num.values.get(period)!;
    const dv = den.values.get(period);
    if (dv === undefined || dv === 0) return [];
    const nIn = convert(n, num.unit, den.unit);
    const value = (nIn / dv) * 100;
    const shown = num.unit === den.unit ? fmt(n, 4) : `${fmt(n, 4)} ${num.unit}（${fmt(nIn, 4)} ${den.unit}）`;
    const formula = `「${num.name}」÷「${den.name}」× 100 = ${shown} ÷ ${fmt(dv, 4)} × 100 = ${withUnit(value, ctx.unit)}`;
    return [
      { period, date: periodEndDate(period), value, inputs: [input(num, period, n), input(den, period, dv)], formula },
    ];
  });
}

function perCapitaSeries(d: Extract<ElementDefinition, { kind: 'per_capita' }>, ctx: Context): ComputedPoint[] {
  const el = element(ctx, d.element);
  const pop = element(ctx, d.population);
  return periodsOf(el, ctx).flatMap((period) => {
    const v = el.values.get(period)!;
    const p = pop.values.get(period);
    if (p === undefined || p === 0) return [];
    const people = convert(p, pop.unit, '人');
    const value = (v / people) * d.per;
    const popShown = pop.unit === '人' ? fmt(p, 4) : `${fmt(p, 4)} ${pop.unit} = ${fmt(people, 0)} 人`;
    const formula = `「${el.name}」÷「${pop.name}」× ${fmt(d.per)} = ${fmt(v, 4)} ÷ ${fmt(people, 0)} × ${fmt(d.per)} = ${withUnit(value, ctx.unit)}（${popShown}）`;
    return [
      { period, date: periodEndDate(period), value, inputs: [input(el, period, v), input(pop, period, p)], formula },
    ];
  });
}

function averageGrowthSeries(d: Extract<ElementDefinition, { kind: 'average_growth' }>, ctx: Context): ComputedPoint[] {
  const el = element(ctx, d.element);
  const baseYear = d.baseYear ?? ctx.baselineYear;
  const base = el.values.get(String(baseYear));
  if (base === undefined || base <= 0) return [];
  return periodsOf(el, ctx).flatMap((period) => {
    const year = parsePeriod(period)?.kind === 'year' ? Number(period) : NaN;
    if (!(year > baseYear)) return [];
    const v = el.values.get(period)!;
    const n = year - baseYear;
    const value = ((v / base) ** (1 / n) - 1) * 100;
    const formula = `(${period}年 ÷ ${baseYear}年)^(1/${n}) − 1 = (${fmt(v, 4)} ÷ ${fmt(base, 4)})^(1/${n}) − 1 = ${fmt(value)}%`;
    return [
      {
        period,
        date: periodEndDate(period),
        value,
        inputs: [input(el, String(baseYear), base), input(el, period, v)],
        formula,
      },
    ];
  });
}

function reportedSeries(d: Extract<ElementDefinition, { kind: 'reported_level' }>, ctx: Context): ComputedPoint[] {
  const el = element(ctx, d.element);
  return periodsOf(el, ctx).map((period) => {
    const raw = el.values.get(period)!;
    const value = convert(raw, el.unit, ctx.unit);
    const formula = value === raw ? null : `${withUnit(raw, el.unit, 4)} = ${withUnit(value, ctx.unit, 4)}`;
    return { period, date: periodEndDate(period), value, inputs: [input(el, period, raw)], formula };
  });
}

/** The indicator's values over time from its data elements, each with how it was computed. */
export function computeElementSeries(d: ElementDefinition, ctx: Context): ComputedPoint[] {
  switch (d.kind) {
    case 'ratio':
      return ratioSeries(d, ctx);
    case 'per_capita':
      return perCapitaSeries(d, ctx);
    case 'average_growth':
      return averageGrowthSeries(d, ctx);
    case 'reported_level':
      return reportedSeries(d, ctx);
  }
}

/** Whether a definition reads data elements (not a ledger). */
export const isElementDefinition = (d: IndicatorDefinition): d is ElementDefinition =>
  d.kind === 'ratio' || d.kind === 'per_capita' || d.kind === 'average_growth' || d.kind === 'reported_level';
