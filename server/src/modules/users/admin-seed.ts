import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { hashPassword } from '../auth/password.ts';
import { countUsers, insertUser } from './user.repo.ts';

/** A generated password that meets the policy: letters of both cases, digits and a symbol. */
export function generatePassword(): string {
  const body = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `${body}-Aa9`;
}

/**
 * On an empty user table, creates `admin`. Its password comes from configuration or is
 * generated and returned so the caller prints it once; it is never stored in clear or logged.
 */
export async function ensureAdmin(
  db: Db,
  configured: string | null,
  ctx: AuditContext,
): Promise<{ created: boolean; password?: string }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const password = configured ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const id = randomUUID();
    await insertUser(trx, {
      id,
      username: 'admin',
      displayName: '系统管理员',
      phone: null,
      passwordHash,
      // A generated password has been on the console: it must be replaced at the first sign-in.
      mustChangePassword: configured === null,
      roles: ['admin'],
      unitIds: [],
      now: ctx.now,
    });
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'user',
      entityId: id,
      after: { username: 'admin', roles: ['admin'] },
    });
  });
  return { created: true, password: configured ? undefined : password };
}
