import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { insertRows } from './plan-pack.repo.ts';

/** Reads and writes of 沿用上一轮方案 (carry-over.service.ts composes them in one transaction). */

export interface GroupRecord {
  id: string;
  code: string;
  name: string;
  mode: string;
  memberIds: string[];
}

/** The plan's unit groups with their members (unit ids, in order). */
export async function listGroups(db: Db, planId: string): Promise<GroupRecord[]> {
  const groups = await db
    .selectFrom('unit_groups')
    .select(['id', 'code', 'name', 'mode'])
    .where('plan_id', '=', planId)
    .orderBy('code')
    .execute();
  const members = await db
    .selectFrom('unit_group_members')
    .select(['group_id', 'unit_id'])
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  return groups.map((g) => ({
    ...g,
    memberIds: members.filter((m) => m.group_id === g.id).map((m) => m.unit_id),
  }));
}

export async function insertGroup(db: Db, planId: string, g: GroupRecord, now: string): Promise<void> {
  const id = randomUUID();
  await insertRows(db, 'unit_groups', [
    { id, plan_id: planId, code: g.code, name: g.name, mode: g.mode, created_at: now, updated_at: now },
  ]);
  await insertRows(
    db,
    'unit_group_members',
    g.memberIds.map((unit_id, position) => ({ plan_id: planId, group_id: id, unit_id, position })),
  );
}

/** Current (not deleted, not replaced) rows of a ledger type; `validOn` keeps those whose validity has not ended by then. */
const liveRows = (db: Db, typeId: string, validOn: string | null) =>
  db
    .selectFrom('ledger_rows')
    .where('ledger_type_id', '=', typeId)
    .where('deleted_at', 'is', null)
    .$if(validOn !== null, (q) =>
      q.where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', validOn ?? '')])),
    );

/** Per ledger type of the plan: its current rows, and those still valid on `validOn`. */
export async function countRows(
  db: Db,
  planId: string,
  validOn: string,
): Promise<Map<string, { all: number; valid: number }>> {
  const rows = await db
    .selectFrom('ledger_rows')
    .select((eb) => [
      'ledger_type_id',
      eb.fn.countAll<string | number>().as('all'),
      eb.fn
        .sum<string | number | null>(
          sql<number>`case when ${eb.ref('valid_to')} is null or ${eb.ref('valid_to')} >= ${validOn} then 1 else 0 end`,
        )
        .as('valid'),
    ])
    .where('plan_id', '=', planId)
    .where('deleted_at', 'is', null)
    .groupBy('ledger_type_id')
    .execute();
  return new Map(rows.map((r) => [r.ledger_type_id, { all: Number(r.all), valid: Number(r.valid ?? 0) }]));
}

/**
 * Copies the current rows of a source ledger type into the target plan's new type: new stable ids
 * (a row id names one plan's row), the values, validity and who recorded them and when, as in the
 * source — so the new plan counts them from when they were recorded — and where each came from.
 */
export async function copyRows(
  db: Db,
  from: { planId: string; typeId: string },
  to: { planId: string; typeId: string },
  validOn: string | null,
): Promise<number> {
  const source = await liveRows(db, from.typeId, validOn)
    .selectAll()
    .where('plan_id', '=', from.planId)
    .orderBy('natural_key')
    .execute();
  await insertRows(
    db,
    'ledger_rows',
    source.map((r) => ({
      id: randomUUID(),
      row_id: randomUUID(),
      version: 1,
      plan_id: to.planId,
      ledger_type_id: to.typeId,
      unit_id: r.unit_id,
      data: typeof r.data === 'string' ? r.data : JSON.stringify(r.data),
      natural_key: r.natural_key,
      search_text: r.search_text,
      valid_from: r.valid_from,
      valid_to: r.valid_to,
      created_at: r.created_at,
      created_by: r.created_by,
      updated_at: r.updated_at,
      updated_by: r.updated_by,
      deleted_at: null,
      deleted: 0,
      carried_from_plan_id: from.planId,
      carried_from_row_id: r.row_id,
    })),
  );
  return source.length;
}
