import type { Actor } from '../users/user.repo.ts';
import { canReadAll, hasRole, isMemberOf, isOfficeLike } from '../users/scope.policy.ts';

/** Office (and admin) decompose tasks into work items, edit, strike off and verify them. */
export const canManageWorkItems = (actor: Actor) => isOfficeLike(actor);

/** Everyone who reads all units reads every work item; a unit's people read the items their unit leads or co-operates on. */
export const canReadWorkItem = (actor: Actor, item: { leadUnitId: string; coUnitIds: string[] }) =>
  canReadAll(actor) || isMemberOf(actor, item.leadUnitId) || item.coUnitIds.some((u) => isMemberOf(actor, u));

/** The whole board (every unit's items and duties) is for the roles that read all units. */
export const canReadBoard = (actor: Actor) => canReadAll(actor);

/** Office records meetings and their decisions. */
export const canRecordMeeting = (actor: Actor) => isOfficeLike(actor);

/** Office and inspectors record inspections and the rectification they demand. */
export const canRecordInspection = (actor: Actor) => isOfficeLike(actor) || hasRole(actor, 'inspector');

/** Leaders give instructions (批示); the office may record one on a leader's behalf. */
export const canGiveInstruction = (actor: Actor) => hasRole(actor, 'leader') || isOfficeLike(actor);

/** Only the office verifies a rectification before it counts as done. */
export const canVerify = (actor: Actor) => isOfficeLike(actor);

/** Only the office changes a plan's supervision settings. */
export const canChangeSettings = (actor: Actor) => isOfficeLike(actor);
