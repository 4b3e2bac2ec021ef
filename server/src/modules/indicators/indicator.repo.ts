import { randomUUID } from 'node:crypto';
import {
  indicatorDefinitionSchema,
  indicatorMethodSchema,
  type IndicatorDefinition,
  type IndicatorMethod,
} from '@innocity/shared/indicators/definition';
import type { Comparator } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';

/** What the engine needs of a plan: its status (who may read) and its years. */
export interface PlanInfo {
  id: string;
  code: string;
  status: string;
  baselineYear: number;
  targetYear: number;
}

/** An indicator with its typed definition, method and baseline. */
export interface IndicatorRecord {
  id: string;
  planId: string;
  code: string;
  name: string;
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  targetDate: string;
  goalNumber: number | null;
  taskNumber: number | null;
  reportingUnit: { id: string; name: string } | null;
  definition: IndicatorDefinition | null;
  method: IndicatorMethod;
  baseline: { value: number; year: number; source: 'pack' | 'office'; note: string | null } | null;
}

export interface MilestoneOverride {
  indicatorId: string;
  year: number;
  value: number;
  note: string | null;
  setByName: string | null;
  updatedAt: string;
}

const DEFAULT_METHOD: IndicatorMethod = { kind: 'schedule', interpolation: 'linear' };

/** A plan by id or code (the indicator tables read the plans table only here). */
export async function findPlanInfo(db: Db, idOrCode: string): Promise<PlanInfo | undefined> {
  const r = await db
    .selectFrom('plans')
    .select(['id', 'code', 'status', 'baseline_year', 'target_year'])
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  return r && { id: r.id, code: r.code, status: r.status, baselineYear: r.baseline_year, targetYear: r.target_year };
}

function parseJson<T>(
  text: string | null,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T | null {
  if (text === null) return null;
  const parsed = schema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/**
 * Every indicator of a plan in plan order; `only` narrows to one, by id or code. Several plans'
 * at once when given several ids (the set-based engine), each plan's in its order.
 */
export async function listIndicators(db: Db, planId: string | string[], only?: string): Promise<IndicatorRecord[]> {
  let q = db
    .selectFrom('indicators as i')
    .leftJoin('plan_goals as g', 'g.id', 'i.goal_id')
    .leftJoin('plan_tasks as t', 't.id', 'i.task_id')
    .leftJoin('units as u', 'u.id', 'i.reporting_unit_id')
    .selectAll('i')
    .select(['g.number as goal_number', 't.number as task_number', 'u.name as unit_name'])
    .where('i.plan_id', 'in', [planId].flat());
  if (only !== undefined) q = q.where((eb) => eb.or([eb('i.id', '=', only), eb('i.code', '=', only)]));
  const rows = await q.orderBy('i.position').execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    code: r.code,
    name: r.name,
    comparator: r.comparator as Comparator,
    value: r.target_value,
    min: r.target_min,
    max: r.target_max,
    unit: r.unit,
    targetDate: r.target_date,
    goalNumber: r.goal_number,
    taskNumber: r.task_number,
    reportingUnit: r.reporting_unit_id && r.unit_name ? { id: r.reporting_unit_id, name: r.unit_name } : null,
    definition: parseJson(r.definition, indicatorDefinitionSchema),
    method: parseJson(r.method, indicatorMethodSchema) ?? DEFAULT_METHOD,
    baseline:
      r.baseline_value === null || r.baseline_year === null
        ? null
        : {
            value: r.baseline_value,
            year: r.baseline_year,
            source: r.baseline_source === 'office' ? 'office' : 'pack',
            note: r.baseline_note,
          },
  }));
}

/** The office's milestone overrides of a plan's indicators (or several plans'), by indicator. */
export async function listMilestoneOverrides(
  db: Db,
  planId: string | string[],
): Promise<Map<string, MilestoneOverride[]>> {
  const rows = await db
    .selectFrom('indicator_milestones')
    .selectAll()
    .where('plan_id', 'in', [planId].flat())
    .orderBy('year')
    .execute();
  const out = new Map<string, MilestoneOverride[]>();
  for (const r of rows) {
    const item = {
      indicatorId: r.indicator_id,
      year: r.year,
      value: r.value,
      note: r.note,
      setByName: r.set_by_name,
      updatedAt: r.updated_at,
    };
    out.set(r.indicator_id, [...(out.get(r.indicator_id) ?? []), item]);
  }
  return out;
}

/** Sets the baseline as the office's. */
export async function updateBaseline(
  db: Db,
  indicatorId: string,
  b: { value: number; year: number; note: string | null; now: string },
): Promise<void> {
  await db
    .updateTable('indicators')
    .set({
      baseline_value: b.value,
      baseline_year: b.year,
      baseline_source: 'office',
      baseline_note: b.note,
      updated_at: b.now,
    })
    .where('id', '=', indicatorId)
    .execute();
}

/** Sets the target's numbers and date; the comparator is left as the plan states it. */
export async function updateTarget(
  db: Db,
  indicatorId: string,
  t: { value: number | null; min: number | null; max: number | null; targetDate: string; now: string },
): Promise<void> {
  await db
    .updateTable('indicators')
    .set({
      target_value: t.value,
      target_min: t.min,
      target_max: t.max,
      target_date: t.targetDate,
      updated_at: t.now,
    })
    .where('id', '=', indicatorId)
    .execute();
}

/** Sets or replaces the office's milestone for one year. */
export async function upsertMilestone(
  db: Db,
  m: {
    planId: string;
    indicatorId: string;
    year: number;
    value: number;
    note: string | null;
    setBy: string | null;
    setByName: string | null;
    now: string;
  },
): Promise<void> {
  const existing = await db
    .selectFrom('indicator_milestones')
    .select('id')
    .where('indicator_id', '=', m.indicatorId)
    .where('year', '=', m.year)
    .executeTakeFirst();
  const fields = { value: m.value, note: m.note, set_by: m.setBy, set_by_name: m.setByName, updated_at: m.now };
  if (existing) await db.updateTable('indicator_milestones').set(fields).where('id', '=', existing.id).execute();
  else
    await db
      .insertInto('indicator_milestones')
      .values({
        id: randomUUID(),
        plan_id: m.planId,
        indicator_id: m.indicatorId,
        year: m.year,
        created_at: m.now,
        ...fields,
      })
      .execute();
}

/** Removes the office's milestone for one year, so it is interpolated again. */
export async function deleteMilestone(db: Db, indicatorId: string, year: number): Promise<void> {
  await db
    .deleteFrom('indicator_milestones')
    .where('indicator_id', '=', indicatorId)
    .where('year', '=', year)
    .execute();
}

/** Removes the office's milestones from a year on (a target moved earlier leaves them past its end). */
export async function deleteMilestonesFrom(db: Db, indicatorId: string, year: number): Promise<void> {
  await db
    .deleteFrom('indicator_milestones')
    .where('indicator_id', '=', indicatorId)
    .where('year', '>=', year)
    .execute();
}

/**
 * Fills what a pack gives and the stored indicator lacks (definition, method, baseline); never
 * overwrites. Returns whether anything changed.
 */
export async function fillPackIndicator(
  db: Db,
  planId: string,
  code: string,
  pack: {
    definition: string | null;
    method: string | null;
    baseline: { value: number; year: number; note: string | null } | null;
    now: string;
  },
): Promise<boolean> {
  const row = await db
    .selectFrom('indicators')
    .select(['id', 'definition', 'method', 'baseline_value', 'baseline_source'])
    .where('plan_id', '=', planId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) return false;
  const set: Record<string, string | number | null> = {};
  if (row.definition === null && pack.definition !== null) set.definition = pack.definition;
  if (row.method === null && pack.method !== null) set.method = pack.method;
  if (row.baseline_value === null && pack.baseline)
    Object.assign(set, {
      baseline_value: pack.baseline.value,
      baseline_year: pack.baseline.year,
      baseline_source: 'pack',
      baseline_note: pack.baseline.note,
    });
  else if (row.baseline_value !== null && row.baseline_source === null) set.baseline_source = 'pack';
  if (Object.keys(set).length === 0) return false;
  await db
    .updateTable('indicators')
    .set({ ...set, updated_at: pack.now })
    .where('id', '=', row.id)
    .execute();
  return true;
}
