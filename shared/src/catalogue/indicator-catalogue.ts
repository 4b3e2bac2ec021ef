/**
 * The catalogue of standard indicator codes that counties share, so that one county's
 * 高新技术企业数 is compared with another's. Drawn from the indicators of the national
 * 创新型县（市）建设 monitoring (科技部《创新型县（市）建设工作指引》) and of Jiangsu's
 * 创新型示范县（市、区） evaluation as county plans write them. Data, not code: a new standard
 * indicator is a new entry here.
 *
 * `match` says how a plan's wording is recognised (suggest.ts): every group must match one of its
 * words, no `exclude` word may appear. `units` lists the spellings of the one unit of measure the
 * code is counted in (the first is the standard one); values in another unit are not compared.
 */
export type Direction = 'up' | 'down';

export interface CatalogueIndicator {
  code: string;
  name: string;
  /** The standard unit of measure first, then other spellings of the same unit. */
  units: readonly string[];
  /** up: more is better; down: less is better. */
  direction: Direction;
  /** Which framework lists it. */
  source: '国家' | '江苏' | '国家、江苏';
  match: readonly (readonly string[])[];
  exclude?: readonly string[];
}

const RD = ['研发', 'R&D', '研究与试验发展', '研究与实验发展'];

export const INDICATOR_CATALOGUE: readonly CatalogueIndicator[] = [
  {
    code: 'rd-intensity',
    name: 'R&D经费投入强度（全社会研发经费支出占地区生产总值比重）',
    units: ['%'],
    direction: 'up',
    source: '国家、江苏',
    match: [RD, ['地区生产总值', 'GDP', '强度']],
    exclude: ['增长', '增幅', '营业收入', '主营业务收入'],
  },
  {
    code: 'enterprise-rd-share',
    name: '规模以上工业企业研发经费支出占营业收入比重',
    units: ['%'],
    direction: 'up',
    source: '国家、江苏',
    match: [RD, ['营业收入', '主营业务收入']],
  },
  {
    code: 'rd-personnel-per-10k',
    name: '万名就业人员中研发人员数',
    units: ['人年/万人', '人/万人'],
    direction: 'up',
    source: '国家',
    match: [
      ['研发人员', 'R&D人员', '研究与试验发展人员'],
      ['万名', '万人'],
    ],
  },
  {
    code: 'fiscal-st-share',
    name: '财政科技支出占一般公共预算支出比重',
    units: ['%'],
    direction: 'up',
    source: '国家、江苏',
    match: [['财政'], ['科技', '科学技术'], ['占', '比重', '占比']],
    exclude: ['增幅', '增长'],
  },
  {
    code: 'high-tech-enterprises',
    name: '高新技术企业数',
    units: ['家', '个'],
    direction: 'up',
    source: '国家、江苏',
    match: [['高新技术企业', '高企']],
    exclude: ['利润', '产值', '营业收入', '占', '比重', '培育', '入库', '后备', '新增', '申报'],
  },
  {
    code: 'high-tech-output-share',
    name: '高新技术产业产值占规上工业总产值比重',
    units: ['%'],
    direction: 'up',
    source: '江苏',
    match: [
      ['高新技术产业产值', '高新技术产业总产值', '高新技术产业'],
      ['占', '比重'],
    ],
    exclude: ['利润', '企业数'],
  },
  {
    code: 'tech-smes',
    name: '科技型中小企业数（入库评价）',
    units: ['家', '个'],
    direction: 'up',
    source: '国家、江苏',
    match: [['科技型中小企业']],
    exclude: ['占', '比重', '贷款'],
  },
  {
    code: 'high-value-patents-per-10k',
    name: '每万人高价值发明专利拥有量',
    // Plans write 件 for a count per ten thousand people: the name already says 每万人.
    units: ['件/万人', '件'],
    direction: 'up',
    source: '江苏',
    match: [['高价值'], ['发明专利'], ['万人']],
  },
  {
    code: 'invention-patents-per-10k',
    name: '万人发明专利拥有量',
    units: ['件/万人', '件'],
    direction: 'up',
    source: '国家',
    match: [['发明专利'], ['万人']],
    exclude: ['高价值'],
  },
  {
    code: 'tech-contract-turnover',
    name: '技术合同成交额',
    units: ['亿元'],
    direction: 'up',
    source: '国家、江苏',
    match: [['技术合同'], ['成交额', '交易额']],
    exclude: ['占', '比重', '增长', '增幅'],
  },
  {
    code: 'provincial-rd-institutions',
    name: '省级以上研发机构数',
    units: ['家', '个'],
    direction: 'up',
    source: '江苏',
    match: [
      ['省级以上', '省级及以上'],
      ['研发机构', '研发平台', '工程技术研究中心', '企业技术中心', '重点实验室'],
    ],
    exclude: ['新型研发机构', '建有率', '覆盖率'],
  },
  // Two scopes that plans both use: a share of 规上 firms is not a share of 大中型 firms.
  {
    code: 'rd-institution-coverage',
    name: '规模以上工业企业研发机构建有率',
    units: ['%'],
    direction: 'up',
    source: '江苏',
    match: [['规上', '规模以上'], ['研发机构'], ['建有率', '覆盖率']],
  },
  {
    code: 'large-firm-rd-institution-rate',
    name: '大中型工业企业研发机构建有率',
    units: ['%'],
    direction: 'up',
    source: '江苏',
    match: [['大中型'], ['研发机构'], ['建有率', '覆盖率']],
  },
  {
    code: 'new-rd-institutions',
    name: '新型研发机构数',
    units: ['家', '个'],
    direction: 'up',
    source: '江苏',
    match: [['新型研发机构']],
  },
  {
    code: 'provincial-maker-spaces',
    name: '省级以上众创空间数',
    units: ['家', '个'],
    direction: 'up',
    source: '江苏',
    match: [['众创空间'], ['省级以上', '省级及以上']],
  },
  {
    code: 'provincial-incubators',
    name: '省级以上科技企业孵化器数',
    units: ['家', '个'],
    direction: 'up',
    source: '江苏',
    match: [['孵化器'], ['省级以上', '省级及以上']],
    exclude: ['面积', '在孵'],
  },
  {
    code: 'new-product-sales-share',
    name: '规模以上企业新产品销售收入占营业收入比重',
    units: ['%'],
    direction: 'up',
    source: '国家',
    match: [['新产品'], ['销售收入', '产值'], ['占', '比重']],
  },
  {
    code: 'agri-tech-contribution',
    name: '农业科技进步贡献率',
    units: ['%'],
    direction: 'up',
    source: '江苏',
    match: [['农业科技进步贡献率']],
  },
  {
    code: 'energy-per-gdp',
    name: '万元地区生产总值综合能耗',
    units: ['吨标准煤/万元'],
    direction: 'down',
    source: '国家',
    match: [['能耗'], ['万元', 'GDP', '地区生产总值']],
  },
];

const BY_CODE = new Map(INDICATOR_CATALOGUE.map((c) => [c.code, c]));

export const findCatalogueIndicator = (code: string): CatalogueIndicator | undefined => BY_CODE.get(code);

export const isCatalogueCode = (code: string): boolean => BY_CODE.has(code);
