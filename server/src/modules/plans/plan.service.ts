import type { PlanDetail, PlanSummary } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../users/user.repo.ts';
import { notFound } from '../../http/errors.ts';
import { canReadPlan } from './plan.policy.ts';
import * as repo from './plan.repo.ts';

/** The plans this actor may read. */
export async function listPlans(db: Db, actor: Actor): Promise<PlanSummary[]> {
  return (await repo.listPlans(db)).filter((p) => canReadPlan(actor, p));
}

/** One plan with areas, tasks, units, indicators, phases and measures; a plan the actor may not read does not exist for them. */
export async function getPlan(db: Db, actor: Actor, planId: string): Promise<PlanDetail> {
  const plan = await repo.findPlanDetail(db, planId);
  if (!plan || !canReadPlan(actor, plan)) throw notFound('方案');
  return plan;
}
