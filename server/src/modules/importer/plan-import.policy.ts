import type { Actor } from '../users/user.repo.ts';

/** The office puts plans in force (DESIGN §1: it edits the plan); the admin may stand in for it. */
export const canImportPlans = (actor: Actor) => actor.roles.some((r) => r === 'admin' || r === 'office');
