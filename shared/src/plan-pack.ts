import { z } from 'zod';
import { ledgerTypeSchema } from './ledger-type.ts';
import { packDataElementSchema } from './indicators/data-element.ts';
import { indicatorDefinitionSchema, indicatorMethodSchema } from './indicators/definition.ts';
import { checkIndicatorDefinitions } from './indicators/pack-checks.ts';
import { planWordingSchema } from './api/plan-settings.ts';
import { isCatalogueCode } from './catalogue/indicator-catalogue.ts';
import { normalizeDue } from './due-date.ts';
import { unitKindSchema } from './unit-kind.ts';

/** Version of the plan-pack format; bump it when a field changes meaning. */
export const PACK_FORMAT_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const year = z.number().int().min(1990).max(2100);

/** `increase` / `decrease`: 方向性指标 ("持续提升", "稳步下降"), a direction and no number. */
export const COMPARATORS = ['gte', 'gt', 'lte', 'lt', 'eq', 'approx', 'range', 'increase', 'decrease'] as const;
export const comparatorSchema = z.enum(COMPARATORS);
export type Comparator = z.infer<typeof comparatorSchema>;

/** Chinese wording of each comparator, as the plan texts use them. */
export const COMPARATOR_LABELS: Record<Comparator, string> = {
  gte: '≥',
  gt: '>',
  lte: '≤',
  lt: '<',
  eq: '=',
  approx: '≈',
  range: '区间',
  increase: '提升',
  decrease: '下降',
};

// Unit kinds live in their own module so that ledger-type.ts can use them without an import cycle.
export { UNIT_KINDS, UNIT_KIND_LABELS, unitKindSchema, type UnitKind } from './unit-kind.ts';

/** A unit of the region's org tree, referenced elsewhere in the pack by its name or an alias. */
export const packUnitSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/, '编码只能包含小写字母、数字和连字符'),
  name: z.string().min(1),
  fullName: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  kind: unitKindSchema,
  parent: z.string().optional(),
});
export type PackUnit = z.infer<typeof packUnitSchema>;

/**
 * A phrase of the plan that stands for several units. `all`: every member, always
 * (各镇（街道）). `designated`: the office picks members per task among the candidates
 * (各相关镇（街道、园区）); until it does, the candidates are shown.
 */
export const packUnitGroupSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  mode: z.enum(['all', 'designated']),
  members: z.array(z.string().min(1)).min(1),
});
export type PackUnitGroup = z.infer<typeof packUnitGroupSchema>;

/**
 * `dueDate` (完成期限) takes a date or the plan's phrase: "2025-06-30", "2025年底", "长期坚持". Stored
 * as a date where the phrase names one (its last day) with the phrase kept in `dueText`; a phrase
 * that names no date ("长期坚持", "持续推进") is kept as text with no date. See due-date.ts.
 */
export const packTaskSchema = z
  .object({
    number: z.number().int().positive(),
    title: z.string().min(1),
    text: z.string().min(1),
    leadUnit: z.string().min(1),
    coUnits: z.array(z.string().min(1)),
    dueDate: z.string().nullish(),
    dueText: z.string().nullish(),
  })
  .transform((t, ctx) => {
    const due = normalizeDue(t.dueDate, t.dueText);
    if (!due.ok) {
      ctx.issues.push({ code: 'custom', message: due.message, path: ['dueDate'], input: t.dueDate });
      return z.NEVER;
    }
    return { ...t, dueDate: due.date, dueText: due.text };
  });
export type PackTask = z.infer<typeof packTaskSchema>;

export const packAreaSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  tasks: z.array(packTaskSchema).min(1),
});

export const packGoalSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  text: z.string().min(1),
});

export const packIndicatorSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    comparator: comparatorSchema,
    value: z.number().nullable().default(null),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    unit: z.string().min(1),
    targetDate: isoDate,
    goal: z.number().int().positive().nullable().default(null),
    task: z.number().int().positive().nullable().default(null),
    reportingUnit: z.string().min(1).optional(),
    sourceText: z.string().min(1),
    /** Only where the plan text or official statistics give it; otherwise the office enters it. `note` names the source. */
    baseline: z.object({ value: z.number(), year, note: z.string().optional() }).optional(),
    /** How the current value is computed, as data (indicators/definition.ts): no code per indicator. */
    definition: indicatorDefinitionSchema.optional(),
    /** How progress is judged (indicators/definition.ts); 序时进度 with linear milestones when absent. */
    method: indicatorMethodSchema.optional(),
    /** The shared catalogue's code (catalogue/indicator-catalogue.ts) when the indicator is one counties compare. */
    catalogueCode: z.string().refine(isCatalogueCode, { message: '不是指标目录中的编码' }).optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.comparator === 'range') {
      if (ind.min === null || ind.max === null || ind.min > ind.max) {
        ctx.addIssue({ code: 'custom', message: '区间目标需要 min ≤ max', path: ['min'] });
      }
    } else if (ind.comparator === 'increase' || ind.comparator === 'decrease') {
      if (ind.value !== null || ind.min !== null || ind.max !== null)
        ctx.addIssue({ code: 'custom', message: '方向性指标（持续提升/下降）不填目标值', path: ['value'] });
      if (ind.method && ind.method.kind !== 'growth')
        ctx.addIssue({ code: 'custom', message: '方向性指标只能用增长比率法评估', path: ['method'] });
    } else if (ind.value === null) {
      ctx.addIssue({ code: 'custom', message: '目标值不能为空', path: ['value'] });
    }
    if (ind.goal === null && ind.task === null) {
      ctx.addIssue({ code: 'custom', message: '指标须属于某个发展目标或重点任务', path: ['goal'] });
    }
  });
export type PackIndicator = z.infer<typeof packIndicatorSchema>;

export const packPhaseSchema = z
  .object({
    number: z.number().int().positive(),
    name: z.string().min(1),
    startYear: year,
    endYear: year,
    text: z.string().min(1),
  })
  .refine((p) => p.startYear <= p.endYear, { message: '阶段起始年份不能晚于结束年份', path: ['endYear'] });

export const packMeasureSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  text: z.string().min(1),
});

export const planPackSchema = z
  .object({
    format: z.literal('innocity-plan-pack'),
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    plan: z.object({
      code: z.string().regex(/^[a-z0-9-]+$/),
      title: z.string().min(1),
      documentNumber: z.string().min(1),
      issuer: z.string().min(1),
      region: z.string().min(1),
      /**
       * Where the county sits, from the top: ['江苏省', '镇江市', '句容市'] (added in the same format
       * version: a pack without it files its plan under a county named `region` at the top of the tree).
       */
      regionPath: z.array(z.string().trim().min(1).max(50)).min(1).max(3).optional(),
      issuingDate: isoDate,
      baselineYear: year,
      targetYear: year,
      preamble: z.string().default(''),
    }),
    units: z.array(packUnitSchema).min(1),
    unitGroups: z.array(packUnitGroupSchema).default([]),
    goals: z.array(packGoalSchema).default([]),
    areas: z.array(packAreaSchema).min(1),
    indicators: z.array(packIndicatorSchema),
    phases: z.array(packPhaseSchema),
    measures: z.array(packMeasureSchema),
    /** Registers (台账) the units keep; see ledger-type.ts. */
    ledgerTypes: z.array(ledgerTypeSchema).default([]),
    /** Raw numbers units report per period (GDP, 常住人口 …) that indicators compute from. */
    dataElements: z.array(packDataElementSchema).default([]),
    /** Issuer, level word, programme name and addressees of the plan's documents; absent fields derive from the region. */
    wording: planWordingSchema.partial().optional(),
  })
  .superRefine((pack, ctx) => {
    const path = pack.plan.regionPath;
    if (path && path[path.length - 1] !== pack.plan.region)
      ctx.addIssue({ code: 'custom', message: '地区路径的最后一级须为方案所属地区', path: ['plan', 'regionPath'] });
    checkReferences(pack, ctx);
    checkLedgerOwners(pack, ctx);
    checkIndicatorDefinitions(pack, ctx);
  });
export type PlanPack = z.infer<typeof planPackSchema>;
export type PlanPackInput = z.input<typeof planPackSchema>;

type RawPack = Omit<PlanPack, never>;

/** Cross-field rules: unique codes and numbers, every unit name resolves, indicators point at real goals and tasks. */
function checkReferences(pack: RawPack, ctx: z.RefinementCtx): void {
  const unitNames = new Set<string>();
  const unitCodes = new Set<string>();
  pack.units.forEach((u, i) => {
    if (unitCodes.has(u.code))
      ctx.addIssue({ code: 'custom', message: `单位编码重复：${u.code}`, path: ['units', i, 'code'] });
    unitCodes.add(u.code);
    for (const n of [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]) unitNames.add(n);
  });
  pack.units.forEach((u, i) => {
    if (u.parent !== undefined && !unitCodes.has(u.parent)) {
      ctx.addIssue({ code: 'custom', message: `上级单位编码不存在：${u.parent}`, path: ['units', i, 'parent'] });
    }
  });
  const groupNames = new Set(pack.unitGroups.map((g) => g.name));
  pack.unitGroups.forEach((g, i) =>
    g.members.forEach((m, j) => {
      if (!unitNames.has(m))
        ctx.addIssue({ code: 'custom', message: `单位组成员不存在：${m}`, path: ['unitGroups', i, 'members', j] });
    }),
  );
  const taskNumbers = new Set<number>();
  pack.areas.forEach((a, ai) =>
    a.tasks.forEach((t, ti) => {
      const path = ['areas', ai, 'tasks', ti];
      if (taskNumbers.has(t.number))
        ctx.addIssue({ code: 'custom', message: `任务序号重复：${t.number}`, path: [...path, 'number'] });
      taskNumbers.add(t.number);
      if (!unitNames.has(t.leadUnit))
        ctx.addIssue({ code: 'custom', message: `牵头单位不在单位树中：${t.leadUnit}`, path: [...path, 'leadUnit'] });
      t.coUnits.forEach((c, ci) => {
        if (!unitNames.has(c) && !groupNames.has(c)) {
          ctx.addIssue({
            code: 'custom',
            message: `责任单位不在单位树或单位组中：${c}`,
            path: [...path, 'coUnits', ci],
          });
        }
      });
    }),
  );
  const goalNumbers = new Set(pack.goals.map((g) => g.number));
  const indicatorCodes = new Set<string>();
  pack.indicators.forEach((ind, i) => {
    if (indicatorCodes.has(ind.code))
      ctx.addIssue({ code: 'custom', message: `指标编码重复：${ind.code}`, path: ['indicators', i, 'code'] });
    indicatorCodes.add(ind.code);
    if (ind.goal !== null && !goalNumbers.has(ind.goal))
      ctx.addIssue({ code: 'custom', message: `发展目标不存在：${ind.goal}`, path: ['indicators', i, 'goal'] });
    if (ind.task !== null && !taskNumbers.has(ind.task))
      ctx.addIssue({ code: 'custom', message: `重点任务不存在：${ind.task}`, path: ['indicators', i, 'task'] });
    if (ind.reportingUnit !== undefined && !unitNames.has(ind.reportingUnit)) {
      ctx.addIssue({
        code: 'custom',
        message: `报送单位不在单位树中：${ind.reportingUnit}`,
        path: ['indicators', i, 'reportingUnit'],
      });
    }
  });
}

/** Ledger type codes are unique and every owner is a unit of the tree. */
function checkLedgerOwners(pack: RawPack, ctx: z.RefinementCtx): void {
  const unitNames = new Set(pack.units.flatMap((u) => [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]));
  const codes = new Set<string>();
  pack.ledgerTypes.forEach((t, i) => {
    if (codes.has(t.code))
      ctx.addIssue({ code: 'custom', message: `台账类型编码重复：${t.code}`, path: ['ledgerTypes', i, 'code'] });
    codes.add(t.code);
    t.owners.forEach((o, j) => {
      if (!unitNames.has(o))
        ctx.addIssue({
          code: 'custom',
          message: `台账责任单位不在单位树中：${o}`,
          path: ['ledgerTypes', i, 'owners', j],
        });
    });
  });
}
