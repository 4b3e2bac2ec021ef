import { z } from 'zod';
import { comparatorSchema, unitKindSchema } from '../plan-pack.ts';

/**
 * draft → in_force (实施中) → archived (已归档); an imported plan on which nothing hangs yet may be
 * withdrawn (已撤回). 已到期 is not stored: it is a plan in force whose target year has passed.
 */
export const PLAN_STATUSES = ['draft', 'in_force', 'closed', 'archived', 'withdrawn'] as const;
export const planStatusSchema = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof planStatusSchema>;
export const PLAN_STATUS_LABELS: Record<(typeof PLAN_STATUSES)[number], string> = {
  draft: '草稿',
  in_force: '实施中',
  closed: '已结束',
  archived: '已归档',
  withdrawn: '已撤回',
};
/** The label of a plan's state as users see it: 已到期 for a plan in force past its target year. */
export const planStateLabel = (p: { status: PlanStatus; expired: boolean }) =>
  p.status === 'in_force' && p.expired ? '已到期' : PLAN_STATUS_LABELS[p.status];

/** A unit as referenced from a task: a single unit, or a group that expands to its members. */
export const unitRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['unit', 'group']),
  /** For a group: `all` members always; `designated` members chosen by the office per task. */
  mode: z.enum(['all', 'designated']).nullable(),
  members: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type UnitRef = z.infer<typeof unitRefSchema>;

export const taskSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  text: z.string(),
  /** 完成期限: a date where the plan names one, and the plan's phrase ("2025年底", "长期坚持"). */
  dueDate: z.string().nullish(),
  dueText: z.string().nullish(),
  leadUnit: unitRefSchema,
  coUnits: z.array(unitRefSchema),
});
export type Task = z.infer<typeof taskSchema>;

export const areaSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  tasks: z.array(taskSchema),
});
export type Area = z.infer<typeof areaSchema>;

export const goalSchema = z.object({ id: z.string(), number: z.number().int(), title: z.string(), text: z.string() });

export const indicatorTargetSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  comparator: comparatorSchema,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  targetDate: z.string(),
  goalNumber: z.number().int().nullable(),
  taskNumber: z.number().int().nullable(),
  reportingUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  sourceText: z.string(),
});
export type IndicatorTarget = z.infer<typeof indicatorTargetSchema>;

export const phaseSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  text: z.string(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const measureSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  text: z.string(),
});

export const planSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  documentNumber: z.string(),
  issuer: z.string(),
  region: z.string(),
  issuingDate: z.string(),
  baselineYear: z.number().int(),
  targetYear: z.number().int(),
  status: planStatusSchema,
  /** The region (county) the plan belongs to; null for a plan not yet filed under one. */
  regionId: z.string().nullable(),
  /** The target year has passed (已到期); the office may archive the plan. */
  expired: z.boolean(),
  /** Made by the importer (may be withdrawn while nothing hangs on it). */
  imported: z.boolean(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planDetailSchema = planSummarySchema.extend({
  preamble: z.string(),
  goals: z.array(goalSchema),
  areas: z.array(areaSchema),
  indicators: z.array(indicatorTargetSchema),
  phases: z.array(phaseSchema),
  measures: z.array(measureSchema),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

export const planListSchema = z.object({ items: z.array(planSummarySchema) });
export const planParamsSchema = z.object({ planId: z.string().min(1).max(64) });

export interface UnitNode {
  id: string;
  code: string;
  name: string;
  fullName: string | null;
  aliases: string[];
  kind: z.infer<typeof unitKindSchema>;
  parentId: string | null;
  sortOrder: number;
  /** A disabled unit stays in the tree (its history refers to it) but takes no new users. */
  disabled: boolean;
  children: UnitNode[];
}
export const unitNodeSchema: z.ZodType<UnitNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    fullName: z.string().nullable(),
    aliases: z.array(z.string()),
    kind: unitKindSchema,
    parentId: z.string().nullable(),
    sortOrder: z.number().int(),
    disabled: z.boolean(),
    children: z.array(unitNodeSchema),
  }),
);
export const unitTreeSchema = z.object({ items: z.array(unitNodeSchema) });
