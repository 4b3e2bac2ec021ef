import { describe, expect, it } from 'vitest';
import { computeElementSeries, type ElementSeries } from './compute.ts';
import { indicatorDefinitionSchema } from './definition.ts';
import { convert, canConvert } from './units.ts';

const series = (code: string, name: string, unit: string, values: Record<string, number>): ElementSeries => ({
  code,
  name,
  unit,
  values: new Map(Object.entries(values)),
});

const elements = new Map(
  [
    series('gdp', '地区生产总值', '亿元', { '2021': 700, '2022': 760, '2023': 800 }),
    series('rd', '全社会研发经费', '亿元', { '2021': 15.4, '2022': 19, '2023': 20, '2026': 40 }),
    series('rd-wan', '研发经费（万元）', '万元', { '2021': 154000 }),
    series('patents', '高价值发明专利拥有量', '件', { '2021': 520 }),
    series('population', '常住人口', '万人', { '2021': 65 }),
    series('fiscal', '财政科技支出', '万元', { '2021': 10000, '2023': 12544, '2024': 14049.28 }),
    series('agri', '农业科技进步贡献率', '%', { '2022': 70.5 }),
  ].map((s) => [s.code, s]),
);
const ctx = (unit: string) => ({ elements, unit, baselineYear: 2021, lastDate: '2025-12-31' });
const def = (raw: unknown) => {
  const d = indicatorDefinitionSchema.parse(raw);
  if (d.kind === 'ledger_count' || d.kind === 'ledger_sum' || d.kind === 'cumulative_flow')
    throw new Error('not an element kind');
  return d;
};

describe('values computed from data elements', () => {
  it('computes a ratio × 100 per period, skipping periods after the target date', () => {
    // 15.4 ÷ 700 × 100 = 2.2; 19 ÷ 760 × 100 = 2.5; 20 ÷ 800 × 100 = 2.5.
    const points = computeElementSeries(def({ kind: 'ratio', numerator: 'rd', denominator: 'gdp' }), ctx('%'));
    expect(points.map((p) => [p.period, p.date, Number(p.value.toFixed(10))])).toEqual([
      ['2021', '2021-12-31', 2.2],
      ['2022', '2022-12-31', 2.5],
      ['2023', '2023-12-31', 2.5],
    ]);
    expect(points[0]!.formula).toBe('「全社会研发经费」÷「地区生产总值」× 100 = 15.4 ÷ 700 × 100 = 2.2%');
    expect(points[0]!.inputs).toEqual([
      { label: '全社会研发经费（2021年）', value: '15.4 亿元' },
      { label: '地区生产总值（2021年）', value: '700 亿元' },
    ]);
  });

  it('converts the numerator explicitly when it is kept in another unit', () => {
    // 154 000 万元 = 15.4 亿元; ÷ 700 × 100 = 2.2.
    const [p] = computeElementSeries(def({ kind: 'ratio', numerator: 'rd-wan', denominator: 'gdp' }), ctx('%'));
    expect(p!.value).toBeCloseTo(2.2, 12);
    expect(p!.formula).toContain('154000 万元（15.4 亿元）');
  });

  it('computes a per-capita value per 10 000 people, population in 万人', () => {
    // 65 万人 = 650 000 人; 520 ÷ 650 000 × 10 000 = 8.
    const [p] = computeElementSeries(def({ kind: 'per_capita', element: 'patents' }), ctx('件'));
    expect(p!.value).toBeCloseTo(8, 12);
    expect(p!.formula).toBe(
      '「高价值发明专利拥有量」÷「常住人口」× 10000 = 520 ÷ 650000 × 10000 = 8 件（65 万人 = 650000 人）',
    );
  });

  it('computes the average annual growth since the plan baseline year', () => {
    // 12544 ÷ 10000 = 1.2544 = 1.12²; 14049.28 ÷ 10000 = 1.404928 = 1.12³: 12% both years.
    const points = computeElementSeries(def({ kind: 'average_growth', element: 'fiscal' }), ctx('%'));
    expect(points.map((p) => p.period)).toEqual(['2023', '2024']);
    expect(points[0]!.value).toBeCloseTo(12, 10);
    expect(points[1]!.value).toBeCloseTo(12, 10);
    expect(points[1]!.formula).toBe('(2024年 ÷ 2021年)^(1/3) − 1 = (14049.28 ÷ 10000)^(1/3) − 1 = 12%');
  });

  it('gives no growth without the base year value', () => {
    expect(computeElementSeries(def({ kind: 'average_growth', element: 'agri' }), ctx('%'))).toEqual([]);
  });

  it('passes a reported level through', () => {
    const [p] = computeElementSeries(def({ kind: 'reported_level', element: 'agri' }), ctx('%'));
    expect(p).toMatchObject({ period: '2022', value: 70.5, formula: null });
  });
});

describe('units of measure', () => {
  it('converts only pairs it knows, exactly', () => {
    expect(convert(1234, '万元', '亿元')).toBe(0.1234);
    expect(convert(65, '万人', '人')).toBe(650000);
    expect(convert(7, '家', '家')).toBe(7);
    expect(canConvert('万元', '家')).toBe(false);
    expect(() => convert(1, '万元', '家')).toThrow('无法将 万元 换算为 家');
  });
});
