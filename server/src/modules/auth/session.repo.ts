import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function insertSession(
  db: Db,
  s: SessionRecord & { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.createdAt,
      last_seen_at: s.lastSeenAt,
      expires_at: s.expiresAt,
      revoked_at: null,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** A session that is not revoked; expiry is the service's decision. */
export async function findLiveSession(db: Db, id: string): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row && sessionRecordOf(row);
}

type SessionColumns = Record<'id' | 'user_id' | 'csrf_token' | 'created_at' | 'last_seen_at' | 'expires_at', string>;

/** A sessions row as the service sees it (the lookups of every request and findLiveSession). */
export const sessionRecordOf = (row: SessionColumns): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
});

export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: string, now: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Signs a user out everywhere, optionally keeping one session (the one that changed the password). */
export async function revokeUserSessions(db: Db, userId: string, now: string, keepId?: string): Promise<void> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keepId) q = q.where('id', '!=', keepId);
  await q.execute();
}

export interface Throttle {
  key: string;
  failures: number;
  firstFailureAt: string;
  lockedUntil: string | null;
}

export async function findThrottle(db: Db, key: string): Promise<Throttle | undefined> {
  const row = await db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst();
  return (
    row && { key: row.key, failures: row.failures, firstFailureAt: row.first_failure_at, lockedUntil: row.locked_until }
  );
}

/**
 * Counts one failure against the key in a single statement and returns the row as it now stands.
 * A read followed by a write lost counts (and collided on the key) when attempts ran in parallel on
 * PostgreSQL; INSERT … ON CONFLICT DO UPDATE is applied under the row's lock on both databases.
 * The window restarts when the first failure is older than windowStart or a lock has run out.
 */
export async function countFailure(
  db: Db,
  f: { key: string; now: string; windowStart: string; max: number; lockUntil: string },
): Promise<Throttle> {
  const fresh = sql<boolean>`(login_throttles.first_failure_at < ${f.windowStart} or (login_throttles.locked_until is not null and login_throttles.locked_until <= ${f.now}))`;
  const next = sql<number>`case when ${fresh} then 1 else login_throttles.failures + 1 end`;
  const row = await db
    .insertInto('login_throttles')
    .values({
      key: f.key,
      failures: 1,
      first_failure_at: f.now,
      locked_until: f.max <= 1 ? f.lockUntil : null,
    })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: next,
        first_failure_at: sql<string>`case when ${fresh} then ${f.now} else login_throttles.first_failure_at end`,
        locked_until: sql<string | null>`case when ${next} >= ${f.max} then ${f.lockUntil} else null end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key: row.key, failures: row.failures, firstFailureAt: row.first_failure_at, lockedUntil: row.locked_until };
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('key', '=', key).execute();
}
