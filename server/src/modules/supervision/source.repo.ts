import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { InspectionsTable, InstructionsTable, MeetingsTable } from './supervision.table.ts';

// Meetings, inspections and instructions: the records that give rise to work items.

export interface MeetingRecord {
  id: string;
  planId: string;
  kind: 'joint' | 'dispatch' | 'task_force';
  title: string;
  heldOn: string;
  attendees: string[];
  minutes: string;
  createdBy: string | null;
  createdAt: string;
}
export interface InspectionRecord {
  id: string;
  planId: string;
  kind: 'inspection' | 'evaluation';
  title: string;
  heldOn: string;
  organizer: string;
  summary: string;
  createdBy: string | null;
  createdAt: string;
}
export interface InstructionRecord {
  id: string;
  planId: string;
  leaderName: string;
  text: string;
  givenAt: string;
  workItemId: string;
}

export const insertMeeting = (db: Db, row: Insertable<MeetingsTable>) =>
  db.insertInto('meetings').values(row).execute();
export const insertInspection = (db: Db, row: Insertable<InspectionsTable>) =>
  db.insertInto('inspections').values(row).execute();
export const insertInstruction = (db: Db, row: Insertable<InstructionsTable>) =>
  db.insertInto('instructions').values(row).execute();

export async function listMeetings(db: Db, planId: string, id?: string): Promise<MeetingRecord[]> {
  let q = db
    .selectFrom('meetings')
    .leftJoin('users', 'users.id', 'meetings.created_by')
    .selectAll('meetings')
    .select('users.display_name as creator')
    .where('meetings.plan_id', '=', planId);
  if (id) q = q.where('meetings.id', '=', id);
  const rows = await q.orderBy('meetings.held_on', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    kind: r.kind as MeetingRecord['kind'],
    title: r.title,
    heldOn: r.held_on,
    attendees: JSON.parse(r.attendees) as string[],
    minutes: r.minutes,
    createdBy: r.creator,
    createdAt: r.created_at,
  }));
}

export async function listInspections(db: Db, planId: string, id?: string): Promise<InspectionRecord[]> {
  let q = db
    .selectFrom('inspections')
    .leftJoin('users', 'users.id', 'inspections.created_by')
    .selectAll('inspections')
    .select('users.display_name as creator')
    .where('inspections.plan_id', '=', planId);
  if (id) q = q.where('inspections.id', '=', id);
  const rows = await q.orderBy('inspections.held_on', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    kind: r.kind as InspectionRecord['kind'],
    title: r.title,
    heldOn: r.held_on,
    organizer: r.organizer,
    summary: r.summary,
    createdBy: r.creator,
    createdAt: r.created_at,
  }));
}

export async function listInstructions(db: Db, planId: string): Promise<InstructionRecord[]> {
  const rows = await db
    .selectFrom('instructions')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    leaderName: r.leader_name,
    text: r.text,
    givenAt: r.created_at,
    workItemId: r.work_item_id,
  }));
}

/** The plan a meeting or inspection belongs to, to find it by id alone. */
export async function findSourcePlan(
  db: Db,
  table: 'meetings' | 'inspections',
  id: string,
): Promise<string | undefined> {
  return (await db.selectFrom(table).select('plan_id').where('id', '=', id).executeTakeFirst())?.plan_id;
}
