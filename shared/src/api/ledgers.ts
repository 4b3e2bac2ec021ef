import { z } from 'zod';
import { ledgerFieldSchema, ledgerValiditySchema } from '../ledger-type.ts';
import { dateField, idField, pagingFields } from './fields.ts';

/** A ledger type as the API gives it: fields with Chinese labels, owning units, natural key and validity. */
export const ledgerTypeInfoSchema = z.object({
  code: z.string(),
  name: z.string(),
  owners: z.array(z.object({ id: z.string(), name: z.string() })),
  fields: z.array(ledgerFieldSchema),
  naturalKey: z.array(z.string()),
  validity: ledgerValiditySchema,
  /** Current rows of the ledger (all units); given by the list of ledger types. */
  rowCount: z.number().int().optional(),
});
export type LedgerTypeInfo = z.infer<typeof ledgerTypeInfoSchema>;
export const ledgerTypeListSchema = z.object({ items: z.array(ledgerTypeInfoSchema) });

export const ledgerParamsSchema = z.object({
  planId: idField('方案'),
  typeCode: z.string().regex(/^[a-z0-9-]{1,64}$/, '台账类型编码无效'),
});
export const ledgerRowParamsSchema = ledgerParamsSchema.extend({ rowId: idField('台账记录') });

export const ledgerValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** One current row of a ledger. `id` is stable across edits; `version` counts them. */
export const ledgerRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  unit: z.object({ id: z.string(), name: z.string() }),
  values: z.record(z.string(), ledgerValueSchema),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

/** Field filters as JSON text, e.g. {"level":["国家级","省级"]}. */
const filterText = z
  .string()
  .max(2000)
  .transform((text, ctx) => {
    try {
      const parsed = z.record(z.string(), z.union([z.string(), z.array(z.string())])).parse(JSON.parse(text));
      return parsed;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'filter 须为 JSON 对象，如 {"level":["国家级","省级"]}' });
      return z.NEVER;
    }
  });

/**
 * Listing: filters, then either page/pageSize (offset, with total) or `after` (the cursor of the
 * previous page's last row; stays fast however deep one pages).
 */
export const ledgerRowListQuerySchema = z.object({
  unitId: idField('单位').optional(),
  validOn: dateField('有效日期').optional(),
  q: z.string().trim().max(100).optional(),
  filter: filterText.optional(),
  after: z.string().max(2000).optional(),
  ...pagingFields(500),
});
export type LedgerRowListQuery = z.infer<typeof ledgerRowListQuerySchema>;

export const ledgerRowListSchema = z.object({
  items: z.array(ledgerRowSchema),
  total: z.number().int(),
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type LedgerRowList = z.infer<typeof ledgerRowListSchema>;

export const createLedgerRowSchema = z.object({
  unitId: idField('单位'),
  values: z.record(z.string(), z.unknown()),
});
export type CreateLedgerRowInput = z.infer<typeof createLedgerRowSchema>;

/** Replaces every value of a row. `version`, when given, must be the current one (else 409). */
export const updateLedgerRowSchema = z.object({
  values: z.record(z.string(), z.unknown()),
  version: z.number().int().positive().optional(),
});
export type UpdateLedgerRowInput = z.infer<typeof updateLedgerRowSchema>;

export const ledgerUnitQuerySchema = z.object({ unitId: idField('单位').optional() });

/**
 * How an import treats bad rows. `all` (the default): one bad row and nothing is written.
 * `valid`: 只导入有效行 — the valid rows are written and the refused ones come back as a workbook.
 */
export const ledgerImportQuerySchema = ledgerUnitQuerySchema.extend({
  mode: z.enum(['all', 'valid'], { message: 'mode 须为 all（全部有效才导入）或 valid（只导入有效行）' }).default('all'),
});

/**
 * Outcome of an import: every row of the file is created, updated or unchanged — or, importing
 * only the valid rows, refused; the refused rows come back as an .xlsx (base64) with a 原因 column.
 */
export const ledgerImportResultSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int().optional(),
  refusedWorkbook: z.object({ fileName: z.string(), base64: z.string() }).nullable().optional(),
});
export type LedgerImportResult = z.infer<typeof ledgerImportResultSchema>;

/** Largest .xlsx accepted by an import. */
export const LEDGER_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** An import reports at most this many problems in detail (the message gives the full count). */
export const LEDGER_IMPORT_MAX_ISSUES = 5000;
