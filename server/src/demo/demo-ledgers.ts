import { officeHours, plusDays, type Prng } from './prng.ts';

/** One ledger row as a unit's clerk records it, a few days to weeks after the event. */
export interface DemoLedgerRow {
  type: string;
  unitName: string;
  recordedAt: string;
  values: Record<string, unknown>;
}

export const TOWNS = [
  '华阳街道',
  '黄梅街道',
  '崇明街道',
  '下蜀镇',
  '白兔镇',
  '边城镇',
  '宝华镇',
  '郭庄镇',
  '后白镇',
  '茅山镇',
  '天王镇',
  '江苏句容经济开发区',
];
const FIRST = [
  '华',
  '宝',
  '茅',
  '润',
  '恒',
  '瑞',
  '科',
  '天',
  '鼎',
  '新',
  '汇',
  '金',
  '远',
  '博',
  '中',
  '联',
  '泰',
  '丰',
  '江',
  '宁',
];
const SECOND = [
  '信',
  '达',
  '创',
  '星',
  '航',
  '源',
  '盛',
  '腾',
  '安',
  '诚',
  '昌',
  '晟',
  '拓',
  '锐',
  '德',
  '通',
  '海',
  '嘉',
  '禾',
  '康',
];
const TRADES = [
  '智能装备',
  '新材料',
  '电子科技',
  '新能源',
  '生物科技',
  '精密机械',
  '环保科技',
  '软件',
  '医疗器械',
  '农业科技',
  '光电',
  '汽车零部件',
];

/** A pool of synthetic company names, unique and stable for a seed. */
export function companyNames(prng: Prng, n: number): string[] {
  const names = new Set<string>();
  while (names.size < n) names.add(`句容${prng.pick(FIRST)}${prng.pick(SECOND)}${prng.pick(TRADES)}有限公司`);
  return [...names];
}

export const recorded = (prng: Prng, date: string, from = 3, to = 30) =>
  officeHours(prng, plusDays(date, prng.int(from, to)));

/** 高新技术企业: yearly certificate batches (three years' validity), most firms re-certified. */
export function highTechEnterprises(prng: Prng, firms: string[]): DemoLedgerRow[] {
  const perYear: Record<number, number> = {
    2018: 30,
    2019: 35,
    2020: 40,
    2021: 45,
    2022: 55,
    2023: 60,
    2024: 60,
    2025: 58,
  };
  const rows: DemoLedgerRow[] = [];
  let next = 0;
  for (const [y, n] of Object.entries(perYear)) {
    const certifiedOn = `${y}-${prng.pick(['11-28', '11-30', '12-08'])}`;
    for (let i = 0; i < n; i += 1) {
      const company = firms[next++ % firms.length]!;
      const values = {
        certificateNo: `GR${y}32${String(1000 + i).padStart(6, '0')}`,
        company,
        town: prng.pick(TOWNS),
        certifiedOn,
      };
      rows.push({
        type: 'high-tech-enterprises',
        unitName: '市科技局',
        recordedAt: recorded(prng, certifiedOn, 10, 40),
        values,
      });
    }
  }
  return rows;
}

/** 科技型中小企业: annual registration, registered from March to November. */
export function techSmes(prng: Prng, firms: string[]): DemoLedgerRow[] {
  const perYear: Record<number, number> = { 2021: 220, 2022: 265, 2023: 310, 2024: 355, 2025: 392 };
  return Object.entries(perYear).flatMap(([y, n]) =>
    Array.from({ length: n }, (_, i) => {
      const on = prng.date(`${y}-03-01`, `${y}-11-20`);
      const values = {
        registrationNo: `${y}3211830${String(i + 1).padStart(4, '0')}`,
        company: firms[(Number(y) * 7 + i) % firms.length]!,
        town: prng.pick(TOWNS),
        year: Number(y),
      };
      return { type: 'tech-smes', unitName: '市科技局', recordedAt: recorded(prng, on, 1, 14), values };
    }),
  );
}

/** 孵化载体: incubators, accelerators and maker spaces along G312 and S122, a few professional, one revoked. */
export function incubators(prng: Prng): DemoLedgerRow[] {
  const specs: [string, string, string, boolean][] = [
    ['孵化器', '省级', '2016-06-01', false],
    ['孵化器', '市级', '2017-09-01', false],
    ['众创空间', '省级', '2018-05-01', false],
    ['孵化器', '国家级', '2019-11-01', false],
    ['加速器', '市级', '2019-12-01', false],
    ['孵化器', '市级', '2020-04-01', true],
    ['众创空间', '市级', '2020-10-01', false],
    ['孵化器', '省级', '2021-03-01', false],
    ['众创空间', '国家级', '2021-09-01', false],
    ['孵化器', '市级', '2022-03-01', true],
    ['加速器', '省级', '2022-08-01', false],
    ['孵化器', '市级', '2022-11-01', false],
    ['众创空间', '市级', '2023-02-01', false],
    ['孵化器', '省级', '2023-05-01', true],
    ['孵化器', '市级', '2023-09-01', false],
    ['众创空间', '省级', '2024-03-01', false],
    ['孵化器', '市级', '2024-06-01', true],
    ['加速器', '市级', '2024-10-01', false],
    ['孵化器', '市级', '2025-03-01', false],
    ['众创空间', '市级', '2025-06-01', false],
  ];
  return specs.map(([kind, level, recognisedOn, professional], i) => {
    const values: Record<string, unknown> = {
      name: `句容${prng.pick(FIRST)}${prng.pick(SECOND)}${kind === '众创空间' ? '众创空间' : kind === '加速器' ? '科技企业加速器' : '科技企业孵化器'}${i + 1}号`,
      kind,
      level,
      professional,
      area: kind === '众创空间' ? prng.amount(0.3, 1.2) : prng.amount(3, 9.5),
      incubatedFirms: kind === '众创空间' ? prng.int(8, 20) : prng.int(15, 38),
      corridor: prng.pick(['G312', 'G312', 'S122', '其他']),
      town: prng.pick(TOWNS),
      recognisedOn,
    };
    if (i === 1) values.revokedOn = '2023-12-31';
    return { type: 'incubators', unitName: '市科技局', recordedAt: recorded(prng, recognisedOn), values };
  });
}

/** 研发平台: engineering centres, enterprise technology centres and workstations. */
export function rdPlatforms(prng: Prng, firms: string[]): DemoLedgerRow[] {
  const kinds = [
    '工程技术研究中心',
    '企业技术中心',
    '重点实验室',
    '工程研究中心',
    '企业研究生工作站',
    '院士工作站',
    '博士后科研工作站',
  ];
  return Array.from({ length: 40 }, (_, i) => {
    const kind = prng.pick(kinds);
    const recognisedOn = prng.date('2015-01-01', '2025-10-31');
    const unitName = kind === '企业技术中心' ? '市工信局' : kind === '工程研究中心' ? '市发改委' : '市科技局';
    const values = {
      name: `${firms[i]!.replace('有限公司', '')}${kind}`,
      company: firms[i]!,
      kind,
      level: prng.pick(['国家级', '省级', '省级', '市级', '市级', '市级']),
      town: prng.pick(TOWNS),
      recognisedOn,
    };
    return { type: 'rd-platforms', unitName, recordedAt: recorded(prng, recognisedOn), values };
  });
}
