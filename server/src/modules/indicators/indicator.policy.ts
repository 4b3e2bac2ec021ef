import type { Actor } from '../users/user.repo.ts';
import { canReadPublished, canWriteForUnit, isOfficeLike } from '../users/scope.policy.ts';

/** Indicators and data of a plan in force or closed are read by every signed-in role; a draft plan's only by office and admin. */
export const canReadIndicators = (actor: Actor, planStatus: string) =>
  planStatus === 'draft' ? isOfficeLike(actor) : canReadPublished(actor);

/** Baselines and milestones are the office's (and the admin's) to set. */
export const canEditTargets = (actor: Actor) => isOfficeLike(actor);

/**
 * A value is entered for a unit: by office/admin for any unit, by a reporter only for their own
 * unit and only for elements that unit reports.
 */
export const canWriteElementValue = (actor: Actor, element: { reportingUnitId: string | null }, unitId: string) =>
  canWriteForUnit(actor, unitId) && (isOfficeLike(actor) || element.reportingUnitId === unitId);
