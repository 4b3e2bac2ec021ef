import type { Actor } from './user.repo.ts';
import { hasRole } from './scope.policy.ts';

/** Only the admin lists, reads, creates and changes accounts. */
export const canManageUsers = (actor: Actor) => hasRole(actor, 'admin');

/** The admin resets other people's passwords; their own they change as everyone does (knowing the old one). */
export const canResetPassword = (actor: Actor, target: { id: string }) =>
  canManageUsers(actor) && actor.id !== target.id;

/** Every signed-in user changes their own password, including one who must change it now. */
export const canChangeOwnPassword = (actor: Actor) => actor.id.length > 0;

/** An admin may not disable themselves or drop their own admin role: the platform would lose its last way in. */
export const canChangeOwnAdminAccess = (actor: Actor, target: { id: string }) => actor.id !== target.id;
