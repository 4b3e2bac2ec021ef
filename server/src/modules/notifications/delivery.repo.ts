import { PostgresAdapter, type Insertable } from 'kysely';
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
 * worker read and under the lease it holds: two workers never both count the same attempt.
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
  lease: string,
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
    .where('next_attempt_at', '=', lease)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Takes up to `limit` due deliveries for this worker in one statement, by pushing their next
 * attempt to `leaseUntil`. On PostgreSQL the due rows are picked `FOR UPDATE SKIP LOCKED`: two
 * workers claiming at once take disjoint rows without waiting on each other; a row another worker
 * leased in between is re-checked and left out. On SQLite the single writer makes the statement
 * atomic as it is.
 */
export async function claimDue(db: Db, now: string, leaseUntil: string, limit: number): Promise<DeliveryRecord[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let due = db
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit);
  if (postgres) due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable('deliveries')
    .set({ next_attempt_at: leaseUntil, updated_at: now })
    .where('id', 'in', due)
    // Re-checked on the row itself: on PostgreSQL the picked row is locked, on SQLite nothing runs between.
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .returningAll()
    .execute();
  // RETURNING has no order: sent oldest first, as queued.
  return rows.map(toRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/**
 * Renews a claimed delivery's lease just before its attempt: true only while the worker still holds
 * it (its lease is the one the worker set). A lease that ran out while earlier rows of the batch were
 * sent and was taken by another worker is lost here, so the delivery is never sent twice.
 */
export async function renewLease(
  db: Db,
  id: string,
  attempts: number,
  held: string,
  leaseUntil: string,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('deliveries')
    .set({ next_attempt_at: leaseUntil, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .where('next_attempt_at', '=', held)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
