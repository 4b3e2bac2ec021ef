import type { Role } from '@innocity/shared/api/auth';
import type { Db } from '../../db/connection.ts';
import * as repo from './user-directory.repo.ts';

// Who to tell: data functions for notifications. They take no actor: the calling service has
// made its own access check, and nothing here leaves the server.

/** Enabled users of the units, optionally only those with one of the roles, with the unit each belongs to. */
export function usersOfUnits(db: Db, unitIds: string[], roles?: Role[]): Promise<{ userId: string; unitId: string }[]> {
  return repo.listUserIdsOfUnits(db, unitIds, roles);
}

/** Enabled users holding any of the roles. */
export function usersWithRoles(db: Db, roles: Role[]): Promise<string[]> {
  return repo.listUserIdsWithRoles(db, roles);
}
