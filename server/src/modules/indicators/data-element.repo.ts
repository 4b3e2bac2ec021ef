import type { Insertable } from 'kysely';
import {
  elementValidationSchema,
  type ElementValidation,
  type ValueQuality,
} from '@innocity/shared/indicators/data-element';
import type { Periodicity } from '@innocity/shared/indicators/period';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** A data element as the services handle it. */
export interface DataElementRecord {
  id: string;
  planId: string;
  code: string;
  name: string;
  unit: string;
  periodicity: Periodicity;
  reportingUnitId: string | null;
  reportingUnitName: string | null;
  lagDays: number;
  description: string | null;
  validation: ElementValidation;
}

/** One recorded version of a value. */
export interface ValueVersion {
  id: string;
  planId: string;
  elementId: string;
  period: string;
  periodEnd: string;
  unitId: string;
  unitName: string;
  version: number;
  value: number;
  source: string;
  quality: ValueQuality;
  note: string | null;
  reportedById: string | null;
  reportedByName: string | null;
  recordedAt: string;
  submissionId: string | null;
}

const CHUNK = 200;

/** Inserts data elements in the caller's transaction. */
export async function insertDataElements(db: Db, rows: Insertable<Database['data_elements']>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('data_elements')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

/** Every data element of a plan, in pack order. */
export async function listElements(db: Db, planId: string | string[]): Promise<DataElementRecord[]> {
  const rows = await db
    .selectFrom('data_elements')
    .leftJoin('units', 'units.id', 'data_elements.reporting_unit_id')
    .selectAll('data_elements')
    .select('units.name as unit_name')
    .where('data_elements.plan_id', 'in', [planId].flat())
    .orderBy('data_elements.position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    code: r.code,
    name: r.name,
    unit: r.unit,
    periodicity: r.periodicity as Periodicity,
    reportingUnitId: r.reporting_unit_id,
    reportingUnitName: r.unit_name,
    lagDays: r.lag_days,
    description: r.description,
    validation: elementValidationSchema.parse(JSON.parse(r.validation)),
  }));
}

/**
 * Value versions of a plan, oldest version first: all of them, or those recorded before
 * `cutoff` (an as-of view), optionally of some elements only.
 */
export async function listValueVersions(
  db: Db,
  planId: string | string[],
  opts: { cutoff?: string; elementIds?: string[] } = {},
): Promise<ValueVersion[]> {
  if (opts.elementIds && opts.elementIds.length === 0) return [];
  let q = db
    .selectFrom('data_element_values as v')
    .innerJoin('units', 'units.id', 'v.unit_id')
    .selectAll('v')
    .select('units.name as unit_name')
    .where('v.plan_id', 'in', [planId].flat());
  if (opts.cutoff !== undefined) q = q.where('v.created_at', '<', opts.cutoff);
  if (opts.elementIds) q = q.where('v.element_id', 'in', opts.elementIds);
  const rows = await q
    .orderBy('v.element_id')
    .orderBy('v.period_end')
    .orderBy('v.period')
    .orderBy('v.unit_id')
    .orderBy('v.version')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    elementId: r.element_id,
    period: r.period,
    periodEnd: r.period_end,
    unitId: r.unit_id,
    unitName: r.unit_name,
    version: r.version,
    value: r.value,
    source: r.source,
    quality: r.quality as ValueQuality,
    note: r.note,
    reportedById: r.reported_by,
    reportedByName: r.reported_by_name,
    recordedAt: r.created_at,
    submissionId: r.submission_id,
  }));
}

/** Inserts value versions in the caller's transaction; a clash on (element, period, unit, version) throws. */
export async function insertValueVersions(db: Db, rows: ValueVersion[]): Promise<void> {
  const values = rows.map((v) => ({
    id: v.id,
    plan_id: v.planId,
    element_id: v.elementId,
    period: v.period,
    period_end: v.periodEnd,
    unit_id: v.unitId,
    version: v.version,
    value: v.value,
    source: v.source,
    quality: v.quality,
    note: v.note,
    reported_by: v.reportedById,
    reported_by_name: v.reportedByName,
    submission_id: v.submissionId,
    created_at: v.recordedAt,
    updated_at: v.recordedAt,
  }));
  for (let i = 0; i < values.length; i += CHUNK)
    await db
      .insertInto('data_element_values')
      .values(values.slice(i, i + CHUNK))
      .execute();
}

/** Unit names by id, for the units values are entered for. */
export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
