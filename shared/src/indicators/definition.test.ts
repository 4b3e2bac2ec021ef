import { describe, expect, it } from 'vitest';
import { elementsOf, indicatorDefinitionSchema, indicatorMethodSchema, ledgerOf } from './definition.ts';
import { describeTarget, targetMet, type Target } from './target.ts';

describe('indicator definitions', () => {
  it('parses each kind and fills its defaults', () => {
    expect(indicatorDefinitionSchema.parse({ kind: 'per_capita', element: 'high-value-patents' })).toEqual({
      kind: 'per_capita',
      element: 'high-value-patents',
      population: 'population',
      per: 10000,
    });
    const flow = indicatorDefinitionSchema.parse({
      kind: 'cumulative_flow',
      ledger: 'sci-tech-funding',
      field: 'amount',
      fromUnit: '万元',
    });
    expect(ledgerOf(flow)).toBe('sci-tech-funding');
    expect(
      elementsOf(indicatorDefinitionSchema.parse({ kind: 'ratio', numerator: 'rd-spending', denominator: 'gdp' })),
    ).toEqual(['rd-spending', 'gdp']);
  });

  it('rejects an unknown kind and a ledger count without its ledger', () => {
    expect(indicatorDefinitionSchema.safeParse({ kind: 'magic' }).success).toBe(false);
    expect(indicatorDefinitionSchema.safeParse({ kind: 'ledger_count' }).success).toBe(false);
    expect(
      indicatorDefinitionSchema.safeParse({ kind: 'ledger_count', ledger: 'x', filter: { level: [] } }).success,
    ).toBe(false);
  });

  it('defaults 序时进度 to linear and growth to compound interpolation', () => {
    expect(indicatorMethodSchema.parse({ kind: 'schedule' })).toEqual({ kind: 'schedule', interpolation: 'linear' });
    expect(indicatorMethodSchema.parse({ kind: 'growth' })).toEqual({ kind: 'growth', interpolation: 'compound' });
    expect(indicatorMethodSchema.parse({ kind: 'projection' })).toEqual({
      kind: 'projection',
      points: 3,
      interpolation: 'linear',
    });
  });
});

describe('target comparators', () => {
  const t = (
    comparator: Target['comparator'],
    value: number | null,
    min: number | null = null,
    max: number | null = null,
  ): Target => ({
    comparator,
    value,
    min,
    max,
    unit: '家',
    targetDate: '2025-12-31',
  });
  it.each([
    ['gte', t('gte', 180), 180, true],
    ['gte', t('gte', 180), 179.9, false],
    ['gt', t('gt', 120), 120, false],
    ['gt', t('gt', 120), 120.01, true],
    ['lte', t('lte', 5), 5, true],
    ['lt', t('lt', 5), 5, false],
    ['eq', t('eq', 3), 3, true],
    ['approx 95% of 100', t('approx', 100), 95, true],
    ['approx below 95%', t('approx', 100), 94.9, false],
    ['range lower bound', t('range', null, 3, 5), 3, true],
    ['range above max', t('range', null, 3, 5), 6, true],
    ['range below', t('range', null, 3, 5), 2, false],
  ] as const)('%s', (_name, target, actual, met) => {
    expect(targetMet(target, actual)).toBe(met);
  });
});

describe('targets in words', () => {
  const base = { min: null, max: null, targetDate: '2025-12-31' };
  it('words each comparator as the plan does, with no space before %', () => {
    const f = (n: number) => String(n);
    expect(describeTarget({ ...base, comparator: 'gte', value: 2.8, unit: '%' }, f)).toBe('≥ 2.8%');
    expect(describeTarget({ ...base, comparator: 'gt', value: 120, unit: '万平方米' }, f)).toBe('> 120 万平方米');
    expect(
      describeTarget({ comparator: 'range', value: null, min: 3, max: 5, unit: '个', targetDate: '2025-12-31' }, f),
    ).toBe('3–5 个');
    expect(describeTarget({ ...base, comparator: 'approx', value: 100, unit: '项' }, f)).toBe(
      '≈ 100 项（不低于 95 即视为达到）',
    );
  });
});
