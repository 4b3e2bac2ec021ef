import { workItemListSchema, type WorkItemQuery } from '@innocity/shared/api/supervision';
import type { Db } from '../../db/connection.ts';
import { localDateOf } from '../../time.ts';
import { planAndVersion, type KnownPlan } from '../indicators/data-version.repo.ts';
import { cachedAnswer, queryKey, uncachedAnswer, VersionedCache } from '../indicators/response-cache.ts';
import type { Actor } from '../users/user.repo.ts';
import { checkWorkItemQuery, listWorkItems, workItemScopeOf } from './work-item.service.ts';

/**
 * GET /api/work-items from bytes cached per (plan, data version, the day the lights are computed
 * for, the query, which units' items the caller sees): the plan's version in one query, the
 * list made and schema-checked once per key. The lights change only with the local date (a
 * deadline is a day), so the day in the key is the only time the answer depends on.
 */
export function createWorkItemReader(db: Db, timeZone: string, size = 128) {
  const bodies = new VersionedCache<string>(size);
  return {
    async list(actor: Actor, q: WorkItemQuery, now: string, known?: KnownPlan) {
      checkWorkItemQuery(actor, q);
      const make = async () =>
        JSON.stringify(workItemListSchema.parse({ items: await listWorkItems(db, actor, q, { now, timeZone }) }));
      const found = await planAndVersion(db, q.planId, known);
      // No such plan: no items either; answered uncached so an unknown id fills no cache slot.
      if (!found) return uncachedAnswer('work', await make());
      const day = q.asOf ?? localDateOf(now, timeZone);
      const key = ['work', found.plan.id, found.version, day, workItemScopeOf(actor), queryKey(q)].join('|');
      return cachedAnswer(bodies, key, make);
    },
  };
}
