import type { PlanDetail, PlanSummary } from '@innocity/shared/api/plans';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../users/user.repo.ts';
import { conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { canChangePlanLifecycle, canReadPlan } from './plan.policy.ts';
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

const TABLE_LABELS: Record<string, string> = {
  ledger_rows: '台账记录',
  data_element_values: '填报数据',
  reporting_rounds: '填报轮次',
  assessment_schemes: '考核方案',
  bulletins: '通报',
  work_items: '工作事项',
};

/**
 * Withdraws an imported plan that nobody has worked on yet (a mistaken import): it leaves every
 * list but the office's, and its code stays taken so that nothing refers to a reused code.
 */
export async function withdrawPlan(db: Db, actor: Actor, planId: string, ctx: AuditContext): Promise<PlanSummary> {
  return db.transaction().execute(async (trx) => {
    const plan = await lifecyclePlan(trx, actor, planId);
    if (!plan.imported) throw conflict('只有通过导入生效的方案可以撤回');
    if (plan.status !== 'in_force') throw conflict('只有实施中的方案可以撤回');
    const work = await repo.workOnPlan(trx, planId);
    if (work.length > 0)
      throw conflict(`方案已有${work.map((t) => TABLE_LABELS[t] ?? t).join('、')}，不能撤回；到期后可归档`);
    return changeStatus(trx, plan, 'withdrawn', 'withdraw', ctx);
  });
}

/** Archives a plan whose target year has passed (已到期), or one already closed; it stays readable. */
export async function archivePlan(db: Db, actor: Actor, planId: string, ctx: AuditContext): Promise<PlanSummary> {
  return db.transaction().execute(async (trx) => {
    const plan = await lifecyclePlan(trx, actor, planId);
    const due = (plan.status === 'in_force' && plan.expired) || plan.status === 'closed';
    if (!due) throw conflict(plan.status === 'in_force' ? '方案尚未到期，不能归档' : '该方案不能归档');
    return changeStatus(trx, plan, 'archived', 'archive', ctx);
  });
}

async function lifecyclePlan(db: Db, actor: Actor, planId: string): Promise<PlanSummary> {
  // FOR UPDATE before reading the status: it waits for every write to the plan that has passed the
  // write guard (they hold FOR KEY SHARE on this row until they commit, plan-write-guard.ts), and
  // a write that starts now waits for this transaction, then reads the new status and is refused.
  // SQLite needs nothing: its one connection runs this transaction alone.
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select id from plans where id = ${planId} for update`.execute(db);
  const plan = await repo.findPlanSummary(db, planId);
  if (!plan || !canReadPlan(actor, plan)) throw notFound('方案');
  if (!canChangePlanLifecycle(actor, plan)) throw forbidden('只有本地区的科创委办公室和系统管理员可以撤回或归档方案');
  return plan;
}

async function changeStatus(db: Db, plan: PlanSummary, to: PlanSummary['status'], action: string, ctx: AuditContext) {
  // Conditional on the status read above: of two concurrent changes, the second finds it moved.
  if (!(await repo.setPlanStatus(db, plan.id, plan.status, to, ctx.now)))
    throw conflict('方案状态已被他人修改，请刷新');
  const after = { ...plan, status: to };
  await recordAudit(db, ctx, {
    action,
    entityType: 'plan',
    entityId: plan.id,
    planId: plan.id,
    before: { status: plan.status },
    after: { status: to },
  });
  return after;
}
