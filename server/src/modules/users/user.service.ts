import { randomUUID } from 'node:crypto';
import { findRegion, listRegions } from '../regions/region.repo.ts';
import { subtreeIds } from '../regions/region-tree.ts';
import { findUnits } from '../units/unit.repo.ts';
import type { Role } from '@innocity/shared/api/auth';
import {
  UNIT_SCOPED_ROLES,
  UNITS_REQUIRED_MESSAGE,
  type CreateUserInput,
  type UpdateUserInput,
  type User,
  type UserList,
  type UserListQuery,
} from '@innocity/shared/api/users';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { signOutEverywhere } from '../auth/auth.service.ts';
import { assertPasswordPolicy, hashPassword } from '../auth/password.ts';
import { checkAssignableUnits } from '../units/unit.service.ts';
import { canChangeOwnAdminAccess, canManageAccount, canManageUsers, grantRefusal } from './user.policy.ts';
import { scopeOf } from '../regions/region-scope.sql.ts';
import * as repo from './user.repo.ts';
import type { Actor } from './user.repo.ts';

const MANAGE_REFUSED = '只有系统管理员可以管理账号';
export const ACCOUNT_REFUSED = '省级管理员只能管理所辖地区系统管理员的账号';

/** Accounts matching the filter (admin only). */
export async function listUsers(db: Db, actor: Actor, query: UserListQuery): Promise<UserList> {
  if (!canManageUsers(actor)) throw forbidden(MANAGE_REFUSED);
  // A county's admin sees its county's accounts; a province admin the county admins below it.
  const items = (await repo.listUserViews(db, query, scopeOf(actor))).filter((u) => canManageAccount(actor, u));
  return { items, total: items.length };
}

/** One account (admin only). */
export async function getUser(db: Db, actor: Actor, userId: string): Promise<User> {
  if (!canManageUsers(actor)) throw forbidden(MANAGE_REFUSED);
  const user = await getView(db, userId);
  if (!canManageAccount(actor, user)) throw forbidden(ACCOUNT_REFUSED);
  return user;
}

/** Creates an account whose temporary password must be changed at first login. */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput, ctx: AuditContext): Promise<User> {
  if (!canManageUsers(actor)) throw forbidden(MANAGE_REFUSED);
  input = { ...input, regionId: input.regionId ?? ownRegion(actor) };
  refuseGrant(actor, input.roles, input.regionId);
  assertPasswordPolicy(input.initialPassword, input.username, 'initialPassword', '初始密码', [input.displayName]);
  await refuseTakenUsername(db, input.username);
  await checkAssignableUnits(db, input.unitIds);
  await checkGrantRegion(db, input.regionId, input.unitIds);
  const passwordHash = await hashPassword(input.initialPassword);
  const id = randomUUID();
  return uniqueUsername(() =>
    db.transaction().execute(async (trx) => {
      const { initialPassword: _secret, ...fields } = input;
      await repo.insertUser(trx, { ...fields, id, passwordHash, mustChangePassword: true, now: ctx.now });
      const after = await getView(trx, id);
      await recordAudit(trx, ctx, { action: 'create', entityType: 'user', entityId: id, after });
      return after;
    }),
  );
}

/** Changes an account; disabling it also signs it out everywhere. */
export async function updateUser(
  db: Db,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
  ctx: AuditContext,
): Promise<User> {
  if (!canManageUsers(actor)) throw forbidden(MANAGE_REFUSED);
  const before = await getView(db, userId);
  if (!canManageAccount(actor, before)) throw forbidden(ACCOUNT_REFUSED);
  const roles = input.roles ?? before.roles;
  const unitIds = input.unitIds ?? before.units.map((u) => u.id);
  const disabled = input.disabled ?? before.disabled;
  if (roles.some((r) => UNIT_SCOPED_ROLES.includes(r)) && unitIds.length === 0) {
    throw validationFailed(UNITS_REQUIRED_MESSAGE, [{ path: 'unitIds', message: UNITS_REQUIRED_MESSAGE }]);
  }
  refuseLosingOwnAdmin(actor, before, roles, disabled);
  const regionId = input.regionId === undefined ? before.regionId : input.regionId;
  if (input.roles || input.regionId !== undefined) refuseGrant(actor, roles, regionId);
  if (input.regionId !== undefined || input.unitIds) await checkGrantRegion(db, regionId, unitIds);
  if (input.username && input.username !== before.username) await refuseTakenUsername(db, input.username, userId);
  if (input.unitIds)
    await checkAssignableUnits(
      db,
      input.unitIds.filter((id) => !before.units.some((u) => u.id === id)),
    );
  return uniqueUsername(() =>
    db.transaction().execute(async (trx) => {
      await repo.updateUserFields(trx, userId, input, ctx.now);
      if (input.roles || input.regionId !== undefined) await repo.replaceUserRoles(trx, userId, roles, regionId);
      if (input.unitIds) await repo.replaceUserUnits(trx, userId, input.unitIds);
      if (disabled && !before.disabled) await signOutEverywhere(trx, userId, ctx.now);
      const after = await getView(trx, userId);
      await recordAudit(trx, ctx, { action: 'update', entityType: 'user', entityId: userId, before, after });
      return after;
    }),
  );
}

/** Refuses (403, naming the field) a grant outside what the actor may give (see user.policy.ts). */
function refuseGrant(actor: Actor, roles: readonly Role[], regionId: string | null): void {
  const refusal = grantRefusal(actor, roles, regionId);
  if (refusal) throw forbidden(refusal);
}

/** A county admin's new accounts default to its own county (the only region it is granted in). */
function ownRegion(actor: Actor): string | null {
  return actor.regionIds?.length === 1 ? actor.regionIds[0]! : null;
}

/** The grant's region exists, and the account's units belong to it (a 句容市 reporter reports for 句容市's units). */
async function checkGrantRegion(db: Db, regionId: string | null, unitIds: string[]): Promise<void> {
  if (regionId === null) return;
  if (!(await findRegion(db, regionId)))
    throw validationFailed('所属地区不存在', [{ path: 'regionId', message: '所属地区不存在' }]);
  const reach = subtreeIds(await listRegions(db), [regionId]);
  const outside = (await findUnits(db, unitIds)).filter((u) => !reach.includes(u.regionId ?? ''));
  if (outside.length > 0) {
    const message = `单位不属于所选地区：${outside.map((u) => u.name).join('、')}`;
    throw validationFailed(message, [{ path: 'unitIds', message }]);
  }
}

/** An account as a view, or not_found. */
export async function getView(db: Db, userId: string): Promise<User> {
  const user = await repo.findUserView(db, userId);
  if (!user) throw notFound('用户');
  return user;
}

/** An admin cannot lock themselves out; since only an enabled admin gets here, one admin always remains. */
function refuseLosingOwnAdmin(actor: Actor, before: User, roles: Role[], disabled: boolean): void {
  const losesAdmin = before.roles.includes('admin') && !before.disabled && (!roles.includes('admin') || disabled);
  if (losesAdmin && !canChangeOwnAdminAccess(actor, before))
    throw forbidden(disabled ? '不能停用自己的账号' : '不能移除自己的系统管理员角色');
}

async function refuseTakenUsername(db: Db, username: string, exceptId?: string): Promise<void> {
  if (await repo.isUsernameTaken(db, username, exceptId)) throw conflict(`用户名“${username}”已被使用`);
}

/** Two admins creating the same username at once: the unique index decides, the loser gets a conflict. */
async function uniqueUsername<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('用户名已被使用');
    throw err;
  }
}
