import { randomUUID } from 'node:crypto';
import type { Role } from '@innocity/shared/api/auth';
import type { Db } from '../db/connection.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { insertUser } from '../modules/users/user.repo.ts';

export const TEST_PASSWORD = 'Test-Pass-2025!';

let passwordHash: Promise<string> | undefined;

/** Creates a user with the given roles and units (by unit name), password TEST_PASSWORD, no forced change. */
export async function createUser(
  db: Db,
  opts: {
    username?: string;
    roles: Role[];
    units?: string[];
    displayName?: string;
    mustChangePassword?: boolean;
    /** The region (by name) the roles are granted in; absent: the whole deployment. */
    region?: string;
  },
): Promise<{ id: string; username: string; password: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = opts.username ?? `${opts.roles[0] ?? 'user'}-${randomUUID().slice(0, 8)}`;
  const regionId = opts.region
    ? (await db.selectFrom('regions').select('id').where('name', '=', opts.region).executeTakeFirstOrThrow()).id
    : null;
  const unitIds: string[] = [];
  for (const name of opts.units ?? []) {
    let q = db.selectFrom('units').select('id').where('name', '=', name);
    if (regionId) q = q.where('region_id', '=', regionId);
    const unit = await q.executeTakeFirst();
    if (!unit) throw new Error(`no unit named ${name}`);
    unitIds.push(unit.id);
  }
  const id = randomUUID();
  await insertUser(db, {
    id,
    username,
    displayName: opts.displayName ?? username,
    phone: null,
    passwordHash: await passwordHash,
    mustChangePassword: opts.mustChangePassword ?? false,
    roles: opts.roles,
    unitIds,
    regionId,
    now: new Date().toISOString(),
  });
  return { id, username, password: TEST_PASSWORD };
}
