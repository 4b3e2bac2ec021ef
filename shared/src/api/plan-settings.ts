import { z } from 'zod';
import { optionalText, requiredText } from './fields.ts';

/** The level word of the county as its documents write it: 市 (县级市), 县 or 区. */
export const LEVEL_WORDS = ['市', '县', '区'] as const;
export const levelWordSchema = z.enum(LEVEL_WORDS, { error: '层级用字须为“市”“县”或“区”' });
export type LevelWord = z.infer<typeof levelWordSchema>;

/**
 * How a plan's documents name their issuer and addressees. The office edits it; bulletins and
 * exports read it instead of hard-coding one county's wording. Lengths match the bulletin's fields.
 */
export const planWordingSchema = z.object({
  /** 发文机关全称, printed red in the 版头 and as the signature: 句容市科技创新委员会办公室. */
  issuer: requiredText('发文机关', 30),
  /** 发文机关简称 as the prose names it: 市科创委办公室. */
  issuerShort: requiredText('发文机关简称', 20),
  /** 市 / 县 / 区: 市各有关部门, 县委办公室 … */
  level: levelWordSchema,
  /** 示范市 / 示范县 / 示范区: 创新型示范县建设. */
  programme: requiredText('建设称谓', 10),
  /** 主送机关. */
  recipients: requiredText('主送机关', 200),
  /** 抄送机关 of the 版记; empty leaves the line out. */
  cc: optionalText('抄送机关', 300),
  /** 印发机关 of the 版记. */
  printer: requiredText('印发机关', 50),
});
export type PlanWording = z.infer<typeof planWordingSchema>;

/** The settings as the API returns them: the wording, and whether the office has saved it (or it is the pack's default). */
export const planSettingsSchema = z.object({
  wording: z.object({
    issuer: z.string(),
    issuerShort: z.string(),
    level: levelWordSchema,
    programme: z.string(),
    recipients: z.string(),
    cc: z.string().nullable(),
    printer: z.string(),
  }),
  /** null while the wording is the default derived from the plan's region. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type PlanSettings = z.infer<typeof planSettingsSchema>;

export const updatePlanSettingsInputSchema = z.object({ wording: planWordingSchema });
export type UpdatePlanSettingsInput = z.input<typeof updatePlanSettingsInputSchema>;

/** 句容市 → 市, 丹徒区 → 区, 沛县 → 县; anything else reads as 市. */
export function levelOfRegion(region: string): LevelWord {
  const last = region.trim().slice(-1);
  return last === '县' || last === '区' ? last : '市';
}

/**
 * The wording a plan starts with when its pack says nothing: derived from the region's name, in the
 * words Jiangsu's county documents use. A pack's `wording` overrides any field.
 */
export function defaultWording(region: string): PlanWording {
  const level = levelOfRegion(region);
  const issuer = `${region}科技创新委员会办公室`;
  return {
    issuer,
    issuerShort: `${level}科创委办公室`,
    level,
    programme: `示范${level}`,
    recipients: `各镇（街道）、园区，${level}各有关部门`,
    cc: `${level}委办公室，${level}人民政府办公室`,
    printer: issuer,
  };
}
