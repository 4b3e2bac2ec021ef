import { companyNames, recorded, TOWNS, type DemoLedgerRow } from './demo-ledgers.ts';
import type { Prng } from './prng.ts';

const UNIVERSITIES = [
  '南京大学',
  '东南大学',
  '南京航空航天大学',
  '南京理工大学',
  '江苏大学',
  '南京农业大学',
  '河海大学',
  '江南大学',
  '中国科学院南京分院',
  '南京工业大学',
];

/** Rows dated through each year, `perYear[y]` of them, built by `make`. */
function perYearRows(
  prng: Prng,
  perYear: Record<number, number>,
  make: (y: number, i: number, on: string) => DemoLedgerRow,
): DemoLedgerRow[] {
  return Object.entries(perYear).flatMap(([y, n]) =>
    Array.from({ length: n }, (_, i) => make(Number(y), i, prng.date(`${y}-01-05`, `${y}-12-20`))),
  );
}

/** 产学研合作项目, 关键核心技术攻关项目 and 新技术新成果推广: projects dated through the years. */
function projects(prng: Prng, firms: string[]): DemoLedgerRow[] {
  const iur = perYearRows(prng, { 2021: 50, 2022: 62, 2023: 70, 2024: 76, 2025: 95 }, (y, i, on) => ({
    type: 'iur-projects',
    unitName: '市科技局',
    recordedAt: recorded(prng, on),
    values: {
      contractNo: `JRCXY-${y}-${String(i + 1).padStart(3, '0')}`,
      title: `${prng.pick(['关键工艺', '智能产线', '新型材料', '检测平台', '节能技术'])}联合研发项目`,
      company: prng.pick(firms),
      partner: prng.pick(UNIVERSITIES),
      amount: prng.amount(20, 300, 1),
      signedOn: on,
      town: prng.pick(TOWNS),
    },
  }));
  const keyTech = perYearRows(prng, { 2022: 22, 2023: 25, 2024: 26, 2025: 24 }, (y, i, on) => ({
    type: 'key-tech-projects',
    unitName: i % 3 === 0 ? '市工信局' : '市科技局',
    recordedAt: recorded(prng, on),
    values: {
      projectNo: `JRGG${y}${String(i + 1).padStart(3, '0')}`,
      title: `${prng.pick(['高端装备', '集成电路', '新能源', '生物医药', '新材料'])}关键技术攻关`,
      company: prng.pick(firms),
      field: prng.pick(['智能制造', '新材料', '电子信息', '新能源']),
      level: prng.pick(['省级', '镇江市级', '句容市级', '句容市级']),
      amount: prng.amount(30, 500, 1),
      approvedOn: on,
      town: prng.pick(TOWNS),
    },
  }));
  const promotions = perYearRows(prng, { 2022: 10, 2023: 12, 2024: 13, 2025: 12 }, (y, i, on) => ({
    type: 'tech-promotions',
    unitName: i % 2 === 0 ? '市农业农村局' : '市科技局',
    recordedAt: recorded(prng, on),
    values: {
      name: `${prng.pick(['稻麦绿色高产', '茶叶机采', '光伏储能', '智慧灌溉', '固废资源化', '草莓设施栽培'])}技术（${y}-${i + 1}）`,
      adopter: prng.pick(firms),
      field: i % 2 === 0 ? '农业' : prng.pick(['工业', '社会发展']),
      origin: prng.pick(UNIVERSITIES),
      promotedOn: on,
      town: prng.pick(TOWNS),
    },
  }));
  return [...iur, ...keyTech, ...promotions];
}

/** 科技资金支持: grants and loans paid through the years, in 万元. */
function funding(prng: Prng, firms: string[]): DemoLedgerRow[] {
  return perYearRows(prng, { 2021: 120, 2022: 140, 2023: 150, 2024: 155, 2025: 160 }, (y, i, on) => ({
    type: 'sci-tech-funding',
    unitName: i % 4 === 0 ? '市财政局' : '市科技局',
    recordedAt: recorded(prng, on, 1, 10),
    values: {
      documentNo: `句科〔${y}〕${i + 1}号`,
      programme: prng.pick(['科技人才项目', '科技金融贴息', '研发费用奖补', '高企培育奖励', '平台建设补助']),
      recipient: prng.pick(firms),
      source: prng.pick(['省级', '镇江市级', '句容市级', '句容市级']),
      amount: prng.amount(20, 320, 1),
      fundedOn: on,
    },
  }));
}

/** 农业科技型企业, 新型研发机构, 独角兽/瞪羚企业 and 科技人才. */
function others(prng: Prng, firms: string[]): DemoLedgerRow[] {
  const agri = Array.from({ length: 44 }, (_, i) => {
    const recognisedOn = prng.date('2018-03-01', '2025-10-31');
    const values: Record<string, unknown> = {
      company: firms[firms.length - 1 - i]!,
      level: prng.pick(['省级', '市级', '市级']),
      town: prng.pick(TOWNS),
      recognisedOn,
    };
    if (i % 9 === 4) values.revokedOn = '2024-12-31';
    return {
      type: 'agri-tech-enterprises',
      unitName: i % 2 ? '市农业农村局' : '市科技局',
      recordedAt: recorded(prng, recognisedOn),
      values,
    };
  });
  const institutions = [
    ['句容东南大学智能制造研究院', '2023-06-18'],
    ['句容南航先进材料研究院', '2025-04-22'],
  ].map(([name, on]) => ({
    type: 'new-rd-institutions',
    unitName: '市科技局',
    recordedAt: recorded(prng, on!),
    values: {
      name,
      operator: '句容市人民政府',
      partner: name!.includes('东南') ? '东南大学' : '南京航空航天大学',
      level: '句容市级',
      town: '宝华镇',
      recognisedOn: on,
    },
  }));
  const categories = [...Array(8).fill('瞪羚'), ...Array(6).fill('准瞪羚'), '潜在独角兽'] as string[];
  const unicorns = categories.map((category, i) => {
    const listedOn = category === '潜在独角兽' ? '2024-08-20' : prng.date('2021-05-01', '2025-09-30');
    return {
      type: 'unicorn-gazelles',
      unitName: '市科技局',
      recordedAt: recorded(prng, listedOn),
      values: {
        company: firms[100 + i]!,
        category,
        level: prng.pick(['省级', '市级']),
        town: prng.pick(TOWNS),
        listedOn,
      },
    };
  });
  const talents = Array.from({ length: 80 }, (_, i) => {
    const selectedOn = prng.date('2021-03-01', '2025-11-30');
    return {
      type: 'talents',
      unitName: i % 3 ? '市人才办' : '市科技局',
      recordedAt: recorded(prng, selectedOn),
      values: {
        name: `人才${String(i + 1).padStart(3, '0')}`,
        employer: prng.pick(firms),
        programme: prng.pick(['赤山英才计划', '镇江金山英才计划', '江苏省双创计划']),
        level: prng.pick(['国家级', '省级', '市级', '市级']),
        field: prng.pick(['智能制造', '新材料', '生物医药']),
        selectedOn,
      },
    };
  });
  return [...agri, ...institutions, ...unicorns, ...talents];
}

export { projects, funding, others, companyNames };
