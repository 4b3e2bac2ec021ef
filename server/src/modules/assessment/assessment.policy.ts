import type { Actor } from '../users/user.repo.ts';
import { canReadAll, canReadPublished, isMemberOf, isOfficeLike } from '../users/scope.policy.ts';

/** The office (and admin) edits schemes, enters bonus/deduction points and publishes scores. */
export const canManageAssessment = (actor: Actor) => isOfficeLike(actor);

/** Every signed-in role reads the schemes: units should know the rules they are scored by. */
export const canReadSchemes = (actor: Actor) => canReadPublished(actor);

/** Live (unpublished) scores are for the office, leaders and the inspector; units see published ones. */
export const canReadLiveScores = (actor: Actor) => canReadAll(actor);

/** Published score sets: totals and ranks are read by every signed-in role. */
export const canReadPublishedScores = (actor: Actor) => canReadPublished(actor);

/** A unit's workings and adjustments: the office, leaders and inspector for every unit; a unit's own people for theirs. */
export const canReadWorkingsOf = (actor: Actor, unitId: string) => canReadAll(actor) || isMemberOf(actor, unitId);
