import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/**
 * Counts one request in the key's current window and returns the count so far, in one statement:
 * parallel requests (or instances) must not read the same count and both pass.
 */
export async function hit(db: Db, key: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.window_start = ${windowStart} then rate_limits.hits + 1 else 1 end`,
        window_start: windowStart,
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Drops counters of windows long past, so addresses seen once do not pile up. */
export async function dropBefore(db: Db, windowStart: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', windowStart).execute();
}
