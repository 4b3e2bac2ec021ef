import {
  COMBINED_ACTION_STEPS,
  COMBINED_ACTIONS,
  type FlowAction,
  type SubmissionAction,
  type SubmissionStatus,
} from '@innocity/shared/api/reporting';
import type { Actor } from '../users/user.repo.ts';
import {
  canApproveForUnit,
  canReadAll,
  canReadDraftOfUnit,
  canWriteForUnit,
  hasRole,
  isMemberOf,
  isOfficeLike,
} from '../users/scope.policy.ts';

/** Office (and admin) open and close rounds and urge units. */
export const canManageRounds = (actor: Actor) => isOfficeLike(actor);

/** Rounds themselves (period, cut-off) are public to every signed-in role. */
export const canReadRounds = (actor: Actor) => actor.roles.length > 0;

/** Everyone who reads all units sees every unit's standing in a round; unit people only their own units'. */
export const canReadStanding = (actor: Actor, unitId: string) => canReadAll(actor) || isMemberOf(actor, unitId);

/**
 * Who reads a submission: its unit's people and the office always; leaders and inspectors once it
 * reached the office; other units only once it was accepted (published).
 */
export function canReadSubmission(
  actor: Actor,
  s: { unitId: string; status: SubmissionStatus; firstSubmittedAt: string | null },
): boolean {
  if (canReadDraftOfUnit(actor, s.unitId)) return true;
  if (canReadAll(actor)) return s.firstSubmittedAt !== null;
  return s.status === 'accepted';
}

/** Reporters of the unit (and the office on its behalf) edit the draft while it is with the unit. */
export const canEditEntries = (actor: Actor, s: { unitId: string; status: SubmissionStatus }) =>
  canWriteForUnit(actor, s.unitId) && (s.status === 'draft' || s.status === 'returned');

interface Rule {
  from: SubmissionStatus[];
  to: SubmissionStatus;
  who: (actor: Actor, unitId: string) => boolean;
}

const reporterOf = (actor: Actor, unitId: string) => hasRole(actor, 'reporter') && isMemberOf(actor, unitId);

/** The submission flow: draft → 待单位审核 → 单位已审核 → 已报送 → 已通过 | 已退回 → … */
export const FLOW: Record<SubmissionAction, Rule> = {
  send_for_approval: { from: ['draft', 'returned'], to: 'pending_approval', who: canWriteForUnit },
  send_back: { from: ['pending_approval', 'approved'], to: 'draft', who: canApproveForUnit },
  approve: { from: ['pending_approval'], to: 'approved', who: canApproveForUnit },
  submit: { from: ['approved'], to: 'submitted', who: (a, u) => reporterOf(a, u) || canApproveForUnit(a, u) },
  accept: { from: ['submitted'], to: 'accepted', who: (a) => isOfficeLike(a) },
  return: { from: ['submitted'], to: 'returned', who: (a) => isOfficeLike(a) },
  correct: { from: ['accepted'], to: 'draft', who: canWriteForUnit },
};

/** True when the actor may take the action on the submission in its present status. */
export const canTransition = (
  actor: Actor,
  action: SubmissionAction,
  s: { unitId: string; status: SubmissionStatus },
) => FLOW[action].from.includes(s.status) && FLOW[action].who(actor, s.unitId);

/** True when the actor may take every step of a combined action, each from the status the previous one leaves. */
export function canTransitionAll(
  actor: Actor,
  steps: SubmissionAction[],
  s: { unitId: string; status: SubmissionStatus },
): boolean {
  let status = s.status;
  for (const step of steps) {
    if (!canTransition(actor, step, { unitId: s.unitId, status })) return false;
    status = FLOW[step].to;
  }
  return true;
}

/** Every action (and `edit`) the actor may take now, for the screen's buttons. */
export function allowedActions(actor: Actor, s: { unitId: string; status: SubmissionStatus }): (FlowAction | 'edit')[] {
  const actions: FlowAction[] = (Object.keys(FLOW) as SubmissionAction[]).filter((a) => canTransition(actor, a, s));
  for (const c of COMBINED_ACTIONS) if (canTransitionAll(actor, COMBINED_ACTION_STEPS[c], s)) actions.push(c);
  return canEditEntries(actor, s) ? ['edit', ...actions] : actions;
}

/** Evidence may be attached by whoever may edit the entries. */
export const canAttach = canEditEntries;
