import type { Insertable, Updateable } from 'kysely';
import type { SubmissionAction, SubmissionStatus } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import type { SubmissionEventsTable, SubmissionsTable } from './reporting.table.ts';

export interface SubmissionRecord {
  id: string;
  planId: string;
  roundId: string;
  unitId: string;
  unitName: string;
  status: SubmissionStatus;
  version: number;
  revision: number;
  returnComment: string | null;
  firstSubmittedAt: string | null;
  acceptedAt: string | null;
  updatedAt: string;
}

export interface EntryRecord {
  submissionId: string;
  dutyId: string;
  payload: Record<string, unknown>;
  filled: boolean;
  updatedBy: string | null;
  updatedAt: string;
}

export interface EventRecord {
  submissionId: string;
  roundId: string;
  unitId: string;
  action: SubmissionAction;
  actorName: string | null;
  at: string;
  comment: string | null;
  filled: number;
  revision: number;
}

function base(db: Db) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .selectAll('s')
    .select('u.name as unit_name');
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const toRecord = (r: Row): SubmissionRecord => ({
  id: r.id,
  planId: r.plan_id,
  roundId: r.round_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  status: r.status as SubmissionStatus,
  version: r.version,
  revision: r.revision,
  returnComment: r.return_comment,
  firstSubmittedAt: r.first_submitted_at,
  acceptedAt: r.accepted_at,
  updatedAt: r.updated_at,
});

export async function insertSubmissions(db: Db, rows: Insertable<SubmissionsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('submissions')
      .values(rows.slice(i, i + 50))
      .execute();
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRecord | undefined> {
  const r = await base(db).where('s.id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function listSubmissions(db: Db, roundIds: string[], unitId?: string): Promise<SubmissionRecord[]> {
  if (roundIds.length === 0) return [];
  let q = base(db).where('s.round_id', 'in', roundIds);
  if (unitId) q = q.where('s.unit_id', '=', unitId);
  return (await q.orderBy('u.sort_order').execute()).map(toRecord);
}

/** Changes a submission only if its version is the one the caller read; false when someone else changed it first. */
export async function updateIfVersion(
  db: Db,
  id: string,
  version: number,
  changes: Updateable<SubmissionsTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('submissions')
    .set({ ...changes, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listEntries(db: Db, submissionIds: string[]): Promise<EntryRecord[]> {
  if (submissionIds.length === 0) return [];
  const rows = await db
    .selectFrom('submission_entries as e')
    .leftJoin('users', 'users.id', 'e.updated_by')
    .select(['e.submission_id', 'e.duty_id', 'e.payload', 'e.filled', 'e.updated_at', 'users.display_name'])
    .where('e.submission_id', 'in', submissionIds)
    .execute();
  return rows.map((r) => ({
    submissionId: r.submission_id,
    dutyId: r.duty_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    filled: r.filled === 1,
    updatedBy: r.display_name,
    updatedAt: r.updated_at,
  }));
}

/** Writes an entry's payload, inserting it the first time. */
export async function upsertEntry(
  db: Db,
  e: {
    id: string;
    submissionId: string;
    dutyId: string;
    payload: unknown;
    filled: boolean;
    by: string | null;
    at: string;
  },
): Promise<void> {
  const values = { payload: JSON.stringify(e.payload), filled: e.filled ? 1 : 0, updated_by: e.by, updated_at: e.at };
  const res = await db
    .updateTable('submission_entries')
    .set(values)
    .where('submission_id', '=', e.submissionId)
    .where('duty_id', '=', e.dutyId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    await db
      .insertInto('submission_entries')
      .values({ id: e.id, submission_id: e.submissionId, duty_id: e.dutyId, ...values })
      .execute();
}

export async function insertEvent(db: Db, e: Insertable<SubmissionEventsTable>): Promise<void> {
  await db.insertInto('submission_events').values(e).execute();
}

/** Events of the rounds (optionally one submission), oldest first. */
export async function listEvents(db: Db, roundIds: string[], submissionId?: string): Promise<EventRecord[]> {
  if (roundIds.length === 0) return [];
  let q = db.selectFrom('submission_events').selectAll().where('round_id', 'in', roundIds);
  if (submissionId) q = q.where('submission_id', '=', submissionId);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({
    submissionId: r.submission_id,
    roundId: r.round_id,
    unitId: r.unit_id,
    action: r.action as SubmissionAction,
    actorName: r.actor_name,
    at: r.at,
    comment: r.comment,
    filled: r.filled,
    revision: r.revision,
  }));
}

export async function insertSnapshot(
  db: Db,
  s: { id: string; submissionId: string; revision: number; entries: unknown; at: string; by: string | null },
): Promise<void> {
  await db
    .insertInto('submission_snapshots')
    .values({
      id: s.id,
      submission_id: s.submissionId,
      revision: s.revision,
      entries: JSON.stringify(s.entries),
      accepted_at: s.at,
      accepted_by: s.by,
    })
    .execute();
}
