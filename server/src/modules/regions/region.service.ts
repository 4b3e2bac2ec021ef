import { randomUUID } from 'node:crypto';
import type { CreateRegionInput, Region, UpdateRegionInput } from '@innocity/shared/api/regions';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import { canManageRegionUnder, canManageRegions, canReadRegions } from './region.policy.ts';
import * as repo from './region.repo.ts';
import { isInSubtree, levelsForPath, regionPath } from './region-tree.ts';

const LEVEL_ORDER = { province: 0, city: 1, county: 2 } as const;

/** The regions the actor's roles reach, with their ancestors (so the tree shows where they sit). */
export async function listVisibleRegions(db: Db, actor: Actor): Promise<Region[]> {
  if (!canReadRegions(actor)) throw forbidden();
  const all = await repo.listRegions(db);
  if (actor.regionIds == null) return all;
  const shown = new Set(actor.regionIds.flatMap((id) => regionPath(all, id).map((r) => r.id)));
  return all.filter((r) => shown.has(r.id));
}

export async function createRegion(db: Db, actor: Actor, input: CreateRegionInput, ctx: AuditContext) {
  if (!canManageRegions(actor)) throw forbidden('只有系统管理员和省级管理员可以维护地区');
  return db.transaction().execute(async (trx) => {
    const all = await repo.listRegions(trx);
    await checkPlacement(all, actor, input.level, input.parentId, input.name, null);
    const region: Region = { id: randomUUID(), ...input, sortOrder: all.length };
    await repo.insertRegion(trx, region, ctx.now);
    await recordAudit(trx, ctx, { action: 'create', entityType: 'region', entityId: region.id, after: region });
    return region;
  });
}

export async function updateRegion(db: Db, actor: Actor, id: string, input: UpdateRegionInput, ctx: AuditContext) {
  if (!canManageRegions(actor)) throw forbidden('只有系统管理员和省级管理员可以维护地区');
  return db.transaction().execute(async (trx) => {
    const all = await repo.listRegions(trx);
    const before = all.find((r) => r.id === id);
    if (!before || !canReachRegion(actor, id)) throw notFound('地区');
    if (!canManageRegionUnder(actor, before.parentId)) throw forbidden('只能维护本级以下的地区');
    const after: Region = {
      ...before,
      name: input.name ?? before.name,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
    };
    if (after.parentId !== null && isInSubtree(all, id, after.parentId))
      throw validationFailed('不能把地区移到它自己或它的下级之下', [{ path: 'parentId', message: '上级地区无效' }]);
    await checkPlacement(all, actor, after.level, after.parentId, after.name, id);
    await repo.updateRegionRow(trx, after, ctx.now);
    await recordAudit(trx, ctx, { action: 'update', entityType: 'region', entityId: id, before, after });
    return after;
  });
}

/** A region sits under a higher level, inside the actor's reach, with no sibling of the same name. */
async function checkPlacement(
  all: Region[],
  actor: Actor,
  level: Region['level'],
  parentId: string | null,
  name: string,
  selfId: string | null,
): Promise<void> {
  const parent = parentId === null ? null : all.find((r) => r.id === parentId);
  if (parent === undefined) throw validationFailed('上级地区不存在', [{ path: 'parentId', message: '上级地区不存在' }]);
  if (!canManageRegionUnder(actor, parentId)) throw forbidden('只能在本级以下新建或移动地区');
  if (parent && LEVEL_ORDER[parent.level] >= LEVEL_ORDER[level])
    throw validationFailed('上级地区的层级须高于本地区（省 → 设区市 → 县（市、区））', [
      { path: 'parentId', message: '上级地区层级不对' },
    ]);
  if (all.some((r) => r.id !== selfId && r.parentId === parentId && r.name === name))
    throw conflict(`同一上级下已有地区“${name}”`);
}

/**
 * The county a pack names (江苏省 / 镇江市 / 句容市), made where missing, inside the caller's
 * transaction. A county of that name already at the top of the tree (as the regions migration
 * filed an existing plan's county) is moved under the path instead of duplicated.
 */
export async function ensureRegionPath(trx: Db, names: readonly string[], ctx: AuditContext): Promise<string> {
  const all = await repo.listRegions(trx);
  // A pack naming its county alone (the importer's, or a first-format pack) joins the county of
  // that name wherever the admin filed it.
  const alone = names.length === 1 ? all.filter((r) => r.name === names[0] && r.level === 'county') : [];
  if (alone.length === 1) return alone[0]!.id;
  const levels = levelsForPath(names.length);
  let parentId: string | null = null;
  for (const [i, name] of names.entries()) {
    let found = all.find((r) => r.parentId === parentId && r.name === name);
    if (!found && parentId !== null) {
      const orphan = all.find((r) => r.parentId === null && r.name === name && r.level === levels[i]);
      if (orphan) {
        found = { ...orphan, parentId };
        await repo.updateRegionRow(trx, found, ctx.now);
        orphan.parentId = parentId;
      }
    }
    if (!found) {
      found = { id: randomUUID(), name, level: levels[i]!, parentId, sortOrder: all.length };
      await repo.insertRegion(trx, found, ctx.now);
      await recordAudit(trx, ctx, { action: 'create', entityType: 'region', entityId: found.id, after: found });
      all.push(found);
    }
    parentId = found.id;
  }
  return parentId!;
}
