import type { ProvinceOverview } from '@innocity/shared/api/province';
import type { Db } from '../../db/connection.ts';

// The province view's answers by key (counties, date, the data versions of their plans): no
// time-based expiry, a write changes the key. Per database (tests open many in one process).

/** Answers kept per database: a few regions × a few dates; the oldest used is dropped first. */
const MAX_ENTRIES = 32;

const caches = new WeakMap<Db, Map<string, Promise<ProvinceOverview>>>();

/**
 * The answer under `key`, computed by `compute` when not held. Requests that arrive while it is
 * computed share the one computation; a failed one is not kept.
 */
export function cachedOverview(
  db: Db,
  key: string,
  compute: () => Promise<ProvinceOverview>,
): Promise<ProvinceOverview> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const held = cache.get(key);
  if (held) {
    // Map order is insertion order: re-inserting marks the entry as the latest used.
    cache.delete(key);
    cache.set(key, held);
    return held;
  }
  const made = compute();
  cache.set(key, made);
  made.catch(() => cache.delete(key));
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return made;
}

/** Drops the database's held answers: the bench times a first view with it. */
export function forgetOverviews(db: Db): void {
  caches.delete(db);
}
