import type { AssessmentInputs } from '@innocity/shared/assessment/inputs';
import type { SchemeBody } from '@innocity/shared/assessment/scheme';
import type { ScoreSet } from '@innocity/shared/assessment/score';
import type { PublicationSummary } from '@innocity/shared/api/assessment';
import { dataVersionLabel, numberDataVersions } from '@innocity/shared/data-version';
import type { Db } from '../../db/connection.ts';

// Published score sets: written once, never updated.

export interface PublicationRecord extends PublicationSummary {
  scheme: SchemeBody;
  inputs: AssessmentInputs;
  results: ScoreSet;
}
/** A score set about to be stored: its data version gets its number (第N版) once it is among the others. */
export type NewPublication = Omit<PublicationRecord, 'dataVersionLabel'>;

type PublicationRow = {
  id: string;
  plan_id: string;
  scheme_id: string;
  year: number;
  label: string;
  round_id: string | null;
  as_of: string;
  data_version: string;
  published_at: string;
  published_by_name: string | null;
};
const toSummary = (r: PublicationRow, versions: Map<string, number>): PublicationSummary => ({
  id: r.id,
  planId: r.plan_id,
  schemeId: r.scheme_id,
  year: r.year,
  label: r.label,
  roundId: r.round_id,
  asOf: r.as_of,
  dataVersion: r.data_version,
  dataVersionLabel: dataVersionLabel(r.as_of, versions.get(`${r.as_of}|${r.data_version}`) ?? 1),
  publishedAt: r.published_at,
  publishedByName: r.published_by_name,
});
const SUMMARY = [
  'id',
  'plan_id',
  'scheme_id',
  'year',
  'label',
  'round_id',
  'as_of',
  'data_version',
  'published_at',
  'published_by_name',
] as const;

export async function insertPublication(db: Db, p: NewPublication, byId: string | null, now: string): Promise<void> {
  await db
    .insertInto('assessment_publications')
    .values({
      id: p.id,
      plan_id: p.planId,
      scheme_id: p.schemeId,
      year: p.year,
      label: p.label,
      round_id: p.roundId,
      as_of: p.asOf,
      data_version: p.dataVersion,
      scheme_snapshot: JSON.stringify(p.scheme),
      inputs_snapshot: JSON.stringify(p.inputs),
      results: JSON.stringify(p.results),
      published_by: byId,
      published_by_name: p.publishedByName,
      published_at: p.publishedAt,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Published score sets of a plan, newest data first. */
export async function listPublications(db: Db, planId: string): Promise<PublicationSummary[]> {
  const rows = await db
    .selectFrom('assessment_publications')
    .select(SUMMARY)
    .where('plan_id', '=', planId)
    .orderBy('as_of', 'desc')
    .orderBy('published_at', 'desc')
    .execute();
  const versions = await dataVersionNumbers(db, planId);
  return rows.map((r) => toSummary(r, versions));
}

/**
 * Each published data version of the plan numbered per as-of date in publishing order (第1版, 第2版 …),
 * so people read "2025年9月30日的数据（第2版）" rather than the fingerprint.
 */
export async function dataVersionNumbers(db: Db, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('assessment_publications')
    .select(['as_of', 'data_version'])
    .where('plan_id', '=', planId)
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return numberDataVersions(rows.map((r) => ({ asOf: r.as_of, dataVersion: r.data_version })));
}

/** The label of a data version that may not be published yet: the next number of its day when new. */
export function liveDataVersionLabel(versions: Map<string, number>, asOf: string, dataVersion: string): string {
  const known = versions.get(`${asOf}|${dataVersion}`);
  const sameDay = [...versions.keys()].filter((k) => k.startsWith(`${asOf}|`)).length;
  return dataVersionLabel(asOf, known ?? sameDay + 1);
}

export async function findPublication(db: Db, id: string): Promise<PublicationRecord | undefined> {
  const r = await db.selectFrom('assessment_publications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toSummary(r, await dataVersionNumbers(db, r.plan_id)),
    scheme: JSON.parse(r.scheme_snapshot) as SchemeBody,
    inputs: JSON.parse(r.inputs_snapshot) as AssessmentInputs,
    results: JSON.parse(r.results) as ScoreSet,
  };
}

/** The latest score set of the plan and year whose data stands before the date: the "previous round". */
export async function findPublicationBefore(
  db: Db,
  planId: string,
  year: number,
  asOf: string,
): Promise<PublicationRecord | undefined> {
  const row = await db
    .selectFrom('assessment_publications')
    .select('id')
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .where('as_of', '<', asOf)
    .orderBy('as_of', 'desc')
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  return row ? findPublication(db, row.id) : undefined;
}

/** The latest score set of the plan whose data stands on or before the date, for bulletins. */
export async function findLatestPublication(
  db: Db,
  planId: string,
  asOf: string,
): Promise<PublicationRecord | undefined> {
  const row = await db
    .selectFrom('assessment_publications')
    .select('id')
    .where('plan_id', '=', planId)
    .where('as_of', '<=', asOf)
    .orderBy('as_of', 'desc')
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  return row ? findPublication(db, row.id) : undefined;
}
