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

/** The wording of the plan's documents (issuer, 主送, 抄送 …) is the office's (and the admin's) to set. */
export const canEditPlanSettings = (actor: Actor): boolean => actor.roles.some((r) => r === 'admin' || r === 'office');
/** The office (or admin) of the plan's region withdraws and archives it. */
export const canChangePlanLifecycle = (actor: Actor, plan: Pick<PlanSummary, 'regionId'>) =>
  isOfficeLike(actor) && canReachRegion(actor, plan.regionId);
/** 沿用上一轮方案 is for the office or admin of the plan's county (and the deployment admin). */
export const canCarryOver = (actor: Actor, plan: Pick<PlanSummary, 'regionId'>) =>
  isOfficeLike(actor) && canReachRegion(actor, plan.regionId);
