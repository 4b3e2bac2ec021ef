import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOGUE } from './indicator-catalogue.ts';
import { areComparable, comparisonKey, suggestCatalogueCode, suggestCatalogueCodes } from './suggest.ts';

describe('indicator catalogue', () => {
  it('has unique codes, a unit and a direction for every entry', () => {
    const codes = INDICATOR_CATALOGUE.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of INDICATOR_CATALOGUE) {
      expect(c.units.length).toBeGreaterThan(0);
      expect(['up', 'down']).toContain(c.direction);
    }
  });
});

describe('suggestCatalogueCode', () => {
  // Names as county plans of Zhenjiang, Changzhou and elsewhere write them.
  it.each([
    ['全社会研发投入占地区生产总值比重', '%', 'rd-intensity'],
    ['全社会R&D经费支出占GDP比重', '%', 'rd-intensity'],
    ['全社会研究与试验发展（Ｒ＆Ｄ）经费支出占地区生产总值比重', '％', 'rd-intensity'],
    ['研发经费投入强度', '%', 'rd-intensity'],
    ['规模以上工业企业研发经费支出占营业收入比重', '%', 'enterprise-rd-share'],
    ['有效期内高新技术企业', '家', 'high-tech-enterprises'],
    ['高新技术企业数', '个', 'high-tech-enterprises'],
    ['高新技术产业产值占规上工业总产值比重', '%', 'high-tech-output-share'],
    ['高新技术产业产值占规模以上工业产值比重', '%', 'high-tech-output-share'],
    ['每万人高价值发明专利拥有量', '件', 'high-value-patents-per-10k'],
    ['万人高价值发明专利拥有量', '件/万人', 'high-value-patents-per-10k'],
    ['万人发明专利拥有量', '件', 'invention-patents-per-10k'],
    ['本级财政科学技术支出占一般公共预算支出比重', '%', 'fiscal-st-share'],
    ['地方财政科技支出占比', '%', 'fiscal-st-share'],
    ['技术合同成交额', '亿元', 'tech-contract-turnover'],
    ['入库科技型中小企业', '家', 'tech-smes'],
    ['省级以上研发机构', '家', 'provincial-rd-institutions'],
    ['省级及以上工程技术研究中心', '个', 'provincial-rd-institutions'],
    ['大中型企业研发机构建有率', '%', 'large-firm-rd-institution-rate'],
    ['规上工业企业研发机构建有率', '%', 'rd-institution-coverage'],
    ['规模以上工业企业研发机构覆盖率', '%', 'rd-institution-coverage'],
    ['新型研发机构', '家', 'new-rd-institutions'],
    ['省级以上众创空间', '家', 'provincial-maker-spaces'],
    ['农业科技进步贡献率', '%', 'agri-tech-contribution'],
    ['万元GDP综合能耗', '吨标准煤/万元', 'energy-per-gdp'],
  ])('%s（%s）→ %s', (name, unit, code) => {
    expect(suggestCatalogueCode(name, unit)).toBe(code);
  });

  it.each([
    ['规上高新技术企业利润占规上工业企业比重', '%'],
    ['科技财政投入年均增幅', '%'],
    ['研发经费投入年均增长率', '%'],
    ['四大主导产业集群应税销售', '亿元'],
    ['科技企业孵化器孵化总面积', '万平方米'],
  ])('proposes nothing for %s, which no standard indicator counts', (name, unit) => {
    expect(suggestCatalogueCode(name, unit)).toBeNull();
  });

  it('names the code but proposes nothing when the unit is not the one the code is counted in', () => {
    // 技术合同成交额 counted in 万元 is the same thing but not comparable with 亿元 without converting.
    const [best] = suggestCatalogueCodes('技术合同成交额', '万元');
    expect(best).toMatchObject({ code: 'tech-contract-turnover', unitMatches: false });
    expect(suggestCatalogueCode('技术合同成交额', '万元')).toBeNull();
  });
});

describe('areComparable', () => {
  it('compares only the same code in the same unit of measure', () => {
    const a = { catalogueCode: 'high-tech-enterprises', unit: '家' };
    expect(areComparable(a, { catalogueCode: 'high-tech-enterprises', unit: '个' })).toBe(true);
    expect(areComparable(a, { catalogueCode: 'tech-smes', unit: '家' })).toBe(false);
    expect(areComparable(a, { catalogueCode: null, unit: '家' })).toBe(false);
    expect(areComparable({ catalogueCode: null, unit: '家' }, { catalogueCode: null, unit: '家' })).toBe(false);
    const patents = { catalogueCode: 'high-value-patents-per-10k', unit: '件' };
    expect(areComparable(patents, { catalogueCode: 'high-value-patents-per-10k', unit: '件/万人' })).toBe(true);
    const turnover = { catalogueCode: 'tech-contract-turnover', unit: '亿元' };
    expect(areComparable(turnover, { catalogueCode: 'tech-contract-turnover', unit: '万元' })).toBe(false);
    expect(
      areComparable({ catalogueCode: 'rd-intensity', unit: '％' }, { catalogueCode: 'rd-intensity', unit: '%' }),
    ).toBe(true);
  });
});

describe('comparisonKey', () => {
  it('groups spellings of one unit under one key and leaves the rest out', () => {
    expect(comparisonKey({ catalogueCode: 'high-value-patents-per-10k', unit: '件' })).toBe(
      'high-value-patents-per-10k|件/万人',
    );
    expect(comparisonKey({ catalogueCode: 'high-value-patents-per-10k', unit: '件/万人' })).toBe(
      'high-value-patents-per-10k|件/万人',
    );
    expect(comparisonKey({ catalogueCode: 'tech-contract-turnover', unit: '万元' })).toBeNull();
    expect(comparisonKey({ catalogueCode: null, unit: '家' })).toBeNull();
  });
});

describe("Jurong's pack", () => {
  it('maps each indicator the suggestion proposes, and only in units the code is counted in', async () => {
    const { planPackSchema } = await import('../plan-pack.ts');
    const raw = (await import('../../packs/jurong-2022-79.json', { with: { type: 'json' } })).default;
    const pack = planPackSchema.parse(raw);
    const mapped = pack.indicators.filter((i) => i.catalogueCode);
    expect(mapped.map((i) => i.catalogueCode).sort()).toEqual(
      [
        'agri-tech-contribution',
        'high-tech-enterprises',
        'high-tech-output-share',
        'high-value-patents-per-10k',
        'new-rd-institutions',
        'provincial-maker-spaces',
        'large-firm-rd-institution-rate',
        'rd-intensity',
        'tech-smes',
      ].sort(),
    );
    for (const i of pack.indicators) expect(suggestCatalogueCode(i.name, i.unit), i.name).toBe(i.catalogueCode ?? null);
  });

  it('refuses a code that is not in the catalogue', async () => {
    const { planPackSchema } = await import('../plan-pack.ts');
    const raw = structuredClone((await import('../../packs/jurong-2022-79.json', { with: { type: 'json' } })).default);
    (raw.indicators[0] as Record<string, unknown>).catalogueCode = 'no-such-code';
    const r = planPackSchema.safeParse(raw);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('不是指标目录中的编码');
  });
});
