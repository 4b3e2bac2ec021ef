import type { Actor } from '../users/user.repo.ts';

/** The org tree is public knowledge inside the platform: any signed-in role reads it. */
export const canReadUnits = (actor: Actor) => actor.roles.length > 0;

/** Only the admin edits the tree (administrative divisions change). */
export const canManageUnits = (actor: Actor) => actor.roles.includes('admin');
