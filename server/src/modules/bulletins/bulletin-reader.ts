import { bulletinListSchema } from '@innocity/shared/api/bulletins';
import type { Db } from '../../db/connection.ts';
import type { KnownPlan } from '../indicators/data-version.repo.ts';
import type { VersionedAnswer } from '../indicators/indicator-reader.ts';
import { etagOf, VersionedCache } from '../indicators/response-cache.ts';
import type { PlanReader } from '../plans/plan-reader.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReadPublished } from '../users/scope.policy.ts';
import { canManageBulletins, canReadBulletin } from './bulletin.policy.ts';
import * as repo from './bulletin.repo.ts';

/**
 * GET /api/plans/:planId/bulletins from a cache keyed by (plan, data version, what the caller may
 * see: published ones, drafts): the plan's right and version in one query, the bytes made once.
 */
export function createBulletinReader(db: Db, plans: PlanReader, size = 128) {
  const bodies = new VersionedCache<string>(size);
  return {
    async list(actor: Actor, planId: string, known?: KnownPlan): Promise<VersionedAnswer> {
      const plan = await plans.readable(actor, planId, known);
      const sees = `${canReadPublished(actor) ? 'P' : '-'}${canManageBulletins(actor) ? 'D' : '-'}`;
      const key = `bulletins|${plan.key}|${sees}`;
      return {
        etag: etagOf(key),
        body: () =>
          bodies.get(key, async () => {
            const items = (await repo.listBulletins(db, plan.planId))
              .filter((b) => canReadBulletin(actor, b))
              .map(({ content: _c, ...s }) => s);
            return JSON.stringify(bulletinListSchema.parse({ items }));
          }),
      };
    },
  };
}
