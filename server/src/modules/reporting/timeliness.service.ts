import type { Timeliness, UnitTimeliness } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { DEFAULT_TIME_ZONE, endOfLocalDayUtc, nowIso } from '../../time.ts';
import { listDuties, listRounds, type RoundRecord } from './round.repo.ts';
import { listEvents, listSubmissions, type EventRecord, type SubmissionRecord } from './submission.repo.ts';
import { FLOW } from './reporting.policy.ts';
import { listUrgings } from './urging.repo.ts';

export interface TimelinessOptions {
  /** A local date (YYYY-MM-DD): the standing at the end of that day. Now when absent. */
  asOf?: string;
  roundIds?: string[];
  timeZone?: string;
  /** The instant "now" stands for when no date is given (the clock's by default). */
  now?: string;
}

/** One unit in one round, from the events up to the instant. */
function standing(
  round: RoundRecord,
  s: SubmissionRecord,
  expected: number,
  events: EventRecord[],
  urged: number,
  at: string,
): UnitTimeliness {
  const mine = events.filter((e) => e.submissionId === s.id && e.at <= at);
  const submits = mine.filter((e) => e.action === 'submit');
  const first = submits[0];
  const last = submits[submits.length - 1];
  const timeliness: Timeliness = first
    ? first.at <= round.cutoffAt
      ? 'on_time'
      : 'late'
    : // At the cut-off instant itself (the end of the cut-off day) nothing can still be on time.
      at >= round.cutoffAt
      ? 'missing'
      : 'pending';
  const filled = last?.filled ?? 0;
  const lastEvent = mine[mine.length - 1];
  return {
    roundId: round.id,
    periodId: round.periodId,
    roundTitle: round.title,
    unit: { id: s.unitId, name: s.unitName },
    status: lastEvent ? FLOW[lastEvent.action].to : 'draft',
    timeliness,
    submittedAt: first?.at ?? null,
    lateMinutes:
      timeliness === 'late' ? Math.ceil((Date.parse(first!.at) - Date.parse(round.cutoffAt)) / 60_000) : null,
    expected,
    filled,
    completeness: expected === 0 ? 1 : Math.round((filled / expected) * 1000) / 1000,
    changesAfterAcceptance: mine.filter((e) => e.action === 'accept' && e.revision > 0).length,
    urgings: urged,
  };
}

/**
 * Timeliness and completeness of every unit in the plan's rounds, as they stood at the end of
 * a local date (now by default): on time, late (by how many minutes), missing, or not yet due;
 * completeness = duties filled in the unit's latest submission ÷ duties expected. For the
 * assessment engine, which makes its own access check: this takes no actor.
 */
export async function getTimeliness(db: Db, planId: string, opts: TimelinessOptions = {}): Promise<UnitTimeliness[]> {
  return (await getTimelinessAt(db, planId, opts)).rows;
}

/**
 * The standing as of `opts.asOf`'s end of day, or now, and the first later instant at which the
 * same data would read differently (a cut-off passing turns "pending" into "missing"; a round,
 * event or urging dated later comes into view), null if none: an answer cached for "now" holds
 * until that instant or until the data version moves, whichever comes first.
 */
export async function getTimelinessAt(
  db: Db,
  planId: string,
  opts: TimelinessOptions = {},
): Promise<{ rows: UnitTimeliness[]; changesAt: string | null }> {
  const at = opts.asOf ? endOfLocalDayUtc(opts.asOf, opts.timeZone ?? DEFAULT_TIME_ZONE) : (opts.now ?? nowIso());
  const all = await listRounds(db, planId, opts.roundIds);
  const rounds = all.filter((r) => r.createdAt <= at);
  const ids = rounds.map((r) => r.id);
  const [duties, subs, events, urgings] = await Promise.all([
    listDuties(db, ids),
    listSubmissions(db, ids),
    listEvents(db, ids),
    listUrgings(db, { planId, roundIds: ids }),
  ]);
  const rows = rounds.flatMap((round) =>
    subs
      .filter((s) => s.roundId === round.id)
      .map((s) => {
        const expected = duties.filter((d) => d.roundId === round.id && d.unitId === s.unitId).length;
        const urged = urgings.filter((u) => u.roundId === round.id && u.unitId === s.unitId && u.at <= at).length;
        return standing(round, s, expected, events, urged, at);
      }),
  );
  const instants = [
    ...all.flatMap((r) => [r.createdAt, r.cutoffAt]),
    ...events.map((e) => e.at),
    ...urgings.map((u) => u.at),
  ];
  // Instants compare as text: every one is an ISO instant in UTC, as `at` is.
  const later = instants.filter((t) => t > at).sort();
  return { rows, changesAt: later[0] ?? null };
}
