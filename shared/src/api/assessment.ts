import { z } from 'zod';
import { adjustmentSchema, assessmentInputsSchema, previousScoresSchema } from '../assessment/inputs.ts';
import { MEASURES, schemeBodySchema } from '../assessment/scheme.ts';
import { dateField, idField } from './fields.ts';

export const schemeSchema = schemeBodySchema.extend({
  id: z.string(),
  planId: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** Bonus and deduction entries the actor may see, with the unit's name. */
  adjustments: z.array(adjustmentSchema.extend({ unitName: z.string() })),
});
export type Scheme = z.infer<typeof schemeSchema>;
export const schemeListSchema = z.object({ items: z.array(schemeSchema) });

export const createSchemeSchema = z.object({
  year: z.number({ error: '请填写考核年度' }).int('年度须为整数').min(2000, '年度无效').max(2100, '年度无效'),
  /** Absent: the default scheme (tasks 40, indicators 40, reporting 20). */
  body: schemeBodySchema.optional(),
});
export const updateSchemeSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  body: schemeBodySchema,
});
export type UpdateSchemeInput = z.infer<typeof updateSchemeSchema>;

export const adjustmentInputSchema = z.object({
  unitId: idField('单位'),
  kind: z.enum(['bonus', 'deduction'], { error: '请选择加分或减分' }),
  points: z.number({ error: '分值须为数字' }).gt(0, '分值须大于 0').max(100, '分值不能超过 100'),
  reason: z.string({ error: '请填写理由' }).trim().min(1, '请填写加减分理由').max(500, '理由不能超过 500 个字符'),
  evidence: z
    .string({ error: '请填写依据' })
    .trim()
    .min(1, '请填写佐证依据（文件、通报或记录）')
    .max(500, '依据不能超过 500 个字符'),
  date: dateField('认定日期'),
});
export type AdjustmentInput = z.infer<typeof adjustmentInputSchema>;

export const schemeParamsSchema = z.object({ schemeId: idField('考核方案') });
export const adjustmentParamsSchema = z.object({ adjustmentId: idField('加减分') });
export const publicationParamsSchema = z.object({ publicationId: idField('考核结果') });
export const planAssessmentParamsSchema = z.object({ planId: idField('方案') });

/** Which data to score: as of a date, or as of a round's cut-off. Today when neither is given. */
export const scoresQuerySchema = z.object({
  asOf: dateField('评分日期').optional(),
  roundId: idField('填报轮次').optional(),
});
export type ScoresQuery = z.infer<typeof scoresQuerySchema>;

/** The inputs of a live score, for the scheme editor's preview (the same maths runs in the browser). */
export const scoreInputsSchema = z.object({
  inputs: assessmentInputsSchema,
  previous: previousScoresSchema.nullable(),
  dataVersion: z.string(),
  demo: z.boolean(),
});
export type ScoreInputs = z.infer<typeof scoreInputsSchema>;

const workingRowSchema = z.object({
  kind: z.enum(['work_item', 'indicator', 'round']),
  refId: z.string(),
  label: z.string(),
  credit: z.number().nullable(),
  note: z.string(),
});
export const unitScoreSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  items: z.array(
    z.object({
      itemId: z.string(),
      name: z.string(),
      measure: z.enum(MEASURES),
      weight: z.number(),
      value: z.number().nullable(),
      points: z.number().nullable(),
      measureFormula: z.string(),
      ruleFormula: z.string(),
      /** Empty when the actor may not see this unit's workings. */
      rows: z.array(workingRowSchema),
    }),
  ),
  base: z.number().nullable(),
  baseFormula: z.string(),
  adjustments: z.array(adjustmentSchema.extend({ counted: z.number() })),
  bonus: z.number(),
  deduction: z.number(),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** 分类考核: the category the rank counts in (sets published before categories have none). */
  category: z.string().nullable().default(null),
  unranked: z.string().nullable().default(null),
  previous: z.object({ total: z.number().nullable(), rank: z.number().int().nullable() }).nullable(),
  deltaTotal: z.number().nullable(),
  deltaRank: z.number().int().nullable(),
});
export const scoreSetSchema = z.object({
  asOf: z.string(),
  year: z.number().int(),
  schemeName: z.string(),
  previousLabel: z.string().nullable(),
  scores: z.array(unitScoreSchema),
});
export const liveScoresSchema = scoreSetSchema.extend({
  dataVersion: z.string(),
  /** 2025年9月30日的数据（第N版）: N counts the versions of that day already published, this one included. */
  dataVersionLabel: z.string(),
  demo: z.boolean(),
});

export const publishScoresSchema = z.object({
  label: z
    .string({ error: '请填写名称' })
    .trim()
    .min(1, '请填写考核结果名称，例如 2025年第三季度')
    .max(50, '名称不能超过 50 个字符'),
  asOf: dateField('评分日期').optional(),
  roundId: idField('填报轮次').optional(),
});
export type PublishScoresInput = z.infer<typeof publishScoresSchema>;

export const publicationSummarySchema = z.object({
  id: z.string(),
  planId: z.string(),
  schemeId: z.string(),
  year: z.number().int(),
  label: z.string(),
  roundId: z.string().nullable(),
  asOf: z.string(),
  dataVersion: z.string(),
  dataVersionLabel: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string().nullable(),
});
export type PublicationSummary = z.infer<typeof publicationSummarySchema>;
export const publicationListSchema = z.object({ items: z.array(publicationSummarySchema) });
export const publicationSchema = publicationSummarySchema.extend({ scheme: schemeBodySchema, results: scoreSetSchema });
export type Publication = z.infer<typeof publicationSchema>;
