import { randomUUID } from 'node:crypto';
import type {
  Inspection,
  InspectionInput,
  Instruction,
  InstructionInput,
  Meeting,
  MeetingInput,
  SupervisionSettings,
  WorkItem,
} from '@innocity/shared/api/supervision';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { localDateOf } from '../../time.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import {
  canChangeSettings,
  canGiveInstruction,
  canReadBoard,
  canRecordInspection,
  canRecordMeeting,
} from './supervision.policy.ts';
import * as repo from './source.repo.ts';
import { listWorkItems as listRecords, saveYellowDays } from './work-item.repo.ts';
import { insertSourcedWorkItem, toApi, yellowDaysOf, type Clock } from './work-item.service.ts';

async function itemsOf(
  db: Db,
  planId: string,
  kind: 'meeting' | 'inspection',
  ids: string[],
  clock: Clock,
): Promise<Map<string, WorkItem[]>> {
  const today = localDateOf(clock.now, clock.timeZone);
  const yellow = await yellowDaysOf(db, planId);
  const byId = new Map<string, WorkItem[]>();
  for (const r of await listRecords(db, { planId, sourceKind: kind, sourceIds: ids })) {
    byId.set(r.sourceId ?? '', [...(byId.get(r.sourceId ?? '') ?? []), toApi(r, today, yellow)]);
  }
  return byId;
}

/** Meetings of a plan with the work items their decisions became. */
export async function listMeetings(
  db: Db,
  actor: Actor,
  planId: string,
  clock: Clock,
  id?: string,
): Promise<Meeting[]> {
  if (!canReadBoard(actor)) throw forbidden('只有办公室、领导和督查考核人员可以查看会议记录');
  const meetings = await repo.listMeetings(db, planId, id);
  const items = await itemsOf(
    db,
    planId,
    'meeting',
    meetings.map((m) => m.id),
    clock,
  );
  return meetings.map((m) => ({ ...m, decisions: items.get(m.id) ?? [] }));
}

/** Records a meeting; each decision becomes a work item of the same transaction. */
export async function recordMeeting(
  db: Db,
  actor: Actor,
  input: MeetingInput,
  ctx: AuditContext,
  clock: Clock,
): Promise<Meeting> {
  if (!canRecordMeeting(actor)) throw forbidden('只有科创委办公室可以记录会议');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const { decisions, planId, ...m } = input;
    await repo.insertMeeting(trx, {
      id,
      plan_id: planId,
      kind: m.kind,
      title: m.title,
      held_on: m.heldOn,
      attendees: JSON.stringify(m.attendees),
      minutes: m.minutes,
      created_by: actor.id,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, { action: 'create', entityType: 'meeting', entityId: id, planId, after: m });
    for (const d of decisions) await insertSourcedWorkItem(trx, planId, d, { kind: 'meeting', id }, ctx);
  });
  return (await listMeetings(db, actor, input.planId, clock, id))[0]!;
}

/** Inspections of a plan with their rectification items. */
export async function listInspections(
  db: Db,
  actor: Actor,
  planId: string,
  clock: Clock,
  id?: string,
): Promise<Inspection[]> {
  if (!canReadBoard(actor)) throw forbidden('只有办公室、领导和督查考核人员可以查看督查记录');
  const list = await repo.listInspections(db, planId, id);
  const items = await itemsOf(
    db,
    planId,
    'inspection',
    list.map((m) => m.id),
    clock,
  );
  return list.map((m) => ({ ...m, rectifications: items.get(m.id) ?? [] }));
}

/** Records an inspection or evaluation; each finding becomes a rectification item that the office must verify. */
export async function recordInspection(
  db: Db,
  actor: Actor,
  input: InspectionInput,
  ctx: AuditContext,
  clock: Clock,
): Promise<Inspection> {
  if (!canRecordInspection(actor)) throw forbidden('只有科创委办公室和督查考核人员可以记录督查检查');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const { findings, planId, ...m } = input;
    await repo.insertInspection(trx, {
      id,
      plan_id: planId,
      kind: m.kind,
      title: m.title,
      held_on: m.heldOn,
      organizer: m.organizer,
      summary: m.summary,
      created_by: actor.id,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, { action: 'create', entityType: 'inspection', entityId: id, planId, after: m });
    for (const f of findings) {
      const year = Number(f.deadline.slice(0, 4));
      const item = {
        taskId: f.taskId,
        year,
        title: f.title,
        description: f.requirement,
        leadUnitId: f.unitId,
        coUnitIds: [],
        startDate: m.heldOn,
        dueDate: f.deadline,
        milestones: [],
        expectedEvidence: '整改完成情况及佐证材料',
        indicatorIds: [],
      };
      await insertSourcedWorkItem(trx, planId, item, { kind: 'inspection', id }, ctx);
    }
  });
  return (await listInspections(db, actor, input.planId, clock, id))[0]!;
}

/** Leaders' instructions with the work items they became. */
export async function listInstructions(db: Db, actor: Actor, planId: string, clock: Clock): Promise<Instruction[]> {
  if (!canReadBoard(actor)) throw forbidden('只有办公室、领导和督查考核人员可以查看领导批示');
  const list = await repo.listInstructions(db, planId);
  const today = localDateOf(clock.now, clock.timeZone);
  const yellow = await yellowDaysOf(db, planId);
  const items = new Map(
    (await listRecords(db, { planId, ids: list.map((i) => i.workItemId) })).map((r) => [r.id, toApi(r, today, yellow)]),
  );
  return list.flatMap(({ workItemId, ...i }) =>
    items.has(workItemId) ? [{ ...i, workItem: items.get(workItemId)! }] : [],
  );
}

/** A leader's instruction (批示) becomes a tracked work item with a lead unit and a due date. */
export async function giveInstruction(
  db: Db,
  actor: Actor,
  input: InstructionInput,
  ctx: AuditContext,
  clock: Clock,
): Promise<Instruction> {
  if (!canGiveInstruction(actor)) throw forbidden('只有领导可以作出批示');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const { text, planId, ...item } = input;
    const workItemId = await insertSourcedWorkItem(trx, planId, item, { kind: 'instruction', id }, ctx);
    await repo.insertInstruction(trx, {
      id,
      plan_id: planId,
      leader_id: actor.id,
      leader_name: actor.displayName,
      text,
      work_item_id: workItemId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'instruction',
      entityId: id,
      planId,
      after: { text, workItemId },
    });
  });
  const found = (await listInstructions(db, actor, input.planId, clock)).find((i) => i.id === id);
  if (!found) throw notFound('批示');
  return found;
}

/** The plan's supervision settings: how many days before the due date an item turns yellow. */
export async function getSettings(db: Db, actor: Actor, planId: string): Promise<SupervisionSettings> {
  if (!canReadBoard(actor)) throw forbidden();
  return { yellowDays: await yellowDaysOf(db, planId) };
}

/** The office changes the plan's yellow-light threshold. */
export async function updateSettings(
  db: Db,
  actor: Actor,
  planId: string,
  input: SupervisionSettings,
  ctx: AuditContext,
): Promise<SupervisionSettings> {
  if (!canChangeSettings(actor)) throw forbidden('只有科创委办公室可以修改督办设置');
  await db.transaction().execute(async (trx) => {
    const before = await yellowDaysOf(trx, planId);
    await saveYellowDays(trx, planId, input.yellowDays, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'supervision_settings',
      entityId: planId,
      planId,
      before: { yellowDays: before },
      after: input,
    });
  });
  return input;
}

/** The plan a meeting or inspection belongs to. */
export async function planOfSource(db: Db, table: 'meetings' | 'inspections', id: string): Promise<string> {
  const planId = await repo.findSourcePlan(db, table, id);
  if (!planId) throw notFound(table === 'meetings' ? '会议' : '督查检查');
  return planId;
}
