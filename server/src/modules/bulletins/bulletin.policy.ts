import type { Actor } from '../users/user.repo.ts';
import { canReadPublished, isOfficeLike } from '../users/scope.policy.ts';

/** The office (and admin) generates, edits, publishes and deletes drafts. */
export const canManageBulletins = (actor: Actor) => isOfficeLike(actor);

/** A published bulletin is read by every signed-in role; a draft only by the office and admin. */
export const canReadBulletin = (actor: Actor, b: { status: string }) =>
  b.status === 'published' ? canReadPublished(actor) : canManageBulletins(actor);
