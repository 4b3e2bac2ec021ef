import { publicationListSchema } from '@innocity/shared/api/assessment';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../http/errors.ts';
import type { KnownPlan } from '../indicators/data-version.repo.ts';
import { cachedAnswer, VersionedCache } from '../indicators/response-cache.ts';
import { createPlanReader } from '../plans/plan-reader.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReadPublishedScores } from './assessment.policy.ts';
import * as repo from './assessment-publication.repo.ts';

/**
 * GET /api/plans/:planId/assessment/publications from bytes cached per (plan, data version): the
 * list is the same for everyone who may read published scores of a plan they may read, and both
 * rights are checked on every request before any byte or 304 is sent.
 */
export function createPublicationReader(db: Db, size = 64) {
  const plans = createPlanReader(db);
  const bodies = new VersionedCache<string>(size);
  return {
    async list(actor: Actor, planId: string, known?: KnownPlan) {
      if (!canReadPublishedScores(actor)) throw forbidden();
      const plan = await plans.readable(actor, planId, known);
      return cachedAnswer(bodies, `publications|${plan.key}`, async () =>
        JSON.stringify(publicationListSchema.parse({ items: await repo.listPublications(db, plan.planId) })),
      );
    },
  };
}
