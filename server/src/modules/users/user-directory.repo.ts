import type { Role } from '@innocity/shared/api/auth';
import type { Db } from '../../db/connection.ts';

/** Ids of enabled users who belong to any of the units and hold any of the roles (every role when none given). */
export async function listUserIdsOfUnits(
  db: Db,
  unitIds: string[],
  roles?: Role[],
): Promise<{ userId: string; unitId: string }[]> {
  if (unitIds.length === 0) return [];
  let q = db
    .selectFrom('user_units as uu')
    .innerJoin('users as u', 'u.id', 'uu.user_id')
    .select(['uu.user_id as userId', 'uu.unit_id as unitId'])
    .where('uu.unit_id', 'in', unitIds)
    .where('u.disabled', '=', 0);
  if (roles?.length)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', roles),
      ),
    );
  return q.execute();
}

/** Ids of enabled users who hold any of the roles, whatever their units (optionally: granted in the regions). */
export async function listUserIdsWithRoles(db: Db, roles: Role[], grantedIn?: string[]): Promise<string[]> {
  let q = db
    .selectFrom('user_roles as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select('r.user_id')
    .distinct()
    .where('r.role', 'in', roles)
    .where('u.disabled', '=', 0);
  // Given regions, only grants made in one of them or deployment-wide (region null).
  if (grantedIn)
    q = q.where((eb) =>
      grantedIn.length > 0
        ? eb.or([eb('r.region_id', 'is', null), eb('r.region_id', 'in', grantedIn)])
        : eb('r.region_id', 'is', null),
    );
  const rows = await q.execute();
  return rows.map((r) => r.user_id);
}
