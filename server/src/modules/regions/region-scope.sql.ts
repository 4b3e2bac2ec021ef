import type { Db } from '../../db/connection.ts';
import type { Actor } from '../users/user.repo.ts';

// Subqueries that filter a list route to the caller's regions. Each returns ids to use as
// `where(column, 'in', subquery)`, so that the filter runs in the same statement as the list (no
// read-then-filter window) and the same way on SQLite and PostgreSQL.

/**
 * The regions the actor's roles reach, or null for a whole-deployment grant (the deployment's admin,
 * or a single-county install whose grants carry no region): null means "do not filter".
 */
export const scopeOf = (actor: Actor): readonly string[] | null => {
  if (actor.regionIds == null) return null;
  // `in ()` is not valid SQL: an actor reaching no region matches an id no row has.
  return actor.regionIds.length > 0 ? actor.regionIds : [''];
};

/** Ids of the plans filed under the regions. */
export const plansIn = (db: Db, regionIds: readonly string[]) =>
  db
    .selectFrom('plans')
    .select('plans.id')
    .where('plans.region_id', 'in', [...regionIds]);

/** Ids of the units filed under the regions. */
export const unitsIn = (db: Db, regionIds: readonly string[]) =>
  db
    .selectFrom('units')
    .select('units.id')
    .where('units.region_id', 'in', [...regionIds]);

/**
 * Ids of the accounts of the regions: with a grant or a unit in them, and none outside them (a
 * deployment-wide grant, region null, is outside every county; so is a unit filed under none).
 */
export const usersIn = (db: Db, regionIds: readonly string[]) => {
  const r = [...regionIds];
  return db
    .selectFrom('users as su')
    .select('su.id')
    .where((eb) =>
      eb.and([
        eb.or([
          eb.exists(
            eb
              .selectFrom('user_roles as g')
              .select('g.user_id')
              .whereRef('g.user_id', '=', 'su.id')
              .where('g.region_id', 'in', r),
          ),
          eb.exists(
            eb
              .selectFrom('user_units as m')
              .innerJoin('units as mu', 'mu.id', 'm.unit_id')
              .select('m.user_id')
              .whereRef('m.user_id', '=', 'su.id')
              .where('mu.region_id', 'in', r),
          ),
        ]),
        eb.not(
          eb.exists(
            eb
              .selectFrom('user_roles as o')
              .select('o.user_id')
              .whereRef('o.user_id', '=', 'su.id')
              .where((x) => x.or([x('o.region_id', 'is', null), x('o.region_id', 'not in', r)])),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('user_units as om')
              .innerJoin('units as ou', 'ou.id', 'om.unit_id')
              .select('om.user_id')
              .whereRef('om.user_id', '=', 'su.id')
              .where((x) => x.or([x('ou.region_id', 'is', null), x('ou.region_id', 'not in', r)])),
          ),
        ),
      ]),
    );
};
