import { z } from 'zod';
import { idField, requiredText } from './fields.ts';

/** 省 → 设区市 → 县（市、区）. A plan and its units belong to a county; roles are granted in a region and its subtree. */
export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export const regionLevelSchema = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof regionLevelSchema>;
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '设区市',
  county: '县（市、区）',
};

export const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: regionLevelSchema,
  parentId: z.string().nullable(),
  sortOrder: z.number().int(),
});
export type Region = z.infer<typeof regionSchema>;
export const regionListSchema = z.object({ items: z.array(regionSchema) });

export const regionParamsSchema = z.object({ regionId: idField('地区编号') });

const levelField = z.enum(REGION_LEVELS, { error: '地区层级无效（省、设区市或县（市、区））' });

export const createRegionInputSchema = z.object({
  name: requiredText('地区名称', 50),
  level: levelField,
  parentId: idField('上级地区')
    .nullish()
    .transform((v) => v ?? null),
});
export type CreateRegionInput = z.infer<typeof createRegionInputSchema>;

export const updateRegionInputSchema = z.object({
  name: requiredText('地区名称', 50).optional(),
  parentId: idField('上级地区').nullable().optional(),
});
export type UpdateRegionInput = z.infer<typeof updateRegionInputSchema>;
