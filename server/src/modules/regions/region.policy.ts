import type { Actor } from '../users/user.repo.ts';
import { canReachRegion, hasRole } from '../users/scope.policy.ts';

/** Every signed-in role reads the regions its roles reach (the switcher groups plans by them). */
export const canReadRegions = (actor: Actor) => actor.roles.length > 0;

/**
 * The deployment's admin edits the whole tree; a 省级管理员 edits below the region it is granted
 * (adds a 设区市 or a county, renames one), never its own region or anything outside it.
 */
export const canManageRegionUnder = (actor: Actor, parentId: string | null) =>
  hasRole(actor, 'admin') || (hasRole(actor, 'province_admin') && parentId !== null && canReachRegion(actor, parentId));

export const canManageRegions = (actor: Actor) => hasRole(actor, 'admin', 'province_admin');
