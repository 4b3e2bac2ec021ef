import { z } from 'zod';

/**
 * 沿用上一轮方案: a county's next plan takes over, from an earlier plan of the same county, the unit
 * groups it lacks, ledger types with their rows and the documents' wording. Units themselves are the
 * county's (region-scoped) and need no copying.
 */

/** Which rows of a carried ledger type go along: none, those still valid when the new plan starts, or every current row. */
export const carryRowsSchema = z.enum(['none', 'valid', 'all']);
export type CarryRows = z.infer<typeof carryRowsSchema>;
export const CARRY_ROWS_LABELS: Record<CarryRows, string> = {
  none: '不沿用记录',
  valid: '沿用新方案开始时仍有效的记录',
  all: '沿用全部现有记录',
};

const code = z.string().min(1).max(100);

export const carryOverInputSchema = z.object({
  sourcePlanId: z
    .string({ error: '请选择上一轮方案（sourcePlanId）' })
    .min(1, '请选择上一轮方案（sourcePlanId）')
    .max(64),
  /** Unit group codes of the source plan to carry. */
  unitGroups: z.array(code).max(200).default([]),
  /** Ledger type codes of the source plan to carry. */
  ledgerTypes: z.array(code).max(200).default([]),
  rows: carryRowsSchema.default('valid'),
  /** Replace the new plan's wording (issuer, 主送, 抄送 …) with the source plan's. */
  wording: z.boolean().default(false),
});
export type CarryOverInput = z.input<typeof carryOverInputSchema>;

export const carryOverQuerySchema = z.object({
  sourcePlanId: z.string({ error: '请选择上一轮方案（sourcePlanId）' }).min(1).max(64),
});

/** Why an item cannot be carried (already in the new plan), or null. */
const conflictField = z.string().nullable();

export const carryOverPreviewSchema = z.object({
  source: z.object({ id: z.string(), code: z.string(), title: z.string(), status: z.string() }),
  target: z.object({ id: z.string(), code: z.string(), title: z.string() }),
  /** The day the new plan starts (1 January after its base year): rows valid then are "still valid". */
  startDate: z.string(),
  unitGroups: z.array(
    z.object({ code: z.string(), name: z.string(), memberCount: z.number().int(), conflict: conflictField }),
  ),
  ledgerTypes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      owners: z.array(z.string()),
      validRows: z.number().int(),
      allRows: z.number().int(),
      conflict: conflictField,
    }),
  ),
  /** Whether the source plan's wording differs from the new plan's. */
  wordingDiffers: z.boolean(),
});
export type CarryOverPreview = z.infer<typeof carryOverPreviewSchema>;

export const carryOverResultSchema = z.object({
  sourcePlanId: z.string(),
  unitGroups: z.number().int(),
  ledgerTypes: z.number().int(),
  rows: z.number().int(),
  wording: z.boolean(),
});
export type CarryOverResult = z.infer<typeof carryOverResultSchema>;
