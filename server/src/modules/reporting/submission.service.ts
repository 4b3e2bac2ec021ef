import { randomUUID } from 'node:crypto';
import type { DutyKind, EntryPayload, SaveDraftInput, Submission } from '@innocity/shared/api/reporting';
import { SUBMISSION_STATUS_LABELS } from '@innocity/shared/api/reporting';
import type { FieldIssue } from '@innocity/shared/errors';
import type { Db } from '../../db/connection.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { formatLocalTime } from '../../time.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { listAttachments } from './attachment.repo.ts';
import { isFilled, PAYLOAD_SCHEMAS } from './entries.ts';
import { allowedActions, canEditEntries, canReadSubmission } from './reporting.policy.ts';
import { listDuties, type DutyRecord } from './round.repo.ts';
import { getRoundRecord, toApiRounds } from './round.service.ts';
import * as repo from './submission.repo.ts';

/** A submission the actor may read; another unit's draft is refused (403). */
export async function loadReadable(db: Db, actor: Actor, id: string): Promise<repo.SubmissionRecord> {
  const s = await repo.findSubmission(db, id);
  if (!s) throw notFound('报送');
  if (!canReadSubmission(actor, s)) throw forbidden('无权查看该单位的报送：草稿仅本单位和科创委办公室可见');
  return s;
}

/** Co-units' parts for the work items this unit leads, once each co-unit has sent its own report onward. */
async function contributionsFor(
  db: Db,
  s: repo.SubmissionRecord,
  duties: DutyRecord[],
): Promise<Submission['contributions']> {
  const led = new Set(duties.filter((d) => d.kind === 'progress').map((d) => d.refId));
  if (led.size === 0) return [];
  const parts = (await listDuties(db, [s.roundId])).filter((d) => d.kind === 'contribution' && led.has(d.refId));
  const subs = (await repo.listSubmissions(db, [s.roundId])).filter(
    (x) => x.firstSubmittedAt !== null && parts.some((p) => p.unitId === x.unitId),
  );
  const entries = await repo.listEntries(
    db,
    subs.map((x) => x.id),
  );
  return parts.flatMap((p) => {
    const sub = subs.find((x) => x.unitId === p.unitId);
    const e = sub && entries.find((x) => x.submissionId === sub.id && x.dutyId === p.id);
    return sub && e?.filled
      ? [
          {
            workItemId: p.refId,
            unit: { id: p.unitId, name: p.unitName },
            text: String(e.payload.text ?? ''),
            status: sub.status,
          },
        ]
      : [];
  });
}

/** The full view of a submission for its screen: duties, entries, evidence, co-units' parts, history and what the actor may do. */
export async function viewSubmission(
  db: Db,
  actor: Actor,
  s: repo.SubmissionRecord,
  timeZone: string,
): Promise<Submission> {
  const round = (await toApiRounds(db, [await getRoundRecord(db, s.roundId)], timeZone))[0]!;
  const duties = await listDuties(db, [s.roundId], s.unitId);
  const entries = await repo.listEntries(db, [s.id]);
  const history = await repo.listEvents(db, [s.roundId], s.id);
  return {
    id: s.id,
    round,
    unit: { id: s.unitId, name: s.unitName },
    status: s.status,
    version: s.version,
    revision: s.revision,
    returnComment: s.returnComment,
    firstSubmittedAt: s.firstSubmittedAt,
    acceptedAt: s.acceptedAt,
    duties: duties.map(({ id, kind, refId, title, detail }) => ({ id, kind, refId, title, detail })),
    entries: entries.map(({ dutyId, payload, filled, updatedBy, updatedAt }) => ({
      dutyId,
      payload,
      filled,
      updatedBy,
      updatedAt,
    })),
    attachments: (await listAttachments(db, [s.id])).map(
      ({ id, dutyId, fileName, mime, size, uploadedBy, createdAt }) => ({
        id,
        dutyId,
        fileName,
        mime,
        size,
        uploadedBy,
        createdAt,
      }),
    ),
    contributions: await contributionsFor(db, s, duties),
    history: history.map(({ action, actorName, at, comment }) => ({ action, actorName, at, comment })),
    allowed: allowedActions(actor, s),
  };
}

/** One submission by id. */
export async function getSubmission(db: Db, actor: Actor, id: string, timeZone: string): Promise<Submission> {
  return viewSubmission(db, actor, await loadReadable(db, actor, id), timeZone);
}

/** The submission of a unit in a round. */
export async function getSubmissionOf(
  db: Db,
  actor: Actor,
  roundId: string,
  unitId: string,
  timeZone: string,
): Promise<Submission> {
  const s = (await repo.listSubmissions(db, [roundId], unitId))[0];
  if (!s) throw notFound('报送');
  if (!canReadSubmission(actor, s)) throw forbidden('无权查看该单位的报送：草稿仅本单位和科创委办公室可见');
  return viewSubmission(db, actor, s, timeZone);
}

/** Refuses a write to content that is not the unit's to edit now, with the reason in Chinese. */
export function refuseEdit(actor: Actor, s: repo.SubmissionRecord): void {
  if (canEditEntries(actor, s)) return;
  if (!canEditEntries(actor, { ...s, status: 'draft' })) throw forbidden('只能填报本单位的任务');
  if (s.status === 'accepted') throw new AppError(423, 'locked', '已审核通过的内容已锁定；如需更正，请先发起更正');
  throw conflict(`报送当前为「${SUBMISSION_STATUS_LABELS[s.status]}」，不能修改；如需修改，请由单位审核人退回`);
}

/** Refuses a stale version: someone else saved or moved the submission since the actor loaded it. */
export function refuseStale(s: repo.SubmissionRecord, version: number, timeZone: string): void {
  if (s.version === version) return;
  throw conflict(
    `该报送已于 ${formatLocalTime(s.updatedAt, timeZone)} 被他人修改，您的保存未生效。请刷新页面，核对最新内容后再保存。`,
    { currentVersion: s.version },
  );
}

function parseEntries(duties: DutyRecord[], input: SaveDraftInput): { duty: DutyRecord; payload: EntryPayload }[] {
  const issues: FieldIssue[] = [];
  const parsed = input.entries.flatMap((e, i) => {
    const duty = duties.find((d) => d.id === e.dutyId);
    if (!duty) {
      issues.push({ path: `entries.${i}.dutyId`, message: '不是本单位本轮的填报任务' });
      return [];
    }
    const r = PAYLOAD_SCHEMAS[duty.kind as DutyKind].safeParse(e.payload);
    if (!r.success)
      r.error.issues.forEach((x) =>
        issues.push({ path: `entries.${i}.payload.${x.path.join('.')}`, message: `${duty.title}：${x.message}` }),
      );
    return r.success ? [{ duty, payload: r.data }] : [];
  });
  if (issues.length > 0) throw validationFailed(issues.map((x) => x.message).join('；'), issues);
  return parsed;
}

/**
 * Saves a unit's draft entries. The version must be the one the actor loaded: of two people
 * editing the same draft, the second save gets 409 and neither change is lost silently.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  id: string,
  input: SaveDraftInput,
  ctx: AuditContext,
  timeZone: string,
): Promise<Submission> {
  const s0 = await loadReadable(db, actor, id);
  refuseEdit(actor, s0);
  const duties = await listDuties(db, [s0.roundId], s0.unitId);
  const entries = parseEntries(duties, input);
  await db.transaction().execute(async (trx) => {
    const s = await loadReadable(trx, actor, id);
    refuseEdit(actor, s);
    refuseStale(s, input.version, timeZone);
    if (!(await repo.updateIfVersion(trx, id, s.version, { updated_at: ctx.now, updated_by: actor.displayName })))
      refuseStale({ ...s, version: -1 }, input.version, timeZone);
    for (const { duty, payload } of entries) {
      await repo.upsertEntry(trx, {
        id: randomUUID(),
        submissionId: id,
        dutyId: duty.id,
        payload,
        filled: isFilled(duty.kind, payload),
        by: actor.id,
        at: ctx.now,
      });
    }
    await recordAudit(trx, ctx, {
      action: 'save',
      entityType: 'submission',
      entityId: id,
      planId: s.planId,
      after: { version: s.version + 1, entries: entries.map((e) => ({ dutyId: e.duty.id, payload: e.payload })) },
    });
  });
  return getSubmission(db, actor, id, timeZone);
}
