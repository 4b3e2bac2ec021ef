import type { Actor } from '../users/user.repo.ts';
import { hasRole } from '../users/scope.policy.ts';

/** The admin (who runs the platform) and the inspector (who checks it) read and export the audit log. */
export const canReadAudit = (actor: Actor) => hasRole(actor, 'admin', 'inspector');
