import { randomUUID } from 'node:crypto';
import { roundPhase, type OpenRoundInput, type Round } from '@innocity/shared/api/reporting';
import { periodLabel } from '@innocity/shared/indicators/period';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { endOfLocalDayUtc, formatLocalTime, nowIso } from '../../time.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { notifyUnits } from '../notifications/notification.service.ts';
import { getPlan } from '../plans/plan.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { gatherDuties, type DutySpec } from './duty-sources.ts';
import { isFilled } from './entries.ts';
import { canManageRounds, canReadRounds } from './reporting.policy.ts';
import * as repo from './round.repo.ts';
import { insertSubmissions, upsertEntry } from './submission.repo.ts';

const DAY_MS = 86_400_000;

/** The UTC instant of a local date and time; without a time, the end of that day (DESIGN.md §13). */
export function cutoffInstant(date: string, time: string | null, timeZone: string): string {
  if (!time) return endOfLocalDayUtc(date, timeZone);
  const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(Date.parse(endOfLocalDayUtc(dayBefore, timeZone)) + (h * 60 + m) * 60_000).toISOString();
}

/** The cut-off as users read it: midnight is shown as 24:00 of the day before, the day they were given. */
export function cutoffLabel(iso: string, timeZone: string): string {
  const text = formatLocalTime(iso, timeZone);
  if (!text.endsWith(' 00:00')) return text;
  return `${formatLocalTime(new Date(Date.parse(iso) - 60_000).toISOString(), timeZone).slice(0, -6)} 24:00`;
}

/** The API shape of rounds, with their counts. */
export async function toApiRounds(
  db: Db,
  rounds: repo.RoundRecord[],
  timeZone: string,
  now: string = nowIso(),
): Promise<Round[]> {
  const counts = await repo.roundCounts(
    db,
    rounds.map((r) => r.id),
  );
  return rounds.map((r) => {
    const c = counts.get(r.id) ?? { units: 0, duties: 0, submitted: 0, accepted: 0 };
    return {
      ...r,
      cutoffLabel: cutoffLabel(r.cutoffAt, timeZone),
      phase: roundPhase(r, now),
      unitCount: c.units,
      dutyCount: c.duties,
      submittedCount: c.submitted,
      acceptedCount: c.accepted,
    };
  });
}

/** Rounds of a plan, latest cut-off first. */
export async function listRounds(db: Db, actor: Actor, planId: string, timeZone: string): Promise<Round[]> {
  if (!canReadRounds(actor)) throw forbidden();
  return toApiRounds(db, await repo.listRounds(db, planId), timeZone);
}

/** A round by id, or not found. */
export async function getRoundRecord(db: Db, roundId: string): Promise<repo.RoundRecord> {
  const round = await repo.findRound(db, roundId);
  if (!round) throw notFound('填报轮次');
  return round;
}

/** One round with its counts. */
export async function getRound(db: Db, actor: Actor, roundId: string, timeZone: string): Promise<Round> {
  if (!canReadRounds(actor)) throw forbidden();
  return (await toApiRounds(db, [await getRoundRecord(db, roundId)], timeZone))[0]!;
}

/**
 * The office opens a round: every unit's duties are generated from the plan (progress for the
 * work items it leads, its part of items it co-operates on, the data elements it reports, the
 * ledgers it keeps), each unit gets an empty submission, and its people are notified.
 */
export async function openRound(
  db: Db,
  actor: Actor,
  input: OpenRoundInput,
  ctx: AuditContext,
  timeZone: string,
): Promise<Round> {
  if (!canManageRounds(actor)) throw forbidden('只有科创委办公室可以开启填报轮次');
  const plan = await getPlan(db, actor, input.planId);
  if (await repo.findRoundByPeriod(db, plan.id, input.periodId))
    throw conflict(`${periodLabel(input.periodId)}的填报轮次已经开启`);
  const specs = await gatherDuties(db, actor, plan.id, input.periodId, timeZone);
  const round: repo.RoundRecord = {
    id: randomUUID(),
    planId: plan.id,
    periodId: input.periodId,
    title: input.title ?? periodLabel(input.periodId),
    cutoffAt: cutoffInstant(input.cutoffDate, input.cutoffTime, timeZone),
    remindDaysBefore: input.remindDaysBefore,
    status: 'open',
    createdAt: ctx.now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, round, actor.id);
    await insertDutiesAndSubmissions(trx, round, specs, ctx);
    await recordAudit(trx, ctx, {
      action: 'open',
      entityType: 'reporting_round',
      entityId: round.id,
      planId: plan.id,
      after: { ...input, cutoffAt: round.cutoffAt, duties: specs.length },
    });
    const units = [...new Set(specs.map((s) => s.unitId))];
    const label = cutoffLabel(round.cutoffAt, timeZone);
    await notifyUnits(
      trx,
      units,
      (unitId) => ({
        kind: 'assigned',
        title: `${round.title}填报已开启`,
        body: `本单位有 ${specs.filter((s) => s.unitId === unitId).length} 项填报任务，请于${label}前完成报送。`,
        // The plan travels with the link: the reporter may be looking at another plan when it arrives.
        link: `/reporting?round=${round.id}&plan=${plan.id}`,
      }),
      ctx,
      ['reporter', 'approver'],
    );
  });
  return getRound(db, actor, round.id, timeZone);
}

async function insertDutiesAndSubmissions(
  trx: Db,
  round: repo.RoundRecord,
  specs: DutySpec[],
  ctx: AuditContext,
): Promise<void> {
  const duties = specs.map((s, position) => ({
    id: randomUUID(),
    round_id: round.id,
    unit_id: s.unitId,
    kind: s.kind,
    ref_id: s.refId,
    title: s.title,
    detail: JSON.stringify(s.detail),
    position,
  }));
  await repo.insertDuties(trx, duties);
  const subs = new Map([...new Set(specs.map((s) => s.unitId))].map((u) => [u, randomUUID()]));
  await insertSubmissions(
    trx,
    [...subs].map(([unitId, id]) => ({
      id,
      plan_id: round.planId,
      round_id: round.id,
      unit_id: unitId,
      status: 'draft',
      version: 1,
      revision: 0,
      return_comment: null,
      first_submitted_at: null,
      accepted_at: null,
      updated_by: null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })),
  );
  for (const [i, s] of specs.entries()) {
    if (!s.prefill) continue;
    await upsertEntry(trx, {
      id: randomUUID(),
      submissionId: subs.get(s.unitId)!,
      dutyId: duties[i]!.id,
      payload: s.prefill,
      filled: isFilled(s.kind, s.prefill),
      by: null,
      at: ctx.now,
    });
  }
}

/** The office closes a round: no more reminders; late units stay late. */
export async function closeRound(
  db: Db,
  actor: Actor,
  roundId: string,
  ctx: AuditContext,
  timeZone: string,
): Promise<Round> {
  if (!canManageRounds(actor)) throw forbidden('只有科创委办公室可以关闭填报轮次');
  await db.transaction().execute(async (trx) => {
    const round = await getRoundRecord(trx, roundId);
    if (round.status === 'closed') throw conflict('该填报轮次已关闭');
    await repo.setRoundStatus(trx, roundId, 'closed', ctx.now);
    await recordAudit(trx, ctx, {
      action: 'close',
      entityType: 'reporting_round',
      entityId: roundId,
      planId: round.planId,
    });
  });
  return getRound(db, actor, roundId, timeZone);
}
