import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The SQL texts to keep prepared (db/precompiled.ts adds its few); a bound keeps a stray caller from filling it. */
const hot = new Set<string>();
const HOT_MAX = 64;

/** Marks a SQL text as one every request runs: on PostgreSQL it is then parsed and planned once per connection. */
export function keepPrepared(text: string): void {
  if (hot.size < HOT_MAX) hot.add(text);
}

/** A name per text: the same text gets the same name on every connection, another text another name. */
const nameOf = (text: string) => `ic_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

/**
 * Makes each connection of the pool run the marked texts as named prepared statements. Kysely
 * sends every query unnamed, so PostgreSQL parses and plans it anew each time: on a cached cockpit
 * answer, whose one query (session, user, plan, versions) is the whole of its database work, that
 * was most of the server's share. A named statement is parsed once per connection and then only
 * bound and executed (pg keeps track of which connection has prepared which name). Behind
 * pgbouncer in transaction mode this needs pgbouncer ≥ 1.21 with `max_prepared_statements` set.
 */
export function prepareHotQueries(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      if (typeof config === 'string' && hot.has(config) && callback === undefined && Array.isArray(values)) {
        return query({ name: nameOf(config), text: config, values });
      }
      return query(config, values, callback);
    }) as typeof client.query;
  });
}
