import type { Actor } from '../users/user.repo.ts';
import { canReadPublished, canWriteForUnit, isOfficeLike } from '../users/scope.policy.ts';

/** Ledgers of a plan in force or closed are read by every signed-in role; a draft plan's only by office and admin. */
export const canReadLedgers = (actor: Actor, planStatus: string) =>
  planStatus === 'draft' ? isOfficeLike(actor) : canReadPublished(actor);

/**
 * A row is written for a unit that keeps the ledger type, by office/admin or by a reporter of
 * that unit. Leaders, inspectors and approvers read only.
 */
export const canWriteLedgerRow = (actor: Actor, type: { owners: { id: string }[] }, unitId: string) =>
  type.owners.some((o) => o.id === unitId) && canWriteForUnit(actor, unitId);
