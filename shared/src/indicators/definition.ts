import { z } from 'zod';
import { isoDateSchema } from './calendar.ts';
import { interpolationSchema } from './milestones.ts';

const code = z.string().regex(/^[a-z0-9-]+$/, '编码只能包含小写字母、数字和连字符');

/** Rows of a ledger that count: field → allowed value(s), as the ledger stores them. */
export const ledgerFilterSchema = z.record(z.string().min(1), z.union([z.string(), z.array(z.string()).min(1)]));
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;

/** The unit a source is kept in when it differs from the indicator's (万元 → 亿元); converted explicitly. */
const fromUnit = z.string().min(1).optional();

/** How an indicator's current value is computed; one kind per row of DESIGN.md §4. */
export const indicatorDefinitionSchema = z.discriminatedUnion('kind', [
  /** Rows of a ledger valid on the as-of date (有效期内高新技术企业). */
  z.object({ kind: z.literal('ledger_count'), ledger: code, filter: ledgerFilterSchema.optional() }),
  /** A field summed over rows valid on the date (孵化总面积). */
  z.object({
    kind: z.literal('ledger_sum'),
    ledger: code,
    field: z.string().min(1),
    fromUnit,
    filter: ledgerFilterSchema.optional(),
  }),
  /** Rows (or a field's sum) dated since the plan's start (产学研合作项目累计, 科技资金支持累计). */
  z.object({
    kind: z.literal('cumulative_flow'),
    ledger: code,
    /** Absent: count rows; present: sum this field. */
    field: z.string().min(1).optional(),
    fromUnit,
    /** Defaults to 1 January of the year after the plan's baseline year. */
    since: isoDateSchema.optional(),
    filter: ledgerFilterSchema.optional(),
  }),
  /** numerator ÷ denominator × 100, both data elements of the same period (研发投入占 GDP 比重). */
  z.object({ kind: z.literal('ratio'), numerator: code, denominator: code }),
  /** element ÷ population × per (每万人高价值发明专利拥有量: per 10 000 people). */
  z.object({
    kind: z.literal('per_capita'),
    element: code,
    population: code.default('population'),
    per: z.number().positive().default(10_000),
  }),
  /** (v_t ÷ v_base)^(1/(t − base)) − 1, in %, of an element's yearly series (科技财政投入年均增幅). */
  z.object({
    kind: z.literal('average_growth'),
    element: code,
    baseYear: z.number().int().min(1990).max(2100).optional(),
  }),
  /** A value its unit reports, with its source (农业科技进步贡献率). */
  z.object({ kind: z.literal('reported_level'), element: code }),
]);
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type DefinitionKind = IndicatorDefinition['kind'];

export const DEFINITION_KIND_LABELS: Record<DefinitionKind, string> = {
  ledger_count: '台账计数（有效期内）',
  ledger_sum: '台账字段合计',
  cumulative_flow: '台账累计（自方案实施起）',
  ratio: '比重',
  per_capita: '人均（每万人）',
  average_growth: '年均增长率',
  reported_level: '单位报送值',
};

/** How progress is judged; chosen per indicator. */
export const indicatorMethodSchema = z.discriminatedUnion('kind', [
  /** 序时进度: actual ÷ the milestone path at the same date. */
  z.object({ kind: z.literal('schedule'), interpolation: interpolationSchema.default('linear') }),
  /**
   * Open SDG: R = CAGR observed ÷ CAGR required; without a numeric target the observed rate alone.
   * `limit`: a natural maximum or minimum (100 for a share in %), which scales the thresholds by C.
   */
  z.object({
    kind: z.literal('growth'),
    interpolation: interpolationSchema.default('compound'),
    limit: z.number().nullable().optional(),
  }),
  /** A straight line through the last `points` values, extended to the target date. */
  z.object({
    kind: z.literal('projection'),
    points: z.number().int().min(2).max(10).default(3),
    interpolation: interpolationSchema.default('linear'),
  }),
  /** For growth-rate indicators themselves: the rate against its threshold. */
  z.object({ kind: z.literal('threshold') }),
]);
export type IndicatorMethod = z.infer<typeof indicatorMethodSchema>;
export type MethodKind = IndicatorMethod['kind'];

export const METHOD_LABELS: Record<MethodKind, string> = {
  schedule: '序时进度',
  growth: '增长比率法',
  projection: '趋势预测',
  threshold: '阈值比较',
};

/** The data elements a definition reads (empty for ledger kinds). */
export function elementsOf(d: IndicatorDefinition): string[] {
  switch (d.kind) {
    case 'ratio':
      return [d.numerator, d.denominator];
    case 'per_capita':
      return [d.element, d.population];
    case 'average_growth':
    case 'reported_level':
      return [d.element];
    default:
      return [];
  }
}

/** The ledger type a definition reads, if any. */
export const ledgerOf = (d: IndicatorDefinition): string | undefined =>
  d.kind === 'ledger_count' || d.kind === 'ledger_sum' || d.kind === 'cumulative_flow' ? d.ledger : undefined;
