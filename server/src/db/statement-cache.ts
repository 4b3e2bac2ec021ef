import type SQLite from 'better-sqlite3';

/**
 * Makes `prepare` on this SQLite handle reuse the statement already prepared for the same SQL
 * text. Kysely's SQLite driver prepares every query anew, and on a cached cockpit answer that was
 * the largest single cost of the request (14 % of the CPU of GET /api/auth/me in a profile): the
 * same few statements (the session, the plan and its data version) compiled by SQLite again and
 * again. A statement still being iterated (a streamed select) is busy and cannot run a second
 * query, so a new one is prepared for that call. SQLite re-prepares a cached statement by itself
 * when a migration changes the schema. Bounded: the least recently used statement is dropped.
 */
export function cachePreparedStatements(sqlite: SQLite.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = statements.get(source);
    if (hit && !hit.busy) {
      statements.delete(source);
      statements.set(source, hit);
      return hit;
    }
    const stmt = prepare(source);
    if (!hit) {
      statements.set(source, stmt);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
    }
    return stmt;
  }) as SQLite.Database['prepare'];
}
