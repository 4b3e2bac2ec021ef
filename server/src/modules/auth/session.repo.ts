import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { toRecord as toUserRecord, type UserRecord } from '../users/user.repo.ts';
import { GLOBAL_SCOPE, versionedPlanOf, type VersionedPlan } from '../indicators/data-version.repo.ts';
import { precompiled } from '../../db/precompiled.ts';

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
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/** The session, its user and the deployment-wide (grants) version: what every signed-in request reads. */
const sessionWithUser = (db: Db, id: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select((eb) => [
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.username',
      'users.display_name',
      'users.phone',
      'users.password_hash',
      'users.must_change_password',
      'users.disabled',
      'users.password_changed_at',
      eb
        .selectFrom('data_version_log')
        .select(sql<string | number | null>`sum(weight)`.as('v'))
        .where('data_version_log.scope', '=', sql.lit(GLOBAL_SCOPE))
        .as('grants_version'),
    ])
    .where('sessions.id', '=', id)
    .where('sessions.revoked_at', 'is', null);

// Compiled once per database (db/precompiled.ts): it runs on every signed-in request.
const liveSessionWithUser = precompiled(['id'], (db, p) => sessionWithUser(db, p.id));

/**
 * The same, with the plan a read names (by id or code) and that plan's own data version: a cached
 * cockpit answer then costs this one round trip instead of two (session, then plan). The same
 * statement reads both, so the plan's version and the global one are of one snapshot.
 */
const liveSessionWithPlan = precompiled(['id', 'plan'], (db, p) =>
  sessionWithUser(db, p.id)
    .leftJoin('plans', (j) => j.on((eb) => eb.or([eb('plans.id', '=', p.plan), eb('plans.code', '=', p.plan)])))
    .select((eb) => [
      'plans.id as plan_id',
      'plans.code as plan_code',
      'plans.status as plan_status',
      'plans.baseline_year as plan_baseline_year',
      'plans.target_year as plan_target_year',
      eb
        .selectFrom('data_version_log')
        .select(sql<string | number | null>`sum(weight)`.as('v'))
        .whereRef('data_version_log.scope', '=', 'plans.id')
        .as('plan_version'),
    ]),
);

type SessionRow = Awaited<ReturnType<typeof liveSessionWithUser>>[number];
type PlanColumns = Omit<Awaited<ReturnType<typeof liveSessionWithPlan>>[number], keyof SessionRow>;

/**
 * A live session with its user and the version of who-holds-which-role-and-unit, in one query:
 * what a signed-in request costs when the actor's grants are cached. The grants (user_roles,
 * user_units, units, regions) are versioned by the deployment-wide data version, moved by triggers
 * in the writing transaction (migrations 20261204-1701/1702); the user row is read fresh here.
 * With `planIdOrCode`, the same query also reads that plan and its data version (`plan` is then
 * present, undefined when there is no such plan).
 */
export async function findLiveSessionWithUser(
  db: Db,
  id: string,
  planIdOrCode?: string,
): Promise<
  { session: SessionRecord; user: UserRecord; grantsVersion: string; plan?: VersionedPlan | undefined } | undefined
> {
  const [row]: (SessionRow & Partial<PlanColumns>)[] =
    planIdOrCode === undefined
      ? await liveSessionWithUser(db, { id })
      : await liveSessionWithPlan(db, { id, plan: planIdOrCode });
  if (!row) return undefined;
  const grantsVersion = String(row.grants_version ?? 0);
  const found = {
    session: {
      id: row.id,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    },
    user: toUserRecord({ ...row, id: row.user_id }),
    grantsVersion,
  };
  if (planIdOrCode === undefined) return found;
  const plan: VersionedPlan | undefined = row.plan_id
    ? versionedPlanOf(
        {
          id: row.plan_id,
          code: row.plan_code!,
          status: row.plan_status!,
          baselineYear: row.plan_baseline_year!,
          targetYear: row.plan_target_year!,
        },
        row.plan_version,
        row.grants_version,
      )
    : undefined;
  return { ...found, plan };
}

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
