import type { Insertable } from 'kysely';
import type { Urging } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import type { UrgingsTable } from './reporting.table.ts';

export async function insertUrgings(db: Db, rows: Insertable<UrgingsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('urgings')
      .values(rows.slice(i, i + 50))
      .execute();
}

/** Urgings of a plan, newest first, optionally of one unit or round. */
export async function listUrgings(
  db: Db,
  f: { planId: string; unitId?: string; roundIds?: string[] },
): Promise<(Urging & { unitId: string })[]> {
  let q = db
    .selectFrom('urgings as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .leftJoin('reporting_rounds as r', 'r.id', 'g.round_id')
    .selectAll('g')
    .select(['u.name as unit_name', 'r.title as round_title'])
    .where('g.plan_id', '=', f.planId);
  if (f.unitId) q = q.where('g.unit_id', '=', f.unitId);
  if (f.roundIds) q = q.where('g.round_id', 'in', f.roundIds.length ? f.roundIds : ['']);
  const rows = await q.orderBy('g.at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    roundTitle: r.round_title,
    unitId: r.unit_id,
    unit: { id: r.unit_id, name: r.unit_name },
    byName: r.by_name,
    at: r.at,
    message: r.message,
    duties: JSON.parse(r.duties) as { id: string; title: string }[],
  }));
}
