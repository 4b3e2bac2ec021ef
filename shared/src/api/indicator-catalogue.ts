import { z } from 'zod';
import { isCatalogueCode } from '../catalogue/indicator-catalogue.ts';

export const catalogueEntrySchema = z.object({
  code: z.string(),
  name: z.string(),
  /** The standard unit of measure first, then other spellings of the same unit. */
  units: z.array(z.string()),
  direction: z.enum(['up', 'down']),
  source: z.string(),
});

export const catalogueSuggestionSchema = z.object({
  code: z.string(),
  name: z.string(),
  unitMatches: z.boolean(),
  score: z.number(),
});

/** One plan indicator with its confirmed code (if any) and what the catalogue suggests for it. */
export const indicatorMappingSchema = z.object({
  indicatorId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  catalogueCode: z.string().nullable(),
  /** Whether the mapped code is counted in this indicator's unit: only then are its values compared. */
  comparable: z.boolean(),
  /** Who confirmed the code; null when it came with the plan's pack or nothing is mapped. */
  confirmedBy: z.string().nullable(),
  suggestions: z.array(catalogueSuggestionSchema),
});
export type IndicatorMapping = z.infer<typeof indicatorMappingSchema>;

export const indicatorCatalogueSchema = z.object({
  catalogue: z.array(catalogueEntrySchema),
  indicators: z.array(indicatorMappingSchema),
});
export type IndicatorCatalogue = z.infer<typeof indicatorCatalogueSchema>;

/** The office's confirmation: a catalogue code, or null to say the indicator maps to none. */
export const setCatalogueCodeInputSchema = z.object({
  catalogueCode: z
    .string({ error: '目录指标编码须为文本' })
    .refine(isCatalogueCode, '目录指标编码不在指标目录中')
    .nullable(),
});
export type SetCatalogueCodeInput = z.infer<typeof setCatalogueCodeInputSchema>;
