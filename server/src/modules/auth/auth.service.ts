import { hash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { LoginInput } from '@innocity/shared/api/auth';
import { AppError, unauthenticated } from '../../http/errors.ts';
import { findUserByUsername, loadActor, type Actor, type UserRecord } from '../users/user.repo.ts';
import { verifyDecoy, verifyPassword } from './password.ts';
import * as repo from './session.repo.ts';
import { findLiveSessionWithUser } from './session-lookup.repo.ts';
import type { VersionedPlan } from '../indicators/data-version.repo.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { formatLocalTime } from '../../time.ts';

export const ACCOUNT_MAX_FAILURES = 5;
export const ADDRESS_MAX_FAILURES = 20;
export const LOCK_MINUTES = 15;

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
  timeZone: string;
}

/**
 * The cookie carries a random token; the database keeps only its hash, so a leaked table opens no
 * session. One-shot `hash` (Node ≥ 20.12): the same digest without a Hash object per request.
 */
export const sessionIdOf = (token: string) => hash('sha256', token, 'hex');

/**
 * Ids of recently seen tokens: every request of a session hashed the same token again. The id is a
 * function of the token alone, so nothing is ever stale; only tokens of the length the app issues
 * are kept (a guessed long one is hashed and forgotten), and the map is emptied when full.
 */
const recentSessionIds = new Map<string, string>();
const RECENT_SESSION_IDS_MAX = 10_000;
const TOKEN_BYTES = 32;
const ISSUED_TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 4) / 3); // base64url without padding, as `login` makes them

function sessionIdOfRequest(token: string): string {
  if (token.length !== ISSUED_TOKEN_LENGTH) return sessionIdOf(token);
  let id = recentSessionIds.get(token);
  if (id === undefined) {
    if (recentSessionIds.size >= RECENT_SESSION_IDS_MAX) recentSessionIds.clear();
    recentSessionIds.set(token, (id = sessionIdOf(token)));
  }
  return id;
}

const addMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** Checks credentials under the per-account and per-address throttles and opens a session. */
export async function login(
  db: Db,
  input: LoginInput,
  meta: { ip: string; userAgent: string | null; requestId: string; now: string },
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string; actor: Actor }> {
  const keys = throttleKeys(input.username, meta.ip);
  await refuseIfLocked(db, keys, meta.now, policy.timeZone);
  const user = await findUserByUsername(db, input.username);
  // An unknown username costs a hash check too, and "disabled" is said only to the right password,
  // so neither the timing nor the message tells whether an account exists.
  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDecoy(input.password);
  if (!user || !passwordOk || user.disabled) {
    await recordFailure(db, keys, { ...meta, userId: user?.id ?? null, username: input.username }, policy.timeZone);
    throw unauthenticated(passwordOk && user?.disabled ? '该账号已停用，请联系管理员' : '用户名或密码错误');
  }
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    for (const key of keys) await repo.clearThrottle(trx, key);
    await repo.insertSession(trx, {
      id: sessionIdOf(token),
      userId: user.id,
      csrfToken,
      createdAt: meta.now,
      lastSeenAt: meta.now,
      expiresAt: addMinutes(meta.now, policy.absoluteHours * 60),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const ctx: AuditContext = {
      actor: { id: user.id, displayName: user.displayName },
      requestId: meta.requestId,
      ip: meta.ip,
      now: meta.now,
    };
    await recordAudit(trx, ctx, {
      action: 'login',
      entityType: 'session',
      entityId: user.id,
      after: { username: user.username, ip: meta.ip, userAgent: meta.userAgent },
    });
  });
  return { token, csrfToken, actor: await loadActor(db, user) };
}

/** The throttle keys of an attempt: the account (any letter case) and the client address. */
export const throttleKeys = (username: string, ip: string) => [`user:${username.toLowerCase()}`, `ip:${ip}`];

/** Refuses with 423 and the time to try again while the account or the address is locked. */
export async function refuseIfLocked(db: Db, keys: string[], now: string, timeZone: string): Promise<void> {
  for (const key of keys) {
    const t = await repo.findThrottle(db, key);
    if (t?.lockedUntil && t.lockedUntil > now) {
      const minutes = Math.max(1, Math.ceil((Date.parse(t.lockedUntil) - Date.parse(now)) / 60_000));
      const who = key.startsWith('user:') ? '该账号' : '当前网络地址';
      throw new AppError(
        423,
        'locked',
        `密码错误次数过多，${who}已临时锁定，请于 ${formatLocalTime(t.lockedUntil, timeZone)} 后再试（约 ${minutes} 分钟）`,
        { lockedUntil: t.lockedUntil },
      );
    }
  }
}

/** Counts a wrong password against each key, locks a key past its limit, and records the attempt in the audit log. */
export async function recordFailure(
  db: Db,
  keys: string[],
  meta: { now: string; ip: string; requestId: string; userId: string | null; username: string },
  timeZone: string,
): Promise<void> {
  let lockedUntil: string | null = null;
  await db.transaction().execute(async (trx) => {
    for (const key of keys) {
      const max = key.startsWith('user:') ? ACCOUNT_MAX_FAILURES : ADDRESS_MAX_FAILURES;
      const lock = addMinutes(meta.now, LOCK_MINUTES);
      const row = await repo.countFailure(trx, {
        key,
        now: meta.now,
        windowStart: addMinutes(meta.now, -LOCK_MINUTES),
        max,
        lockUntil: lock,
      });
      if (row.lockedUntil === lock && key.startsWith('user:')) lockedUntil = lock;
    }
    const ctx: AuditContext = { actor: null, requestId: meta.requestId, ip: meta.ip, now: meta.now };
    await recordAudit(trx, ctx, {
      action: 'login_failed',
      entityType: 'session',
      entityId: meta.userId,
      after: { username: meta.username.slice(0, 64), lockedUntil },
    });
  });
  if (lockedUntil) {
    throw new AppError(
      423,
      'locked',
      `密码错误次数过多，该账号已临时锁定，请于 ${formatLocalTime(lockedUntil, timeZone)} 后再试（约 ${LOCK_MINUTES} 分钟）`,
      {
        lockedUntil,
      },
    );
  }
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  /** The plan a read names (`ref`, its id or code) and its data version, read in the session's query. */
  plan?: { ref: string; found: VersionedPlan | undefined };
  /**
   * Until when (ms since the epoch) resolving this session again changes nothing by itself: no
   * touch due, not idle or past its absolute end. An answer replayed without resolving it
   * (http/answer-memo.ts) must not outlive this.
   */
  quietUntil: number;
}

/** A session's last-seen time is written at most this often, so that reads do not turn into a write per request. */
const TOUCH_MS = 60_000;

/**
 * Each database's actors' grants (roles, units, regions reached) by user id, with the grants
 * version they were read under. Per database object, so test apps and instances never share.
 */
const grantsCache = new WeakMap<Db, Map<string, { version: string; actor: Actor }>>();
const GRANTS_CACHE_MAX = 10_000;

/**
 * The user as an actor, the grants from the cache when the deployment-wide version is still the
 * one they were read under. A grant written by any instance moves that version in its own
 * transaction, so the next request reloads; the user's own fields come fresh from the row.
 */
async function actorFor(db: Db, user: UserRecord, version: string): Promise<Actor> {
  let byUser = grantsCache.get(db);
  if (!byUser) grantsCache.set(db, (byUser = new Map()));
  const hit = byUser.get(user.id);
  const grants = hit?.version === version ? hit.actor : await loadActor(db, user);
  if (hit?.version !== version) {
    if (byUser.size >= GRANTS_CACHE_MAX) byUser.clear();
    byUser.set(user.id, { version, actor: grants });
  }
  // The same user record (a row kept under an unchanged SQLite epoch) with the same grants makes the same actor.
  const made = actorsOfUser.get(user.id);
  if (made?.user === user && made.grants === grants) return made.actor;
  const actor = {
    ...grants,
    username: user.username,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
  };
  if (actorsOfUser.size >= GRANTS_CACHE_MAX) actorsOfUser.clear();
  actorsOfUser.set(user.id, { user, grants, actor });
  return actor;
}

/**
 * The actor last made for a user, with the user record object and grants object it was made from:
 * both are new objects whenever anything in them changed, so the same pair makes the same actor.
 */
const actorsOfUser = new Map<string, { user: UserRecord; grants: Actor; actor: Actor }>();

/**
 * Resolves a cookie token to a live session, enforcing idle and absolute expiry. One query when
 * the grants are cached: the session row (so a revocation is seen at once), its user, the version,
 * and with `planRef` the plan a read names and its data version (see http/auth-hook.ts).
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: string,
  policy: SessionPolicy,
  planRef?: string,
): Promise<ResolvedSession | undefined> {
  const id = sessionIdOfRequest(token);
  const found = await findLiveSessionWithUser(db, id, planRef);
  if (!found) return undefined;
  const { session: s, user } = found;
  // Instants compared as numbers, each parsed once (every signed-in request runs this).
  const idleMs = Date.parse(now) - Date.parse(s.lastSeenAt);
  if (s.expiresAt <= now || idleMs >= policy.idleMinutes * 60_000) {
    await repo.revokeSession(db, id, now);
    return undefined;
  }
  if (user.disabled) return undefined;
  const touch = idleMs > TOUCH_MS;
  if (touch) await repo.touchSession(db, id, now);
  const actor = await actorFor(db, user, found.grantsVersion);
  const plan = planRef === undefined ? {} : { plan: { ref: planRef, found: found.plan } };
  const seen = touch ? Date.parse(now) : Date.parse(s.lastSeenAt);
  const quietUntil = Math.min(seen + TOUCH_MS, seen + policy.idleMinutes * 60_000, Date.parse(s.expiresAt));
  return { sessionId: id, csrfToken: s.csrfToken, actor, ...plan, quietUntil };
}

/** Ends the session: revoked in the database, so the cookie opens nothing any more. */
export async function logout(db: Db, session: ResolvedSession, ctx: AuditContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.revokeSession(trx, session.sessionId, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'logout',
      entityType: 'session',
      entityId: session.actor.id,
      before: { username: session.actor.username },
    });
  });
}

/** Revokes every live session of the user but the one kept (the caller's own, on a password change). Call inside the writing transaction. */
export async function signOutEverywhere(trx: Db, userId: string, now: string, keepSessionId?: string): Promise<void> {
  await repo.revokeUserSessions(trx, userId, now, keepSessionId);
}
