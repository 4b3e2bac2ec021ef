import { z } from 'zod';
import { comparatorSchema } from '../plan-pack.ts';
import { elementValidationSchema, valueQualitySchema } from '../indicators/data-element.ts';
import { indicatorDefinitionSchema, indicatorMethodSchema } from '../indicators/definition.ts';
import { periodicitySchema, periodIdSchema } from '../indicators/period.ts';
import { lightSchema, statusSchema } from '../indicators/status.ts';
import { seriesPointSchema, workingsSchema } from '../indicators/workings.ts';
import { dateField, idField, optionalText, pagingFields, requiredText } from './fields.ts';
import { ledgerRowSchema, ledgerTypeInfoSchema } from './ledgers.ts';

const ref = z.object({ id: z.string(), name: z.string() });

/** A data element of a plan, with its entry rules. */
export const dataElementSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  periodicity: periodicitySchema,
  reportingUnit: ref.nullable(),
  lagDays: z.number().int(),
  description: z.string().nullable(),
  validation: elementValidationSchema,
});
export type DataElement = z.infer<typeof dataElementSchema>;

/** One recorded version of a value, with who reported it, from what, and whether it is still the one in force. */
export const elementValueSchema = z.object({
  id: z.string(),
  elementId: z.string(),
  elementCode: z.string(),
  period: z.string(),
  unit: ref,
  version: z.number().int(),
  value: z.number(),
  source: z.string(),
  quality: valueQualitySchema,
  note: z.string().nullable(),
  reportedBy: ref.nullable(),
  recordedAt: z.string(),
  /** False once a later version (known by the as-of date) replaced it. */
  current: z.boolean(),
});
export type ElementValue = z.infer<typeof elementValueSchema>;

export const dataElementListSchema = z.object({
  asOf: z.string(),
  items: z.array(dataElementSchema.extend({ values: z.array(elementValueSchema) })),
});
export type DataElementList = z.infer<typeof dataElementListSchema>;

export const elementVersionsSchema = z.object({ element: dataElementSchema, items: z.array(elementValueSchema) });

/** Values entered together: companions of the same period are checked against each other. */
export const recordValuesInputSchema = z.object({
  items: z
    .array(
      z.object({
        /** The element's code or id. */
        element: requiredText('数据元', 64),
        period: periodIdSchema,
        /** Defaults to the element's reporting unit. */
        unitId: idField('单位').optional(),
        value: z.number({ error: '数值须为数字' }).finite('数值须为有限数字'),
        source: requiredText('数据来源', 200),
        quality: valueQualitySchema.default('statistical'),
        note: optionalText('备注', 500),
      }),
    )
    .min(1, '至少填报一项')
    .max(500, '一次最多填报 500 项'),
});
export type RecordValuesInput = z.input<typeof recordValuesInputSchema>;
export const recordValuesResultSchema = z.object({ items: z.array(elementValueSchema) });

export const asOfQuerySchema = z.object({ asOf: dateField('评估日期').optional() });
export const planIndicatorParamsSchema = z.object({ planId: idField('方案'), indicatorId: idField('指标') });
export const planElementParamsSchema = z.object({ planId: idField('方案'), elementId: idField('数据元') });

export const milestoneSchema = z.object({
  year: z.number().int(),
  value: z.number(),
  source: z.enum(['baseline', 'interpolated', 'office', 'target']),
});

/** Where the baseline came from: the pack, the office, the data of the baseline year, or the definition (a flow starts at 0). */
export const baselineSchema = z.object({
  value: z.number(),
  year: z.number().int(),
  source: z.enum(['pack', 'office', 'data', 'definition']),
  note: z.string().nullable(),
});

/** One indicator as evaluated on the as-of date. */
export const indicatorStatusSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.object({
    comparator: comparatorSchema,
    value: z.number().nullable(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    targetDate: z.string(),
  }),
  goalNumber: z.number().int().nullable(),
  taskNumber: z.number().int().nullable(),
  reportingUnit: ref.nullable(),
  definition: indicatorDefinitionSchema.nullable(),
  method: indicatorMethodSchema,
  baseline: baselineSchema.nullable(),
  milestones: z.array(milestoneSchema),
  current: seriesPointSchema.nullable(),
  status: statusSchema,
  statusLabel: z.string(),
  light: lightSchema,
  progress: z.number().nullable(),
  workings: workingsSchema,
  /** Actual values by year (the as-of value for the running year), for charts. */
  series: z.array(seriesPointSchema),
});
export type IndicatorStatus = z.infer<typeof indicatorStatusSchema>;

export const indicatorListSchema = z.object({
  asOf: z.string(),
  demo: z.boolean(),
  items: z.array(indicatorStatusSchema),
});
export type IndicatorList = z.infer<typeof indicatorListSchema>;

/** The numbers behind an indicator: element versions with their reporters, or the ledger rows counted. */
export const indicatorSourcesSchema = z.object({
  elements: z.array(z.object({ element: dataElementSchema, versions: z.array(elementValueSchema) })),
  ledger: z
    .object({ code: z.string(), asOf: z.string(), total: z.number().int(), rowIds: z.array(z.string()) })
    .nullable(),
});

export const indicatorDetailSchema = indicatorStatusSchema.extend({
  asOf: z.string(),
  demo: z.boolean(),
  sources: indicatorSourcesSchema,
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;

export const updateBaselineInputSchema = z.object({
  value: z.number({ error: '基期值须为数字' }).finite(),
  year: z.number({ error: '基期年份须为数字' }).int().min(1990).max(2100),
  note: optionalText('说明', 500),
});

export const setMilestonesInputSchema = z.object({
  /** value null removes the office's override for that year, so it is interpolated again. */
  items: z
    .array(z.object({ year: z.number().int().min(1990).max(2100), value: z.number().finite().nullable() }))
    .min(1)
    .max(20),
  note: optionalText('说明', 500),
});

const targetNumber = (label: string) =>
  z
    .number({ error: `${label}须为数字` })
    .finite(`${label}须为有限数字`)
    .nullish()
    .transform((v) => v ?? null);

/**
 * The office adjusts a target when the plan is revised. The comparator stays as the plan states
 * it (a revision changes numbers and dates, not whether "≥" became "≈"), so the service checks
 * that a range gets min and max and anything else a value; the reason is kept in the audit log.
 */
export const updateTargetInputSchema = z
  .object({
    value: targetNumber('目标值'),
    min: targetNumber('区间下限'),
    max: targetNumber('区间上限'),
    targetDate: dateField('目标日期'),
    reason: requiredText('调整说明', 500),
  })
  .superRefine((v, ctx) => {
    if (v.min !== null && v.max !== null && v.min >= v.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: '区间上限须大于下限' });
  });
export type UpdateTargetInput = z.input<typeof updateTargetInputSchema>;

export const indicatorRowsQuerySchema = asOfQuerySchema.extend(pagingFields(100));
export type IndicatorRowsQuery = z.infer<typeof indicatorRowsQuerySchema>;

/**
 * The ledger rows an indicator counts on the as-of date, exactly (validity, filter, a flow's dates,
 * and only what was recorded by then), each as it stood that day; with the total and, where a
 * field is summed, the sum, so the number on the cockpit can be checked row by row.
 */
export const indicatorRowsSchema = z.object({
  asOf: z.string(),
  ledger: ledgerTypeInfoSchema.pick({ code: true, name: true, fields: true }),
  /** The field summed (a sum or a flow of amounts), or null when the rows are counted. */
  field: z.string().nullable(),
  total: z.number().int(),
  /** The field's sum over every counted row, in the ledger's unit (before any conversion). */
  sum: z.number().nullable(),
  items: z.array(ledgerRowSchema),
});
export type IndicatorRows = z.infer<typeof indicatorRowsSchema>;
