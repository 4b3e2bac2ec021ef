import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planPackSchema } from './plan-pack.ts';
import {
  addYearsInclusive,
  ledgerTypeSchema,
  naturalKeyOf,
  parseIsoDate,
  ledgerCellParser,
  parseLedgerValue,
  parseLedgerValues,
  validityOf,
  type LedgerField,
} from './ledger-type.ts';

const pack = planPackSchema.parse(
  JSON.parse(readFileSync(new URL('../packs/jurong-2022-79.json', import.meta.url), 'utf8')),
);
const typeOf = (code: string) => pack.ledgerTypes.find((t) => t.code === code)!;
const field = (f: Partial<LedgerField> & Pick<LedgerField, 'type'>): LedgerField => ({
  key: 'x',
  label: '字段',
  required: false,
  ...f,
});

describe('ledger types in the plan pack', () => {
  it("defines Jurong's twelve ledgers with the codes the indicators use", () => {
    expect(pack.ledgerTypes.map((t) => t.code)).toEqual([
      'high-tech-enterprises',
      'tech-smes',
      'incubators',
      'rd-platforms',
      'iur-projects',
      'key-tech-projects',
      'sci-tech-funding',
      'tech-promotions',
      'agri-tech-enterprises',
      'new-rd-institutions',
      'unicorn-gazelles',
      'talents',
    ]);
  });

  it('gives 孵化载体 its kinds, levels, corridors and units of measure', () => {
    const inc = typeOf('incubators');
    const f = (k: string) => inc.fields.find((x) => x.key === k)!;
    expect(f('kind').values).toEqual(['孵化器', '加速器', '众创空间']);
    expect(f('level').values).toEqual(['国家级', '省级', '市级']);
    expect(f('corridor').values).toEqual(['G312', 'S122', '其他']);
    expect([f('area').unit, f('incubatedFirms').unit]).toEqual(['万平方米', '家']);
  });

  it('refuses a type whose natural key or validity names a missing or optional field', () => {
    const base = {
      code: 'x',
      name: '测试',
      owners: ['市科技局'],
      fields: [
        { key: 'a', label: '甲', type: 'text', required: true },
        { key: 'd', label: '日期', type: 'date' },
      ],
    };
    expect(ledgerTypeSchema.safeParse({ ...base, naturalKey: ['a'], validity: { date: 'd' } }).success).toBe(false);
    expect(ledgerTypeSchema.safeParse({ ...base, naturalKey: ['d'], validity: { validFrom: 'a' } }).success).toBe(
      false,
    );
    expect(
      ledgerTypeSchema.safeParse({ ...base, naturalKey: ['a'], validity: { validFrom: 'a', date: 'a' } }).success,
    ).toBe(false);
  });

  it('refuses a pack whose ledger owner is not a unit of the tree', () => {
    const raw = JSON.parse(readFileSync(new URL('../packs/jurong-2022-79.json', import.meta.url), 'utf8'));
    raw.ledgerTypes[0].owners = ['不存在的局'];
    const parsed = planPackSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toContain('台账责任单位不在单位树中：不存在的局');
  });
});

describe('ledger values', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.03.01', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['2023-02-29', undefined],
    ['03/01/2024', undefined],
  ])('reads the date %s as %s', (text, iso) => expect(parseIsoDate(text)).toBe(iso));

  it.each([
    [field({ type: 'integer' }), '1,234', { ok: true, value: 1234 }],
    [field({ type: 'integer' }), 3.5, { ok: false, message: '「3.5」不是整数' }],
    [field({ type: 'decimal' }), ' 12.50 ', { ok: true, value: 12.5 }],
    [field({ type: 'decimal' }), '十二', { ok: false, message: '「十二」不是数字' }],
    [field({ type: 'boolean' }), '是', { ok: true, value: true }],
    [field({ type: 'boolean' }), 'maybe', { ok: false, message: '「maybe」应填“是”或“否”' }],
    [field({ type: 'enum', values: ['甲', '乙'] }), '丙', { ok: false, message: '「丙」不在可选值中（可选：甲、乙）' }],
    [field({ type: 'date' }), new Date('2024-03-01T00:00:00Z'), { ok: true, value: '2024-03-01' }],
    [field({ type: 'text' }), 12345, { ok: true, value: '12345' }],
    [field({ type: 'text' }), 2.02e17, { ok: false, message: expect.stringContaining('位数过长') }],
    [field({ type: 'text' }), '   ', { ok: true, value: undefined }],
  ])('parses %j from %j', (f, raw, expected) => expect(parseLedgerValue(f, raw)).toEqual(expected));

  it('reads cells for an import exactly as parseLedgerValue does, value for value and message for message', () => {
    const fields = [
      field({ type: 'text' }),
      field({ type: 'text', label: '统一社会信用代码' }),
      field({ type: 'text', format: 'uscc' }),
      field({ type: 'integer' }),
      field({ type: 'decimal' }),
      field({ type: 'date' }),
      field({ type: 'enum', values: ['甲', '乙'] }),
      field({ type: 'boolean' }),
    ];
    const raws: unknown[] = [
      undefined,
      null,
      '',
      '   ',
      ' 甲 ',
      '丙',
      'x'.repeat(500),
      ` ${'x'.repeat(501)} `,
      '91320000MA1MXXXX0X',
      '91110000600037341L',
      ' 是 ',
      '否',
      'maybe',
      true,
      false,
      0,
      -0,
      12,
      12.5,
      -3,
      2.02e17,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '1,234',
      ' 12.50 ',
      '十二',
      '2024/3/1',
      '2023-02-29',
      new Date('2024-03-01T00:00:00Z'),
      new Date('2024-03-01T23:30:00Z'),
      new Date(Number.NaN),
      { error: '#N/A' },
      [1],
    ];
    for (const f of fields) {
      const parse = ledgerCellParser(f);
      for (const raw of raws) {
        // An invalid Date makes parseLedgerValue throw outside date fields; the parser must do the same.
        const outcome = (read: () => unknown) => {
          try {
            return read();
          } catch (e) {
            return `throws ${String(e)}`;
          }
        };
        const slow = outcome(() => {
          const parsed = parseLedgerValue(f, raw);
          return parsed.ok ? parsed.value : parsed;
        });
        expect([f.type, f.label, raw, outcome(() => parse(raw))]).toEqual([f.type, f.label, raw, slow]);
      }
    }
  });

  it('names every missing required field and unknown key', () => {
    const { issues } = parseLedgerValues(typeOf('high-tech-enterprises'), { certificateNo: 'GR1', colour: 'red' });
    expect(issues).toEqual([
      { key: 'colour', message: '未知字段：colour' },
      { key: 'company', message: '企业名称：必填项为空' },
      { key: 'certifiedOn', message: '发证日期：必填项为空' },
    ]);
  });

  it('derives the span a row counts over for each kind of validity', () => {
    expect(validityOf(typeOf('high-tech-enterprises').validity, { certifiedOn: '2023-05-10' })).toEqual({
      validFrom: '2023-05-10',
      validTo: '2026-05-09',
    });
    expect(
      validityOf(typeOf('high-tech-enterprises').validity, { certifiedOn: '2023-05-10', expiresOn: '2025-01-01' }),
    ).toEqual({ validFrom: '2023-05-10', validTo: '2025-01-01' });
    expect(validityOf(typeOf('tech-smes').validity, { year: 2024 })).toEqual({
      validFrom: '2024-01-01',
      validTo: '2024-12-31',
    });
    expect(validityOf(typeOf('iur-projects').validity, { signedOn: '2023-07-01' })).toEqual({
      validFrom: '2023-07-01',
      validTo: null,
    });
    expect(addYearsInclusive('2020-02-29', 3)).toBe('2023-02-28');
  });

  it('keys a row by its natural-key values in order', () => {
    expect(naturalKeyOf(typeOf('rd-platforms'), { company: '某公司', name: '某中心', level: '省级' })).toBe(
      '["某中心","某公司"]',
    );
  });
});
