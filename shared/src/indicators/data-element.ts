import { z } from 'zod';
import { periodicitySchema, type Periodicity } from './period.ts';

/** Days after a period's end by which its figure is due, when the pack does not say. */
export const DEFAULT_LAG_DAYS: Record<Periodicity, number> = { year: 120, quarter: 30, month: 15 };

/** Entry checks of a data element (DESIGN.md §4). */
export const elementValidationSchema = z.object({
  /** Code of the element this one is a part of: the part never exceeds the whole of the same period. */
  partOf: z.string().min(1).optional(),
  /** A percentage: the value stays within 0–100. */
  ratio: z.boolean().default(false),
  /** Elements that must be present for the same period whenever this one is entered. */
  requiredWith: z.array(z.string().min(1)).default([]),
  /** A change beyond this many per cent against the previous period needs a comment. */
  jumpThreshold: z.number().positive().optional(),
});
export type ElementValidation = z.infer<typeof elementValidationSchema>;

/** A raw number reported per period by a unit (GDP, 全社会研发经费, 常住人口 …). */
export const packDataElementSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/, '编码只能包含小写字母、数字和连字符'),
  name: z.string().min(1),
  /** Unit of measure: 亿元, 万元, 万人, 件, 家, %. */
  unit: z.string().min(1),
  periodicity: periodicitySchema,
  /** The unit that reports it, by name or alias as elsewhere in the pack. */
  reportingUnit: z.string().min(1),
  lagDays: z.number().int().min(0).max(366).optional(),
  description: z.string().optional(),
  validation: elementValidationSchema.default({ ratio: false, requiredWith: [] }),
});
export type PackDataElement = z.infer<typeof packDataElementSchema>;

/** Where a number comes from: official statistics, or an estimate until they are published. */
export const VALUE_QUALITIES = ['statistical', 'estimated'] as const;
export const valueQualitySchema = z.enum(VALUE_QUALITIES);
export type ValueQuality = z.infer<typeof valueQualitySchema>;
export const VALUE_QUALITY_LABELS: Record<ValueQuality, string> = { statistical: '统计数', estimated: '预估数' };
