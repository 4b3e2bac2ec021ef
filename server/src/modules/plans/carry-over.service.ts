import { randomUUID } from 'node:crypto';
import {
  carryOverInputSchema,
  type CarryOverInput,
  type CarryOverPreview,
  type CarryOverResult,
} from '@innocity/shared/api/plan-carry-over';
import type { PlanSummary } from '@innocity/shared/api/plans';
import type { FieldIssue } from '@innocity/shared/errors';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { insertLedgerTypes, listLedgerTypes, type LedgerTypeRecord } from '../ledgers/ledger-type.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import { canCarryOver, canReadPlan } from './plan.policy.ts';
import { findPlanSummary } from './plan.repo.ts';
import { wordingOf } from './plan-settings.service.ts';
import { upsertSettings } from './plan-settings.repo.ts';
import { countRows, copyRows, insertGroup, listGroups, type GroupRecord } from './carry-over.repo.ts';

/**
 * 沿用上一轮方案: a county's next plan takes from an earlier plan of the same county what the office
 * picks — unit groups, ledger types (fields, owners) with their rows, the documents' wording — in one
 * transaction. Units are the county's, not a plan's, so they need no copying: carried groups and
 * ledger owners name the same units. Nothing of the source plan changes; it may be archived.
 */

/** The new plan starts on 1 January after its base year: a row whose validity ended before is not "still valid". */
export const planStartDate = (plan: Pick<PlanSummary, 'baselineYear'>) => `${plan.baselineYear + 1}-01-01`;

/** What the source plan offers, with counts, and what the target already has (the conflicts). */
export async function previewCarryOver(
  db: Db,
  actor: Actor,
  targetId: string,
  sourceId: string,
): Promise<CarryOverPreview> {
  const { target, source } = await planPair(db, actor, targetId, sourceId);
  const startDate = planStartDate(target);
  const [c, counts] = await Promise.all([conflicts(db, target.id, source.id), countRows(db, source.id, startDate)]);
  const [srcWording, ownWording] = await Promise.all([wordingOf(db, source), wordingOf(db, target)]);
  return {
    source: { id: source.id, code: source.code, title: source.title, status: source.status },
    target: { id: target.id, code: target.code, title: target.title },
    startDate,
    unitGroups: c.groups.map(({ item, conflict }) => ({
      code: item.code,
      name: item.name,
      memberCount: item.memberIds.length,
      conflict,
    })),
    ledgerTypes: c.types.map(({ item, conflict }) => ({
      code: item.code,
      name: item.name,
      owners: item.owners.map((o) => o.name),
      validRows: counts.get(item.id)?.valid ?? 0,
      allRows: counts.get(item.id)?.all ?? 0,
      conflict,
    })),
    wordingDiffers: JSON.stringify(srcWording) !== JSON.stringify(ownWording),
  };
}

/** Carries what the office chose, all or nothing; any chosen item the new plan already has refuses the whole. */
export async function carryOver(
  db: Db,
  actor: Actor,
  targetId: string,
  input: CarryOverInput,
  ctx: AuditContext,
): Promise<CarryOverResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { target } = await planPair(trx, actor, targetId, input.sourcePlanId);
      return applyCarryOver(trx, actor, target.id, input, ctx);
    });
  } catch (err) {
    // Another carry-over stored the same code between our check and our insert; ours wrote nothing.
    if (isUniqueViolation(err)) throw conflict('其他人同时向本方案沿用了相同的内容，本次未写入任何数据，请刷新后重试');
    throw err;
  }
}

/**
 * The carry-over inside the caller's transaction (the import's confirm uses it for the plan it has
 * just created). Checks the actor, both plans and the choice again, so no caller can skip them.
 */
export async function applyCarryOver(
  trx: Db,
  actor: Actor,
  targetId: string,
  raw: CarryOverInput,
  ctx: AuditContext,
): Promise<CarryOverResult> {
  const parsed = carryOverInputSchema.safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      '沿用内容有误',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const input = parsed.data;
  const { target, source } = await planPair(trx, actor, targetId, input.sourcePlanId);
  if (input.unitGroups.length + input.ledgerTypes.length === 0 && !input.wording)
    throw validationFailed('请至少选择一项要沿用的内容', [{ path: 'ledgerTypes', message: '未选择任何内容' }]);
  const c = await conflicts(trx, target.id, source.id);
  const g = pick(c.groups, input.unitGroups, 'unitGroups', '单位组');
  const l = pick(c.types, input.ledgerTypes, 'ledgerTypes', '台账');
  refuseProblems([...g.unknown, ...l.unknown], [...g.clashes, ...l.clashes]);
  const [groups, types] = [g.chosen, l.chosen];

  for (const g of groups) await insertGroup(trx, target.id, g, ctx.now);
  const startDate = planStartDate(target);
  let rows = 0;
  const base = (await listLedgerTypes(trx, target.id)).reduce((m, t) => Math.max(m, t.position + 1), 0);
  for (const [i, t] of types.entries()) {
    const id = randomUUID();
    await insertLedgerTypes(
      trx,
      [
        {
          id,
          planId: target.id,
          code: t.code,
          name: t.name,
          ownerUnitIds: t.owners.map((o) => o.id),
          definition: { fields: t.fields, naturalKey: t.naturalKey, validity: t.validity },
          position: base + i,
        },
      ],
      ctx.now,
    );
    if (input.rows !== 'none')
      rows += await copyRows(
        trx,
        { planId: source.id, typeId: t.id },
        { planId: target.id, typeId: id },
        input.rows === 'valid' ? startDate : null,
      );
  }
  let wording: { before: unknown; after: unknown } | null = null;
  if (input.wording) {
    const after = await wordingOf(trx, source);
    wording = { before: await wordingOf(trx, target), after };
    await upsertSettings(trx, target.id, after, ctx.actor, ctx.now);
  }
  const result: CarryOverResult = {
    sourcePlanId: source.id,
    unitGroups: groups.length,
    ledgerTypes: types.length,
    rows,
    wording: wording !== null,
  };
  await recordAudit(trx, ctx, {
    action: 'carry_over',
    entityType: 'plan',
    entityId: target.id,
    planId: target.id,
    before: wording ? { wording: wording.before } : null,
    after: {
      ...result,
      sourceCode: source.code,
      unitGroupCodes: groups.map((g) => g.code),
      ledgerTypeCodes: types.map((t) => t.code),
      rowsMode: input.rows,
      startDate,
      ...(wording ? { wording: wording.after } : {}),
    },
  });
  return result;
}

/** Both plans, checked: the actor may carry into the target, reaches the source, and both are one county's. */
async function planPair(db: Db, actor: Actor, targetId: string, sourceId: string) {
  const target = await findPlanSummary(db, targetId);
  if (!target || !canReadPlan(actor, target)) throw notFound('方案');
  if (!canCarryOver(actor, target))
    throw forbidden('只有本县（市、区）的科创委办公室、管理员和系统管理员可以沿用上一轮方案');
  // Draft or 实施中 only: an expired (已到期) or archived plan is past taking over anything.
  if (target.status !== 'draft' && (target.status !== 'in_force' || target.expired))
    throw conflict('只有草稿或实施中的方案可以沿用上一轮方案');
  const source = await findPlanSummary(db, sourceId);
  if (!source) throw notFound('上一轮方案（sourcePlanId）');
  if (!canReachRegion(actor, source.regionId)) throw forbidden('上一轮方案（sourcePlanId）不属于您所在的地区');
  if (source.id === target.id) throw conflict('上一轮方案（sourcePlanId）不能是本方案', fieldIssue('不能是本方案'));
  if (source.regionId !== target.regionId)
    throw conflict(
      `上一轮方案（sourcePlanId）“${source.title}”与本方案不属于同一县（市、区），只能沿用本县（市、区）的方案`,
      fieldIssue('与本方案不属于同一县（市、区）'),
    );
  return { target, source };
}

const fieldIssue = (message: string) => ({ issues: [{ path: 'sourcePlanId', message }] });

interface Conflicts {
  groups: { item: GroupRecord; conflict: string | null }[];
  types: { item: LedgerTypeRecord; conflict: string | null }[];
}

/** Each item of the source, matched by code, then by name, against what the target holds. */
async function conflicts(db: Db, targetId: string, sourceId: string): Promise<Conflicts> {
  const [srcGroups, ownGroups, srcTypes, ownTypes] = await Promise.all([
    listGroups(db, sourceId),
    listGroups(db, targetId),
    listLedgerTypes(db, sourceId),
    listLedgerTypes(db, targetId),
  ]);
  const against = (own: { code: string; name: string }[], what: string) => (item: { code: string; name: string }) => {
    if (own.some((o) => o.code === item.code)) return `本方案已有编码为“${item.code}”的${what}`;
    if (own.some((o) => o.name === item.name)) return `本方案已有名为“${item.name}”的${what}`;
    return null;
  };
  const group = against(ownGroups, '单位组');
  const type = against(ownTypes, '台账');
  return {
    groups: srcGroups.map((item) => ({ item, conflict: group(item) })),
    types: srcTypes.map((item) => ({ item, conflict: type(item) })),
  };
}

/** The chosen items by code, and the problems per item: a code the source lacks, an item the target has. */
function pick<T extends { code: string; name: string }>(
  offered: { item: T; conflict: string | null }[],
  codes: string[],
  field: 'unitGroups' | 'ledgerTypes',
  what: string,
) {
  const unknown: FieldIssue[] = [];
  const clashes: FieldIssue[] = [];
  const chosen: T[] = [];
  for (const [i, code] of [...new Set(codes)].entries()) {
    const hit = offered.find((o) => o.item.code === code);
    if (!hit) unknown.push({ path: `${field}.${i}`, message: `上一轮方案中没有编码为“${code}”的${what}` });
    else if (hit.conflict)
      clashes.push({ path: `${field}.${i}`, message: `${what}“${hit.item.name}”：${hit.conflict}` });
    else chosen.push(hit.item);
  }
  return { chosen, unknown, clashes };
}

/** An unknown code is a 400; items the target already has are a 409 listing each; either way nothing is written. */
function refuseProblems(unknown: FieldIssue[], clashes: FieldIssue[]) {
  if (unknown.length > 0) throw validationFailed(unknown.map((u) => u.message).join('；'), unknown);
  if (clashes.length > 0)
    throw conflict(`以下内容本方案已有，未沿用任何内容：${clashes.map((c) => c.message).join('；')}`, {
      issues: clashes,
    });
}
