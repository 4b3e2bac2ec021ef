import { describe, expect, it } from 'vitest';
import { elementValidationSchema } from './data-element.ts';
import { validateEntries, type ElementRule, type ValueEntry, type ValueLookup } from './validation.ts';

const rule = (code: string, name: string, unit: string, validation: object = {}): ElementRule => ({
  code,
  name,
  unit,
  periodicity: 'year',
  validation: elementValidationSchema.parse(validation),
});
const rules = new Map(
  [
    rule('output', '规上工业总产值', '亿元', { jumpThreshold: 30 }),
    rule('hi-output', '高新技术产业产值', '亿元', { partOf: 'output', requiredWith: ['output'] }),
    rule('agri', '农业科技进步贡献率', '%', { ratio: true }),
  ].map((r) => [r.code, r]),
);

/** Stored values by element|period, overlaid with the batch, like the server builds it. */
function lookupOf(stored: Record<string, number>, batch: ValueEntry[]): ValueLookup {
  const all = { ...stored };
  for (const e of batch) all[`${e.element}|${e.period}`] = e.value;
  return (element, period) => all[`${element}|${period}`];
}
const entry = (element: string, period: string, value: number, note?: string): ValueEntry => ({
  element,
  period,
  unitId: 'u1',
  value,
  note,
});
const check = (batch: ValueEntry[], stored: Record<string, number> = {}) =>
  validateEntries(batch, rules, lookupOf(stored, batch));

describe('data element validation', () => {
  it('accepts consistent values', () => {
    expect(check([entry('output', '2024', 500), entry('hi-output', '2024', 220)], { 'output|2023': 450 })).toEqual([]);
  });

  it('refuses a period of the wrong kind', () => {
    expect(check([entry('output', '2024Q3', 500)])).toEqual([
      { index: 0, field: 'period', message: '「规上工业总产值」按年度报送，统计期 2024Q3 不是年度' },
    ]);
  });

  it('keeps a ratio within 0–100', () => {
    expect(check([entry('agri', '2024', 120)])[0]!.message).toBe(
      '「农业科技进步贡献率」2024年是比率，应在 0–100 之间，填报值为 120',
    );
    expect(check([entry('agri', '2024', -1)])).toHaveLength(1);
  });

  it('never lets a part exceed its whole, from either side', () => {
    expect(check([entry('hi-output', '2024', 520)], { 'output|2024': 480 })[0]!.message).toBe(
      '「高新技术产业产值」2024年（520 亿元）不能超过「规上工业总产值」2024年（480 亿元）',
    );
    expect(check([entry('output', '2024', 400)], { 'hi-output|2024': 420, 'output|2023': 390 })[0]!.message).toBe(
      '「规上工业总产值」2024年（400 亿元）不能小于其组成部分「高新技术产业产值」2024年（420 亿元）',
    );
  });

  it('requires companions of the same period', () => {
    expect(check([entry('hi-output', '2024', 200)], { 'output|2023': 450 })[0]!.message).toBe(
      '填报「高新技术产业产值」2024年时须同时填报同期的「规上工业总产值」',
    );
  });

  it('asks for a comment on a jump beyond the threshold', () => {
    // 450 → 600 is +33.3%, above 30%.
    const [issue] = check([entry('output', '2024', 600)], { 'output|2023': 450 });
    expect(issue).toEqual({
      index: 0,
      field: 'note',
      message: '「规上工业总产值」2024年较上期（450 亿元）变动 33.3%，超过 30% 的阈值，请在备注中说明原因',
    });
    expect(check([entry('output', '2024', 600, '新增两家规上企业投产')], { 'output|2023': 450 })).toEqual([]);
  });

  it('reports every problem of a batch with its index', () => {
    const issues = check([entry('agri', '2024', 101), entry('output', '2024', 600)], { 'output|2023': 450 });
    expect(issues.map((i) => i.index)).toEqual([0, 1]);
  });
});
