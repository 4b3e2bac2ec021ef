import { randomBytes } from 'node:crypto';
import type { PlanImportConfirmed, PlanImportReviewInput } from '@innocity/shared/api/plan-imports';
import type { FieldIssue } from '@innocity/shared/errors';
import { parseReviewedProposal, reviewToPack, type CodedUnit } from '@innocity/shared/importer/review-to-pack';
import type { PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { createPlanFromPack } from '../plans/plan-pack.service.ts';
import { applyCarryOver } from '../plans/carry-over.service.ts';
import { referencedUnits } from '../plans/pack-units.ts';
import { listPlans } from '../plans/plan.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import { canImportPlans } from './plan-import.policy.ts';
import * as repo from './plan-import.repo.ts';
import {
  alreadyConfirmed,
  firstMessages,
  getDraft,
  refuseConfirmed,
  summaryOf,
  unitList,
} from './plan-import.service.ts';

/**
 * Puts a reviewed draft in force: the proposal and the unit mapping become a plan pack (validated as
 * every pack is), then the missing units, the plan and the draft's new state are written in one
 * transaction, audited. A draft is confirmed once; a second confirmation is a conflict.
 */
export async function confirmPlanImport(
  db: Db,
  actor: Actor,
  draftId: string,
  input: PlanImportReviewInput,
  ctx: AuditContext,
): Promise<PlanImportConfirmed> {
  if (!canImportPlans(actor)) throw forbidden('只有科创委办公室和系统管理员可以导入方案');
  refuseConfirmed(await getDraft(db, draftId));
  const parsed = parseReviewedProposal(input.proposal);
  if (!parsed.ok) throw invalid(parsed.issues);
  const tree = await unitList(db, actor);
  const result = reviewToPack(parsed.proposal, input, tree, newUnitCodes(tree));
  if (!result.ok) throw invalid(result.issues);
  await refuseTakenCode(db, actor, result.pack);
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await getDraft(trx, draftId);
      const content = { proposal: parsed.proposal, review: { settings: input.settings, units: input.units } };
      if (!(await repo.claimDraft(trx, draftId, content, ctx.now))) throw alreadyConfirmed(before.planId);
      const pack = { ...result.pack, units: referencedUnits(result.pack) };
      const { planId, regionId } = await createPlanFromPack(trx, pack, ctx);
      // An office imports for the regions its roles reach; a plan naming another county is refused.
      if (!canReachRegion(actor, regionId))
        throw forbidden(`方案所属地区“${result.pack.plan.region}”不在您的管辖范围内`);
      await repo.setDraftPlan(trx, draftId, planId);
      // 沿用上一轮方案 asked for with the confirmation: part of the same transaction, so a refused
      // carry-over (another county's plan, an item the new plan has) leaves no plan and the draft open.
      const carriedOver = input.carryOver ? await applyCarryOver(trx, actor, planId, input.carryOver, ctx) : undefined;
      const createdUnits = await createdIds(
        trx,
        actor,
        result.created.map((u) => u.code),
      );
      const after = { ...summaryOf(before), status: 'confirmed', planId, code: result.pack.plan.code, createdUnits };
      await recordAudit(trx, ctx, {
        action: 'confirm',
        entityType: 'plan_import',
        entityId: draftId,
        planId,
        before: summaryOf(before),
        after,
      });
      return { planId, code: result.pack.plan.code, createdUnits, ...(carriedOver ? { carriedOver } : {}) };
    });
  } catch (err) {
    // Another plan took the code between the check above and the insert.
    if (isUniqueViolation(err)) throw codeTaken(result.pack.plan.code);
    throw err;
  }
}

function invalid(issues: FieldIssue[]) {
  return validationFailed(`方案还不能生效：${firstMessages(issues)}`, issues);
}

const codeTaken = (code: string) => {
  const message = `方案编码“${code}”已被其他方案使用，请换一个编码`;
  return conflict(message, { issues: [{ path: 'settings.code', message }] });
};

/** A plan code names one plan: loading a pack with a taken code would silently keep the old plan. */
async function refuseTakenCode(db: Db, actor: Actor, pack: PlanPack): Promise<void> {
  const plans = await listPlans(db, actor);
  if (plans.some((p) => p.code === pack.plan.code)) throw codeTaken(pack.plan.code);
}

/** Codes for new units that no unit of the tree uses (codes are ASCII; names are not). */
function newUnitCodes(tree: CodedUnit[]): (index: number) => string {
  const taken = new Set(tree.map((u) => u.code));
  return () => {
    let code: string;
    do code = `unit-${randomBytes(4).toString('hex')}`;
    while (taken.has(code));
    taken.add(code);
    return code;
  };
}

async function createdIds(trx: Db, actor: Actor, codes: string[]): Promise<{ id: string; name: string }[]> {
  if (codes.length === 0) return [];
  const byCode = new Map((await unitList(trx, actor)).map((u) => [u.code, u]));
  return codes.flatMap((c) => {
    const u = byCode.get(c);
    return u ? [{ id: u.id, name: u.name }] : [];
  });
}
