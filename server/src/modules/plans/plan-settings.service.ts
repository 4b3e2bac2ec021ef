import {
  defaultWording,
  planWordingSchema,
  type PlanSettings,
  type PlanWording,
  type UpdatePlanSettingsInput,
} from '@innocity/shared/api/plan-settings';
import type { PlanPack } from '@innocity/shared/plan-pack';
import type { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canEditPlanSettings } from './plan.policy.ts';
import { getPlan } from './plan.service.ts';
import * as repo from './plan-settings.repo.ts';
import type { updatePlanSettingsInputSchema } from '@innocity/shared/api/plan-settings';

/**
 * The wording a plan's documents print: the office's (or the pack's) when stored, else the one
 * derived from the plan's region. Internal: callers have already checked the actor reads the plan.
 */
export async function wordingOf(db: Db, plan: { id: string; region: string }): Promise<PlanWording> {
  const row = await repo.findSettings(db, plan.id);
  return row ? repo.wordingOfRow(row) : defaultWording(plan.region);
}

/** The pack's wording over the region's defaults, stored with the plan as it is created. */
export async function storePackWording(trx: Db, planId: string, pack: PlanPack, now: string): Promise<void> {
  const wording = planWordingSchema.parse({ ...defaultWording(pack.plan.region), ...pack.wording });
  await repo.upsertSettings(trx, planId, wording, null, now);
}

/** The settings form's content: office and admin only (other roles never need it: documents carry the words). */
export async function getPlanSettings(db: Db, actor: Actor, planId: string): Promise<PlanSettings> {
  const plan = await getPlan(db, actor, planId);
  if (!canEditPlanSettings(actor)) throw forbidden('只有科创委办公室可以查看和修改方案的发文设置');
  const row = await repo.findSettings(db, plan.id);
  return {
    wording: row ? repo.wordingOfRow(row) : defaultWording(plan.region),
    updatedAt: row?.updated_by_name ? row.updated_at : null,
    updatedBy: row?.updated_by_name ?? null,
  };
}

/** Saves the office's wording, with before and after in the audit log in the same transaction. */
export async function updatePlanSettings(
  db: Db,
  actor: Actor,
  planId: string,
  input: z.output<typeof updatePlanSettingsInputSchema> | UpdatePlanSettingsInput,
  ctx: AuditContext,
): Promise<PlanSettings> {
  const plan = await getPlan(db, actor, planId);
  if (!canEditPlanSettings(actor)) throw forbidden('只有科创委办公室可以修改方案的发文设置');
  const wording = planWordingSchema.parse(input.wording);
  await db.transaction().execute(async (trx) => {
    await repo.lockSettings(trx, plan.id);
    const before = await wordingOf(trx, plan);
    await repo.upsertSettings(trx, plan.id, wording, ctx.actor, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'plan_settings',
      entityId: plan.id,
      planId: plan.id,
      before,
      after: wording,
    });
  });
  return getPlanSettings(db, actor, plan.id);
}
