import type { Db } from '../../db/connection.ts';
import type { Role } from '@innocity/shared/api/auth';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  disabled: boolean;
  passwordChangedAt: string;
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  units: { id: string; name: string }[];
  mustChangePassword: boolean;
}

type Row = {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  password_changed_at: string;
};

const toRecord = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  phone: r.phone,
  passwordHash: r.password_hash,
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled === 1,
  passwordChangedAt: r.password_changed_at,
});

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  roles: Role[];
  unitIds: string[];
  now: string;
}

/** Inserts a user with roles and units; call inside a transaction. */
export async function insertUser(db: Db, u: NewUser): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      username: u.username,
      display_name: u.displayName,
      phone: u.phone,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword ? 1 : 0,
      disabled: 0,
      password_changed_at: u.now,
      created_at: u.now,
      updated_at: u.now,
    })
    .execute();
  if (u.roles.length > 0) await db.insertInto('user_roles').values(u.roles.map((role) => ({ user_id: u.id, role }))).execute();
  if (u.unitIds.length > 0) {
    await db.insertInto('user_units').values(u.unitIds.map((unit_id) => ({ user_id: u.id, unit_id }))).execute();
  }
}

/** The user as an acting principal: roles and units loaded. */
export async function loadActor(db: Db, user: UserRecord): Promise<Actor> {
  const [roles, units] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).orderBy('role').execute(),
    db
      .selectFrom('user_units')
      .innerJoin('units', 'units.id', 'user_units.unit_id')
      .select(['units.id', 'units.name'])
      .where('user_units.user_id', '=', user.id)
      .orderBy('units.sort_order')
      .execute(),
  ]);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: roles.map((r) => r.role as Role),
    units,
    mustChangePassword: user.mustChangePassword,
  };
}

export async function updatePassword(db: Db, userId: string, passwordHash: string, mustChange: boolean, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
}
