import { z } from 'zod';
import { unitKindSchema, type UnitKind } from '../plan-pack.ts';
import { idField, optionalText, requiredText } from './fields.ts';

/** One unit as the admin edits it. */
export const unitSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  fullName: z.string().nullable(),
  aliases: z.array(z.string()),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  sortOrder: z.number().int(),
  disabled: z.boolean(),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitParamsSchema = z.object({ unitId: idField('单位编号') });

const kindField = z.enum(unitKindSchema.options as [UnitKind, ...UnitKind[]], { error: '单位类别无效' });
const codeField = requiredText('单位编码', 64).regex(/^[a-z0-9-]+$/, '单位编码只能包含小写字母、数字和连字符');
const aliasesField = z
  .array(requiredText('别名', 100), { error: '别名须为列表' })
  .max(20, '别名最多 20 个')
  .transform((a) => [...new Set(a)]);
const sortOrderField = z
  .number({ error: '排序须为数字' })
  .int('排序须为整数')
  .min(0, '排序不能为负')
  .max(1_000_000, '排序过大');

export const createUnitInputSchema = z.object({
  code: codeField,
  name: requiredText('单位名称', 100),
  fullName: optionalText('单位全称', 200),
  aliases: aliasesField.default([]),
  kind: kindField,
  parentId: idField('上级单位')
    .nullish()
    .transform((v) => v ?? null),
  sortOrder: sortOrderField.optional(),
});
export type CreateUnitInput = z.infer<typeof createUnitInputSchema>;

/** Changes to a unit's own fields; its place in the tree changes through move. */
export const updateUnitInputSchema = z.object({
  code: codeField.optional(),
  name: requiredText('单位名称', 100).optional(),
  fullName: optionalText('单位全称', 200).optional(),
  aliases: aliasesField.optional(),
  kind: kindField.optional(),
  sortOrder: sortOrderField.optional(),
});
export type UpdateUnitInput = z.infer<typeof updateUnitInputSchema>;

/** A new place in the tree: a parent (null for a root) and optionally a position among siblings. */
export const moveUnitInputSchema = z.object({
  parentId: z.union([idField('上级单位'), z.null()], { error: '请填写上级单位（顶级单位填 null）' }),
  sortOrder: sortOrderField.optional(),
});
export type MoveUnitInput = z.infer<typeof moveUnitInputSchema>;
