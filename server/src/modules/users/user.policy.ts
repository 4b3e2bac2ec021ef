import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from './user.repo.ts';
import { canReachRegion, hasRole } from './scope.policy.ts';

// Who manages which accounts. Three managers:
// - the deployment's admin (admin granted without a region): every account, every role;
// - a county admin (admin granted in a region): the accounts of its region (the region-scope hook
//   refuses any other account's id), granting the county's roles in its region only;
// - a 省级管理员 (province_admin): the county admins of its subtree, nothing else.

/** The roles a county grants; the province roles are the deployment admin's to grant. */
export const COUNTY_ROLES: readonly Role[] = ['admin', 'office', 'leader', 'inspector', 'reporter', 'approver'];

/** Admin (of the deployment or of a county) or 省级管理员: lists, reads, creates and changes accounts. */
export const canManageUsers = (actor: Actor) => hasRole(actor, 'admin', 'province_admin');

/** A province admin without an admin grant manages county admins only. */
const managesCountyAdminsOnly = (actor: Actor) => !hasRole(actor, 'admin') && hasRole(actor, 'province_admin');

/**
 * Why the actor may not give an account these roles in this region, or null when it may. The
 * deployment's admin grants anything; everyone else grants only inside the regions it reaches.
 */
export function grantRefusal(actor: Actor, roles: readonly Role[], regionId: string | null): string | null {
  if (actor.regionIds == null && hasRole(actor, 'admin')) return null;
  if (regionId === null || !canReachRegion(actor, regionId))
    return '只能在本地区（及下级地区）内授予角色，请选择所属地区（regionId）';
  if (managesCountyAdminsOnly(actor))
    return roles.every((r) => r === 'admin') ? null : '省级管理员只能设置所辖地区的系统管理员（roles）';
  const beyond = roles.filter((r) => !COUNTY_ROLES.includes(r));
  return beyond.length === 0 ? null : '省级角色只能由全平台的系统管理员授予（roles）';
}

/** True when the actor may change (or reset the password of) this existing account. */
export const canManageAccount = (actor: Actor, target: { roles: readonly Role[] }) =>
  canManageUsers(actor) && (!managesCountyAdminsOnly(actor) || target.roles.every((r) => r === 'admin'));

/** The admin resets other people's passwords; their own they change as everyone does (knowing the old one). */
export const canResetPassword = (actor: Actor, target: { id: string; roles?: readonly Role[] }) =>
  canManageUsers(actor) && actor.id !== target.id && canManageAccount(actor, { roles: target.roles ?? [] });

/** Every signed-in user changes their own password, including one who must change it now. */
export const canChangeOwnPassword = (actor: Actor) => actor.id.length > 0;

/** An admin may not disable themselves or drop their own admin role: the platform would lose its last way in. */
export const canChangeOwnAdminAccess = (actor: Actor, target: { id: string }) => actor.id !== target.id;
