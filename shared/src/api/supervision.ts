import { z } from 'zod';
import { LIGHTS, SOURCE_KINDS, WORK_ITEM_STATES, WORK_ITEM_STATUSES } from '../supervision/work-item-state.ts';
import { dateField, idField, optionalText, requiredText } from './fields.ts';

export const unitBriefSchema = z.object({ id: z.string(), name: z.string() });
export type UnitBrief = z.infer<typeof unitBriefSchema>;

export const milestoneSchema = z.object({
  title: requiredText('节点名称', 200),
  dueDate: dateField('节点日期'),
  done: z.boolean().default(false),
});
export type Milestone = z.infer<typeof milestoneSchema>;

export const workItemSchema = z.object({
  id: z.string(),
  planId: z.string(),
  year: z.number().int(),
  title: z.string(),
  description: z.string(),
  task: z.object({ id: z.string(), number: z.number().int(), title: z.string() }).nullable(),
  area: z.object({ id: z.string(), number: z.number().int(), title: z.string() }).nullable(),
  leadUnit: unitBriefSchema,
  coUnits: z.array(unitBriefSchema),
  startDate: z.string(),
  dueDate: z.string(),
  milestones: z.array(milestoneSchema),
  expectedEvidence: z.string(),
  indicators: z.array(z.object({ id: z.string(), name: z.string() })),
  sourceKind: z.enum(SOURCE_KINDS),
  sourceId: z.string().nullable(),
  progress: z.number().int(),
  latestProgress: z.string().nullable(),
  latestProgressAt: z.string().nullable(),
  status: z.enum(WORK_ITEM_STATUSES),
  state: z.enum(WORK_ITEM_STATES),
  light: z.enum(LIGHTS).nullable(),
  requiresVerification: z.boolean(),
  awaitingVerification: z.boolean(),
  verifiedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

const unitIds = z.array(idField('配合单位'), { error: '配合单位须为列表' }).max(60, '配合单位最多 60 个').default([]);

/** What the office enters for a new work item; meetings, instructions and findings use the same fields. */
export const workItemInputSchema = z.object({
  taskId: idField('重点任务')
    .nullish()
    .transform((v) => v ?? null),
  year: z.number({ error: '请填写年度' }).int('年度须为整数').min(2000, '年度无效').max(2100, '年度无效'),
  title: requiredText('事项名称', 200),
  description: optionalText('事项说明', 4000).transform((v) => v ?? ''),
  leadUnitId: idField('牵头单位'),
  coUnitIds: unitIds,
  startDate: dateField('开始日期')
    .nullish()
    .transform((v) => v ?? null),
  dueDate: dateField('完成时限'),
  milestones: z.array(milestoneSchema).max(24, '节点最多 24 个').default([]),
  expectedEvidence: optionalText('佐证材料要求', 2000).transform((v) => v ?? ''),
  indicatorIds: z.array(idField('关联指标')).max(30).default([]),
});
export type WorkItemInput = z.infer<typeof workItemInputSchema>;
export const createWorkItemSchema = workItemInputSchema.extend({ planId: idField('方案') });
export type CreateWorkItemInput = z.infer<typeof createWorkItemSchema>;

/** Only the fields given change: no defaults here, so an absent field never wipes a stored one. */
export const updateWorkItemSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  taskId: idField('重点任务').nullable().optional(),
  year: workItemInputSchema.shape.year.optional(),
  title: requiredText('事项名称', 200).optional(),
  description: z.string().trim().max(4000, '事项说明不能超过 4000 个字符').optional(),
  leadUnitId: idField('牵头单位').optional(),
  coUnitIds: z.array(idField('配合单位')).max(60, '配合单位最多 60 个').optional(),
  startDate: dateField('开始日期').optional(),
  dueDate: dateField('完成时限').optional(),
  milestones: z.array(milestoneSchema).max(24, '节点最多 24 个').optional(),
  expectedEvidence: z.string().trim().max(2000, '佐证材料要求不能超过 2000 个字符').optional(),
  indicatorIds: z.array(idField('关联指标')).max(30).optional(),
});
export type UpdateWorkItemInput = z.infer<typeof updateWorkItemSchema>;

export const versionedCommentSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  comment: optionalText('说明', 2000),
});
export const cancelWorkItemSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  reason: requiredText('销号理由', 2000),
});

export const workItemParamsSchema = z.object({ workItemId: idField('工作事项') });

export const workItemQuerySchema = z.object({
  planId: idField('方案'),
  areaId: idField('重点领域').optional(),
  taskId: idField('重点任务').optional(),
  unitId: idField('单位').optional(),
  state: z.enum(WORK_ITEM_STATES).optional(),
  light: z.enum(LIGHTS).optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  year: z.coerce.number().int().optional(),
  dueFrom: dateField('完成时限起').optional(),
  dueTo: dateField('完成时限止').optional(),
  /** A historical view: items as they stood at the end of this day (state, light, progress). */
  asOf: dateField('评估日期').optional(),
  /** Leaves out completed and struck-off items: the board's default view. */
  openOnly: z
    .enum(['true', 'false'], { error: '“仅未完成”须为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
export type WorkItemQuery = z.infer<typeof workItemQuerySchema>;
export const workItemListSchema = z.object({ items: z.array(workItemSchema) });

export const supervisionSettingsSchema = z.object({
  yellowDays: z
    .number({ error: '请填写黄灯提前天数' })
    .int('天数须为整数')
    .min(0, '天数不能为负')
    .max(90, '天数最多 90'),
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;
export const planIdParamsSchema = z.object({ planId: idField('方案') });

/** A decision of a meeting or an instruction: a work item without its plan (the parent gives it). */
const decisionSchema = workItemInputSchema;

export const MEETING_KINDS = ['joint', 'dispatch', 'task_force'] as const;
export const MEETING_KIND_LABELS: Record<(typeof MEETING_KINDS)[number], string> = {
  joint: '联席会议',
  dispatch: '调度会',
  task_force: '工作专班',
};
export const meetingInputSchema = z.object({
  planId: idField('方案'),
  kind: z.enum(MEETING_KINDS, { error: '请选择会议类型' }),
  title: requiredText('会议名称', 200),
  heldOn: dateField('会议日期'),
  attendees: z.array(requiredText('参会人员', 100)).max(200).default([]),
  minutes: optionalText('会议纪要', 20000).transform((v) => v ?? ''),
  decisions: z.array(decisionSchema).max(50, '议定事项最多 50 项').default([]),
});
export type MeetingInput = z.infer<typeof meetingInputSchema>;
export const meetingSchema = z.object({
  id: z.string(),
  planId: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  heldOn: z.string(),
  attendees: z.array(z.string()),
  minutes: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  decisions: z.array(workItemSchema),
});
export type Meeting = z.infer<typeof meetingSchema>;
export const meetingListSchema = z.object({ items: z.array(meetingSchema) });

export const INSPECTION_KINDS = ['inspection', 'evaluation'] as const;
export const INSPECTION_KIND_LABELS: Record<(typeof INSPECTION_KINDS)[number], string> = {
  inspection: '督察检查',
  evaluation: '专项评估',
};
export const findingInputSchema = z.object({
  title: requiredText('问题', 500),
  requirement: optionalText('整改要求', 4000).transform((v) => v ?? ''),
  unitId: idField('整改单位'),
  deadline: dateField('整改时限'),
  taskId: idField('重点任务')
    .nullish()
    .transform((v) => v ?? null),
});
export const inspectionInputSchema = z.object({
  planId: idField('方案'),
  kind: z.enum(INSPECTION_KINDS, { error: '请选择检查类型' }),
  title: requiredText('检查名称', 200),
  heldOn: dateField('检查日期'),
  organizer: optionalText('组织单位', 200).transform((v) => v ?? ''),
  summary: optionalText('检查情况', 20000).transform((v) => v ?? ''),
  findings: z.array(findingInputSchema).max(100, '问题最多 100 项').default([]),
});
export type InspectionInput = z.infer<typeof inspectionInputSchema>;
export const inspectionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  title: z.string(),
  heldOn: z.string(),
  organizer: z.string(),
  summary: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  rectifications: z.array(workItemSchema),
});
export type Inspection = z.infer<typeof inspectionSchema>;
export const inspectionListSchema = z.object({ items: z.array(inspectionSchema) });

export const instructionInputSchema = decisionSchema.extend({
  planId: idField('方案'),
  text: requiredText('批示内容', 4000),
});
export type InstructionInput = z.infer<typeof instructionInputSchema>;
export const instructionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  leaderName: z.string(),
  text: z.string(),
  givenAt: z.string(),
  workItem: workItemSchema,
});
export type Instruction = z.infer<typeof instructionSchema>;
export const instructionListSchema = z.object({ items: z.array(instructionSchema) });
export const sourceParamsSchema = z.object({ id: idField('记录') });
