import { z } from 'zod';
import { comparatorSchema } from '../plan-pack.ts';

/** Where an item came from: character offsets into the imported text and its 1-based line. */
export const sourceRefSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const proposalGoalSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  text: z.string(),
  source: sourceRefSchema,
});

export const proposalAreaSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  source: sourceRefSchema,
});

export const proposalTaskSchema = z.object({
  number: z.number().int().positive(),
  areaNumber: z.number().int().positive(),
  title: z.string(),
  text: z.string(),
  leadUnit: z.string().nullable(),
  coUnits: z.array(z.string()),
  /** From a task table's 完成期限 column; absent when the plan gives none. */
  dueDate: isoDate.nullable().optional(),
  /** The 完成期限 as the plan wrote it ("2025年底", "长期坚持"); shown beside the date, kept when none is derived. */
  dueText: z.string().max(60).nullable().optional(),
  source: sourceRefSchema,
});

export const proposalIndicatorSchema = z.object({
  name: z.string(),
  comparator: comparatorSchema,
  value: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string(),
  targetYear: z.number().int(),
  targetDate: isoDate,
  goal: z.number().int().positive().nullable(),
  task: z.number().int().positive().nullable(),
  sentence: z.string(),
  source: sourceRefSchema,
  /** Other places that state the same target (a task repeating a goal's figure). */
  alsoStatedAt: z.array(sourceRefSchema).default([]),
});

export const proposalPhaseSchema = z.object({
  number: z.number().int().positive(),
  name: z.string(),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  text: z.string(),
  source: sourceRefSchema,
});

export const proposalMeasureSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  text: z.string(),
  source: sourceRefSchema,
});

/**
 * A figure with a unit of measure that did not become a target (no comparing word, a figure that
 * describes rather than aims): listed for the office, who can make it a target in one click.
 */
export const unreadNumberSchema = z.object({
  name: z.string(),
  comparator: comparatorSchema,
  value: z.number(),
  unit: z.string(),
  targetYear: z.number().int().nullable(),
  goal: z.number().int().positive().nullable(),
  task: z.number().int().positive().nullable(),
  sentence: z.string(),
  source: sourceRefSchema,
});

export const proposalWarningSchema = z.object({
  message: z.string(),
  source: sourceRefSchema,
});

/** What the importer proposes from a plan document, for the office to review before it goes into force. */
export const planProposalSchema = z.object({
  plan: z.object({
    title: z.string().nullable(),
    documentNumber: z.string().nullable(),
    issuer: z.string().nullable(),
    issuingDate: isoDate.nullable(),
    region: z.string().nullable(),
    targetYear: z.number().int().nullable(),
  }),
  goals: z.array(proposalGoalSchema),
  areas: z.array(proposalAreaSchema),
  tasks: z.array(proposalTaskSchema),
  indicators: z.array(proposalIndicatorSchema),
  phases: z.array(proposalPhaseSchema),
  measures: z.array(proposalMeasureSchema),
  unitNames: z.array(z.string()),
  warnings: z.array(proposalWarningSchema),
  /** 未识别的数字: absent in drafts stored before the importer listed them. */
  unreadNumbers: z.array(unreadNumberSchema).optional(),
  /** The text that sources point into, when it is not the input itself (a .docx). */
  sourceText: z.string().optional(),
});

export type SourceRef = z.infer<typeof sourceRefSchema>;
export type ProposalGoal = z.infer<typeof proposalGoalSchema>;
export type ProposalArea = z.infer<typeof proposalAreaSchema>;
export type ProposalTask = z.infer<typeof proposalTaskSchema>;
export type ProposalIndicator = z.infer<typeof proposalIndicatorSchema>;
export type ProposalPhase = z.infer<typeof proposalPhaseSchema>;
export type ProposalMeasure = z.infer<typeof proposalMeasureSchema>;
export type ProposalWarning = z.infer<typeof proposalWarningSchema>;
export type UnreadNumber = z.infer<typeof unreadNumberSchema>;
export type PlanProposal = z.infer<typeof planProposalSchema>;
