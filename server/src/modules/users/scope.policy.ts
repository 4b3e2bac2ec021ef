import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from './user.repo.ts';

// The unit-scoping predicates every module uses (reporting, ledgers, indicators …), in one place
// so that "own unit" means the same everywhere. Pure: no I/O, decided from the actor alone.

/** True when the actor holds any of the roles. */
export const hasRole = (actor: Actor, ...roles: Role[]) => actor.roles.some((r) => roles.includes(r));

/** True when the unit is one of the actor's own units. */
export const isMemberOf = (actor: Actor, unitId: string) => actor.units.some((u) => u.id === unitId);

/** Admin or office: acts for the whole platform, not for one unit. */
export const isOfficeLike = (actor: Actor) => hasRole(actor, 'admin', 'office');

/**
 * Admin, office, leader, inspector or 省级查看: reads every unit's material (published or submitted).
 * A province (or 设区市) viewer reads what a county's leaders read, in every county below its region
 * (the region fence decides where); it is granted no write anywhere, so no write policy names it.
 */
export const canReadAll = (actor: Actor) => hasRole(actor, 'admin', 'office', 'leader', 'inspector', 'province_viewer');

/** Office/admin for any unit; a reporter only for their own units. */
export const canWriteForUnit = (actor: Actor, unitId: string) =>
  isOfficeLike(actor) || (hasRole(actor, 'reporter') && isMemberOf(actor, unitId));

/** Only an approver who belongs to the unit approves (or sends back) its submission. */
export const canApproveForUnit = (actor: Actor, unitId: string) =>
  hasRole(actor, 'approver') && isMemberOf(actor, unitId);

/** A unit's drafts are seen by its own people and by office/admin; never by other units. */
export const canReadDraftOfUnit = (actor: Actor, unitId: string) => isOfficeLike(actor) || isMemberOf(actor, unitId);

/** Published material of any unit is read by every signed-in role. */
export const canReadPublished = (actor: Actor) => actor.roles.length > 0;

/**
 * True when the actor's roles reach the region (roles are granted in a region and its subtree).
 * Material not filed under any region is reached only by whole-deployment grants.
 */
export const canReachRegion = (actor: Actor, regionId: string | null) =>
  actor.regionIds == null || (regionId !== null && actor.regionIds.includes(regionId));
