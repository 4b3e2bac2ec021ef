import { randomUUID } from 'node:crypto';
import { CHANNEL_LABELS, DIGEST_HOUR, type ChannelKind } from '@innocity/shared/api/notifications';
import type { Db } from '../../db/connection.ts';
import { endOfLocalDayUtc, localDateOf } from '../../time.ts';
import { insertDeliveries } from './delivery.repo.ts';

const HOUR_MS = 60 * 60_000;

/** The day before a YYYY-MM-DD date. */
const dayBefore = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - 24 * HOUR_MS).toISOString().slice(0, 10);

/**
 * The instant of today's digest in the deployment's zone: DIGEST_HOUR o'clock local time. China
 * has no daylight saving; in a zone that has, the digest moves by an hour on the two change days.
 */
export function digestInstant(now: string, timeZone: string): string {
  const startOfToday = endOfLocalDayUtc(dayBefore(localDateOf(now, timeZone)), timeZone);
  return new Date(Date.parse(startOfToday) + DIGEST_HOUR * HOUR_MS).toISOString();
}

/** "2025年9月23日" of a YYYY-MM-DD date. */
const dayLabel = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * Turns the messages held for the digest into one message per channel, address and county, once a day
 * at DIGEST_HOUR: everything held before today's digest time goes into today's digest. Each
 * address is claimed by one UPDATE … RETURNING inside a transaction, so when several servers run
 * this at once every held message lands in exactly one digest. Returns the digests queued.
 */
export async function runDigests(db: Db, now: string, timeZone: string): Promise<number> {
  const at = digestInstant(now, timeZone);
  if (now < at) return 0;
  const groups = await db
    .selectFrom('deliveries')
    .select(['channel', 'target', 'region_id'])
    .where('status', '=', 'held')
    .where('created_at', '<', at)
    .groupBy(['channel', 'target', 'region_id'])
    .execute();
  let queued = 0;
  for (const g of groups) {
    queued += await db.transaction().execute(async (trx) => {
      const taken = await trx
        .updateTable('deliveries')
        .set({ status: 'merged', updated_at: now })
        .where('channel', '=', g.channel)
        .where('target', '=', g.target)
        // One digest per county too: a county's office reads its own deliveries in the log.
        .where((eb) => (g.region_id === null ? eb('region_id', 'is', null) : eb('region_id', '=', g.region_id)))
        .where('status', '=', 'held')
        .where('created_at', '<', at)
        .returning(['subject', 'body', 'created_at'])
        .execute();
      if (taken.length === 0) return 0;
      taken.sort((a, b) => a.created_at.localeCompare(b.created_at));
      const channel = g.channel as ChannelKind;
      // An SMS carries subjects only: a day's bodies would be several messages long.
      const lines = taken.map((t, i) =>
        channel === 'sms' ? `${i + 1}. ${t.subject}` : `${i + 1}. ${t.subject}\n${t.body}`,
      );
      await insertDeliveries(trx, [
        {
          id: randomUUID(),
          region_id: g.region_id,
          channel,
          target: g.target,
          subject: `每日汇总：${dayLabel(localDateOf(now, timeZone))}共${taken.length}条通知`,
          body: `以下是${CHANNEL_LABELS[channel]}每日汇总，详情请登录平台查看。\n\n${lines.join('\n\n')}`,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          sent_at: null,
          created_at: now,
          updated_at: now,
        },
      ]);
      return 1;
    });
  }
  return queued;
}
