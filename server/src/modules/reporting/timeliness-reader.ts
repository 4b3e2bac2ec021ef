import { timelinessListSchema } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { planAndVersion, type KnownPlan } from '../indicators/data-version.repo.ts';
import { etagOf, queryKey, uncachedAnswer, VersionedCache } from '../indicators/response-cache.ts';
import type { Actor } from '../users/user.repo.ts';
import { checkTimelinessQuery, standingScopeOf, visibleTimeliness } from './standing.service.ts';
import { getTimelinessAt } from './timeliness.service.ts';

type TimelinessQuery = { planId: string; roundId?: string; unitId?: string; asOf?: string };

interface Answer {
  body: string;
  /** The instant a cut-off passes (or a dated row comes into view) and "now" reads differently. */
  changesAt: string | null;
}

/**
 * GET /api/timeliness from bytes cached per (plan, data version, the query, which units' rows the
 * caller sees). The standing "now" also moves with the clock, but only at known instants (a
 * round's cut-off): the answer carries the first of them and is made again once it has passed,
 * so no time-based expiry and no stale "pending" after a cut-off.
 */
export function createTimelinessReader(db: Db, timeZone: string, size = 128) {
  const answers = new VersionedCache<Answer>(size);
  return {
    async list(actor: Actor, q: TimelinessQuery, now: string, known?: KnownPlan) {
      checkTimelinessQuery(actor, q);
      const make = async (): Promise<Answer> => {
        const { rows, changesAt } = await getTimelinessAt(db, q.planId, {
          ...(q.roundId ? { roundIds: [q.roundId] } : {}),
          ...(q.asOf ? { asOf: q.asOf, timeZone } : { now }),
        });
        const body = JSON.stringify(timelinessListSchema.parse({ items: visibleTimeliness(actor, q, rows) }));
        // A past or given day's end is a fixed instant: only a write changes that answer.
        return { body, changesAt: q.asOf ? null : changesAt };
      };
      const found = await planAndVersion(db, q.planId, known);
      // No such plan: no rounds either; answered uncached so an unknown id fills no cache slot.
      if (!found) return uncachedAnswer('time', (await make()).body);
      const key = ['time', found.plan.id, found.version, standingScopeOf(actor), queryKey(q)].join('|');
      let a = await answers.get(key, make);
      if (a.changesAt !== null && now >= a.changesAt) {
        answers.delete(key);
        a = await answers.get(key, make);
      }
      const answer = a;
      return { etag: etagOf(`${key}|${answer.changesAt ?? ''}`), body: async () => answer.body };
    },
  };
}
