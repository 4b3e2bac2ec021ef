import type { Insertable } from 'kysely';
import type { Delivery } from '@innocity/shared/api/notifications';
import type { Db } from '../../db/connection.ts';
import type { DeliveriesTable } from './notification.table.ts';

export interface DeliveryRecord extends Delivery {
  body: string;
}

const toRecord = (r: DeliveriesTable): DeliveryRecord => ({
  id: r.id,
  channel: r.channel as Delivery['channel'],
  target: r.target,
  subject: r.subject,
  body: r.body,
  status: r.status as Delivery['status'],
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export async function insertDeliveries(db: Db, rows: Insertable<DeliveriesTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('deliveries').values(rows).execute();
}

/** Deliveries waiting to be tried whose time has come, oldest first. */
export async function listDue(db: Db, now: string, limit: number): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom('deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** The newest deliveries; with regions, only those sent for them. */
export async function listDeliveries(
  db: Db,
  limit: number,
  regionIds: readonly string[] | null = null,
): Promise<DeliveryRecord[]> {
  let q = db.selectFrom('deliveries').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit);
  if (regionIds) q = q.where('region_id', 'in', [...regionIds]);
  const rows = await q.execute();
  return rows.map(toRecord);
}

/**
 * Records an attempt's outcome, only if the delivery is still pending at the attempt count the
 * worker read: two workers never both count the same attempt.
 */
export async function recordAttempt(
  db: Db,
  id: string,
  attempts: number,
  outcome: {
    status: Delivery['status'];
    lastError: string | null;
    nextAttemptAt: string | null;
    sentAt: string | null;
  },
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('deliveries')
    .set({
      status: outcome.status,
      attempts: attempts + 1,
      last_error: outcome.lastError,
      next_attempt_at: outcome.nextAttemptAt,
      sent_at: outcome.sentAt,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Takes a due delivery for one attempt by pushing its next attempt past the lease; false when another worker took it. */
export async function claim(db: Db, id: string, attempts: number, now: string, leaseUntil: string): Promise<boolean> {
  const res = await db
    .updateTable('deliveries')
    .set({ next_attempt_at: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
