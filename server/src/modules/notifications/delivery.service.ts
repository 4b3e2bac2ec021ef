import type { Db } from '../../db/connection.ts';
import type { ChannelKind } from '@innocity/shared/api/notifications';
import { emailChannel, smsChannel, webhookChannel, type Channel } from './channels.ts';
import { loadEmailConfig, loadSmsConfig, loadWebhookConfig } from './channel-settings.service.ts';
import * as repo from './delivery.repo.ts';

/** Minutes to wait after the 1st, 2nd, 3rd, 4th failure; the 5th failure is final. */
export const BACKOFF_MINUTES = [1, 5, 15, 60];
export const MAX_ATTEMPTS = BACKOFF_MINUTES.length + 1;
const LEASE_MS = 5 * 60_000;

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

async function channelFor(db: Db, kind: ChannelKind): Promise<Channel | string> {
  if (kind === 'email') {
    const c = await loadEmailConfig(db);
    if (!c?.enabled || !c.host) return '邮件通道未启用或未配置';
    return emailChannel(c);
  }
  if (kind === 'sms') {
    const c = await loadSmsConfig(db);
    if (!c?.enabled || !c.url) return '短信通道未启用或未配置';
    return smsChannel(c);
  }
  const c = await loadWebhookConfig(db);
  if (!c?.enabled || !c.url) return '机器人通道未启用或未配置';
  return webhookChannel(c);
}

/**
 * Sends every delivery whose time has come. A failure is retried with backoff (1, 5, 15, 60
 * minutes) and after the last attempt stays in the log as failed with its reason: never dropped.
 *
 * Safe to run from several servers at once: deliveries are claimed in small batches, each lease
 * counted from the clock at the claim (not the tick's start) and renewed from the clock just before
 * each attempt, which ends well within it (a channel gives up after 10 s; the lease is 5 min). A
 * worker that lost a delivery's lease skips it; its outcome is recorded only under the lease held.
 * `at` is the clock (the scheduler passes nowIso) or a fixed instant (tests of backoff).
 */
export async function runDeliveries(
  db: Db,
  at: string | (() => string),
): Promise<{ sent: number; failed: number; retrying: number }> {
  const clock = typeof at === 'string' ? () => at : at;
  const tally = { sent: 0, failed: 0, retrying: 0 };
  for (let batches = 0; batches < MAX_BATCHES; batches++) {
    const claimedAt = clock();
    const claimed = await repo.claimDue(db, claimedAt, plus(claimedAt, LEASE_MS), CLAIM_BATCH);
    for (const d of claimed) {
      const now = clock();
      const lease = plus(now, LEASE_MS);
      if (!(await repo.renewLease(db, d.id, d.attempts, d.nextAttemptAt!, lease, now))) continue;
      const result = await attempt(db, d);
      const done = clock();
      const final = result.error !== null && d.attempts + 1 >= MAX_ATTEMPTS;
      const outcome =
        result.error === null
          ? { status: 'sent' as const, lastError: null, nextAttemptAt: null, sentAt: done }
          : {
              status: final ? ('failed' as const) : ('pending' as const),
              lastError: result.error.slice(0, 500),
              nextAttemptAt: final ? null : plus(done, BACKOFF_MINUTES[d.attempts]! * 60_000),
              sentAt: null,
            };
      await repo.recordAttempt(db, d.id, d.attempts, outcome, done, lease);
      tally[result.error === null ? 'sent' : final ? 'failed' : 'retrying'] += 1;
    }
    if (claimed.length < CLAIM_BATCH) break;
  }
  return tally;
}

/** Deliveries claimed per statement, and batches per run (the next tick takes the rest). */
const CLAIM_BATCH = 10;
const MAX_BATCHES = 10;

async function attempt(db: Db, d: repo.DeliveryRecord): Promise<{ error: string | null }> {
  const channel = await channelFor(db, d.channel);
  if (typeof channel === 'string') return { error: channel };
  try {
    await channel.send(d.target, { subject: d.subject, body: d.body });
    return { error: null };
  } catch (err) {
    return { error: (err as Error).message || String(err) };
  }
}
