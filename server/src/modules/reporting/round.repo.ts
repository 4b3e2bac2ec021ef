import type { Insertable } from 'kysely';
import type { Duty, DutyKind } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import type { RoundDutiesTable } from './reporting.table.ts';

export interface RoundRecord {
  id: string;
  planId: string;
  periodId: string;
  title: string;
  cutoffAt: string;
  remindDaysBefore: number;
  status: 'open' | 'closed';
  createdAt: string;
}

export interface DutyRecord extends Duty {
  roundId: string;
  unitId: string;
  unitName: string;
}

type RoundRow = {
  id: string;
  plan_id: string;
  period_id: string;
  title: string;
  cutoff_at: string;
  remind_days_before: number;
  status: string;
  created_at: string;
};
const toRound = (r: RoundRow): RoundRecord => ({
  id: r.id,
  planId: r.plan_id,
  periodId: r.period_id,
  title: r.title,
  cutoffAt: r.cutoff_at,
  remindDaysBefore: r.remind_days_before,
  status: r.status as RoundRecord['status'],
  createdAt: r.created_at,
});

export async function insertRound(db: Db, r: RoundRecord, createdBy: string | null): Promise<void> {
  await db
    .insertInto('reporting_rounds')
    .values({
      id: r.id,
      plan_id: r.planId,
      period_id: r.periodId,
      title: r.title,
      cutoff_at: r.cutoffAt,
      remind_days_before: r.remindDaysBefore,
      status: r.status,
      created_by: createdBy,
      created_at: r.createdAt,
      updated_at: r.createdAt,
    })
    .execute();
}

export async function findRound(db: Db, id: string): Promise<RoundRecord | undefined> {
  const r = await db.selectFrom('reporting_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRound(r) : undefined;
}

export async function findRoundByPeriod(db: Db, planId: string, periodId: string): Promise<RoundRecord | undefined> {
  const r = await db
    .selectFrom('reporting_rounds')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return r ? toRound(r) : undefined;
}

export async function listRounds(db: Db, planId: string | null, ids?: string[]): Promise<RoundRecord[]> {
  let q = db.selectFrom('reporting_rounds').selectAll();
  if (planId) q = q.where('plan_id', '=', planId);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
  return (await q.orderBy('cutoff_at', 'desc').execute()).map(toRound);
}

export async function setRoundStatus(db: Db, id: string, status: string, now: string): Promise<void> {
  await db.updateTable('reporting_rounds').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function insertDuties(db: Db, rows: Insertable<RoundDutiesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('round_duties')
      .values(rows.slice(i, i + 50))
      .execute();
}

/** Duties of rounds, optionally of one unit, in the order they were generated. */
export async function listDuties(db: Db, roundIds: string[], unitId?: string): Promise<DutyRecord[]> {
  if (roundIds.length === 0) return [];
  let q = db
    .selectFrom('round_duties as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .selectAll('d')
    .select('u.name as unit_name')
    .where('d.round_id', 'in', roundIds);
  if (unitId) q = q.where('d.unit_id', '=', unitId);
  const rows = await q.orderBy('d.position').execute();
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind as DutyKind,
    refId: r.ref_id,
    title: r.title,
    detail: JSON.parse(r.detail) as Record<string, string>,
  }));
}

/** Per round: how many units have duties, how many duties, how many units have submitted and been accepted. */
export async function roundCounts(
  db: Db,
  roundIds: string[],
): Promise<Map<string, { units: number; duties: number; submitted: number; accepted: number }>> {
  const out = new Map<string, { units: number; duties: number; submitted: number; accepted: number }>();
  if (roundIds.length === 0) return out;
  const duties = await db
    .selectFrom('round_duties')
    .select([
      'round_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.count<number>('unit_id').distinct().as('units'),
    ])
    .where('round_id', 'in', roundIds)
    .groupBy('round_id')
    .execute();
  const subs = await db
    .selectFrom('submissions')
    .select(['round_id', 'status', 'first_submitted_at'])
    .where('round_id', 'in', roundIds)
    .execute();
  for (const id of roundIds) {
    const d = duties.find((x) => x.round_id === id);
    const s = subs.filter((x) => x.round_id === id);
    out.set(id, {
      units: Number(d?.units ?? 0),
      duties: Number(d?.n ?? 0),
      submitted: s.filter((x) => x.first_submitted_at !== null).length,
      accepted: s.filter((x) => x.status === 'accepted').length,
    });
  }
  return out;
}

/** A unit's id and name, for pages about it. */
export async function findUnitBrief(db: Db, unitId: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).executeTakeFirst();
}
