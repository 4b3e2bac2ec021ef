import type { Actor } from '../users/user.repo.ts';
import type { PlanSummary } from '@innocity/shared/api/plans';

/** A plan in force or closed is read by every role; a draft plan only by admin and office. */
export function canReadPlan(actor: Actor, plan: Pick<PlanSummary, 'status'>): boolean {
  if (plan.status !== 'draft') return actor.roles.length > 0;
  return actor.roles.some((r) => r === 'admin' || r === 'office');
}

/** The wording of the plan's documents (issuer, 主送, 抄送 …) is the office's (and the admin's) to set. */
export const canEditPlanSettings = (actor: Actor): boolean => actor.roles.some((r) => r === 'admin' || r === 'office');
