import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { PackUnit } from '@innocity/shared/plan-pack';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { CreateUnitInput, MoveUnitInput, Unit, UpdateUnitInput } from '@innocity/shared/api/units';
import type { Actor } from '../users/user.repo.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { canManageUnits, canReadUnits } from './unit.policy.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import * as repo from './unit.repo.ts';

/** The whole org tree, disabled units included and flagged; every signed-in user may read it. */
export async function getUnitTree(db: Db, actor: Actor): Promise<UnitNode[]> {
  if (!canReadUnits(actor)) throw forbidden();
  return repo.toTree((await repo.listUnits(db)).filter((u) => canReachRegion(actor, u.regionId ?? null)));
}

/** Adds a unit to the tree, at the end of its parent's children unless a position is given. */
export async function createUnit(db: Db, actor: Actor, input: CreateUnitInput, ctx: AuditContext): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('只有系统管理员可以维护单位');
  return db.transaction().execute(async (trx) => {
    // A new unit joins its parent's county; a top-level one the deployment's only county, if it has one.
    // A county's admin adds top-level units to its own county (the region-scope hook fenced the parent).
    const regionId = input.parentId
      ? ((await getLiveParent(trx, input.parentId)).regionId ?? null)
      : actor.regionIds != null
        ? ownCounty(actor)
        : await onlyCounty(trx);
    await refuseClash(trx, input.code, input.name, undefined, regionId);
    const unit: Unit & { regionId: string | null } = {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      fullName: input.fullName,
      aliases: input.aliases,
      kind: input.kind,
      parentId: input.parentId,
      sortOrder: input.sortOrder ?? (await repo.maxSortOrder(trx, input.parentId)) + 1,
      disabled: false,
      regionId,
    };
    await repo.insertUnit(trx, unit, ctx.now);
    await recordAudit(trx, ctx, { action: 'create', entityType: 'unit', entityId: unit.id, after: unit });
    return unit;
  });
}

/** Changes a unit's code, names, kind or position among its siblings. */
export async function updateUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  input: UpdateUnitInput,
  ctx: AuditContext,
): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('只有系统管理员可以维护单位');
  return db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, unitId);
    const after: Unit = { ...before, ...definedOnly(input) };
    if (after.code !== before.code || after.name !== before.name)
      await refuseClash(trx, after.code, after.name, unitId, before.regionId ?? null);
    await repo.updateUnit(trx, after, ctx.now);
    await recordAudit(trx, ctx, { action: 'update', entityType: 'unit', entityId: unitId, before, after });
    return after;
  });
}

/** Moves a unit under another parent (or to the top); a unit never moves below itself. */
export async function moveUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  input: MoveUnitInput,
  ctx: AuditContext,
): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('只有系统管理员可以维护单位');
  return db.transaction().execute(async (trx) => {
    const before = await getUnit(trx, unitId);
    if (input.parentId) {
      await getLiveParent(trx, input.parentId);
      if (isSelfOrDescendant(await repo.listUnits(trx), unitId, input.parentId)) {
        throw validationFailed('不能把单位移到它自己或它的下级单位之下', [
          { path: 'parentId', message: '上级单位不能是它自己或它的下级' },
        ]);
      }
    }
    const sortOrder = input.sortOrder ?? (await repo.maxSortOrder(trx, input.parentId)) + 1;
    // Moved under a parent, a unit joins the parent's county.
    const regionId = input.parentId ? ((await repo.findUnit(trx, input.parentId))?.regionId ?? null) : before.regionId;
    const after: repo.UnitRecord = { ...before, parentId: input.parentId, sortOrder, regionId };
    await repo.updateUnit(trx, after, ctx.now);
    await recordAudit(trx, ctx, { action: 'move', entityType: 'unit', entityId: unitId, before, after });
    return after;
  });
}

/** Disables or re-enables a unit. A unit with enabled sub-units stays enabled until they are disabled. */
export async function setUnitDisabled(
  db: Db,
  actor: Actor,
  unitId: string,
  disabled: boolean,
  ctx: AuditContext,
): Promise<Unit> {
  if (!canManageUnits(actor)) throw forbidden('只有系统管理员可以维护单位');
  return db.transaction().execute(async (trx) => {
    const units = await repo.listUnits(trx);
    const before = units.find((u) => u.id === unitId);
    if (!before) throw notFound('单位');
    const liveChildren = units.filter((u) => u.parentId === unitId && !u.disabled);
    if (disabled && liveChildren.length > 0)
      throw conflict(`请先停用其下级单位：${liveChildren.map((u) => u.name).join('、')}`);
    const parent = units.find((u) => u.id === before.parentId);
    if (!disabled && parent?.disabled) throw conflict(`上级单位“${parent.name}”已停用，请先启用上级单位`);
    const after: Unit = { ...before, disabled };
    await repo.updateUnit(trx, after, ctx.now);
    await recordAudit(trx, ctx, {
      action: disabled ? 'disable' : 'enable',
      entityType: 'unit',
      entityId: unitId,
      before,
      after,
    });
    return after;
  });
}

/** Units that accounts may be assigned to: they exist and are enabled. Reports each bad id in Chinese. */
export async function checkAssignableUnits(db: Db, unitIds: string[]): Promise<void> {
  const found = new Map((await repo.findUnits(db, unitIds)).map((u) => [u.id, u]));
  const issues = unitIds.flatMap((id, i) => {
    const u = found.get(id);
    if (!u) return [{ path: `unitIds.${i}`, message: '单位不存在' }];
    return u.disabled ? [{ path: `unitIds.${i}`, message: `单位“${u.name}”已停用` }] : [];
  });
  if (issues.length > 0) throw validationFailed(`所选单位有误：${issues.map((x) => x.message).join('；')}`, issues);
}

async function getUnit(db: Db, id: string): Promise<repo.UnitRecord> {
  const unit = await repo.findUnit(db, id);
  if (!unit) throw notFound('单位');
  return unit;
}

function ownCounty(actor: Actor): string {
  if (actor.regionIds?.length !== 1)
    throw forbidden('请在本地区的上级单位下添加单位（parentId）：您的角色覆盖多个地区，顶级单位归属不明');
  return actor.regionIds[0]!;
}

async function onlyCounty(db: Db): Promise<string | null> {
  const counties = await db.selectFrom('regions').select('id').where('level', '=', 'county').limit(2).execute();
  return counties.length === 1 ? counties[0]!.id : null;
}

async function getLiveParent(db: Db, parentId: string): Promise<repo.UnitRecord> {
  const parent = await repo.findUnit(db, parentId);
  if (!parent) throw validationFailed('上级单位不存在', [{ path: 'parentId', message: '上级单位不存在' }]);
  if (parent.disabled)
    throw validationFailed(`上级单位“${parent.name}”已停用`, [{ path: 'parentId', message: '上级单位已停用' }]);
  return parent;
}

async function refuseClash(
  db: Db,
  code: string,
  name: string,
  exceptId?: string,
  regionId: string | null = null,
): Promise<void> {
  const clash = await repo.findClash(db, code, name, exceptId, regionId);
  if (!clash) return;
  throw conflict(clash.code === code ? `单位编码“${code}”已被“${clash.name}”使用` : `已有名为“${name}”的单位`);
}

/** True when `candidate` is the unit itself or lies in its subtree. */
function isSelfOrDescendant(units: Unit[], unitId: string, candidate: string): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  for (
    let at: string | null | undefined = candidate, hops = 0;
    at && hops <= units.length;
    at = parentOf.get(at), hops++
  ) {
    if (at === unitId) return true;
  }
  return false;
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Adds a pack's units that the county's tree lacks (matched by code within the county); units already
 * there are left as the admin keeps them. Returns a resolver from the names and aliases a plan uses to
 * unit ids — the county's own units only, so 各镇（街道） and 市科技局 never reach another county.
 * A pack code another county already uses is stored with a suffix (codes are unique per deployment).
 */
export async function ensurePackUnits(
  trx: Db,
  units: PackUnit[],
  ctx: AuditContext,
  regionId: string | null = null,
): Promise<Map<string, string>> {
  const all = await repo.listUnits(trx);
  const mine = all.filter((u) => (u.regionId ?? null) === regionId);
  const taken = new Set(all.map((u) => u.code));
  const idByCode = new Map<string, string>();
  for (const u of units) {
    const found = mine.find((m) => m.code === u.code || m.code.startsWith(`${u.code}--`));
    if (found) idByCode.set(u.code, found.id);
  }
  for (const [index, u] of units.entries()) {
    if (idByCode.has(u.code)) continue;
    let code = u.code;
    for (let n = 2; taken.has(code); n++) code = `${u.code}--${n}`;
    taken.add(code);
    const record: repo.UnitRecord = {
      id: randomUUID(),
      code,
      name: u.name,
      fullName: u.fullName ?? null,
      aliases: u.aliases,
      kind: u.kind,
      parentId: u.parent ? (idByCode.get(u.parent) ?? null) : null,
      sortOrder: index,
      disabled: false,
      regionId,
    };
    await repo.insertUnit(trx, record, ctx.now);
    idByCode.set(u.code, record.id);
    await recordAudit(trx, ctx, { action: 'create', entityType: 'unit', entityId: record.id, after: record });
  }
  const byName = new Map<string, string>();
  for (const u of await repo.listUnits(trx)) {
    if ((u.regionId ?? null) !== regionId) continue;
    for (const name of [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]) byName.set(name, u.id);
  }
  return byName;
}
