import type { PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { insertSourcedWorkItem } from '../supervision/work-item.service.ts';

/**
 * A task whose plan gives a 完成期限 date becomes a work item due that date for its lead unit (and
 * its co-units), in the caller's transaction, so the supervision board tracks the deadline from the
 * day the plan is in force. Skipped: a task with no date ("长期坚持" has none to track), a task led
 * by a unit group (a work item is led by one unit; the office decomposes it), and a task that
 * already has a task work item due that date (loading twice makes no second one).
 */
export async function createDueWorkItems(
  trx: Db,
  pack: PlanPack,
  planId: string,
  tasks: { id: string; number: number }[],
  unitIds: Map<string, string>,
  ctx: AuditContext,
): Promise<number> {
  const groups = new Set(pack.unitGroups.map((g) => g.name));
  let created = 0;
  for (const t of pack.areas.flatMap((a) => a.tasks)) {
    const taskId = tasks.find((x) => x.number === t.number)?.id;
    const leadUnitId = groups.has(t.leadUnit) ? undefined : unitIds.get(t.leadUnit);
    if (!t.dueDate || !taskId || !leadUnitId) continue;
    if (await hasDueItem(trx, taskId, t.dueDate)) continue;
    const coUnitIds = [...new Set(t.coUnits.flatMap((c) => (groups.has(c) ? [] : [unitIds.get(c) ?? ''])))].filter(
      (id) => id !== '' && id !== leadUnitId,
    );
    const year = Number(t.dueDate.slice(0, 4));
    // The item runs from the plan's issue (or the start of its year, for a deadline years later).
    const yearStart = `${year}-01-01`;
    const issued = pack.plan.issuingDate;
    const startDate = issued > yearStart && issued <= t.dueDate ? issued : yearStart;
    await insertSourcedWorkItem(
      trx,
      planId,
      {
        taskId,
        year,
        title: t.title.slice(0, 200),
        description: t.text.slice(0, 4000),
        leadUnitId,
        coUnitIds,
        startDate,
        dueDate: t.dueDate,
        milestones: [],
        expectedEvidence: '',
        indicatorIds: [],
      },
      { kind: 'task', id: null },
      ctx,
    );
    created++;
  }
  return created;
}

async function hasDueItem(trx: Db, taskId: string, dueDate: string): Promise<boolean> {
  const row = await trx
    .selectFrom('work_items')
    .select('id')
    .where('task_id', '=', taskId)
    .where('source_kind', '=', 'task')
    .where('due_date', '=', dueDate)
    .executeTakeFirst();
  return row !== undefined;
}
