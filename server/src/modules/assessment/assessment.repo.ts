import type { Adjustment } from '@innocity/shared/assessment/inputs';
import { schemeBodySchema, type SchemeBody } from '@innocity/shared/assessment/scheme';
import type { Db } from '../../db/connection.ts';

export interface SchemeRecord extends SchemeBody {
  id: string;
  planId: string;
  year: number;
  version: number;
  updatedAt: string;
}

type SchemeRow = {
  id: string;
  plan_id: string;
  year: number;
  name: string;
  body: string;
  version: number;
  updated_at: string;
};

// The body is re-parsed so a stored scheme gains the defaults of fields added later.
const toScheme = (r: SchemeRow): SchemeRecord => ({
  ...schemeBodySchema.parse({ ...(JSON.parse(r.body) as object), name: r.name }),
  id: r.id,
  planId: r.plan_id,
  year: r.year,
  version: r.version,
  updatedAt: r.updated_at,
});

const bodyJson = (b: SchemeBody) =>
  JSON.stringify({
    items: b.items,
    maxBonus: b.maxBonus,
    maxDeduction: b.maxDeduction,
    categories: b.categories,
    minApplicableShare: b.minApplicableShare,
  });

export async function listSchemes(db: Db, planId: string): Promise<SchemeRecord[]> {
  const rows = await db
    .selectFrom('assessment_schemes')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map(toScheme);
}

export async function findScheme(db: Db, id: string): Promise<SchemeRecord | undefined> {
  const row = await db.selectFrom('assessment_schemes').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toScheme(row) : undefined;
}

export async function findSchemeOfYear(db: Db, planId: string, year: number): Promise<SchemeRecord | undefined> {
  const row = await db
    .selectFrom('assessment_schemes')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row ? toScheme(row) : undefined;
}

export async function insertScheme(
  db: Db,
  s: Omit<SchemeRecord, 'updatedAt'>,
  by: string | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('assessment_schemes')
    .values({
      id: s.id,
      plan_id: s.planId,
      year: s.year,
      name: s.name,
      body: bodyJson(s),
      version: s.version,
      created_by: by,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Writes the body when the stored version is `version`; false when someone saved in between. */
export async function updateScheme(
  db: Db,
  id: string,
  version: number,
  body: SchemeBody,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('assessment_schemes')
    .set({ name: body.name, body: bodyJson(body), version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface AdjustmentRecord extends Adjustment {
  schemeId: string;
  planId: string;
  unitName: string;
}

export async function listAdjustments(db: Db, schemeId: string, id?: string): Promise<AdjustmentRecord[]> {
  let q = db
    .selectFrom('assessment_adjustments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.scheme_id',
      'a.plan_id',
      'a.unit_id',
      'u.name as unit_name',
      'a.kind',
      'a.points',
      'a.reason',
      'a.evidence',
      'a.date',
    ])
    .where('a.scheme_id', '=', schemeId);
  if (id) q = q.where('a.id', '=', id);
  const rows = await q.orderBy('a.date').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    schemeId: r.scheme_id,
    planId: r.plan_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind as Adjustment['kind'],
    points: Number(r.points),
    reason: r.reason,
    evidence: r.evidence,
    date: r.date,
  }));
}

export async function findAdjustmentScheme(db: Db, adjustmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('assessment_adjustments')
    .select('scheme_id')
    .where('id', '=', adjustmentId)
    .executeTakeFirst();
  return row?.scheme_id;
}

export async function insertAdjustment(
  db: Db,
  a: Omit<AdjustmentRecord, 'unitName'>,
  by: string | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('assessment_adjustments')
    .values({
      id: a.id,
      scheme_id: a.schemeId,
      plan_id: a.planId,
      unit_id: a.unitId,
      kind: a.kind,
      points: a.points,
      reason: a.reason,
      evidence: a.evidence,
      date: a.date,
      created_by: by,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateAdjustment(
  db: Db,
  a: Omit<AdjustmentRecord, 'unitName' | 'schemeId' | 'planId'>,
  now: string,
): Promise<void> {
  await db
    .updateTable('assessment_adjustments')
    .set({
      unit_id: a.unitId,
      kind: a.kind,
      points: a.points,
      reason: a.reason,
      evidence: a.evidence,
      date: a.date,
      updated_at: now,
    })
    .where('id', '=', a.id)
    .execute();
}

export async function deleteAdjustment(db: Db, id: string): Promise<void> {
  await db.deleteFrom('assessment_adjustments').where('id', '=', id).execute();
}
