import { z } from 'zod';
import { lightSchema } from '../indicators/status.ts';
import { dateField, idField } from './fields.ts';
import { regionLevelSchema } from './regions.ts';

/**
 * 省级视图: every county below a region with its plan in force, its lights, its reporting timeliness
 * and its latest bulletin, and a county × comparable-indicator table, all as of one date.
 */
export const provinceQuerySchema = z.object({
  /** The 省 or 设区市 to look across; absent: every county the user's roles reach. */
  regionId: idField('地区').optional(),
  asOf: dateField('评估日期').optional(),
});
export type ProvinceQuery = z.infer<typeof provinceQuerySchema>;

export const lightCountsSchema = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  grey: z.number().int(),
});
export type LightCounts = z.infer<typeof lightCountsSchema>;

/** How the county's units reported in its latest round whose cut-off has passed by the date. */
export const countyTimelinessSchema = z.object({
  roundTitle: z.string(),
  periodId: z.string(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  /** Units expected in the round. */
  total: z.number().int(),
});

export const countyOverviewSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  /** The 设区市 above the county, when there is one. */
  cityName: z.string().nullable(),
  plan: z
    .object({ id: z.string(), code: z.string(), title: z.string(), documentNumber: z.string(), targetYear: z.number() })
    .nullable(),
  lights: lightCountsSchema,
  timeliness: countyTimelinessSchema.nullable(),
  latestBulletin: z
    .object({ id: z.string(), title: z.string(), issueLabel: z.string(), publishedAt: z.string(), asOf: z.string() })
    .nullable(),
});
export type CountyOverview = z.infer<typeof countyOverviewSchema>;

export const comparisonCellSchema = z.object({
  countyId: z.string(),
  indicatorName: z.string(),
  value: z.number().nullable(),
  light: lightSchema,
  /** Competition rank (1,1,3) among the counties with a value. */
  rank: z.number().int().nullable(),
});

/** One comparable indicator: same catalogue code and unit of measure in at least two counties. */
export const comparisonColumnSchema = z.object({
  key: z.string(),
  catalogueCode: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['up', 'down']),
  cells: z.array(comparisonCellSchema),
});
export type ComparisonColumnApi = z.infer<typeof comparisonColumnSchema>;

export const provinceOverviewSchema = z.object({
  asOf: z.string(),
  demo: z.boolean(),
  /** The region looked across; null when the view covers every region the user reaches. */
  region: z.object({ id: z.string(), name: z.string(), level: regionLevelSchema }).nullable(),
  counties: z.array(countyOverviewSchema),
  columns: z.array(comparisonColumnSchema),
});
export type ProvinceOverview = z.infer<typeof provinceOverviewSchema>;
