import { sql } from 'kysely';
import { sqliteRateCountersOf, type Db } from '../db/connection.ts';

/** The upsert of `hit` on a SQLite database's counter file (db/connection.ts), prepared once there. */
const HIT_SQL = `INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + excluded.hits ELSE excluded.hits END,
    window_start = excluded.window_start
  RETURNING hits`;

/**
 * Counts `hits` requests in the key's current window and returns the count so far, in one
 * statement: parallel requests (or instances) must not read the same count and both pass.
 */
export async function hit(db: Db, key: string, windowStart: string, hits: number): Promise<number> {
  const counters = sqliteRateCountersOf(db);
  if (counters) return (counters.prepare(HIT_SQL).get(key, windowStart, hits) as { hits: number }).hits;
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start = ${windowStart} then rate_limits.hits + ${hits} else ${hits} end`,
        window_start: windowStart,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Drops counters of windows long past, so addresses seen once do not pile up. */
export async function dropBefore(db: Db, windowStart: string): Promise<void> {
  const counters = sqliteRateCountersOf(db);
  if (counters) {
    counters.prepare('DELETE FROM rate_limits WHERE window_start < ?').run(windowStart);
    return;
  }
  await db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute();
}
