import { z } from 'zod';
import { periodIdSchema } from '../indicators/period.ts';
import { dateField, idField, optionalText, requiredText } from './fields.ts';
import { unitBriefSchema } from './supervision.ts';

export const ROUND_STATUSES = ['open', 'closed'] as const;
export const ROUND_STATUS_LABELS = { open: '填报中', closed: '已关闭' } as const;

/**
 * What a round reads as: 填报中 before its cut-off, 已截止 after it until the office closes it
 * (late reports are still taken and marked late), 已关闭 once closed.
 */
export const ROUND_PHASES = ['open', 'past_cutoff', 'closed'] as const;
export type RoundPhase = (typeof ROUND_PHASES)[number];
export const ROUND_PHASE_LABELS: Record<RoundPhase, string> = {
  open: '填报中',
  past_cutoff: '已截止',
  closed: '已关闭',
};
export const roundPhase = (
  r: { status: (typeof ROUND_STATUSES)[number]; cutoffAt: string },
  now: string,
): RoundPhase => (r.status === 'closed' ? 'closed' : now >= r.cutoffAt ? 'past_cutoff' : 'open');

export const roundSchema = z.object({
  id: z.string(),
  planId: z.string(),
  periodId: z.string(),
  title: z.string(),
  /** The cut-off instant, ISO-8601 UTC. */
  cutoffAt: z.string(),
  /** The cut-off as local wall-clock text, e.g. 2025年9月25日 24:00. */
  cutoffLabel: z.string(),
  remindDaysBefore: z.number().int(),
  status: z.enum(ROUND_STATUSES),
  /** Derived from the status and the cut-off at the time of the request. */
  phase: z.enum(ROUND_PHASES),
  createdAt: z.string(),
  unitCount: z.number().int(),
  dutyCount: z.number().int(),
  submittedCount: z.number().int(),
  acceptedCount: z.number().int(),
});
export type Round = z.infer<typeof roundSchema>;
export const roundListSchema = z.object({ items: z.array(roundSchema) });

export const openRoundInputSchema = z.object({
  planId: idField('方案'),
  periodId: periodIdSchema,
  title: optionalText('轮次名称', 100),
  cutoffDate: dateField('截止日期'),
  /** Local time of day; absent means the end of the cut-off day. */
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '截止时间须为 HH:MM')
    .nullish()
    .transform((v) => v ?? null),
  remindDaysBefore: z.number().int().min(0, '提醒天数不能为负').max(30, '提醒天数最多 30').default(3),
});
export type OpenRoundInput = z.infer<typeof openRoundInputSchema>;
export const roundParamsSchema = z.object({ roundId: idField('填报轮次') });
export const roundUnitParamsSchema = roundParamsSchema.extend({ unitId: idField('单位') });

export const DUTY_KINDS = ['progress', 'data_element', 'ledger', 'contribution'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];
export const DUTY_KIND_LABELS: Record<DutyKind, string> = {
  progress: '工作进展',
  data_element: '数据填报',
  ledger: '台账更新',
  contribution: '配合事项',
};

export const progressPayloadSchema = z.object({
  text: z.string().max(8000, '进展情况不能超过 8000 字').default(''),
  percent: z
    .number({ error: '完成进度须为数字' })
    .int('完成进度须为整数')
    .min(0, '完成进度不能小于 0')
    .max(100, '完成进度不能大于 100')
    .default(0),
  done: z.boolean().default(false),
});
export const dataElementPayloadSchema = z.object({
  /** Decimal text, so a value keeps the precision it was reported with. */
  value: z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, '数值须为数字，例如 123.45')
    .nullish()
    .transform((v) => v ?? null),
  quality: z.enum(['statistical', 'estimated']).default('statistical'),
  source: z.string().max(500, '数据来源不能超过 500 字').default(''),
  comment: z.string().max(2000, '说明不能超过 2000 字').default(''),
});
export const ledgerPayloadSchema = z.object({
  confirmed: z.boolean().default(false),
  note: z.string().max(2000, '说明不能超过 2000 字').default(''),
});
export const contributionPayloadSchema = z.object({
  text: z.string().max(8000, '配合情况不能超过 8000 字').default(''),
});
export type ProgressPayload = z.infer<typeof progressPayloadSchema>;
export type DataElementPayload = z.infer<typeof dataElementPayloadSchema>;
export type LedgerPayload = z.infer<typeof ledgerPayloadSchema>;
export type ContributionPayload = z.infer<typeof contributionPayloadSchema>;
export type EntryPayload = ProgressPayload | DataElementPayload | LedgerPayload | ContributionPayload;

export const dutySchema = z.object({
  id: z.string(),
  kind: z.enum(DUTY_KINDS),
  refId: z.string(),
  title: z.string(),
  /** Extra facts for the form: element unit and period, ledger name, the work item's lead unit. */
  detail: z.record(z.string(), z.string()),
});
export type Duty = z.infer<typeof dutySchema>;

export const attachmentSchema = z.object({
  id: z.string(),
  dutyId: z.string().nullable(),
  fileName: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const entrySchema = z.object({
  dutyId: z.string(),
  payload: z.record(z.string(), z.unknown()),
  filled: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type Entry = z.infer<typeof entrySchema>;

export const SUBMISSION_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'submitted',
  'accepted',
  'returned',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: '草稿',
  pending_approval: '待单位审核',
  approved: '单位已审核',
  submitted: '已报送',
  accepted: '已通过',
  returned: '已退回',
};

export const SUBMISSION_ACTIONS = [
  'send_for_approval',
  'send_back',
  'approve',
  'submit',
  'accept',
  'return',
  'correct',
] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];
export const SUBMISSION_ACTION_LABELS: Record<SubmissionAction, string> = {
  send_for_approval: '提交单位审核',
  send_back: '单位退回修改',
  approve: '单位审核通过',
  submit: '报送办公室',
  accept: '办公室审核通过',
  return: '办公室退回',
  correct: '发起更正',
};

/**
 * Steps the screen offers that run several flow actions at once. 审核通过并报送 records an approval
 * and a submission, so the history and timeliness read as if both had been clicked.
 */
export const COMBINED_ACTIONS = ['approve_and_submit'] as const;
export type CombinedAction = (typeof COMBINED_ACTIONS)[number];
export const COMBINED_ACTION_STEPS: Record<CombinedAction, SubmissionAction[]> = {
  approve_and_submit: ['approve', 'submit'],
};
export const COMBINED_ACTION_LABELS: Record<CombinedAction, string> = { approve_and_submit: '审核通过并报送' };
export type FlowAction = SubmissionAction | CombinedAction;
export const FLOW_ACTION_LABELS: Record<FlowAction, string> = {
  ...SUBMISSION_ACTION_LABELS,
  ...COMBINED_ACTION_LABELS,
};

export const submissionEventSchema = z.object({
  action: z.enum(SUBMISSION_ACTIONS),
  actorName: z.string().nullable(),
  at: z.string(),
  comment: z.string().nullable(),
});

/** A co-unit's part for a work item this unit leads, once the co-unit has sent it to the office. */
export const contributionSchema = z.object({
  workItemId: z.string(),
  unit: unitBriefSchema,
  text: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
});

export const submissionSchema = z.object({
  id: z.string(),
  round: roundSchema,
  unit: unitBriefSchema,
  status: z.enum(SUBMISSION_STATUSES),
  version: z.number().int(),
  revision: z.number().int(),
  returnComment: z.string().nullable(),
  firstSubmittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  duties: z.array(dutySchema),
  entries: z.array(entrySchema),
  attachments: z.array(attachmentSchema),
  contributions: z.array(contributionSchema),
  history: z.array(submissionEventSchema),
  /** What the actor may do now, so the screen offers only those buttons. */
  allowed: z.array(z.enum([...SUBMISSION_ACTIONS, ...COMBINED_ACTIONS, 'edit'] as const)),
});
export type Submission = z.infer<typeof submissionSchema>;

export const saveDraftInputSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  entries: z.array(z.object({ dutyId: idField('填报任务'), payload: z.record(z.string(), z.unknown()) })).max(500),
});
export type SaveDraftInput = z.infer<typeof saveDraftInputSchema>;
export const transitionInputSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  comment: optionalText('意见', 2000),
});
export type TransitionInput = z.infer<typeof transitionInputSchema>;
export const submissionParamsSchema = z.object({ submissionId: idField('报送') });
export const transitionParamsSchema = submissionParamsSchema.extend({
  action: z.enum([...SUBMISSION_ACTIONS, ...COMBINED_ACTIONS], { error: '没有这个报送操作' }),
});

export const unitDutiesSchema = z.object({
  unit: unitBriefSchema,
  submissionId: z.string().nullable(),
  status: z.enum(SUBMISSION_STATUSES),
  expected: z.number().int(),
  filled: z.number().int(),
  duties: z.array(dutySchema.extend({ filled: z.boolean() })),
});
export const myDutiesSchema = z.object({
  round: roundSchema.nullable(),
  rounds: z.array(roundSchema),
  units: z.array(unitDutiesSchema),
});
export type MyDuties = z.infer<typeof myDutiesSchema>;
export const myDutiesQuerySchema = z.object({ planId: idField('方案'), roundId: idField('填报轮次').optional() });

export const TIMELINESS = ['on_time', 'late', 'missing', 'pending'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  on_time: '按时',
  late: '迟报',
  missing: '未报',
  pending: '未到截止',
};

export const unitTimelinessSchema = z.object({
  roundId: z.string(),
  periodId: z.string(),
  roundTitle: z.string(),
  unit: unitBriefSchema,
  status: z.enum(SUBMISSION_STATUSES),
  timeliness: z.enum(TIMELINESS),
  submittedAt: z.string().nullable(),
  lateMinutes: z.number().int().nullable(),
  expected: z.number().int(),
  filled: z.number().int(),
  completeness: z.number(),
  changesAfterAcceptance: z.number().int(),
  urgings: z.number().int(),
});
export type UnitTimeliness = z.infer<typeof unitTimelinessSchema>;
export const timelinessListSchema = z.object({ items: z.array(unitTimelinessSchema) });
export const timelinessQuerySchema = z.object({
  planId: idField('方案'),
  roundId: idField('填报轮次').optional(),
  unitId: idField('单位').optional(),
  /** A historical view: reported on time, late or not as of the end of this day. */
  asOf: dateField('评估日期').optional(),
});

export const urgeInputSchema = z
  .object({
    roundId: idField('填报轮次'),
    unitIds: z.array(idField('单位')).max(200).default([]),
    allLate: z.boolean().default(false),
    message: optionalText('催办说明', 1000),
  })
  .refine((v) => v.allLate || v.unitIds.length > 0, { message: '请选择要催办的单位', path: ['unitIds'] });
export type UrgeInput = z.infer<typeof urgeInputSchema>;
export const urgingSchema = z.object({
  id: z.string(),
  roundId: z.string().nullable(),
  roundTitle: z.string().nullable(),
  unit: unitBriefSchema,
  byName: z.string(),
  at: z.string(),
  message: z.string(),
  duties: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type Urging = z.infer<typeof urgingSchema>;
export const urgingListSchema = z.object({ items: z.array(urgingSchema) });
export const urgingQuerySchema = z.object({
  planId: idField('方案'),
  unitId: idField('单位').optional(),
  roundId: idField('填报轮次').optional(),
});

/** One row of the board's duties tab: a unit's standing in a round. */
export const roundUnitRowSchema = unitTimelinessSchema.extend({
  submissionId: z.string().nullable(),
  lastUrgedAt: z.string().nullable(),
});
export type RoundUnitRow = z.infer<typeof roundUnitRowSchema>;
export const roundUnitListSchema = z.object({ items: z.array(roundUnitRowSchema) });

export const unitPageSchema = z.object({
  unit: unitBriefSchema,
  history: z.array(unitTimelinessSchema),
  urgings: z.array(urgingSchema),
});
export type UnitPage = z.infer<typeof unitPageSchema>;
export const unitPageParamsSchema = z.object({ unitId: idField('单位') });

export const attachmentParamsSchema = z.object({ attachmentId: idField('附件') });
export const closeRoundSchema = z.object({ comment: requiredText('说明', 200).optional() });
