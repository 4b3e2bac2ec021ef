import type { Db } from '../../db/connection.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { signOutEverywhere } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { clearThrottle } from '../auth/session.repo.ts';
import { generatePassword } from './admin-seed.ts';
import * as repo from './user.repo.ts';

/** A problem with the account named on the command line. */
export class ResetRefused extends Error {}

/**
 * Resets a lost password from the server's console (`npm run cli -- reset-password admin`): a
 * generated temporary password that must be changed at the next sign-in, every session signed
 * out, the account's login lock lifted, all in one transaction and audited as the system.
 */
export async function resetPasswordFromConsole(db: Db, username: string, ctx: AuditContext): Promise<string> {
  const user = await repo.findUserByUsername(db, username);
  if (!user) throw new ResetRefused(`没有用户名为「${username}」的账号`);
  if (user.disabled) throw new ResetRefused(`账号「${username}」已停用，请先由管理员启用`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await repo.updatePassword(trx, user.id, passwordHash, true, ctx.now);
    await signOutEverywhere(trx, user.id, ctx.now);
    await clearThrottle(trx, `user:${user.username.toLowerCase()}`);
    await recordAudit(trx, ctx, {
      action: 'reset_password',
      entityType: 'user',
      entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword },
      after: { mustChangePassword: true, sessionsRevoked: true, via: 'console' },
    });
  });
  return password;
}

/**
 * The framed block a generated password is shown in, last on the console so it is not lost among
 * the start-up lines. Only a top and bottom rule: Chinese characters are two columns wide in most
 * terminals and one in others, so a right-hand border would never line up.
 */
export function passwordBanner(username: string, password: string, heading: string): string {
  const rule = '═'.repeat(56);
  return [
    '',
    rule,
    `  ${heading}`,
    `  账号：${username}`,
    `  密码：${password}`,
    '  首次登录后须立即修改密码。此密码只显示这一次。',
    `  忘记密码时：npm run cli -- reset-password ${username}`,
    rule,
    '',
  ].join('\n');
}
