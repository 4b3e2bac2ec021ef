import { sql, type Expression, type SqlBool } from 'kysely';

/** Escapes LIKE's wildcards so user text matches literally. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * "column contains text", ignoring ASCII case, the same on SQLite and PostgreSQL: lower() on
 * both sides and an explicit ESCAPE (SQLite's LIKE ignores case, PostgreSQL's does not).
 */
export function containsText(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}
