import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Role } from '@innocity/shared/api/auth';
import type { User, UserListQuery } from '@innocity/shared/api/users';
import { containsText } from '../../db/text-search.ts';
import { listRegions } from '../regions/region.repo.ts';
import { subtreeIds } from '../regions/region-tree.ts';
import { usersIn } from '../regions/region-scope.sql.ts';

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
  /**
   * The regions the actor's roles reach: the granted regions and their subtrees. Null or absent: the
   * whole deployment (a grant without a region — the deployment's admin, or a single-county install).
   */
  regionIds?: readonly string[] | null;
}

export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  password_changed_at: string;
};

/** A `users` row as the record the services use (also read joined to a session). */
export const toRecord = (r: UserRow): UserRecord => ({
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
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
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
  /** The region every role is granted in; null or absent: the whole deployment. */
  regionId?: string | null;
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
  if (u.roles.length > 0)
    await db
      .insertInto('user_roles')
      .values(u.roles.map((role) => ({ user_id: u.id, role, region_id: u.regionId ?? null })))
      .execute();
  if (u.unitIds.length > 0) {
    await db
      .insertInto('user_units')
      .values(u.unitIds.map((unit_id) => ({ user_id: u.id, unit_id })))
      .execute();
  }
}

/** The user as an acting principal: roles and units loaded. */
export async function loadActor(db: Db, user: UserRecord): Promise<Actor> {
  const [roles, units, regions] = await Promise.all([
    db.selectFrom('user_roles').select(['role', 'region_id']).where('user_id', '=', user.id).orderBy('role').execute(),
    db
      .selectFrom('user_units')
      .innerJoin('units', 'units.id', 'user_units.unit_id')
      .select(['units.id', 'units.name'])
      .where('user_units.user_id', '=', user.id)
      .orderBy('units.sort_order')
      .execute(),
    listRegions(db),
  ]);
  const granted = roles.map((r) => r.region_id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: roles.map((r) => r.role as Role),
    units,
    mustChangePassword: user.mustChangePassword,
    regionIds:
      granted.length === 0 || granted.includes(null)
        ? null
        : subtreeIds(
            regions,
            granted.filter((g) => g !== null),
          ),
  };
}

/** Stores a new password hash and whether it must be changed at next login. */
export async function updatePassword(
  db: Db,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange ? 1 : 0,
      password_changed_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

type ViewRow = Omit<UserRow, 'password_hash'> & { created_at: string; updated_at: string };
const VIEW_COLUMNS = [
  'id',
  'username',
  'display_name',
  'phone',
  'must_change_password',
  'disabled',
  'password_changed_at',
  'created_at',
  'updated_at',
] as const;

/** Accounts matching the filter, with roles and units, ordered by username. Never selects the hash. */
export async function listUserViews(
  db: Db,
  filter: UserListQuery,
  regionIds: readonly string[] | null = null,
): Promise<User[]> {
  let q = db.selectFrom('users').select(VIEW_COLUMNS).orderBy('username');
  if (regionIds) q = q.where('id', 'in', usersIn(db, regionIds));
  if (filter.q)
    q = q.where((eb) =>
      eb.or([
        containsText('username', filter.q!),
        containsText('display_name', filter.q!),
        containsText('phone', filter.q!),
      ]),
    );
  if (filter.role)
    q = q.where('id', 'in', db.selectFrom('user_roles').select('user_id').where('role', '=', filter.role));
  if (filter.unitId)
    q = q.where('id', 'in', db.selectFrom('user_units').select('user_id').where('unit_id', '=', filter.unitId));
  if (filter.disabled) q = q.where('disabled', '=', filter.disabled === 'true' ? 1 : 0);
  return withRolesAndUnits(db, await q.execute());
}

/** One account as a view (no hash), or undefined. */
export async function findUserView(db: Db, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').select(VIEW_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? (await withRolesAndUnits(db, [row]))[0] : undefined;
}

async function withRolesAndUnits(db: Db, rows: ViewRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [roles, units] = await Promise.all([
    db
      .selectFrom('user_roles')
      .select(['user_id', 'role', 'region_id'])
      .where('user_id', 'in', ids)
      .orderBy('role')
      .execute(),
    db
      .selectFrom('user_units')
      .innerJoin('units', 'units.id', 'user_units.unit_id')
      .select(['user_units.user_id', 'units.id', 'units.name'])
      .where('user_units.user_id', 'in', ids)
      .orderBy('units.sort_order')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: r.phone,
    roles: roles.filter((x) => x.user_id === r.id).map((x) => x.role as Role),
    units: units.filter((x) => x.user_id === r.id).map((x) => ({ id: x.id, name: x.name })),
    // One region per account today (the form grants every role in it); stored per role for later.
    regionId: roles.find((x) => x.user_id === r.id)?.region_id ?? null,
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** True when another account already uses the username, in any letter case. */
export async function isUsernameTaken(db: Db, username: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(username)`, '=', username.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Writes an account's own fields; roles and units are replaced separately. */
export async function updateUserFields(
  db: Db,
  id: string,
  patch: { username?: string; displayName?: string; phone?: string | null; disabled?: boolean },
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.username !== undefined && { username: patch.username }),
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Replaces an account's roles; call inside a transaction. */
export async function replaceUserRoles(db: Db, id: string, roles: Role[], regionId: string | null): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', id).execute();
  if (roles.length > 0)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role, region_id: regionId })))
      .execute();
}

/** Replaces an account's units; call inside a transaction. */
export async function replaceUserUnits(db: Db, id: string, unitIds: string[]): Promise<void> {
  await db.deleteFrom('user_units').where('user_id', '=', id).execute();
  if (unitIds.length > 0)
    await db
      .insertInto('user_units')
      .values(unitIds.map((unit_id) => ({ user_id: id, unit_id })))
      .execute();
}
