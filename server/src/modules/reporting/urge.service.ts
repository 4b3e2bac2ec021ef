import { randomUUID } from 'node:crypto';
import type { UrgeInput, Urging } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { localDateOf } from '../../time.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { claimReminderSlot, notifyUnits, queueOutgoing } from '../notifications/notification.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { ClosedPlanError, writingToPlans } from '../regions/plan-write-guard.ts';
import { canManageRounds } from './reporting.policy.ts';
import { listDuties, listRounds, type RoundRecord } from './round.repo.ts';
import { cutoffLabel, getRoundRecord } from './round.service.ts';
import { listEntries, listSubmissions, type SubmissionRecord } from './submission.repo.ts';
import { listUrgings, insertUrgings } from './urging.repo.ts';

/** Units that still owe the round: not yet sent to the office, or sent back by it. */
const owes = (s: SubmissionRecord) => s.status !== 'submitted' && s.status !== 'accepted';

/** The duties each owing unit has not filled, by unit. */
async function missingDuties(
  db: Db,
  round: RoundRecord,
  subs: SubmissionRecord[],
): Promise<Map<string, { id: string; title: string }[]>> {
  const duties = await listDuties(db, [round.id]);
  const entries = await listEntries(
    db,
    subs.map((s) => s.id),
  );
  return new Map(
    subs.map((s) => [
      s.unitId,
      duties
        .filter(
          (d) =>
            d.unitId === s.unitId && !entries.some((e) => e.submissionId === s.id && e.dutyId === d.id && e.filled),
        )
        .map((d) => ({ id: d.id, title: d.title })),
    ]),
  );
}

function urgeText(
  round: RoundRecord,
  unitName: string,
  missing: { title: string }[],
  message: string | null,
  timeZone: string,
) {
  const list = missing.length
    ? missing.map((d, i) => `${i + 1}. ${d.title}`).join('\n')
    : '（各项已填写，请尽快完成审核并报送）';
  const subject = `【催办】${unitName}：请尽快报送《${round.title}》填报`;
  const body = `${message ? `${message}\n\n` : ''}截止时间：${cutoffLabel(round.cutoffAt, timeZone)}\n尚未完成的事项：\n${list}`;
  return { subject, body };
}

/**
 * The office urges one unit, several, or every unit that still owes the round, with one action.
 * Each urging is recorded (who, when, whom, which duties), shown on the unit's page, put in its
 * people's notifications and sent on the enabled outgoing channels.
 */
export async function urgeUnits(
  db: Db,
  actor: Actor,
  input: UrgeInput,
  ctx: AuditContext,
  timeZone: string,
): Promise<Urging[]> {
  if (!canManageRounds(actor)) throw forbidden('只有科创委办公室可以催办');
  const round = await getRoundRecord(db, input.roundId);
  const subs = (await listSubmissions(db, [round.id])).filter((s) =>
    input.allLate ? owes(s) : input.unitIds.includes(s.unitId),
  );
  const unknown = input.allLate ? [] : input.unitIds.filter((u) => !subs.some((s) => s.unitId === u));
  if (unknown.length > 0)
    throw validationFailed(
      '所选单位在本轮没有填报任务',
      unknown.map((u) => ({ path: 'unitIds', message: u })),
    );
  if (subs.length === 0) throw validationFailed('没有需要催办的单位：各单位均已报送', []);
  const missing = await missingDuties(db, round, subs);
  const ids: string[] = await db.transaction().execute(async (trx) => {
    const rows = subs.map((s) => ({
      id: randomUUID(),
      plan_id: round.planId,
      round_id: round.id,
      unit_id: s.unitId,
      by_id: actor.id,
      by_name: actor.displayName,
      at: ctx.now,
      message: input.message ?? '',
      duties: JSON.stringify(missing.get(s.unitId) ?? []),
    }));
    await insertUrgings(trx, rows);
    for (const s of subs) {
      const text = urgeText(round, s.unitName, missing.get(s.unitId) ?? [], input.message, timeZone);
      await notifyUnits(
        trx,
        [s.unitId],
        { kind: 'urge', title: text.subject, body: text.body, link: `/reporting/submissions/${s.id}` },
        ctx,
        ['reporter', 'approver'],
      );
      await queueOutgoing(trx, [s.unitId], text, ctx);
    }
    await recordAudit(trx, ctx, {
      action: 'urge',
      entityType: 'reporting_round',
      entityId: round.id,
      planId: round.planId,
      after: { units: subs.map((s) => s.unitName), message: input.message },
    });
    return rows.map((r) => r.id);
  });
  return (await listUrgings(db, { planId: round.planId, roundIds: [round.id] }))
    .filter((u) => ids.includes(u.id))
    .map(({ unitId: _u, ...u }) => u);
}

const DAY_MS = 86_400_000;

/** Which reminder a round is due for at the instant: before the cut-off (within its days), overdue after it, or none. */
function reminderKind(round: RoundRecord, now: string): 'before' | 'overdue' | null {
  const left = Date.parse(round.cutoffAt) - Date.parse(now);
  if (left <= 0) return 'overdue';
  return left <= round.remindDaysBefore * DAY_MS ? 'before' : null;
}

/**
 * Sends the automatic reminders of every open round: before the cut-off and on each day
 * overdue, once per unit, round and local day however often it runs (a claimed slot per day).
 */
export async function runReminders(db: Db, now: string, timeZone = 'Asia/Shanghai'): Promise<number> {
  const day = localDateOf(now, timeZone);
  const ctx: AuditContext = { actor: null, requestId: null, ip: null, now };
  let sent = 0;
  for (const round of (await listRounds(db, null)).filter((r) => r.status === 'open')) {
    const kind = reminderKind(round, now);
    if (!kind) continue;
    const subs = (await listSubmissions(db, [round.id])).filter(owes);
    const missing = await missingDuties(db, round, subs);
    // No reminder for a round of an archived or withdrawn plan: nobody may report to it any more.
    // Under the plan's write guard, so a plan archived while this runs gets none either.
    let closed = false;
    for (const s of subs) {
      if (closed) break;
      sent += await writingToPlans([round.planId], () =>
        db.transaction().execute(async (trx) => {
          if (!(await claimReminderSlot(trx, { roundId: round.id, unitId: s.unitId, day, kind }, now))) return 0;
          const text = urgeText(
            round,
            s.unitName,
            missing.get(s.unitId) ?? [],
            kind === 'before' ? '填报截止临近，请按时报送。' : '填报已逾期，请立即报送。',
            timeZone,
          );
          const subject =
            kind === 'before'
              ? text.subject.replace('【催办】', '【提醒】')
              : text.subject.replace('【催办】', '【逾期】');
          await notifyUnits(
            trx,
            [s.unitId],
            {
              kind: kind === 'before' ? 'reminder' : 'overdue',
              title: subject,
              body: text.body,
              link: `/reporting/submissions/${s.id}`,
            },
            ctx,
            ['reporter', 'approver'],
          );
          await queueOutgoing(trx, [s.unitId], { subject, body: text.body }, ctx);
          return 1;
        }),
      ).catch((err: unknown) => {
        if (!(err instanceof ClosedPlanError)) throw err;
        closed = true;
        return 0;
      });
    }
  }
  return sent;
}
