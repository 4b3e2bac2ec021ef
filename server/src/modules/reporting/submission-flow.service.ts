import { randomUUID } from 'node:crypto';
import type {
  CombinedAction,
  DataElementPayload,
  FlowAction,
  ProgressPayload,
  Submission,
  SubmissionAction,
  TransitionInput,
} from '@innocity/shared/api/reporting';
import {
  COMBINED_ACTION_STEPS,
  COMBINED_ACTIONS,
  FLOW_ACTION_LABELS,
  SUBMISSION_ACTION_LABELS,
  SUBMISSION_STATUS_LABELS,
} from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { AppError, conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { recordElementValues } from '../indicators/element-entry.service.ts';
import { notifyRoles, notifyUnits, type Notice } from '../notifications/notification.service.ts';
import { applyAcceptedProgress } from '../supervision/work-item.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { canTransitionAll, FLOW } from './reporting.policy.ts';
import { listDuties } from './round.repo.ts';
import { getRoundRecord } from './round.service.ts';
import * as repo from './submission.repo.ts';
import { getSubmission, loadReadable, refuseStale } from './submission.service.ts';

/** Refuses an action the actor may not take (403) or that the status does not allow (409; 423 once accepted). */
function refuseTransition(
  actor: Actor,
  action: SubmissionAction,
  s: repo.SubmissionRecord,
  input: TransitionInput,
): void {
  const rule = FLOW[action];
  if (!rule.who(actor, s.unitId)) throw forbidden(`您不能对该报送执行「${SUBMISSION_ACTION_LABELS[action]}」`);
  if (!rule.from.includes(s.status)) {
    if (action === 'accept' && s.status === 'accepted') throw conflict('该报送已审核通过，不能重复审核');
    if (s.status === 'accepted') throw new AppError(423, 'locked', '已审核通过的内容已锁定；如需更正，请先发起更正');
    throw conflict(`报送当前为「${SUBMISSION_STATUS_LABELS[s.status]}」，不能${SUBMISSION_ACTION_LABELS[action]}`);
  }
  if ((action === 'return' || action === 'send_back') && !input.comment) {
    throw validationFailed('退回时请填写退回意见', [{ path: 'comment', message: '请填写退回意见' }]);
  }
}

/** The notice each step sends, and to whom. */
async function notify(
  trx: Db,
  action: SubmissionAction,
  s: repo.SubmissionRecord,
  roundTitle: string,
  comment: string | null,
  ctx: AuditContext,
): Promise<void> {
  const link = `/reporting/submissions/${s.id}`;
  const what = `${s.unitName}《${roundTitle}》填报`;
  const toUnit = (n: Notice, roles: ('reporter' | 'approver')[]) => notifyUnits(trx, [s.unitId], n, ctx, roles);
  if (action === 'send_for_approval')
    await toUnit({ kind: 'approval_needed', title: `${what}待您审核`, body: '请审核后报送科创委办公室。', link }, [
      'approver',
    ]);
  if (action === 'send_back')
    await toUnit({ kind: 'returned', title: `${what}被单位审核人退回`, body: comment ?? '', link }, ['reporter']);
  if (action === 'approve')
    await toUnit({ kind: 'approval_needed', title: `${what}已通过单位审核`, body: '请报送科创委办公室。', link }, [
      'reporter',
    ]);
  if (action === 'submit')
    await notifyRoles(
      trx,
      ['office'],
      { kind: 'submitted', title: `${what}已报送`, body: '请审核。', link },
      ctx,
      s.unitId,
    );
  if (action === 'accept')
    await toUnit({ kind: 'accepted', title: `${what}已通过审核`, body: '内容已锁定。', link }, [
      'reporter',
      'approver',
    ]);
  if (action === 'return')
    await toUnit({ kind: 'returned', title: `${what}被办公室退回`, body: comment ?? '', link }, [
      'reporter',
      'approver',
    ]);
}

/** On acceptance: work items take the reported progress, and the accepted content is kept as a snapshot. */
async function applyAccepted(trx: Db, s: repo.SubmissionRecord, ctx: AuditContext): Promise<void> {
  const duties = await listDuties(trx, [s.roundId], s.unitId);
  const entries = await repo.listEntries(trx, [s.id]);
  for (const d of duties.filter((x) => x.kind === 'progress')) {
    const e = entries.find((x) => x.dutyId === d.id);
    if (e?.filled) await applyAcceptedProgress(trx, d.refId, e.payload as ProgressPayload, ctx);
  }
  await repo.insertSnapshot(trx, {
    id: randomUUID(),
    submissionId: s.id,
    revision: s.revision,
    entries,
    at: ctx.now,
    by: ctx.actor?.id ?? null,
  });
}

/**
 * Hands accepted figures to the indicators engine, which validates and versions them. It runs
 * first, in its own transaction: a figure it refuses stops the acceptance, and a repeat after a
 * failed acceptance adds nothing because identical values are not versioned again.
 */
async function recordFigures(
  db: Db,
  actor: Actor,
  s: repo.SubmissionRecord,
  round: { periodId: string; title: string },
  ctx: AuditContext,
): Promise<void> {
  const duties = (await listDuties(db, [s.roundId], s.unitId)).filter((d) => d.kind === 'data_element');
  const entries = await repo.listEntries(db, [s.id]);
  const items = duties.flatMap((d) => {
    const p = entries.find((e) => e.dutyId === d.id)?.payload as DataElementPayload | undefined;
    if (!p || p.value === null || p.value === undefined) return [];
    return [
      {
        element: d.refId,
        period: d.detail.period ?? round.periodId,
        unitId: s.unitId,
        value: Number(p.value),
        source: p.source || `${round.title}填报`,
        quality: p.quality,
        note: p.comment || null,
      },
    ];
  });
  if (items.length > 0) await recordElementValues(db, actor, s.planId, { items }, ctx, { submissionId: s.id });
}

function changesFor(action: SubmissionAction, s: repo.SubmissionRecord, comment: string | null, ctx: AuditContext) {
  const to = FLOW[action].to;
  return {
    status: to,
    updated_at: ctx.now,
    updated_by: ctx.actor?.displayName ?? null,
    ...(action === 'submit' && s.firstSubmittedAt === null && { first_submitted_at: ctx.now }),
    ...(action === 'accept' && { accepted_at: ctx.now, return_comment: null }),
    ...((action === 'return' || action === 'send_back') && { return_comment: comment }),
    ...(action === 'correct' && { revision: s.revision + 1 }),
  };
}

/**
 * Moves a submission along the flow — one step, or every step of a combined action such as
 * 审核通过并报送 — with each step's event, audit row and notifications in one transaction, so
 * a combined action never stops half-way at 单位已审核.
 */
export async function transition(
  db: Db,
  actor: Actor,
  id: string,
  action: FlowAction,
  input: TransitionInput,
  ctx: AuditContext,
  timeZone: string,
): Promise<Submission> {
  const steps = stepsOf(action);
  const s0 = await loadReadable(db, actor, id);
  refuseSteps(actor, action, steps, s0, input);
  refuseStale(s0, input.version, timeZone);
  const round = await getRoundRecord(db, s0.roundId);
  if (steps.includes('accept')) await recordFigures(db, actor, s0, round, ctx);
  await db.transaction().execute(async (trx) => {
    const first = await loadReadable(trx, actor, id);
    refuseSteps(actor, action, steps, first, input);
    refuseStale(first, input.version, timeZone);
    let version = input.version;
    for (const [i, step] of steps.entries()) {
      const s = i === 0 ? first : await loadReadable(trx, actor, id);
      // History is ordered by time: a later step of the same press is recorded a millisecond later.
      const at = new Date(Date.parse(ctx.now) + i).toISOString();
      await applyStep(trx, actor, s, step, version, input, { ...ctx, now: at }, timeZone);
      // Only the last step's notice goes out: the unit's reporters need not be told to submit what is already sent.
      if (i === steps.length - 1) await notify(trx, step, s, round.title, input.comment, ctx);
      version = s.version + 1;
    }
  });
  return getSubmission(db, actor, id, timeZone);
}

const stepsOf = (action: FlowAction): SubmissionAction[] =>
  (COMBINED_ACTIONS as readonly string[]).includes(action)
    ? COMBINED_ACTION_STEPS[action as CombinedAction]
    : [action as SubmissionAction];

/** Checks every step of the action against the status the previous step leaves. */
function refuseSteps(
  actor: Actor,
  action: FlowAction,
  steps: SubmissionAction[],
  s: repo.SubmissionRecord,
  input: TransitionInput,
): void {
  if (steps.length > 1 && !canTransitionAll(actor, steps, s)) {
    // Name the action the user pressed, not the step inside it.
    if (!steps.every((x) => FLOW[x].who(actor, s.unitId)))
      throw forbidden(`您不能对该报送执行「${FLOW_ACTION_LABELS[action]}」`);
    if (s.status !== 'accepted')
      throw conflict(`报送当前为「${SUBMISSION_STATUS_LABELS[s.status]}」，不能${FLOW_ACTION_LABELS[action]}`);
  }
  let status = s.status;
  for (const step of steps) {
    refuseTransition(actor, step, { ...s, status }, input);
    status = FLOW[step].to;
  }
}

/** One step: the guarded status change, its event and its audit row. */
async function applyStep(
  trx: Db,
  actor: Actor,
  s: repo.SubmissionRecord,
  action: SubmissionAction,
  version: number,
  input: TransitionInput,
  ctx: AuditContext,
  timeZone: string,
): Promise<void> {
  if (!(await repo.updateIfVersion(trx, s.id, version, changesFor(action, s, input.comment, ctx))))
    refuseStale({ ...s, version: -1 }, version, timeZone);
  if (action === 'accept') await applyAccepted(trx, s, ctx);
  const filled = (await repo.listEntries(trx, [s.id])).filter((e) => e.filled).length;
  const revision = action === 'correct' ? s.revision + 1 : s.revision;
  await repo.insertEvent(trx, {
    id: randomUUID(),
    submission_id: s.id,
    round_id: s.roundId,
    unit_id: s.unitId,
    action,
    actor_id: actor.id,
    actor_name: actor.displayName,
    at: ctx.now,
    comment: input.comment,
    filled,
    revision,
  });
  await recordAudit(trx, ctx, {
    action,
    entityType: 'submission',
    entityId: s.id,
    planId: s.planId,
    before: { status: s.status },
    after: { status: FLOW[action].to, comment: input.comment },
  });
}
