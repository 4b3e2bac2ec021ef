import type { SessionInfo } from '@innocity/shared/api/auth';
import type { ChangePasswordInput, ResetPasswordInput, User } from '@innocity/shared/api/users';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { recordFailure, refuseIfLocked, signOutEverywhere, throttleKeys } from '../auth/auth.service.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from '../auth/password.ts';
import { canChangeOwnPassword, canManageAccount, canResetPassword } from './user.policy.ts';
import { ACCOUNT_REFUSED, getView } from './user.service.ts';
import * as repo from './user.repo.ts';
import type { Actor } from './user.repo.ts';

/** Sets a temporary password that must be changed at next login, and signs the user out everywhere. */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  input: ResetPasswordInput,
  ctx: AuditContext,
): Promise<User> {
  if (!canResetPassword(actor, { id: userId })) {
    throw forbidden(actor.id === userId ? '请在“我的账号”中修改自己的密码' : '只有系统管理员可以重置密码');
  }
  const target = await repo.findUserById(db, userId);
  if (!target) throw notFound('用户');
  if (!canManageAccount(actor, await getView(db, userId))) throw forbidden(ACCOUNT_REFUSED);
  assertPasswordPolicy(input.temporaryPassword, target.username, 'temporaryPassword', '临时密码', [target.displayName]);
  const passwordHash = await hashPassword(input.temporaryPassword);
  return db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, userId, passwordHash, true, ctx.now);
    await signOutEverywhere(trx, userId, ctx.now);
    const after = await getView(trx, userId);
    const before = { mustChangePassword: target.mustChangePassword, passwordChangedAt: target.passwordChangedAt };
    await recordAudit(trx, ctx, {
      action: 'reset_password',
      entityType: 'user',
      entityId: userId,
      before,
      after: {
        mustChangePassword: after.mustChangePassword,
        passwordChangedAt: after.passwordChangedAt,
        sessionsRevoked: true,
      },
    });
    return after;
  });
}

export interface PasswordChangeMeta {
  sessionId: string;
  csrfToken: string;
  timeZone: string;
}

/**
 * The signed-in user changes their own password: the old one must be right (wrong guesses count
 * towards the login lock), the new one must meet the policy; every other session is signed out.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: ChangePasswordInput,
  ctx: AuditContext & { ip: string },
  meta: PasswordChangeMeta,
): Promise<SessionInfo> {
  if (!canChangeOwnPassword(actor)) throw forbidden();
  const keys = throttleKeys(actor.username, ctx.ip);
  await refuseIfLocked(db, keys, ctx.now, meta.timeZone);
  const user = await repo.findUserById(db, actor.id);
  if (!user) throw notFound('用户');
  if (!(await verifyPassword(user.passwordHash, input.oldPassword))) {
    await recordFailure(
      db,
      keys,
      { now: ctx.now, ip: ctx.ip, requestId: ctx.requestId ?? '', userId: user.id, username: user.username },
      meta.timeZone,
    );
    throw validationFailed('原密码不正确', [{ path: 'oldPassword', message: '原密码不正确' }]);
  }
  if (input.newPassword === input.oldPassword)
    throw validationFailed('新密码不能与原密码相同', [{ path: 'newPassword', message: '新密码不能与原密码相同' }]);
  assertPasswordPolicy(input.newPassword, user.username, 'newPassword', '新密码', [user.displayName]);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, passwordHash, false, ctx.now);
    await signOutEverywhere(trx, user.id, ctx.now, meta.sessionId);
    await recordAudit(trx, ctx, {
      action: 'change_password',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword, passwordChangedAt: user.passwordChangedAt },
      after: { mustChangePassword: false, passwordChangedAt: ctx.now, otherSessionsRevoked: true },
    });
  });
  return { user: await repo.loadActor(db, { ...user, mustChangePassword: false }), csrfToken: meta.csrfToken };
}
