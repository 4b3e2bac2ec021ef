import { randomUUID } from 'node:crypto';
import type { Role } from '@innocity/shared/api/auth';
import type { ChannelKind, Notification, NotificationList } from '@innocity/shared/api/notifications';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { usersOfUnits, usersWithRoles } from '../users/user-directory.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import * as repo from './notification.repo.ts';
import { insertDeliveries } from './delivery.repo.ts';
import { urlHint } from './channels.ts';

/** The actor's latest notifications and how many are unread: everyone has their own. */
export async function listMyNotifications(db: Db, actor: Actor): Promise<NotificationList> {
  return { items: await repo.listNotifications(db, actor.id, 50), unread: await repo.countUnread(db, actor.id) };
}

/** Marks one of the actor's notifications read; another user's does not exist for them. */
export async function markNotificationRead(
  db: Db,
  actor: Actor,
  id: string,
  ctx: AuditContext,
): Promise<NotificationList> {
  const now = ctx.now;
  if (!(await repo.notificationExists(db, actor.id, id))) throw notFound('通知');
  await db.transaction().execute(async (trx) => {
    if ((await repo.markRead(trx, actor.id, now, id)) > 0)
      await recordAudit(trx, ctx, { action: 'read', entityType: 'notification', entityId: id });
  });
  return listMyNotifications(db, actor);
}

/** Marks all the actor's notifications read. */
export async function markAllRead(db: Db, actor: Actor, ctx: AuditContext): Promise<NotificationList> {
  await db.transaction().execute(async (trx) => {
    const n = await repo.markRead(trx, actor.id, ctx.now);
    if (n > 0)
      await recordAudit(trx, ctx, {
        action: 'read_all',
        entityType: 'notification',
        entityId: null,
        after: { count: n },
      });
  });
  return listMyNotifications(db, actor);
}

export interface Notice {
  kind: Notification['kind'];
  title: string;
  body: string;
  link: string | null;
}

// The functions below are called by other services inside their transactions, after their own
// access checks; they take no actor.

/** An in-app notification to every user of the units (optionally only some roles). */
export async function notifyUnits(
  trx: Db,
  unitIds: string[],
  notice: Notice | ((unitId: string) => Notice),
  ctx: AuditContext,
  roles?: Role[],
): Promise<number> {
  const users = await usersOfUnits(trx, unitIds, roles);
  const seen = new Set<string>();
  const rows = users.flatMap(({ userId, unitId }) => {
    if (seen.has(userId)) return [];
    seen.add(userId);
    const n = typeof notice === 'function' ? notice(unitId) : notice;
    return [
      {
        id: randomUUID(),
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        created_at: ctx.now,
        read_at: null,
      },
    ];
  });
  await repo.insertNotifications(trx, rows);
  return rows.length;
}

/** An in-app notification to every user holding the roles (the office, for submissions waiting for review), within the unit's county when one is given. */
export async function notifyRoles(
  trx: Db,
  roles: Role[],
  n: Notice,
  ctx: AuditContext,
  forUnitId?: string,
): Promise<void> {
  const ids = await usersWithRoles(trx, roles, forUnitId);
  await repo.insertNotifications(
    trx,
    ids.map((user_id) => ({
      id: randomUUID(),
      user_id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      created_at: ctx.now,
      read_at: null,
    })),
  );
}

/**
 * Queues the message on every enabled outgoing channel: an e-mail to each unit's contact address,
 * an SMS to each unit's mobile number and one robot message to the group. The delivery worker
 * sends, retries and logs them; a channel set to digest holds them for the day's digest instead.
 */
export async function queueOutgoing(
  trx: Db,
  unitIds: string[],
  message: { subject: string; body: string },
  ctx: AuditContext,
): Promise<number> {
  const [email, webhook, sms] = await Promise.all([
    repo.findChannel(trx, 'email'),
    repo.findChannel(trx, 'webhook'),
    repo.findChannel(trx, 'sms'),
  ]);
  // The county of the units addressed, so each county's office sees its own deliveries in the log.
  const regionId = await repo.commonRegion(trx, unitIds);
  const row = (channel: ChannelKind, target: string, digest: boolean) => ({
    id: randomUUID(),
    region_id: regionId,
    channel,
    target,
    subject: message.subject,
    body: message.body,
    status: digest ? 'held' : 'pending',
    attempts: 0,
    next_attempt_at: digest ? null : ctx.now,
    last_error: null,
    sent_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const rows = [];
  const digest = (c: repo.StoredChannel) => c.config.digest === true;
  if (email?.enabled) {
    for (const address of new Set((await repo.contactAddresses(trx, unitIds, 'email')).values()))
      rows.push(row('email', address, digest(email)));
  }
  if (sms?.enabled && sms.secret) {
    for (const phone of new Set((await repo.contactAddresses(trx, unitIds, 'phone')).values()))
      rows.push(row('sms', phone, digest(sms)));
  }
  if (webhook?.enabled && webhook.secret) {
    const url = (JSON.parse(webhook.secret) as { url?: string }).url ?? '';
    const name = `${webhook.config.format === 'dingtalk' ? '钉钉' : '企业微信'}机器人 ${urlHint(url)}`;
    rows.push(row('webhook', name, digest(webhook)));
  }
  await insertDeliveries(trx, rows);
  return rows.length;
}

/** Claims the day's reminder slot of a unit in a round; false when the reminder already went out. */
export function claimReminderSlot(
  trx: Db,
  slot: { roundId: string; unitId: string; day: string; kind: string },
  now: string,
): Promise<boolean> {
  return repo.claimReminder(trx, slot, now);
}
