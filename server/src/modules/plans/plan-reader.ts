import { planDetailSchema, type PlanDetail } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { planAndVersion, type KnownPlan } from '../indicators/data-version.repo.ts';
import type { VersionedAnswer } from '../indicators/indicator-reader.ts';
import { etagOf, VersionedCache } from '../indicators/response-cache.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReadPlan } from './plan.policy.ts';
import * as repo from './plan.repo.ts';

/**
 * GET /api/plans/:planId served like the indicators: the plan and its data version in one query,
 * then the detail and its serialized bytes cached per (plan, version). The detail is the same for
 * every caller who may read it, so the caller's right is checked on every request against the
 * cached detail, before any byte or 304 is sent. No expiry: a write moves the version.
 */
export function createPlanReader(db: Db, size = 64) {
  const details = new VersionedCache<{ detail: PlanDetail; body: string } | null>(size);
  /** The plan the actor may read and its data version: one query when the detail is cached. */
  async function readable(actor: Actor, idOrCode: string, known?: KnownPlan) {
    const found = await planAndVersion(db, idOrCode, known);
    if (!found) throw notFound('方案');
    const key = `plan|${found.plan.id}|${found.version}`;
    const cached = await details.get(key, async () => {
      const detail = await repo.findPlanDetail(db, found.plan.id);
      // Checked against the response schema once per version instead of on every request.
      return detail ? { detail, body: JSON.stringify(planDetailSchema.parse(detail)) } : null;
    });
    if (!cached || !canReadPlan(actor, cached.detail)) throw notFound('方案');
    return { planId: found.plan.id, version: found.version, key, body: cached.body };
  }
  return {
    readable,
    async detail(actor: Actor, idOrCode: string, known?: KnownPlan): Promise<VersionedAnswer> {
      const { key, body } = await readable(actor, idOrCode, known);
      return { etag: etagOf(key), body: async () => body };
    },
  };
}

export type PlanReader = ReturnType<typeof createPlanReader>;
