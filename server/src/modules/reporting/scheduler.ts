import type { Db } from '../../db/connection.ts';
import { nowIso } from '../../time.ts';
import { runDeliveries } from '../notifications/delivery.service.ts';
import { runDigests } from '../notifications/digest.service.ts';
import { runReminders } from './urge.service.ts';

export interface SchedulerOptions {
  timeZone: string;
  reminderEveryMs?: number;
  deliveryEveryMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Runs the reminders, the daily digests and the outgoing deliveries on intervals. All are idempotent and claim
 * their work in the database, so several servers behind a load balancer may each run this.
 * Returns a function that stops it.
 */
export function startReportingScheduler(db: Db, o: SchedulerOptions): () => void {
  let busy = false;
  const tick = (work: () => Promise<unknown>) => async () => {
    if (busy) return;
    busy = true;
    try {
      await work();
    } catch (err) {
      o.onError?.(err);
    } finally {
      busy = false;
    }
  };
  const reminders = setInterval(
    tick(() => runReminders(db, nowIso(), o.timeZone)),
    o.reminderEveryMs ?? 10 * 60_000,
  );
  const deliveries = setInterval(
    tick(async () => {
      const now = nowIso();
      await runDigests(db, now, o.timeZone);
      // The clock, not the tick's start: each claim and each lease is counted from when it is taken.
      await runDeliveries(db, nowIso);
    }),
    o.deliveryEveryMs ?? 30_000,
  );
  reminders.unref();
  deliveries.unref();
  return () => {
    clearInterval(reminders);
    clearInterval(deliveries);
  };
}
