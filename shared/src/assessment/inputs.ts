import { z } from 'zod';
import { unitKindSchema } from '../plan-pack.ts';

// The facts a score is computed from, as one plain object: the server loads it from the other
// modules' services, stores it with a published score set, and sends it to the browser so the
// scheme editor can preview a change with the very same maths.

/** `kind` places the unit in a category of 分类考核. */
export const assessedUnitSchema = z.object({ id: z.string(), name: z.string(), kind: unitKindSchema.optional() });

export const workItemFactSchema = z.object({
  id: z.string(),
  title: z.string(),
  leadUnitId: z.string(),
  year: z.number().int(),
  dueDate: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  /** 0–100, as last accepted. */
  progress: z.number(),
  /** The local date it was done, when done. */
  doneDate: z.string().nullable(),
  taskNumber: z.number().int().nullable(),
});
export type WorkItemFact = z.infer<typeof workItemFactSchema>;

export const indicatorFactSchema = z.object({
  id: z.string(),
  name: z.string(),
  reportingUnitId: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  light: z.enum(['green', 'yellow', 'red', 'grey']),
  /** The current value with its unit, or null when there is none. */
  valueText: z.string().nullable(),
  targetText: z.string(),
});
export type IndicatorFact = z.infer<typeof indicatorFactSchema>;

export const roundFactSchema = z.object({
  id: z.string(),
  title: z.string(),
  periodId: z.string(),
  cutoffDate: z.string(),
});
export type RoundFact = z.infer<typeof roundFactSchema>;

export const timelinessFactSchema = z.object({
  roundId: z.string(),
  unitId: z.string(),
  timeliness: z.enum(['on_time', 'late', 'missing', 'pending']),
  /** Share of duties filled, 0–1. */
  completeness: z.number(),
  changesAfterAcceptance: z.number().int(),
  lateDays: z.number().int().nullable(),
});
export type TimelinessFact = z.infer<typeof timelinessFactSchema>;

export const adjustmentSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(['bonus', 'deduction']),
  /** Always positive; a deduction subtracts it. */
  points: z.number(),
  reason: z.string(),
  evidence: z.string(),
  date: z.string(),
});
export type Adjustment = z.infer<typeof adjustmentSchema>;
export const ADJUSTMENT_KIND_LABELS: Record<Adjustment['kind'], string> = { bonus: '加分', deduction: '减分' };

export const assessmentInputsSchema = z.object({
  /** The local date the data stands at. */
  asOf: z.string(),
  year: z.number().int(),
  /** Units to score, in the order ties are listed. */
  units: z.array(assessedUnitSchema),
  workItems: z.array(workItemFactSchema),
  indicators: z.array(indicatorFactSchema),
  rounds: z.array(roundFactSchema),
  timeliness: z.array(timelinessFactSchema),
  adjustments: z.array(adjustmentSchema),
});
export type AssessmentInputs = z.infer<typeof assessmentInputsSchema>;

/** A previous score set to compare with: each unit's total and rank. */
export const previousScoresSchema = z.object({
  label: z.string(),
  scores: z.array(z.object({ unitId: z.string(), total: z.number().nullable(), rank: z.number().int().nullable() })),
});
export type PreviousScores = z.infer<typeof previousScoresSchema>;
