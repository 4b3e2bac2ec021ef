import { randomUUID } from 'node:crypto';
import type { AdjustmentInput, Scheme, UpdateSchemeInput } from '@innocity/shared/api/assessment';
import type { UnitNode } from '@innocity/shared/api/plans';
import { checkScheme, defaultSchemeBody, type SchemeBody } from '@innocity/shared/assessment/scheme';
import { wordingOf } from '../plans/plan-settings.service.ts';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { getPlan } from '../plans/plan.service.ts';
import { getUnitTree } from '../units/unit.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { canManageAssessment, canReadSchemes, canReadWorkingsOf } from './assessment.policy.ts';
import * as repo from './assessment.repo.ts';

/** A scheme of a plan the actor may read; otherwise it does not exist for them. */
export async function readableScheme(db: Db, actor: Actor, schemeId: string): Promise<repo.SchemeRecord> {
  if (!canReadSchemes(actor)) throw forbidden();
  const scheme = await repo.findScheme(db, schemeId);
  if (!scheme) throw notFound('考核方案');
  await getPlan(db, actor, scheme.planId);
  return scheme;
}

async function withAdjustments(db: Db, actor: Actor, s: repo.SchemeRecord): Promise<Scheme> {
  const all = await repo.listAdjustments(db, s.id);
  const adjustments = all
    .filter((a) => canReadWorkingsOf(actor, a.unitId))
    .map(({ schemeId: _s, planId: _p, ...a }) => a);
  return { ...s, adjustments };
}

/** The plan's schemes, newest year first, each with the bonus/deduction entries the actor may see. */
export async function listSchemes(db: Db, actor: Actor, planId: string): Promise<Scheme[]> {
  if (!canReadSchemes(actor)) throw forbidden();
  const plan = await getPlan(db, actor, planId);
  return Promise.all((await repo.listSchemes(db, plan.id)).map((s) => withAdjustments(db, actor, s)));
}

/** One scheme with its adjustments. */
export async function getScheme(db: Db, actor: Actor, schemeId: string): Promise<Scheme> {
  return withAdjustments(db, actor, await readableScheme(db, actor, schemeId));
}

function refuseInvalid(body: SchemeBody): void {
  const issues = checkScheme(body);
  if (issues.length) throw validationFailed(`考核方案有误：${issues[0]!.message}`, issues);
}

/** Creates the scheme of a year (the default one unless a body is given); one scheme per plan and year. */
export async function createScheme(
  db: Db,
  actor: Actor,
  planId: string,
  input: { year: number; body?: SchemeBody },
  ctx: AuditContext,
): Promise<Scheme> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以制定考核方案');
  const plan = await getPlan(db, actor, planId);
  const body = input.body ?? defaultSchemeBody(input.year, (await wordingOf(db, plan)).programme);
  refuseInvalid(body);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    if (await repo.findSchemeOfYear(trx, plan.id, input.year))
      throw conflict(`${input.year}年度已有考核方案，请直接修改`);
    await repo.insertScheme(
      trx,
      { ...body, id, planId: plan.id, year: input.year, version: 1 },
      ctx.actor?.id ?? null,
      ctx.now,
    );
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'assessment_scheme',
      entityId: id,
      planId: plan.id,
      after: { year: input.year, ...body },
    });
  });
  return getScheme(db, actor, id);
}

/** Saves a new body for the scheme: every rule checked, weights adding up to 100, and nobody else's save in between. */
export async function updateScheme(
  db: Db,
  actor: Actor,
  schemeId: string,
  input: UpdateSchemeInput,
  ctx: AuditContext,
): Promise<Scheme> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以修改考核方案');
  const before = await readableScheme(db, actor, schemeId);
  refuseInvalid(input.body);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateScheme(trx, schemeId, input.version, input.body, ctx.now)))
      throw conflict('考核方案已被他人修改，请刷新后再试');
    const { id: _i, planId: _p, version: _v, updatedAt: _u, ...old } = before;
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'assessment_scheme',
      entityId: schemeId,
      planId: before.planId,
      before: old,
      after: input.body,
    });
  });
  return getScheme(db, actor, schemeId);
}

const flatten = (nodes: UnitNode[]): UnitNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

async function checkAdjustment(db: Db, actor: Actor, scheme: repo.SchemeRecord, input: AdjustmentInput): Promise<void> {
  const unit = flatten(await getUnitTree(db, actor)).find((u) => u.id === input.unitId);
  if (!unit) throw validationFailed('单位不存在', [{ path: 'unitId', message: '单位不存在' }]);
  if (!input.date.startsWith(String(scheme.year))) {
    throw validationFailed(`认定日期须在${scheme.year}年度内`, [
      { path: 'date', message: `认定日期须在${scheme.year}年度内` },
    ]);
  }
}

/** Enters a bonus or deduction for a unit, with its reason and evidence. */
export async function addAdjustment(
  db: Db,
  actor: Actor,
  schemeId: string,
  input: AdjustmentInput,
  ctx: AuditContext,
): Promise<Scheme> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以认定加减分');
  const scheme = await readableScheme(db, actor, schemeId);
  await checkAdjustment(db, actor, scheme, input);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await repo.insertAdjustment(trx, { ...input, id, schemeId, planId: scheme.planId }, ctx.actor?.id ?? null, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'assessment_adjustment',
      entityId: id,
      planId: scheme.planId,
      after: input,
    });
  });
  return getScheme(db, actor, schemeId);
}

async function adjustmentOf(db: Db, actor: Actor, adjustmentId: string) {
  const schemeId = await repo.findAdjustmentScheme(db, adjustmentId);
  if (!schemeId) throw notFound('加减分记录');
  const scheme = await readableScheme(db, actor, schemeId);
  const [before] = await repo.listAdjustments(db, schemeId, adjustmentId);
  return { scheme, before: before! };
}

/** Corrects a bonus or deduction entry. */
export async function updateAdjustment(
  db: Db,
  actor: Actor,
  adjustmentId: string,
  input: AdjustmentInput,
  ctx: AuditContext,
): Promise<Scheme> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以认定加减分');
  const { scheme, before } = await adjustmentOf(db, actor, adjustmentId);
  await checkAdjustment(db, actor, scheme, input);
  await db.transaction().execute(async (trx) => {
    await repo.updateAdjustment(trx, { ...input, id: adjustmentId }, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'assessment_adjustment',
      entityId: adjustmentId,
      planId: scheme.planId,
      before,
      after: input,
    });
  });
  return getScheme(db, actor, scheme.id);
}

/** Removes a bonus or deduction entry; published score sets keep the ones they counted. */
export async function deleteAdjustment(db: Db, actor: Actor, adjustmentId: string, ctx: AuditContext): Promise<Scheme> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以认定加减分');
  const { scheme, before } = await adjustmentOf(db, actor, adjustmentId);
  await db.transaction().execute(async (trx) => {
    await repo.deleteAdjustment(trx, adjustmentId);
    await recordAudit(trx, ctx, {
      action: 'delete',
      entityType: 'assessment_adjustment',
      entityId: adjustmentId,
      planId: scheme.planId,
      before,
    });
  });
  return getScheme(db, actor, scheme.id);
}
