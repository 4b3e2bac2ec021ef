import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planPackSchema } from '../plan-pack.ts';

const raw = JSON.parse(readFileSync(new URL('../../packs/jurong-2022-79.json', import.meta.url), 'utf8')) as {
  indicators: { code: string; definition?: unknown; method?: unknown }[];
  dataElements: { code: string; unit: string; reportingUnit: string; validation: Record<string, unknown> }[];
};
const pack = planPackSchema.parse(raw);

/** The pack with one change, parsed; returns the messages of its issues. */
function issuesAfter(change: (p: typeof raw) => void): string[] {
  const copy = structuredClone(raw);
  change(copy);
  const parsed = planPackSchema.safeParse(copy);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}
const indicator = (p: typeof raw, code: string) => p.indicators.find((i) => i.code === code)!;

describe('Jurong indicator definitions', () => {
  it('defines every indicator as data, with a method, from 13 data elements', () => {
    expect(pack.indicators.every((i) => i.definition && i.method)).toBe(true);
    expect(pack.dataElements.map((e) => e.code)).toEqual(
      expect.arrayContaining([
        'gdp',
        'rd-spending',
        'fiscal-st-spending',
        'industrial-output',
        'high-tech-output',
        'population',
        'high-value-patents',
      ]),
    );
    const kinds = new Set(pack.indicators.map((i) => i.definition!.kind));
    expect([...kinds].sort()).toEqual([
      'average_growth',
      'cumulative_flow',
      'ledger_count',
      'ledger_sum',
      'per_capita',
      'ratio',
      'reported_level',
    ]);
    expect(new Set(pack.indicators.map((i) => i.method!.kind))).toEqual(
      new Set(['schedule', 'growth', 'projection', 'threshold']),
    );
  });

  it('invents no baseline: the office enters them', () => {
    expect(pack.indicators.filter((i) => i.baseline)).toEqual([]);
  });

  it('refuses a definition naming a ledger, field or element that does not exist', () => {
    expect(
      issuesAfter((p) => (indicator(p, 'tech-smes').definition = { kind: 'ledger_count', ledger: 'nope' })),
    ).toContain('台账类型不存在：nope');
    expect(
      issuesAfter(
        (p) =>
          (indicator(p, 'incubation-carriers').definition = {
            kind: 'ledger_count',
            ledger: 'incubators',
            filter: { grade: '省级' },
          }),
      ),
    ).toContain('台账「孵化载体」没有字段 grade');
    expect(
      issuesAfter(
        (p) =>
          (indicator(p, 'incubated-firms').definition = { kind: 'ledger_sum', ledger: 'incubators', field: 'name' }),
      ),
    ).toContain('台账「孵化载体」没有数值字段 name');
    expect(
      issuesAfter(
        (p) => (indicator(p, 'rd-gdp-ratio').definition = { kind: 'ratio', numerator: 'rd', denominator: 'gdp' }),
      ),
    ).toContain('指标引用的数据元不存在：rd');
  });

  it('requires unit conversions to be written out and known', () => {
    const noFromUnit = { kind: 'cumulative_flow', ledger: 'sci-tech-funding', field: 'amount' };
    expect(issuesAfter((p) => (indicator(p, 'sci-tech-funding').definition = noFromUnit))).toContain(
      '台账字段 amount 的单位为 万元，定义须写明 fromUnit: "万元"',
    );
    expect(issuesAfter((p) => (p.dataElements.find((e) => e.code === 'population')!.unit = '户'))).toContain(
      '人口数据元的单位应为 人 或 万人：户',
    );
  });

  it('checks element rules: the whole exists in the same unit, the reporting unit is in the tree', () => {
    expect(
      issuesAfter((p) => (p.dataElements.find((e) => e.code === 'high-tech-output')!.validation.partOf = 'nope')),
    ).toContain('partOf 指向的数据元不存在：nope');
    expect(issuesAfter((p) => (p.dataElements.find((e) => e.code === 'high-tech-output')!.unit = '万元'))).toContain(
      '「高新技术产业产值」与其整体「规上工业总产值」计量单位不同',
    );
    expect(issuesAfter((p) => (p.dataElements.find((e) => e.code === 'gdp')!.reportingUnit = '火星局'))).toContain(
      '数据元报送单位不在单位树中：火星局',
    );
  });
});
