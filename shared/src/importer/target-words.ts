import type { Comparator } from '../plan-pack.ts';

/** Units of measure that a target can carry, longest first so that 万平方米 wins over 平方米. */
const MEASURE_UNITS = [
  '吨标准煤',
  '微克/立方米',
  '万立方米',
  '立方米',
  '万千瓦时',
  '亿千瓦时',
  '万平方米',
  '平方公里',
  '平方米',
  '万亩',
  '亩',
  '公顷',
  '亿元',
  '万元',
  '千元',
  '元',
  '万人次',
  '万人',
  '个百分点',
  '百分点',
  '%',
  '‰',
  '公里',
  '千米',
  '万吨',
  '吨',
  '万千瓦',
  '千瓦',
  '兆瓦',
  '倍',
];
/** Classifiers that count things ("3 家众创空间"): the noun after them names the target. */
const COUNT_UNITS = [
  '人次',
  '场次',
  '家次',
  '个',
  '家',
  '项',
  '件',
  '所',
  '座',
  '名',
  '位',
  '人',
  '台',
  '套',
  '篇',
  '次',
  '户',
  '支',
  '条',
  '款',
  '辆',
  '张',
  '场',
  '部',
  '处',
];
const ALL_UNITS = [...MEASURE_UNITS, ...COUNT_UNITS].sort((a, b) => b.length - a.length);
const COUNTING = new Set(COUNT_UNITS);

/** The unit of measure that starts at `at`, if any. */
export function unitAt(text: string, at: number): string | null {
  for (const u of ALL_UNITS) if (text.startsWith(u, at)) return u;
  return null;
}

/** Whether a unit counts things (个, 家) rather than measuring them (亿元, %). */
export function isCountUnit(unit: string): boolean {
  return COUNTING.has(unit);
}

/** Words after a number that make it a date, an ordinal or a batch, never a target. */
export const NOT_A_QUANTITY = /^(?:年|月|日|号|时|届|期|批|轮|版|周年|世纪|代|季度|点|大|强|链|中心|站)/;

/** Words right before a number that say how it compares, mapped to the comparator they mean. */
const BEFORE: [string, Comparator][] = [
  ['不低于', 'gte'],
  ['不少于', 'gte'],
  ['不超过', 'lte'],
  ['不高于', 'lte'],
  ['不多于', 'lte'],
  ['提高到', 'gte'],
  ['提高至', 'gte'],
  ['提升到', 'gte'],
  ['提升至', 'gte'],
  ['增加到', 'gte'],
  ['增长到', 'gte'],
  ['增至', 'gte'],
  ['达到', 'gte'],
  ['达至', 'gte'],
  ['达', 'gte'],
  ['超过', 'gt'],
  ['突破', 'gt'],
  ['超', 'gt'],
  ['高于', 'gt'],
  ['大于', 'gt'],
  ['多于', 'gt'],
  ['低于', 'lt'],
  ['小于', 'lt'],
  ['控制在', 'lte'],
  // Reductions: "降至0.45吨" caps the value; "下降18%" states the size of the cut to reach.
  ['降至', 'lte'],
  ['降到', 'lte'],
  ['下降到', 'lte'],
  ['下降至', 'lte'],
  ['减少到', 'lte'],
  ['减少至', 'lte'],
  ['压减到', 'lte'],
  ['压减至', 'lte'],
  ['压缩到', 'lte'],
  ['压缩至', 'lte'],
  ['降低到', 'lte'],
  ['降低至', 'lte'],
  ['下降', 'gte'],
  ['降低', 'gte'],
  ['压减', 'gte'],
  ['压缩', 'gte'],
  ['减少', 'gte'],
  ['增长', 'gte'],
  ['提高', 'gte'],
  ['保持在', 'gte'],
  ['大约', 'approx'],
  ['约', 'approx'],
  ['力争', 'gte'],
  ['争取', 'gte'],
  ['确保', 'gte'],
  ['建成', 'gte'],
  ['培育', 'gte'],
  ['引进', 'gte'],
  ['新增', 'gte'],
  ['净增', 'gte'],
  ['新建', 'gte'],
  ['建设', 'gte'],
  ['打造', 'gte'],
  ['实施', 'gte'],
  ['推广', 'gte'],
  ['累计', 'gte'],
  ['完成', 'gte'],
  ['实现', 'gte'],
  ['认定', 'gte'],
  ['创建', 'gte'],
  ['组建', 'gte'],
  ['设立', 'gte'],
  ['招引', 'gte'],
  // "推动1家平台升级为省级": the number of things to move up is the target.
  ['推动', 'gte'],
  ['开展', 'gte'],
];
// Words before 力争 state a comparison; the rest are verbs that only announce a target.
const STRONG = new Set(
  BEFORE.slice(
    0,
    BEFORE.findIndex(([w]) => w === '力争'),
  ).map(([w]) => w),
);
const BEFORE_RE = new RegExp(`(?:${BEFORE.map(([w]) => w).join('|')})$`);
const BEFORE_MAP = new Map(BEFORE);

/** The comparator word that ends right before `at` (spaces allowed), with its length. */
export function comparatorBefore(text: string, at: number): { word: string; comparator: Comparator } | null {
  const m = BEFORE_RE.exec(text.slice(Math.max(0, at - 6), at));
  const comparator = m ? BEFORE_MAP.get(m[0]) : undefined;
  return m && comparator ? { word: m[0], comparator } : null;
}

/** Whether a word before a number compares (达到, 超过) rather than only announcing (培育, 建成). */
export function isComparisonWord(word: string): boolean {
  return STRONG.has(word);
}

/** Words after a number and its unit that qualify it: 以上 ≥, 左右 ≈, 以内 ≤. */
export function suffixAt(text: string, at: number): { word: string; comparator: Comparator } | null {
  const m = /^(?:及以上|以上|左右|上下|以内|以下)/.exec(text.slice(at, at + 3));
  if (!m) return null;
  const word = m[0];
  const comparator: Comparator = word.endsWith('以上') ? 'gte' : word === '左右' || word === '上下' ? 'approx' : 'lte';
  return { word, comparator };
}

/** Verbs and adverbs that open a clause but are not part of a target's name (longest first). */
const LEAD_WORDS = [
  '达成',
  '推广应用',
  '组织实施',
  '并',
  '同时',
  '全力',
  '积极',
  ...BEFORE.map(([w]) => w).filter((w) => w.length > 1 && !w.startsWith('不')),
].sort((a, b) => b.length - a.length);
// ①②③ number targets inside one 主要目标 paragraph; they are not part of a name.
export const NAME_LEAD = new RegExp(`^(?:[、，①-⑳]|到?\\d{4}年(?:底|末)?|${LEAD_WORDS.join('|')})+`);
// 新增 / 净增 / 累计 say what is counted (the additions, the running total), not only that a target
// follows: "新增高新技术企业" and "高新技术企业" are two different indicators.
const COUNTING_WORDS = /(?:累计|新增|净增)+$/;

/** A target's name from the words before its figure: opening verbs cut, a counting word kept. */
export function stripNameLead(words: string): string {
  const lead = NAME_LEAD.exec(words)?.[0] ?? '';
  const rest = words.slice(lead.length);
  if (rest === '') return rest;
  return (COUNTING_WORDS.exec(lead)?.[0] ?? '') + rest;
}
