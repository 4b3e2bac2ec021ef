import type { Role } from '@innocity/shared/api/auth';
import type { Db } from '../../db/connection.ts';
import { listRegions, regionOfUnit } from '../regions/region.repo.ts';
import { regionPath } from '../regions/region-tree.ts';
import * as repo from './user-directory.repo.ts';

// Who to tell: data functions for notifications. They take no actor: the calling service has
// made its own access check, and nothing here leaves the server.

/** Enabled users of the units, optionally only those with one of the roles, with the unit each belongs to. */
export function usersOfUnits(db: Db, unitIds: string[], roles?: Role[]): Promise<{ userId: string; unitId: string }[]> {
  return repo.listUserIdsOfUnits(db, unitIds, roles);
}

/**
 * Enabled users holding any of the roles; given a unit, only those whose grant reaches the unit's
 * county (granted there, above it, or deployment-wide): county A's office is not told of county B's work.
 */
export async function usersWithRoles(db: Db, roles: Role[], forUnitId?: string): Promise<string[]> {
  if (forUnitId === undefined) return repo.listUserIdsWithRoles(db, roles);
  const regionId = await regionOfUnit(db, forUnitId);
  const above = regionId ? regionPath(await listRegions(db), regionId).map((r) => r.id) : [];
  return repo.listUserIdsWithRoles(db, roles, above);
}
