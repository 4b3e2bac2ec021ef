import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { unitKindSchema, type UnitKind } from '../plan-pack.ts';

/** What an item measures; each measure is a share between 0 and 1 (see measures.ts for how). */
export const MEASURES = ['task_completion', 'indicator_progress', 'reporting_timeliness'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = {
  task_completion: '重点任务完成情况',
  indicator_progress: '目标指标进展情况',
  reporting_timeliness: '报送及时性和质量',
};

const share = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .min(0, `${label}不能小于 0`)
    .max(1, `${label}不能大于 1`);

/** Points = weight × the measure's position between the zero line and the full line (线性计分). */
export const linearRuleSchema = z.object({
  kind: z.literal('linear'),
  zeroAt: share('零分线'),
  fullAt: share('满分线'),
});
/** Points = weight × the share of the first band whose lower bound the measure reaches (分档计分). */
export const bandsRuleSchema = z.object({
  kind: z.literal('bands'),
  bands: z.array(z.object({ min: share('档位下限'), share: share('档位得分比例') })).max(10, '分档最多 10 档'),
});
export const ruleSchema = z.discriminatedUnion('kind', [linearRuleSchema, bandsRuleSchema], {
  error: '请选择计分规则',
});
export type Rule = z.infer<typeof ruleSchema>;
export const RULE_LABELS: Record<Rule['kind'], string> = { linear: '线性计分', bands: '分档计分' };

/** How much each counted thing earns before the rule applies; every credit is a share 0–1. */
export const creditsSchema = z.object({
  /** Task completion: an item done after its due date, and the share of progress an overdue item keeps. */
  doneLate: share('逾期完成折算').default(0.8),
  overdue: share('逾期未完成进度折算').default(0.5),
  /** Indicator progress: credit by traffic light (grey = data missing or overdue). */
  green: share('绿灯得分').default(1),
  yellow: share('黄灯得分').default(0.6),
  red: share('红灯得分').default(0.2),
  grey: share('灰灯得分').default(0),
  /** Reporting: credit by timeliness, times completeness, minus a penalty per correction after acceptance. */
  onTime: share('按时报送得分').default(1),
  late: share('迟报得分').default(0.6),
  missing: share('未报得分').default(0),
  correction: share('每次更正扣减').default(0.1),
});
export type Credits = z.infer<typeof creditsSchema>;
export const DEFAULT_CREDITS: Credits = creditsSchema.parse({});

export const schemeItemSchema = z.object({
  id: z.string().min(1).max(64),
  name: z
    .string({ error: '请填写考核项名称' })
    .trim()
    .min(1, '请填写考核项名称')
    .max(50, '考核项名称不能超过 50 个字符'),
  measure: z.enum(MEASURES, { error: '请选择考核内容' }),
  weight: z.number({ error: '权重须为数字' }).min(0, '权重不能为负').max(100, '权重不能超过 100'),
  rule: ruleSchema,
  credits: creditsSchema.default(DEFAULT_CREDITS),
});
export type SchemeItem = z.infer<typeof schemeItemSchema>;

/** 分类考核: units are ranked within a category (部门 / 镇（街道）/ 园区), chosen by unit kind. */
export const schemeCategorySchema = z.object({
  name: z.string({ error: '请填写类别名称' }).trim().min(1, '请填写类别名称').max(20, '类别名称不能超过 20 个字符'),
  kinds: z.array(unitKindSchema, { error: '请选择类别包含的单位类型' }).min(1, '类别至少包含一种单位类型'),
});
export type SchemeCategory = z.infer<typeof schemeCategorySchema>;

/** Units of a kind no category names are ranked together under this name. */
export const OTHER_CATEGORY = '其他单位';

/** The categories county assessments use; a scheme may adopt them or set its own. */
export const COUNTY_CATEGORIES: SchemeCategory[] = [
  { name: '部门', kinds: ['committee', 'government', 'department', 'other'] },
  { name: '镇（街道）', kinds: ['town', 'street'] },
  { name: '园区', kinds: ['park', 'scenic'] },
];

/**
 * Below this share of the full weight applying to a unit, it gets a score but no rank: one
 * applicable item scaled to 100 must not lift a unit above those assessed on everything.
 */
export const DEFAULT_MIN_APPLICABLE_SHARE = 0.5;

/** The editable body of a scheme: its items and the caps on bonus and deduction points. */
export const schemeBodySchema = z.object({
  name: z.string({ error: '请填写方案名称' }).trim().min(1, '请填写方案名称').max(100, '方案名称不能超过 100 个字符'),
  items: z.array(schemeItemSchema).max(20, '考核项最多 20 项'),
  maxBonus: z.number({ error: '加分上限须为数字' }).min(0, '加分上限不能为负').max(100, '加分上限不能超过 100'),
  maxDeduction: z.number({ error: '减分上限须为数字' }).min(0, '减分上限不能为负').max(100, '减分上限不能超过 100'),
  /** Empty: one ranking of all units. */
  categories: z.array(schemeCategorySchema).max(6, '考核类别最多 6 类').default([]),
  minApplicableShare: share('参与排名的最低适用权重比例').default(DEFAULT_MIN_APPLICABLE_SHARE),
});
export type SchemeBody = z.infer<typeof schemeBodySchema>;

export const WEIGHT_TOTAL = 100;
const EPSILON = 1e-9;

/**
 * The scheme that the plan text suggests: tasks 40, indicators 40, reporting 20, linear shares;
 * named with the plan's programme (示范市, 示范县 …, from its settings).
 */
export function defaultSchemeBody(year: number, programme: string): SchemeBody {
  const linear: Rule = { kind: 'linear', zeroAt: 0, fullAt: 1 };
  return {
    name: `${year}年度创新型${programme}建设考核方案`,
    items: [
      {
        id: 'tasks',
        name: '重点任务完成情况',
        measure: 'task_completion',
        weight: 40,
        rule: linear,
        credits: DEFAULT_CREDITS,
      },
      {
        id: 'indicators',
        name: '目标指标进展情况',
        measure: 'indicator_progress',
        weight: 40,
        rule: linear,
        credits: DEFAULT_CREDITS,
      },
      {
        id: 'reporting',
        name: '报送及时性和质量',
        measure: 'reporting_timeliness',
        weight: 20,
        rule: {
          kind: 'bands',
          bands: [
            { min: 0.95, share: 1 },
            { min: 0.8, share: 0.85 },
            { min: 0.6, share: 0.7 },
            { min: 0, share: 0.4 },
          ],
        },
        credits: DEFAULT_CREDITS,
      },
    ],
    maxBonus: 5,
    maxDeduction: 10,
    categories: [],
    minApplicableShare: DEFAULT_MIN_APPLICABLE_SHARE,
  };
}

/** The category a unit of `kind` is ranked in: null without categories, 其他单位 for a kind none names. */
export function categoryOf(categories: readonly SchemeCategory[], kind: UnitKind | undefined): string | null {
  if (categories.length === 0) return null;
  return categories.find((c) => kind !== undefined && c.kinds.includes(kind))?.name ?? OTHER_CATEGORY;
}

const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;

function ruleIssues(item: SchemeItem, at: string): FieldIssue[] {
  const who = `考核项「${item.name}」`;
  const rule = item.rule;
  if (rule.kind === 'linear') {
    return rule.fullAt > rule.zeroAt
      ? []
      : [
          {
            path: `${at}.rule.fullAt`,
            message: `${who}的满分线（${pct(rule.fullAt)}）须高于零分线（${pct(rule.zeroAt)}）`,
          },
        ];
  }
  const issues: FieldIssue[] = [];
  if (rule.bands.length === 0) return [{ path: `${at}.rule.bands`, message: `${who}的分档计分规则至少需要一档` }];
  rule.bands.forEach((b, i) => {
    const prev = rule.bands[i - 1];
    if (prev && b.min >= prev.min)
      issues.push({
        path: `${at}.rule.bands.${i}.min`,
        message: `${who}第 ${i + 1} 档的下限须低于上一档（按下限从高到低排列）`,
      });
    if (prev && b.share > prev.share)
      issues.push({ path: `${at}.rule.bands.${i}.share`, message: `${who}第 ${i + 1} 档的得分比例不能高于上一档` });
  });
  if (rule.bands.at(-1)!.min !== 0)
    issues.push({ path: `${at}.rule.bands`, message: `${who}的分档须包含最低档（下限 0%），否则部分单位无档可依` });
  return issues;
}

/** Every problem of a scheme, in Chinese and naming the item: weights add up to 100, rules complete, names unique. */
export function checkScheme(body: SchemeBody): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (body.items.length === 0) return [{ path: 'items', message: '考核方案至少需要一个考核项' }];
  const seen = new Set<string>();
  body.items.forEach((item, i) => {
    const at = `items.${i}`;
    if (seen.has(item.name)) issues.push({ path: `${at}.name`, message: `考核项名称「${item.name}」重复` });
    seen.add(item.name);
    if (item.weight <= 0) issues.push({ path: `${at}.weight`, message: `考核项「${item.name}」的权重须大于 0` });
    issues.push(...ruleIssues(item, at));
  });
  const names = new Set<string>();
  const kinds = new Map<string, string>();
  body.categories.forEach((c, i) => {
    if (names.has(c.name)) issues.push({ path: `categories.${i}.name`, message: `考核类别「${c.name}」重复` });
    names.add(c.name);
    for (const k of c.kinds) {
      const other = kinds.get(k);
      if (other)
        issues.push({
          path: `categories.${i}.kinds`,
          message: `同一类单位不能同时属于「${other}」和「${c.name}」两个考核类别`,
        });
      kinds.set(k, c.name);
    }
  });
  const total = body.items.reduce((s, i) => s + i.weight, 0);
  if (Math.abs(total - WEIGHT_TOTAL) > EPSILON) {
    const parts = body.items.map((i) => `${i.name} ${i.weight}`).join('、');
    issues.push({
      path: 'items',
      message: `各考核项权重合计应为 ${WEIGHT_TOTAL} 分，当前为 ${Math.round(total * 100) / 100} 分（${parts}）`,
    });
  }
  return issues;
}
