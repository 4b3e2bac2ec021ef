import { randomUUID } from 'node:crypto';
import type {
  CreateWorkItemInput,
  UpdateWorkItemInput,
  WorkItem,
  WorkItemInput,
  WorkItemQuery,
} from '@innocity/shared/api/supervision';
import type { FieldIssue } from '@innocity/shared/errors';
import {
  byUrgency,
  DEFAULT_YELLOW_DAYS,
  workItemLight,
  workItemState,
  type SourceKind,
} from '@innocity/shared/supervision/work-item-state';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { endOfLocalDayUtc, localDateOf } from '../../time.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { isMemberOf } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { canManageWorkItems, canReadBoard, canReadWorkItem, canVerify } from './supervision.policy.ts';
import { progressAsOf, recordAsOf } from './work-item-as-of.ts';
import * as repo from './work-item.repo.ts';

/** The clock a supervision call runs on: the instant (from the audit context) and the deployment's zone. */
export interface Clock {
  now: string;
  timeZone: string;
}

/** The API shape: state and light derived for today's local date. */
export function toApi(r: repo.WorkItemRecord, today: string, yellowDays: number): WorkItem {
  const stateInput = { status: r.status, progress: r.progress, startDate: r.startDate, dueDate: r.dueDate };
  return { ...r, state: workItemState(stateInput, today), light: workItemLight(stateInput, today, yellowDays) };
}

/** Days before the due date at which the plan's items turn yellow. */
export async function yellowDaysOf(db: Db, planId: string): Promise<number> {
  return (await repo.findYellowDays(db, planId)) ?? DEFAULT_YELLOW_DAYS;
}

/** Refuses a unit's people asking for another unit's items (before any cached answer is sent). */
export function checkWorkItemQuery(actor: Actor, q: Pick<WorkItemQuery, 'unitId'>): void {
  if (!canReadBoard(actor) && q.unitId && !isMemberOf(actor, q.unitId)) throw forbidden('只能查看本单位的工作事项');
}

/** What decides which items the actor sees: every unit's on the board, else the actor's own units. */
export const workItemScopeOf = (actor: Actor): string =>
  canReadBoard(actor)
    ? 'board'
    : actor.units
        .map((u) => u.id)
        .sort()
        .join(',');

/**
 * Work items the actor may see, filtered, most urgent first; board roles see every unit's, a
 * unit's people their own units'.
 */
export async function listWorkItems(db: Db, actor: Actor, q: WorkItemQuery, clock: Clock): Promise<WorkItem[]> {
  checkWorkItemQuery(actor, q);
  const unitIds = canReadBoard(actor) || q.unitId ? [q.unitId] : actor.units.map((u) => u.id);
  const seen = new Set<string>();
  const records: repo.WorkItemRecord[] = [];
  for (const unitId of unitIds) {
    for (const r of await repo.listWorkItems(db, { ...q, unitId }))
      if (!seen.has(r.id) && seen.add(r.id)) records.push(r);
  }
  const today = q.asOf ?? localDateOf(clock.now, clock.timeZone);
  const yellow = await yellowDaysOf(db, q.planId);
  // A historical view computes nothing as of today: each item as it stood at the end of that day.
  const cutoff = q.asOf ? endOfLocalDayUtc(q.asOf, clock.timeZone) : null;
  const progress = cutoff ? await progressAsOf(db, q.planId, cutoff) : null;
  const then = cutoff ? records.flatMap((r) => recordAsOf(r, cutoff, progress!) ?? []) : records;
  return then
    .map((r) => toApi(r, today, yellow))
    .filter((w) => (!q.state || w.state === q.state) && (!q.light || w.light === q.light))
    .filter((w) => !q.openOnly || (w.state !== 'done' && w.state !== 'cancelled'))
    .sort(byUrgency);
}

/** One work item the actor may read. */
export async function getWorkItem(db: Db, actor: Actor, id: string, clock: Clock): Promise<WorkItem> {
  const r = await repo.findWorkItem(db, id);
  if (!r) throw notFound('工作事项');
  if (!canReadWorkItem(actor, { leadUnitId: r.leadUnit.id, coUnitIds: r.coUnits.map((u) => u.id) }))
    throw forbidden('只能查看本单位牵头或配合的工作事项');
  return toApi(r, localDateOf(clock.now, clock.timeZone), await yellowDaysOf(db, r.planId));
}

/** The office decomposes a task into a work item for a year. */
export async function createWorkItem(
  db: Db,
  actor: Actor,
  input: CreateWorkItemInput,
  ctx: AuditContext,
  clock: Clock,
): Promise<WorkItem> {
  if (!canManageWorkItems(actor)) throw forbidden('只有科创委办公室可以分解工作事项');
  const id = await db
    .transaction()
    .execute((trx) => insertSourcedWorkItem(trx, input.planId, input, { kind: 'task', id: null }, ctx));
  return getWorkItem(db, actor, id, clock);
}

/** Checks the references of a work item's input: task, lead and co-units, indicators. */
async function checkRefs(db: Db, input: Partial<WorkItemInput>): Promise<void> {
  const issues: FieldIssue[] = [];
  const units = await repo.existingIds(db, 'units', [
    ...(input.leadUnitId ? [input.leadUnitId] : []),
    ...(input.coUnitIds ?? []),
  ]);
  if (input.leadUnitId && !units.has(input.leadUnitId)) issues.push({ path: 'leadUnitId', message: '牵头单位不存在' });
  (input.coUnitIds ?? []).forEach(
    (u, i) => !units.has(u) && issues.push({ path: `coUnitIds.${i}`, message: '配合单位不存在' }),
  );
  if (input.leadUnitId && input.coUnitIds?.includes(input.leadUnitId))
    issues.push({ path: 'coUnitIds', message: '牵头单位不能同时是配合单位' });
  if (input.taskId && !(await repo.existingIds(db, 'plan_tasks', [input.taskId])).has(input.taskId))
    issues.push({ path: 'taskId', message: '重点任务不存在' });
  const inds = await repo.existingIds(db, 'indicators', input.indicatorIds ?? []);
  (input.indicatorIds ?? []).forEach(
    (x, i) => !inds.has(x) && issues.push({ path: `indicatorIds.${i}`, message: '关联指标不存在' }),
  );
  if (input.startDate && input.dueDate && input.startDate > input.dueDate)
    issues.push({ path: 'dueDate', message: '完成时限不能早于开始日期' });
  if (issues.length > 0) throw validationFailed(issues.map((i) => i.message).join('；'), issues);
}

/**
 * Inserts a work item from any source in the caller's transaction. The caller has made its own
 * access check (office for tasks and meetings, leader for instructions, inspector for findings).
 */
export async function insertSourcedWorkItem(
  trx: Db,
  planId: string,
  input: WorkItemInput,
  source: { kind: SourceKind; id: string | null },
  ctx: AuditContext,
): Promise<string> {
  await checkRefs(trx, input);
  const id = randomUUID();
  const row = {
    id,
    plan_id: planId,
    task_id: input.taskId,
    year: input.year,
    title: input.title,
    description: input.description,
    lead_unit_id: input.leadUnitId,
    start_date: input.startDate ?? `${input.year}-01-01`,
    due_date: input.dueDate,
    milestones: JSON.stringify(input.milestones),
    expected_evidence: input.expectedEvidence,
    indicator_ids: JSON.stringify(input.indicatorIds),
    source_kind: source.kind,
    source_id: source.id,
    status: 'open',
    progress: 0,
    latest_progress: null,
    latest_progress_at: null,
    requires_verification: source.kind === 'inspection' ? 1 : 0,
    awaiting_verification: 0,
    verified_at: null,
    verified_by: null,
    closed_reason: null,
    version: 1,
    created_by: ctx.actor?.id ?? null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  await repo.insertWorkItem(trx, row, input.coUnitIds);
  await recordAudit(trx, ctx, {
    action: 'create',
    entityType: 'work_item',
    entityId: id,
    planId,
    after: { ...input, source },
  });
  return id;
}

/** Loads an item for a write, refusing a stale version with a clear message. */
async function loadForWrite(db: Db, id: string, version: number): Promise<repo.WorkItemRecord> {
  const r = await repo.findWorkItem(db, id);
  if (!r) throw notFound('工作事项');
  if (r.version !== version) throw conflict('该工作事项已被他人修改，请刷新后再操作', { currentVersion: r.version });
  return r;
}

async function write(
  trx: Db,
  r: repo.WorkItemRecord,
  changes: Parameters<typeof repo.updateWorkItemIfVersion>[3],
  ctx: AuditContext,
  action: string,
) {
  if (!(await repo.updateWorkItemIfVersion(trx, r.id, r.version, { ...changes, updated_at: ctx.now }))) {
    throw conflict('该工作事项已被他人修改，请刷新后再操作');
  }
  await recordAudit(trx, ctx, {
    action,
    entityType: 'work_item',
    entityId: r.id,
    planId: r.planId,
    before: r,
    after: changes,
  });
}

/** The office edits a work item; a stale version gets 409. */
export async function updateWorkItem(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateWorkItemInput,
  ctx: AuditContext,
  clock: Clock,
): Promise<WorkItem> {
  if (!canManageWorkItems(actor)) throw forbidden('只有科创委办公室可以修改工作事项');
  await db.transaction().execute(async (trx) => {
    const r = await loadForWrite(trx, id, input.version);
    if (r.status === 'cancelled') throw conflict('已销号的工作事项不能修改');
    await checkRefs(trx, {
      ...input,
      leadUnitId: input.leadUnitId ?? r.leadUnit.id,
      startDate: input.startDate ?? r.startDate,
      dueDate: input.dueDate ?? r.dueDate,
    });
    const set = {
      ...(input.taskId !== undefined && { task_id: input.taskId }),
      ...(input.year !== undefined && { year: input.year }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.leadUnitId !== undefined && { lead_unit_id: input.leadUnitId }),
      ...(input.startDate && { start_date: input.startDate }),
      ...(input.dueDate !== undefined && { due_date: input.dueDate }),
      ...(input.milestones !== undefined && { milestones: JSON.stringify(input.milestones) }),
      ...(input.expectedEvidence !== undefined && { expected_evidence: input.expectedEvidence }),
      ...(input.indicatorIds !== undefined && { indicator_ids: JSON.stringify(input.indicatorIds) }),
    };
    await write(trx, r, set, ctx, 'update');
    if (input.coUnitIds !== undefined) await repo.replaceCoUnits(trx, id, input.coUnitIds);
  });
  return getWorkItem(db, actor, id, clock);
}

/** Strikes an item off the list (销号) with the office's reason. */
export async function cancelWorkItem(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; reason: string },
  ctx: AuditContext,
  clock: Clock,
): Promise<WorkItem> {
  if (!canManageWorkItems(actor)) throw forbidden('只有科创委办公室可以销号');
  await db.transaction().execute(async (trx) => {
    const r = await loadForWrite(trx, id, input.version);
    if (r.status === 'cancelled') throw conflict('该工作事项已销号');
    await write(trx, r, { status: 'cancelled', closed_reason: input.reason, awaiting_verification: 0 }, ctx, 'cancel');
  });
  return getWorkItem(db, actor, id, clock);
}

/** The office verifies a rectification (or any item awaiting it) with its evidence: only now is it done. */
export async function verifyWorkItem(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number; comment: string | null },
  ctx: AuditContext,
  clock: Clock,
): Promise<WorkItem> {
  if (!canVerify(actor)) throw forbidden('只有科创委办公室可以核验整改');
  await db.transaction().execute(async (trx) => {
    const r = await loadForWrite(trx, id, input.version);
    if (!r.awaitingVerification)
      throw conflict(r.status === 'done' ? '该事项已核验办结' : '单位尚未报送完成情况及佐证材料，暂不能核验');
    const set = {
      status: 'done',
      awaiting_verification: 0,
      progress: 100,
      verified_at: ctx.now,
      verified_by: actor.id,
      closed_reason: input.comment,
    };
    await write(trx, r, set, ctx, 'verify');
  });
  return getWorkItem(db, actor, id, clock);
}

/**
 * Applies a unit's accepted progress report to its work item, in the caller's transaction. Done
 * means done, except for rectifications, which wait for the office's verification.
 */
export async function applyAcceptedProgress(
  trx: Db,
  workItemId: string,
  p: { percent: number; text: string; done: boolean },
  ctx: AuditContext,
): Promise<void> {
  const r = await repo.findWorkItem(trx, workItemId);
  if (!r || r.status !== 'open') return;
  const done = p.done && !r.requiresVerification;
  const set = {
    progress: p.done ? 100 : p.percent,
    latest_progress: p.text,
    latest_progress_at: ctx.now,
    status: done ? 'done' : 'open',
    awaiting_verification: p.done && r.requiresVerification ? 1 : 0,
  };
  await write(trx, r, set, ctx, 'progress');
}

/** Open work items of a year, for generating a round's duties (a data function: the round's service checks access). */
export function listOpenItemsOfYear(db: Db, planId: string, year: number): Promise<repo.WorkItemRecord[]> {
  return repo.listWorkItems(db, { planId, year, status: ['open'] });
}

/** Work items by id, without an access check, for services that have made theirs. */
export function findWorkItemsByIds(db: Db, planId: string, ids: string[]): Promise<repo.WorkItemRecord[]> {
  return repo.listWorkItems(db, { planId, ids });
}
