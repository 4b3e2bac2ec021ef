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
 * Safe to run from several servers at once: each delivery is claimed before it is sent.
 */
export async function runDeliveries(db: Db, now: string): Promise<{ sent: number; failed: number; retrying: number }> {
  const due = await repo.listDue(db, now, 100);
  const tally = { sent: 0, failed: 0, retrying: 0 };
  for (const d of due) {
    if (!(await repo.claim(db, d.id, d.attempts, now, plus(now, LEASE_MS)))) continue;
    const channel = await channelFor(db, d.channel);
    let error: string | null = typeof channel === 'string' ? channel : null;
    if (typeof channel !== 'string') {
      try {
        await channel.send(d.target, { subject: d.subject, body: d.body });
      } catch (err) {
        error = (err as Error).message || String(err);
      }
    }
    const attempt = d.attempts + 1;
    const final = error !== null && attempt >= MAX_ATTEMPTS;
    const outcome =
      error === null
        ? { status: 'sent' as const, lastError: null, nextAttemptAt: null, sentAt: now }
        : {
            status: final ? ('failed' as const) : ('pending' as const),
            lastError: error.slice(0, 500),
            nextAttemptAt: final ? null : plus(now, BACKOFF_MINUTES[attempt - 1]! * 60_000),
            sentAt: null,
          };
    await repo.recordAttempt(db, d.id, d.attempts, outcome, now);
    tally[error === null ? 'sent' : final ? 'failed' : 'retrying'] += 1;
  }
  return tally;
}
