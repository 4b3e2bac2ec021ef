import type { Insertable, Updateable } from 'kysely';
import type { Milestone } from '@innocity/shared/api/supervision';
import type { SourceKind, WorkItemStatus } from '@innocity/shared/supervision/work-item-state';
import type { Db } from '../../db/connection.ts';
import type { WorkItemsTable } from './supervision.table.ts';

/** A work item as the service sees it: names resolved, JSON parsed, 0/1 as booleans. */
export interface WorkItemRecord {
  id: string;
  planId: string;
  year: number;
  title: string;
  description: string;
  task: { id: string; number: number; title: string } | null;
  area: { id: string; number: number; title: string } | null;
  leadUnit: { id: string; name: string };
  coUnits: { id: string; name: string }[];
  startDate: string;
  dueDate: string;
  milestones: Milestone[];
  expectedEvidence: string;
  indicators: { id: string; name: string }[];
  sourceKind: SourceKind;
  sourceId: string | null;
  progress: number;
  latestProgress: string | null;
  latestProgressAt: string | null;
  status: WorkItemStatus;
  requiresVerification: boolean;
  awaitingVerification: boolean;
  verifiedAt: string | null;
  closedReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkItemFilter {
  planId: string;
  ids?: string[];
  areaId?: string;
  taskId?: string;
  unitId?: string;
  sourceKind?: SourceKind;
  sourceIds?: string[];
  year?: number;
  dueFrom?: string;
  dueTo?: string;
  status?: WorkItemStatus[];
}

function baseQuery(db: Db) {
  return db
    .selectFrom('work_items as w')
    .innerJoin('units as lu', 'lu.id', 'w.lead_unit_id')
    .leftJoin('plan_tasks as t', 't.id', 'w.task_id')
    .leftJoin('plan_areas as a', 'a.id', 't.area_id')
    .selectAll('w')
    .select([
      'lu.name as lead_unit_name',
      't.number as task_number',
      't.title as task_title',
      'a.id as area_id',
      'a.number as area_number',
      'a.title as area_title',
    ]);
}

/** Work items matching the filter, in due-date order, with their co-units and indicators. */
export async function listWorkItems(db: Db, f: WorkItemFilter): Promise<WorkItemRecord[]> {
  let q = baseQuery(db).where('w.plan_id', '=', f.planId);
  if (f.ids) q = q.where('w.id', 'in', f.ids.length ? f.ids : ['']);
  if (f.areaId) q = q.where('a.id', '=', f.areaId);
  if (f.taskId) q = q.where('w.task_id', '=', f.taskId);
  if (f.sourceKind) q = q.where('w.source_kind', '=', f.sourceKind);
  if (f.sourceIds) q = q.where('w.source_id', 'in', f.sourceIds.length ? f.sourceIds : ['']);
  if (f.year !== undefined) q = q.where('w.year', '=', f.year);
  if (f.dueFrom) q = q.where('w.due_date', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('w.due_date', '<=', f.dueTo);
  if (f.status) q = q.where('w.status', 'in', f.status);
  if (f.unitId) {
    const unitId = f.unitId;
    q = q.where((eb) =>
      eb.or([
        eb('w.lead_unit_id', '=', unitId),
        eb.exists(
          eb
            .selectFrom('work_item_co_units as c')
            .select('c.unit_id')
            .whereRef('c.work_item_id', '=', 'w.id')
            .where('c.unit_id', '=', unitId),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('w.due_date').orderBy('w.created_at').execute();
  return hydrate(db, rows);
}

export async function findWorkItem(db: Db, id: string): Promise<WorkItemRecord | undefined> {
  const rows = await baseQuery(db).where('w.id', '=', id).execute();
  return (await hydrate(db, rows))[0];
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function hydrate(db: Db, rows: Row[]): Promise<WorkItemRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const co = await db
    .selectFrom('work_item_co_units as c')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select(['c.work_item_id', 'u.id', 'u.name'])
    .where('c.work_item_id', 'in', ids)
    .orderBy('c.position')
    .execute();
  const indicatorIds = [...new Set(rows.flatMap((r) => JSON.parse(r.indicator_ids) as string[]))];
  const indicators = indicatorIds.length
    ? await db.selectFrom('indicators').select(['id', 'name']).where('id', 'in', indicatorIds).execute()
    : [];
  const names = new Map(indicators.map((i) => [i.id, i.name]));
  return rows.map((r) =>
    toRecord(
      r,
      co.filter((c) => c.work_item_id === r.id).map((c) => ({ id: c.id, name: c.name })),
      names,
    ),
  );
}

function toRecord(
  r: Row,
  coUnits: { id: string; name: string }[],
  indicatorNames: Map<string, string>,
): WorkItemRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    year: r.year,
    title: r.title,
    description: r.description,
    task:
      r.task_id && r.task_number !== null && r.task_title !== null
        ? { id: r.task_id, number: r.task_number, title: r.task_title }
        : null,
    area:
      r.area_id && r.area_number !== null && r.area_title !== null
        ? { id: r.area_id, number: r.area_number, title: r.area_title }
        : null,
    leadUnit: { id: r.lead_unit_id, name: r.lead_unit_name },
    coUnits,
    startDate: r.start_date,
    dueDate: r.due_date,
    milestones: JSON.parse(r.milestones) as Milestone[],
    expectedEvidence: r.expected_evidence,
    indicators: (JSON.parse(r.indicator_ids) as string[]).map((id) => ({ id, name: indicatorNames.get(id) ?? id })),
    sourceKind: r.source_kind as SourceKind,
    sourceId: r.source_id,
    progress: r.progress,
    latestProgress: r.latest_progress,
    latestProgressAt: r.latest_progress_at,
    status: r.status as WorkItemStatus,
    requiresVerification: r.requires_verification === 1,
    awaitingVerification: r.awaiting_verification === 1,
    verifiedAt: r.verified_at,
    closedReason: r.closed_reason,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts a work item and its co-units; call inside the caller's transaction. */
export async function insertWorkItem(db: Db, row: Insertable<WorkItemsTable>, coUnitIds: string[]): Promise<void> {
  await db.insertInto('work_items').values(row).execute();
  await replaceCoUnits(db, row.id, coUnitIds);
}

export async function replaceCoUnits(db: Db, id: string, coUnitIds: string[]): Promise<void> {
  await db.deleteFrom('work_item_co_units').where('work_item_id', '=', id).execute();
  if (coUnitIds.length === 0) return;
  await db
    .insertInto('work_item_co_units')
    .values(coUnitIds.map((unit_id, position) => ({ work_item_id: id, unit_id, position })))
    .execute();
}

/** Writes changes only when the stored version is the one the caller read; false when someone else changed it first. */
export async function updateWorkItemIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: Updateable<WorkItemsTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('work_items')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The ids of the plan's tasks, units and indicators among those given, to check references. */
export async function existingIds(
  db: Db,
  table: 'plan_tasks' | 'units' | 'indicators',
  ids: string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function findYellowDays(db: Db, planId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('supervision_settings')
    .select('yellow_days')
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.yellow_days;
}

export async function saveYellowDays(db: Db, planId: string, days: number, now: string): Promise<void> {
  const updated = await db
    .updateTable('supervision_settings')
    .set({ yellow_days: days, updated_at: now })
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await db
      .insertInto('supervision_settings')
      .values({ plan_id: planId, yellow_days: days, created_at: now, updated_at: now })
      .execute();
  }
}
