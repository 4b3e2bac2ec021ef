import type { MyDuties, RoundUnitRow, UnitPage, UnitTimeliness } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { canReadAll, isMemberOf } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReadRounds, canReadStanding } from './reporting.policy.ts';
import { findUnitBrief, listDuties, listRounds } from './round.repo.ts';
import { getRoundRecord, toApiRounds } from './round.service.ts';
import { listEntries, listSubmissions } from './submission.repo.ts';
import { getTimeliness } from './timeliness.service.ts';
import { listUrgings } from './urging.repo.ts';

/** Every unit's standing in a round, for the office's board: status, timeliness, completeness, last urging. */
export async function listRoundUnits(db: Db, actor: Actor, roundId: string): Promise<RoundUnitRow[]> {
  if (!canReadAll(actor)) throw forbidden('只有办公室、领导和督查考核人员可以查看各单位填报情况');
  const round = await getRoundRecord(db, roundId);
  const rows = await getTimeliness(db, round.planId, { roundIds: [roundId] });
  const subs = await listSubmissions(db, [roundId]);
  const urgings = await listUrgings(db, { planId: round.planId, roundIds: [roundId] });
  const entries = await listEntries(
    db,
    subs.map((s) => s.id),
  );
  return rows.map((r) => {
    const sub = subs.find((s) => s.unitId === r.unit.id);
    // The live draft's fill level, so the office sees work in progress before anything is submitted.
    const filledNow = entries.filter((e) => e.submissionId === sub?.id && e.filled).length;
    return {
      ...r,
      status: sub?.status ?? r.status,
      filled: Math.max(r.filled, filledNow),
      submissionId: sub?.id ?? null,
      lastUrgedAt: urgings.find((u) => u.unitId === r.unit.id)?.at ?? null,
    };
  });
}

/** Timeliness rows the actor may see: all units for board roles, their own units for unit people. */
export async function listTimeliness(
  db: Db,
  actor: Actor,
  q: TimelinessQuery,
  timeZone?: string,
): Promise<UnitTimeliness[]> {
  checkTimelinessQuery(actor, q);
  const rows = await getTimeliness(db, q.planId, {
    ...(q.roundId ? { roundIds: [q.roundId] } : {}),
    ...(q.asOf ? { asOf: q.asOf, timeZone } : {}),
  });
  return visibleTimeliness(actor, q, rows);
}

type TimelinessQuery = { planId: string; roundId?: string; unitId?: string; asOf?: string };

/** Refuses a unit's people asking for another unit's standing (before any cached answer is sent). */
export function checkTimelinessQuery(actor: Actor, q: Pick<TimelinessQuery, 'unitId'>): void {
  if (q.unitId && !canReadStanding(actor, q.unitId)) throw forbidden('只能查看本单位的填报情况');
}

/** The rows of the asked unit (if any) that the actor may read: every unit's, or their own units'. */
export function visibleTimeliness(actor: Actor, q: Pick<TimelinessQuery, 'unitId'>, rows: UnitTimeliness[]) {
  return rows.filter((r) => (!q.unitId || r.unit.id === q.unitId) && canReadStanding(actor, r.unit.id));
}

/** What decides which rows the actor sees: every unit's, or the actor's own units'. */
export const standingScopeOf = (actor: Actor): string =>
  canReadAll(actor)
    ? 'all'
    : actor.units
        .map((u) => u.id)
        .sort()
        .join(',');

/** A unit's page: its reporting history across rounds and every urging it received. */
export async function getUnitPage(db: Db, actor: Actor, planId: string, unitId: string): Promise<UnitPage> {
  if (!canReadStanding(actor, unitId)) throw forbidden('只能查看本单位的页面');
  const unit = await findUnitBrief(db, unitId);
  if (!unit) throw notFound('单位');
  const history = (await getTimeliness(db, planId)).filter((r) => r.unit.id === unitId);
  const urgings = (await listUrgings(db, { planId, unitId })).map(({ unitId: _u, ...u }) => u);
  return { unit, history, urgings };
}

/** "My duties this round": for each of the actor's units, what the round asks and what is filled. */
export async function getMyDuties(
  db: Db,
  actor: Actor,
  planId: string,
  roundId: string | undefined,
  timeZone: string,
): Promise<MyDuties> {
  if (!canReadRounds(actor)) throw forbidden();
  const rounds = await toApiRounds(db, await listRounds(db, planId), timeZone);
  const round = roundId ? rounds.find((r) => r.id === roundId) : (rounds.find((r) => r.status === 'open') ?? rounds[0]);
  if (roundId && !round) throw notFound('填报轮次');
  if (!round) return { round: null, rounds, units: [] };
  const subs = (await listSubmissions(db, [round.id])).filter((s) => isMemberOf(actor, s.unitId));
  const duties = await listDuties(db, [round.id]);
  const entries = await listEntries(
    db,
    subs.map((s) => s.id),
  );
  const units = subs.map((s) => {
    const mine = duties
      .filter((d) => d.unitId === s.unitId)
      .map(({ id, kind, refId, title, detail }) => ({
        id,
        kind,
        refId,
        title,
        detail,
        filled: entries.some((e) => e.submissionId === s.id && e.dutyId === id && e.filled),
      }));
    return {
      unit: { id: s.unitId, name: s.unitName },
      submissionId: s.id,
      status: s.status,
      expected: mine.length,
      filled: mine.filter((d) => d.filled).length,
      duties: mine,
    };
  });
  return { round, rounds, units };
}

/** Urgings of a plan: every unit's for board roles, a unit's own for its people. */
export async function listUrgingsFor(
  db: Db,
  actor: Actor,
  q: { planId: string; unitId?: string; roundId?: string },
): Promise<Omit<Awaited<ReturnType<typeof listUrgings>>[number], 'unitId'>[]> {
  if (q.unitId ? !canReadStanding(actor, q.unitId) : !canReadAll(actor)) throw forbidden('只能查看本单位的催办记录');
  const rows = await listUrgings(db, {
    planId: q.planId,
    unitId: q.unitId,
    roundIds: q.roundId ? [q.roundId] : undefined,
  });
  return rows.map(({ unitId: _u, ...u }) => u);
}
