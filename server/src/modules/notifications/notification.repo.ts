import type { Insertable } from 'kysely';
import type { ChannelKind, Notification } from '@innocity/shared/api/notifications';
import type { Db } from '../../db/connection.ts';
import type { NotificationsTable } from './notification.table.ts';
import * as secretBox from './secret-box.ts';

export async function insertNotifications(db: Db, rows: Insertable<NotificationsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 50))
      .execute();
}

export async function listNotifications(db: Db, userId: string, limit: number): Promise<Notification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Notification['kind'],
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one (or, without an id, every) unread notification of the user read; returns how many changed. */
export async function markRead(db: Db, userId: string, now: string, id?: string): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function notificationExists(db: Db, userId: string, id: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()) !== undefined
  );
}

/** Claims a reminder slot; false when it was already taken (the reminder went out before). */
export async function claimReminder(
  db: Db,
  slot: { roundId: string; unitId: string; day: string; kind: string },
  now: string,
): Promise<boolean> {
  // ON CONFLICT DO NOTHING rather than catching the violation: PostgreSQL aborts a transaction on any error.
  const res = await db
    .insertInto('reminder_log')
    .values({ round_id: slot.roundId, unit_id: slot.unitId, day: slot.day, kind: slot.kind, created_at: now })
    .onConflict((oc) => oc.columns(['round_id', 'unit_id', 'day', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export interface StoredChannel {
  enabled: boolean;
  config: Record<string, unknown>;
  secret: string | null;
}

export async function findChannel(db: Db, channel: ChannelKind): Promise<StoredChannel | undefined> {
  const r = await db.selectFrom('channel_settings').selectAll().where('channel', '=', channel).executeTakeFirst();
  return r
    ? {
        enabled: r.enabled === 1,
        config: JSON.parse(r.config) as Record<string, unknown>,
        secret: secretBox.open(r.secret, channel),
      }
    : undefined;
}

export async function saveChannel(
  db: Db,
  channel: ChannelKind,
  s: StoredChannel,
  by: string | null,
  now: string,
): Promise<void> {
  const values = {
    enabled: s.enabled ? 1 : 0,
    config: JSON.stringify(s.config),
    secret: secretBox.seal(s.secret, channel),
    updated_by: by,
    updated_at: now,
  };
  // One upsert: two first saves at once must not both insert (PostgreSQL would answer one with a 500).
  await db
    .insertInto('channel_settings')
    .values({ channel, ...values, created_at: now })
    .onConflict((oc) => oc.column('channel').doUpdateSet(values))
    .execute();
}

export interface UnitContact {
  unitId: string;
  unitName: string;
  email: string | null;
  phone: string | null;
}

/** Every enabled unit's contact address and mobile number; with regions, only the units filed under them. */
export async function listContacts(db: Db, regionIds: readonly string[] | null = null): Promise<UnitContact[]> {
  let q = db
    .selectFrom('units')
    .leftJoin('unit_contacts as c', 'c.unit_id', 'units.id')
    .select(['units.id', 'units.name', 'c.email', 'c.phone'])
    .where('units.disabled', '=', 0)
    .orderBy('units.sort_order');
  if (regionIds) q = q.where('units.region_id', 'in', [...regionIds]);
  const rows = await q.execute();
  return rows.map((r) => ({ unitId: r.id, unitName: r.name, email: r.email ?? null, phone: r.phone ?? null }));
}

/** The units' e-mail addresses or mobile numbers, those that are set. */
export async function contactAddresses(
  db: Db,
  unitIds: string[],
  field: 'email' | 'phone',
): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit_contacts')
    .select(['unit_id', field])
    .where('unit_id', 'in', unitIds)
    .execute();
  return new Map(
    rows.flatMap((r) => {
      const v = (r as Record<string, string | null>)[field];
      return v ? [[r.unit_id, v] as [string, string]] : [];
    }),
  );
}

/** Sets the fields given (a field left undefined keeps what is stored), as one upsert. */
export async function saveContact(
  db: Db,
  unitId: string,
  c: { email?: string | null; phone?: string | null },
  now: string,
): Promise<void> {
  const set = {
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
    updated_at: now,
  };
  await db
    .insertInto('unit_contacts')
    .values({ unit_id: unitId, email: c.email ?? null, phone: c.phone ?? null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(set))
    .execute();
}

/** The county every one of the units is filed under, or null when they span several (or none). */
export async function commonRegion(db: Db, unitIds: string[]): Promise<string | null> {
  if (unitIds.length === 0) return null;
  const rows = await db.selectFrom('units').select('region_id').distinct().where('id', 'in', unitIds).execute();
  return rows.length === 1 ? (rows[0]!.region_id ?? null) : null;
}
