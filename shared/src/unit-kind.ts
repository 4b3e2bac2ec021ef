import { z } from 'zod';

/** Kinds of unit in a region's org tree. */
export const UNIT_KINDS = [
  'region',
  'committee',
  'government',
  'department',
  'street',
  'town',
  'scenic',
  'park',
  'other',
] as const;
export const unitKindSchema = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof unitKindSchema>;

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  region: '市',
  committee: '市委',
  government: '市政府',
  department: '部门',
  street: '街道',
  town: '镇',
  scenic: '风景区',
  park: '园区',
  other: '其他',
};
