import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type SQLite from 'better-sqlite3';
import { sqliteHandleOf, type Db } from '../../db/connection.ts';
import { Coalescer } from '../../db/coalesce.ts';
import { keepPrepared } from '../../db/pg-prepared.ts';
import { precompiled } from '../../db/precompiled.ts';
import { EpochCache, epochCacheable, sqliteEpoch, sqliteEpochNow } from '../../db/sqlite-epoch.ts';
import { toRecord as toUserRecord, type UserRecord } from '../users/user.repo.ts';
import { GLOBAL_SCOPE, versionedPlanOf, type VersionedPlan } from '../indicators/data-version.repo.ts';
import { sessionRecordOf, type SessionRecord } from './session.repo.ts';

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
type LookupRow = SessionRow & Partial<PlanColumns>;

export interface FoundSession {
  session: SessionRecord;
  user: UserRecord;
  grantsVersion: string;
  plan?: VersionedPlan | undefined;
}

/**
 * The session's lookup for PostgreSQL, many at once: one row per (session, plan ref) pair that
 * matches, tagged with the pair's position (`ord`, from 1). The same columns and the same
 * conditions as the two queries above; the global version is summed once for the batch, the
 * plan's per row, all in one statement, so of one snapshot. A pair without a plan ref (null)
 * matches no plan. Kept prepared on each connection (db/pg-prepared.ts).
 */
const BATCH_SQL = `select q.ord, s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
  u.username, u.display_name, u.phone, u.password_hash, u.must_change_password, u.disabled, u.password_changed_at,
  g.v as grants_version,
  p.id as plan_id, p.code as plan_code, p.status as plan_status,
  p.baseline_year as plan_baseline_year, p.target_year as plan_target_year,
  (select sum(weight) from data_version_log d where d.scope = p.id) as plan_version
from unnest($1::text[], $2::text[]) with ordinality as q(sid, plan, ord)
join sessions s on s.id = q.sid and s.revoked_at is null
join users u on u.id = s.user_id
cross join (select sum(weight) as v from data_version_log where scope = '${GLOBAL_SCOPE}') g
left join plans p on q.plan is not null and (p.id = q.plan or p.code = q.plan)`;
keepPrepared(BATCH_SQL);

export type Key = { id: string; plan: string | undefined };

export async function lookupBatch(db: Db, keys: Key[]): Promise<(LookupRow | undefined)[]> {
  // PostgreSQL takes no NUL in a text parameter: such a ref (the auth hook passes none) names no
  // plan rather than failing the query of every other request in the batch.
  const plans = keys.map((k) => (k.plan === undefined || k.plan.includes('\u0000') ? null : k.plan));
  const { rows } = await db.executeQuery<LookupRow & { ord: number | string }>(
    CompiledQuery.raw(BATCH_SQL, [keys.map((k) => k.id), plans]),
  );
  const byPosition: (LookupRow | undefined)[] = new Array(keys.length);
  // The first row of a pair, as the single query's first row (a ref equal to one plan's id and another's code).
  for (const r of rows) byPosition[Number(r.ord) - 1] ??= r;
  return byPosition;
}

/** One coalescer per PostgreSQL handle outside a transaction (a test app's, an instance's). */
const batchers = new WeakMap<Db, Coalescer<Key, LookupRow | undefined> | null>();

/** The session lookups' coalescer of `db`, or null where lookups go one by one (SQLite, a transaction). */
export function sessionBatcher(db: Db): Coalescer<Key, LookupRow | undefined> | null {
  let b = batchers.get(db);
  if (b === undefined) {
    // SQLite answers synchronously on this thread: gathering lookups would only add a wait.
    const pg = db.getExecutor().adapter instanceof PostgresAdapter && !db.isTransaction;
    b = pg ? new Coalescer<Key, LookupRow | undefined>((keys) => lookupBatch(db, keys)) : null;
    batchers.set(db, b);
  }
  return b;
}

/**
 * A live session with its user and the version of who-holds-which-role-and-unit, in one query:
 * what a signed-in request costs when the actor's grants are cached. The grants (user_roles,
 * user_units, units, regions) are versioned by the deployment-wide data version, moved by triggers
 * in the writing transaction (migrations 20261204-1701/1702); the user row is read fresh here.
 * With `planIdOrCode`, the same query also reads that plan and its data version (`plan` is then
 * present, undefined when there is no such plan). On PostgreSQL the lookups of concurrent
 * requests share one query (db/coalesce.ts), each still read by a query sent after it was made.
 */
export async function findLiveSessionWithUser(
  db: Db,
  id: string,
  planIdOrCode?: string,
): Promise<FoundSession | undefined> {
  const row = await lookupRow(db, id, planIdOrCode);
  if (!row) return undefined;
  // PostgreSQL reads a new row for every request: nothing to keep.
  if (sessionBatcher(db)) return foundSessionOf(row, planIdOrCode);
  const key = planIdOrCode === undefined ? id : `${id}\u0000${planIdOrCode}`;
  const made = foundOfRow.get(key);
  if (made?.row === row) return made.found;
  const found = foundSessionOf(row, planIdOrCode);
  if (foundOfRow.size >= EPOCH_CACHE_MAX) foundOfRow.clear();
  foundOfRow.set(key, { row, found });
  return found;
}

/**
 * The records made from a lookup's row, by session and plan ref. A row kept under an unchanged
 * epoch (SQLite) is the very same object on every request, and so are the records made from it;
 * any change reads a new row, which makes new records. (A map by key, not a WeakMap by row:
 * short-lived weak keys cost the garbage collector on every request.)
 */
const foundOfRow = new Map<string, { row: LookupRow; found: FoundSession }>();

function foundSessionOf(row: LookupRow, planIdOrCode: string | undefined): FoundSession {
  const grantsVersion = String(row.grants_version ?? 0);
  const found = {
    session: sessionRecordOf(row),
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

/** Each SQLite database's lookup answers (a missing session included) by session and plan ref. */
const epochCaches = new WeakMap<Db, EpochCache<LookupRow | null>>();
const EPOCH_CACHE_MAX = 5_000;

/**
 * The lookup's row. On SQLite outside a transaction, the answer kept from an earlier request when
 * the database provably has not changed since (db/sqlite-epoch.ts): the epoch is read first, so an
 * answer is stored under an epoch no later than its read, and any write since — this process's,
 * another connection's or another process's, a session touch included — moves the epoch and the
 * next request reads afresh. Zero lag, no time in it. PostgreSQL keeps its query per request (the
 * database is shared by instances; only a query tells what another one committed).
 */
async function lookupRow(db: Db, id: string, plan: string | undefined): Promise<LookupRow | undefined> {
  const batcher = sessionBatcher(db);
  if (batcher) return batcher.lookup({ id, plan });
  const sqlite = sqliteHandleOf(db);
  if (sqlite && !sqlite.inTransaction) return lookupRowNow(db, sqlite, id, plan);
  const cacheable = epochCacheable(db);
  let cache: EpochCache<LookupRow | null> | undefined;
  let epoch = '';
  const key = plan === undefined ? id : `${id}\u0000${plan}`;
  if (cacheable) {
    cache = epochCacheOf(db);
    epoch = await sqliteEpoch(db);
    const hit = cache.get(key, epoch);
    if (hit !== undefined) return hit ?? undefined;
  }
  const row =
    plan === undefined ? (await liveSessionWithUser(db, { id }))[0] : (await liveSessionWithPlan(db, { id, plan }))[0];
  cache?.set(key, epoch, row ?? null);
  return row;
}

function epochCacheOf(db: Db): EpochCache<LookupRow | null> {
  let cache = epochCaches.get(db);
  if (!cache) epochCaches.set(db, (cache = new EpochCache(EPOCH_CACHE_MAX)));
  return cache;
}

/**
 * The same on SQLite's connection itself, while no transaction is open on it (the usual case): the
 * epoch and, when it moved, the query run back to back in one synchronous step, so nothing can
 * commit between them and both see the same committed state. While another request's transaction
 * is open on the connection, `lookupRow` goes through Kysely instead, which waits for it to end:
 * a read here would see that transaction's uncommitted rows.
 */
function lookupRowNow(db: Db, sqlite: SQLite.Database, id: string, plan: string | undefined): LookupRow | undefined {
  const cache = epochCacheOf(db);
  const key = plan === undefined ? id : `${id}\u0000${plan}`;
  const epoch = sqliteEpochNow(sqlite);
  const hit = cache.get(key, epoch);
  if (hit !== undefined) return hit ?? undefined;
  const q = plan === undefined ? liveSessionWithUser.bind(db, { id }) : liveSessionWithPlan.bind(db, { id, plan });
  const row = sqlite.prepare(q.sql).get(q.parameters) as LookupRow | undefined;
  cache.set(key, epoch, row ?? null);
  return row;
}
