import { readFileSync } from 'node:fs';
import type { Comparator } from '../../src/plan-pack.ts';

/** Jurong's plan text as the repository keeps it (converted from the issued document). */
export const JURONG_SOURCE = readFileSync(new URL('../../packs/jurong-2022-79.source.md', import.meta.url), 'utf8');

export const JURONG_PACK_URL = new URL('../../packs/jurong-2022-79.json', import.meta.url);

/** The 19 tasks: number, title, lead unit, co-units, in the plan's order. */
export const EXPECTED_TASKS: { number: number; area: number; title: string; lead: string; co: string[] }[] = [
  { number: 1, area: 1, title: '做强主导产业集群核心技术', lead: '市科技局', co: ['市发改委', '市工信局', '各相关镇（街道）'] },
  { number: 2, area: 1, title: '加快绿色低碳技术创新研发', lead: '市科技局', co: ['市发改委', '市工信局'] },
  {
    number: 3, area: 1, title: '紧盯数字时代智慧科技前沿', lead: '市科技局',
    co: ['市发改委', '市工信局', '市教育局', '市农业农村局', '市卫健委', '市民政局', '各相关镇（街道、园区）'],
  },
  { number: 4, area: 2, title: '主动承接区域创新资源', lead: '市科技局', co: ['市发改委', '各相关镇（街道、园区）'] },
  { number: 5, area: 2, title: '全力打造区域创新走廊', lead: '市发改委', co: ['市自然资源和规划局', '市科技局', '市交通运输局', '各相关镇（街道、园区）'] },
  { number: 6, area: 3, title: '推动特色产业发展壮大', lead: '市发改委', co: ['市工信局', '市科技局', '各相关镇（街道、园区）'] },
  { number: 7, area: 3, title: '打开枢纽经济发展空间', lead: '市发改委', co: ['市科技局', '市自然资源和规划局', '各相关镇（街道、园区）'] },
  { number: 8, area: 3, title: '强化科技创新体系支撑', lead: '市科技局', co: ['市发改委', '市工信局', '市人才办', '市财政局', '各镇（街道）'] },
  { number: 9, area: 3, title: '健全创新创业服务机构', lead: '市科技局', co: ['各镇（街道）'] },
  { number: 10, area: 3, title: '加速孵化载体全面升级', lead: '市科技局', co: ['市发改委', '市财政局', '市人才办', '市人社局', '各相关镇（街道、园区）'] },
  { number: 11, area: 4, title: '创新产学研合作模式', lead: '市科技局', co: ['市人才办'] },
  { number: 12, area: 4, title: '加强国际科技交流与合作', lead: '市科技局', co: ['市人才办'] },
  { number: 13, area: 4, title: '实施“科技招商”专项行动', lead: '市科技局', co: ['市商务局', '各镇（街道）'] },
  { number: 14, area: 5, title: '完善科技政策评价体系', lead: '市科技局', co: ['市财政局'] },
  { number: 15, area: 5, title: '构筑科技人才聚集高地', lead: '市人才办', co: ['市科技局', '市人社局', '市财政局', '各镇（街道）'] },
  { number: 16, area: 5, title: '健全科技金融服务保障', lead: '市财政局', co: ['市地方金融监督管理局', '市科技局', '市人才办'] },
  { number: 17, area: 5, title: '完善知识产权激励机制', lead: '市市场监管局', co: ['各镇（街道）'] },
  { number: 18, area: 6, title: '巩固农业科技创新成果', lead: '市科技局', co: ['市农业农村局', '镇江国家农业科技园区'] },
  { number: 19, area: 6, title: '打造科技惠民良好生态', lead: '市科技局', co: ['市生态环境局', '市卫健委', '市应急管理局'] },
];

/** One quantitative target as the tests compare it. */
export interface ExpectedTarget {
  what: string;
  goal: number | null;
  task: number | null;
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
}

const t = (what: string, goal: number | null, task: number | null, comparator: Comparator, v: number | [number, number], unit: string): ExpectedTarget =>
  Array.isArray(v)
    ? { what, goal, task, comparator, value: null, min: v[0], max: v[1], unit }
    : { what, goal, task, comparator, value: v, min: null, max: null, unit };

/** The 24 targets, all due at the end of 2025. Task 18's repeat of 72% is goal 4's indicator. */
export const EXPECTED_TARGETS: ExpectedTarget[] = [
  t('专业孵化器', 1, null, 'range', [3, 5], '个'),
  t('市级以上科技孵化载体', 1, null, 'gte', 15, '个'),
  t('研发平台', 1, null, 'gte', 20, '家'),
  t('孵化总面积', 1, null, 'gt', 120, '万平方米'),
  t('在孵企业', 1, null, 'gte', 450, '家'),
  t('众创空间', 1, null, 'gte', 3, '家'),
  t('研发机构建有率', 2, null, 'gte', 70, '%'),
  t('每万人高价值发明专利拥有量', 2, null, 'gt', 8, '件'),
  t('高新技术企业', 2, null, 'gte', 180, '家'),
  t('高新技术产业产值占比', 2, null, 'gte', 45, '%'),
  t('高企利润占比', 2, null, 'gte', 55, '%'),
  t('科技型中小企业', 2, null, 'gte', 400, '家'),
  t('产学研合作项目', 3, null, 'gte', 300, '项'),
  t('科技资金支持累计', 3, null, 'gt', 10, '亿元'),
  t('新技术新成果', 4, null, 'gte', 45, '项'),
  t('农业科技进步贡献率', 4, 18, 'gte', 72, '%'),
  t('科技财政投入年均增幅', 5, null, 'gte', 12, '%'),
  t('研发经费投入年均增长率', 5, null, 'gt', 15, '%'),
  t('研发投入占GDP比重', 5, null, 'gte', 2.8, '%'),
  t('关键核心技术攻关项目', null, 1, 'approx', 100, '项'),
  t('四大主导产业集群应税销售', null, 1, 'gt', 400, '亿元'),
  t('潜在独角兽企业', null, 8, 'range', [1, 2], '家'),
  t('新型研发机构', null, 9, 'range', [1, 2], '家'),
  t('农业科技型企业', null, 18, 'gte', 40, '家'),
];

type Comparable = Omit<ExpectedTarget, 'what'>;

/** A target as a sortable key, for comparing lists of targets as multisets. */
export function targetKey(x: Comparable): string {
  return [x.goal, x.task, x.comparator, x.value, x.min, x.max, x.unit].join('|');
}
