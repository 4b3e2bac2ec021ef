import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from '../modules/users/user.repo.ts';

export const UNIT_A = 'unit-xiashu';
export const UNIT_B = 'unit-baitu';

/** An in-memory actor for pure policy tests: roles and unit ids, nothing from a database. */
export function actorWith(
  roles: Role[],
  unitIds: string[] = [],
  id = `u-${roles.join('-') || 'none'}-${unitIds.join('-')}`,
): Actor {
  return {
    id,
    username: id,
    displayName: id,
    roles,
    units: unitIds.map((u) => ({ id: u, name: u })),
    mustChangePassword: false,
  };
}

/** Every role, each in the unit where it is unit-scoped, plus a reporter and an approver of another unit. */
export const POLICY_ACTORS = {
  admin: actorWith(['admin']),
  office: actorWith(['office']),
  leader: actorWith(['leader']),
  inspector: actorWith(['inspector']),
  reporterA: actorWith(['reporter'], [UNIT_A]),
  approverA: actorWith(['approver'], [UNIT_A]),
  reporterB: actorWith(['reporter'], [UNIT_B]),
  approverB: actorWith(['approver'], [UNIT_B]),
  reporterAB: actorWith(['reporter'], [UNIT_A, UNIT_B]),
  noRole: actorWith([]),
} as const;
export type PolicyActorName = keyof typeof POLICY_ACTORS;
