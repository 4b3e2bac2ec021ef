import type { Actor } from '../users/user.repo.ts';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { canReachRegion, isOfficeLike } from '../users/scope.policy.ts';

/**
 * A plan is read by the roles granted in its region (or above it). In force, expired or archived:
 * every such role; a draft or a withdrawn plan only by admin and office.
 */
export function canReadPlan(actor: Actor, plan: Pick<PlanSummary, 'status'> & { regionId?: string | null }): boolean {
  if (actor.roles.length === 0 || !canReachRegion(actor, plan.regionId ?? null)) return false;
  if (plan.status === 'draft' || plan.status === 'withdrawn') return isOfficeLike(actor);
  return true;
}

/** The office (or admin) of the plan's region withdraws and archives it. */
export const canChangePlanLifecycle = (actor: Actor, plan: Pick<PlanSummary, 'regionId'>) =>
  isOfficeLike(actor) && canReachRegion(actor, plan.regionId);
