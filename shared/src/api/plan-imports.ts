import { z } from 'zod';
import { planProposalSchema } from '../importer/proposal.ts';
import { unitKindSchema, type UnitKind } from '../plan-pack.ts';
import { idField, optionalText, requiredText } from './fields.ts';
import { carryOverInputSchema, carryOverResultSchema } from './plan-carry-over.ts';

/** Largest plan document the office may upload (a 200-page .docx without pictures is well under 1 MB). */
export const PLAN_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Largest pasted or extracted text, in characters (about 3,000 pages). */
export const PLAN_IMPORT_MAX_CHARS = 2_000_000;
/** File names the importer reads. */
export const PLAN_IMPORT_EXTENSIONS = ['.docx', '.md', '.markdown', '.txt', '.doc', '.wps', '.pdf'] as const;

export const PLAN_IMPORT_STATUSES = ['draft', 'confirmed'] as const;
export const PLAN_IMPORT_STATUS_LABELS: Record<(typeof PLAN_IMPORT_STATUSES)[number], string> = {
  draft: '核对中',
  confirmed: '已生效',
};

const kindField = z.enum(unitKindSchema.options as [UnitKind, ...UnitKind[]], { error: '单位类别无效' });
const unitName = requiredText('单位名称', 100);

/** How one unit name of the plan is resolved: an existing unit, a unit to create, or a group of units. */
export const unitMappingSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ name: unitName, action: z.literal('existing'), unitId: idField('对应单位') }),
    z.object({
      name: unitName,
      action: z.literal('create'),
      kind: kindField,
      parentId: idField('上级单位').nullable(),
      fullName: optionalText('单位全称', 200).optional(),
    }),
    z.object({
      name: unitName,
      action: z.literal('group'),
      mode: z.enum(['all', 'designated'], { error: '单位组方式无效' }),
      memberIds: z.array(idField('单位组成员'), { error: '请选择单位组成员' }).min(1, '单位组至少要有一个成员'),
    }),
  ],
  { error: '请选择对应方式（已有单位、新建单位或单位组）' },
);
export type UnitMapping = z.infer<typeof unitMappingSchema>;

/** What the office settles besides the proposal itself. */
export const importSettingsSchema = z.object({
  code: z.string({ error: '请填写方案编码' }).trim().max(64, '方案编码不能超过 64 个字符'),
  baselineYear: z.number({ error: '基期年份须为数字' }).int('基期年份须为整数'),
});
export type ImportSettings = z.infer<typeof importSettingsSchema>;

/**
 * The review as the office leaves it: the corrected proposal, settings and unit mapping. The proposal
 * is checked by the service, so that its problems are reported by item (任务 3「…」的牵头单位).
 */
export const planImportReviewSchema = z.object({
  proposal: z.unknown().describe('核对后的方案结构（与导入结果同一格式）'),
  settings: importSettingsSchema,
  units: z.array(unitMappingSchema, { error: '单位对应须为列表' }).max(2000, '单位对应过多'),
  /** On confirm only: 沿用上一轮方案 in the same transaction as the new plan (a refusal keeps the draft unconfirmed). */
  carryOver: carryOverInputSchema.optional(),
});
export type PlanImportReviewInput = z.infer<typeof planImportReviewSchema>;

/** The saved review: what planImportReviewSchema accepted, with the proposal parsed. */
export const savedReviewSchema = z.object({ settings: importSettingsSchema, units: z.array(unitMappingSchema) });
export type SavedReview = z.infer<typeof savedReviewSchema>;

/** Pasted text instead of a file. */
export const planImportTextSchema = z.object({
  text: requiredText('方案文本', PLAN_IMPORT_MAX_CHARS),
  fileName: optionalText('名称', 200).optional(),
});

export const planImportParamsSchema = z.object({ draftId: idField('导入草稿编号') });

const summaryFields = {
  id: z.string(),
  fileName: z.string(),
  status: z.enum(PLAN_IMPORT_STATUSES),
  planId: z.string().nullable(),
  title: z.string().nullable(),
  taskCount: z.number().int(),
  indicatorCount: z.number().int(),
  warningCount: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const planImportSummarySchema = z.object(summaryFields);
export type PlanImportSummary = z.infer<typeof planImportSummarySchema>;
export const planImportListSchema = z.object({ items: z.array(planImportSummarySchema) });

/** A draft with everything the review screen shows: the source text, the proposal, the saved review. */
export const planImportDraftSchema = z.object({
  ...summaryFields,
  sourceText: z.string(),
  proposal: planProposalSchema,
  review: savedReviewSchema.nullable(),
  /** Code and base year the office starts from (derived from the document number and issuing date). */
  defaults: importSettingsSchema,
});
export type PlanImportDraft = z.infer<typeof planImportDraftSchema>;

export const MATCH_REASONS = ['exact', 'alias', 'fullName', 'prefix', 'abbreviation', 'similar'] as const;
export const MATCH_REASON_LABELS: Record<(typeof MATCH_REASONS)[number], string> = {
  exact: '名称相同',
  alias: '别名相同',
  fullName: '全称相同',
  prefix: '仅前缀不同',
  abbreviation: '简称',
  similar: '名称相近',
};

export const unitCandidateSchema = z.object({
  unitId: z.string(),
  name: z.string(),
  reason: z.enum(MATCH_REASONS),
  score: z.number(),
});
export type UnitCandidate = z.infer<typeof unitCandidateSchema>;

/** Suggestions for one unit name: candidates best first, or a group, or what to create. */
export const unitSuggestionSchema = z.object({
  name: z.string(),
  candidates: z.array(unitCandidateSchema),
  group: z.object({ mode: z.enum(['all', 'designated']), memberIds: z.array(z.string()) }).nullable(),
  create: z.object({ kind: unitKindSchema, parentId: z.string().nullable() }),
});
export type UnitSuggestion = z.infer<typeof unitSuggestionSchema>;

export const unitSuggestionsQuerySchema = z.object({
  /** Names to suggest for (repeat the parameter); the saved proposal's names when absent. */
  name: z
    .union([z.string().max(100, '单位名称过长'), z.array(z.string().max(100, '单位名称过长')).max(500, '名称过多')])
    .optional(),
});
export const unitSuggestionsSchema = z.object({ items: z.array(unitSuggestionSchema) });

export const planImportConfirmedSchema = z.object({
  planId: z.string(),
  code: z.string(),
  createdUnits: z.array(z.object({ id: z.string(), name: z.string() })),
  /** What 沿用上一轮方案 carried, when the confirmation asked for it. */
  carriedOver: carryOverResultSchema.optional(),
});
export type PlanImportConfirmed = z.infer<typeof planImportConfirmedSchema>;
