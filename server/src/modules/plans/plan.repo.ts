import type { Db } from '../../db/connection.ts';
import type { PlanDetail, PlanSummary, UnitRef } from '@innocity/shared/api/plans';
import type { Comparator } from '@innocity/shared/plan-pack';
import { localDateOf, nowIso } from '../../time.ts';

type PlanRow = {
  id: string;
  code: string;
  title: string;
  document_number: string;
  issuer: string;
  region: string;
  issuing_date: string;
  baseline_year: number;
  target_year: number;
  status: string;
  preamble: string;
  region_id: string | null;
};

/** The year the plan's target is judged in, in the deployment's zone, for 已到期. */
const currentYear = () => Number(localDateOf(nowIso()).slice(0, 4));

const toSummary = (r: PlanRow): PlanSummary => ({
  id: r.id,
  code: r.code,
  title: r.title,
  documentNumber: r.document_number,
  issuer: r.issuer,
  region: r.region,
  issuingDate: r.issuing_date,
  baselineYear: r.baseline_year,
  targetYear: r.target_year,
  status: r.status as PlanSummary['status'],
  regionId: r.region_id,
  expired: r.target_year < currentYear(),
  imported: false,
});

export async function listPlans(db: Db): Promise<PlanSummary[]> {
  const [rows, imported] = await Promise.all([
    db.selectFrom('plans').selectAll().orderBy('issuing_date', 'desc').orderBy('code').execute(),
    importedPlanIds(db),
  ]);
  return rows.map((r) => ({ ...toSummary(r), imported: imported.has(r.id) }));
}

async function importedPlanIds(db: Db, planId?: string): Promise<Set<string>> {
  let q = db.selectFrom('plan_import_drafts').select('plan_id').where('plan_id', 'is not', null);
  if (planId) q = q.where('plan_id', '=', planId);
  return new Set((await q.execute()).map((r) => r.plan_id!));
}

export async function findPlanSummary(db: Db, planId: string): Promise<PlanSummary | undefined> {
  const row = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  return row ? { ...toSummary(row), imported: (await importedPlanIds(db, planId)).has(planId) } : undefined;
}

/** Moves the plan from one status to another; false when it was no longer in `from` (a concurrent change). */
export async function setPlanStatus(db: Db, planId: string, from: string, to: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('plans')
    .set({ status: to, updated_at: now })
    .where('id', '=', planId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** What users have already recorded against the plan (ledger rows, reported values, rounds, work items …), by table. */
export async function workOnPlan(db: Db, planId: string): Promise<string[]> {
  const tables = ['ledger_rows', 'data_element_values', 'reporting_rounds', 'assessment_schemes', 'bulletins'] as const;
  const found: string[] = [];
  for (const table of tables) {
    const row = await db.selectFrom(table).select('plan_id').where('plan_id', '=', planId).limit(1).executeTakeFirst();
    if (row) found.push(table);
  }
  const item = await db
    .selectFrom('work_items')
    .innerJoin('plan_tasks', 'plan_tasks.id', 'work_items.task_id')
    .select('work_items.id')
    .where('plan_tasks.plan_id', '=', planId)
    .limit(1)
    .executeTakeFirst();
  if (item) found.push('work_items');
  return found;
}

export async function findPlanByCode(db: Db, code: string): Promise<PlanSummary | undefined> {
  const row = await db.selectFrom('plans').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** The plan with every part, or undefined. Accepts the plan's id or its code. */
export async function findPlanDetail(db: Db, idOrCode: string): Promise<PlanDetail | undefined> {
  const plan = await db
    .selectFrom('plans')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrCode), eb('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!plan) return undefined;
  const planId = plan.id;
  const [goals, areas, tasks, phases, measures] = await Promise.all([
    db
      .selectFrom('plan_goals')
      .select(['id', 'number', 'title', 'text'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('plan_areas')
      .select(['id', 'number', 'title'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('plan_tasks')
      .select(['id', 'area_id', 'number', 'title', 'text', 'due_date', 'due_text'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('plan_phases')
      .select(['id', 'number', 'name', 'start_year', 'end_year', 'text'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('plan_measures')
      .select(['id', 'number', 'title', 'text'])
      .where('plan_id', '=', planId)
      .orderBy('number')
      .execute(),
  ]);
  const unitsByTask = await loadTaskUnits(db, planId);
  return {
    ...toSummary(plan),
    imported: (await importedPlanIds(db, planId)).has(planId),
    preamble: plan.preamble,
    goals,
    areas: areas.map((a) => ({
      ...a,
      tasks: tasks
        .filter((t) => t.area_id === a.id)
        .map((t) => {
          const refs = unitsByTask.get(t.id) ?? [];
          return {
            id: t.id,
            number: t.number,
            title: t.title,
            text: t.text,
            dueDate: t.due_date,
            dueText: t.due_text,
            leadUnit: refs[0]!,
            coUnits: refs.slice(1),
          };
        }),
    })),
    indicators: await loadIndicators(db, planId),
    phases: phases.map((p) => ({
      id: p.id,
      number: p.number,
      name: p.name,
      startYear: p.start_year,
      endYear: p.end_year,
      text: p.text,
    })),
    measures,
  };
}

/** Each task's units in order (lead first), groups expanded to their members. */
async function loadTaskUnits(db: Db, planId: string): Promise<Map<string, UnitRef[]>> {
  const rows = await db
    .selectFrom('task_units')
    .leftJoin('units', 'units.id', 'task_units.unit_id')
    .leftJoin('unit_groups', 'unit_groups.id', 'task_units.group_id')
    .select([
      'task_units.task_id',
      'task_units.unit_id',
      'task_units.group_id',
      'units.name as unit_name',
      'unit_groups.name as group_name',
      'unit_groups.mode as group_mode',
    ])
    .where('task_units.plan_id', '=', planId)
    .orderBy('task_units.task_id')
    .orderBy('task_units.position')
    .execute();
  const members = await db
    .selectFrom('unit_group_members')
    .innerJoin('units', 'units.id', 'unit_group_members.unit_id')
    .select(['unit_group_members.group_id', 'units.id', 'units.name'])
    .where('unit_group_members.plan_id', '=', planId)
    .orderBy('unit_group_members.position')
    .execute();
  const byGroup = new Map<string, { id: string; name: string }[]>();
  for (const m of members) byGroup.set(m.group_id, [...(byGroup.get(m.group_id) ?? []), { id: m.id, name: m.name }]);
  const result = new Map<string, UnitRef[]>();
  for (const r of rows) {
    const ref: UnitRef = r.group_id
      ? {
          id: r.group_id,
          name: r.group_name ?? '',
          kind: 'group',
          mode: r.group_mode as 'all' | 'designated',
          members: byGroup.get(r.group_id) ?? [],
        }
      : { id: r.unit_id ?? '', name: r.unit_name ?? '', kind: 'unit', mode: null, members: [] };
    result.set(r.task_id, [...(result.get(r.task_id) ?? []), ref]);
  }
  return result;
}

async function loadIndicators(db: Db, planId: string): Promise<PlanDetail['indicators']> {
  const rows = await db
    .selectFrom('indicators')
    .leftJoin('plan_goals', 'plan_goals.id', 'indicators.goal_id')
    .leftJoin('plan_tasks', 'plan_tasks.id', 'indicators.task_id')
    .leftJoin('units', 'units.id', 'indicators.reporting_unit_id')
    .select([
      'indicators.id',
      'indicators.code',
      'indicators.name',
      'indicators.comparator',
      'indicators.target_value',
      'indicators.target_min',
      'indicators.target_max',
      'indicators.unit',
      'indicators.target_date',
      'indicators.source_text',
      'plan_goals.number as goal_number',
      'plan_tasks.number as task_number',
      'units.id as unit_id',
      'units.name as unit_name',
    ])
    .where('indicators.plan_id', '=', planId)
    .orderBy('indicators.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
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
    reportingUnit: r.unit_id && r.unit_name ? { id: r.unit_id, name: r.unit_name } : null,
    sourceText: r.source_text,
  }));
}
