import type { Compilable, CompiledQuery } from 'kysely';
import type { Db } from './connection.ts';
import { keepPrepared } from './pg-prepared.ts';

const MARK = '\u0000precompiled:';

/**
 * A query built and compiled by Kysely once per database handle, then run with new parameter
 * values: for the one or two queries every signed-in request makes (the session, a plan's data
 * version), where building and compiling the query tree again each time cost about as much CPU as
 * the database answering it. `build` gets a stand-in for each named parameter; the stand-ins are
 * swapped for the call's values in the compiled parameter list, so values still travel as bound
 * parameters, never as SQL text. A handle inside a transaction compiles its own copy. On
 * PostgreSQL the text is also kept prepared on each connection (db/pg-prepared.ts).
 */
export function precompiled<P extends string, R>(
  names: readonly P[],
  build: (db: Db, p: Record<P, string>) => Compilable<R>,
) {
  const compiled = new WeakMap<Db, CompiledQuery<R>>();
  const standIns = Object.fromEntries(names.map((n) => [n, `${MARK}${n}`])) as Record<P, string>;
  /** The compiled query with these values bound, to run through `db` or on its SQLite handle. */
  const bind = (db: Db, values: Record<P, string>): CompiledQuery<R> => {
    let c = compiled.get(db);
    if (!c) {
      c = build(db, standIns).compile();
      compiled.set(db, c);
      keepPrepared(c.sql);
    }
    const parameters = c.parameters.map((v) =>
      typeof v === 'string' && v.startsWith(MARK) ? values[v.slice(MARK.length) as P] : v,
    );
    return { ...c, parameters };
  };
  const run = async (db: Db, values: Record<P, string>): Promise<R[]> =>
    (await db.executeQuery<R>(bind(db, values))).rows;
  return Object.assign(run, { bind });
}
