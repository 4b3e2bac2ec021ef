import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { LedgerFieldType } from '@innocity/shared/ledger-type';

/**
 * The one dialect-specific expression of the ledger module: a field of a row's JSON `data` (jsonb
 * on PostgreSQL, JSON text on SQLite) as text. SQLite's json_extract gives 1/0 for booleans and PostgreSQL's ->> gives true/false, so
 * {@link jsonFilterText} maps a filter value to the same dialect's spelling. Tested on both.
 */
export function jsonFieldText(db: Db, key: string): RawBuilder<string | null> {
  if (isPostgres(db)) return sql<string | null>`(ledger_rows.data ->> ${key})`;
  return sql<string | null>`CAST(json_extract(ledger_rows.data, ${'$.' + key}) AS TEXT)`;
}

/** A filter value as {@link jsonFieldText} spells it for a field of the given type. */
export function jsonFilterText(db: Db, type: LedgerFieldType, value: string | boolean): string {
  if (type !== 'boolean') return String(value);
  const truthy = value === true || value === 'true' || value === '是' || value === '1';
  if (isPostgres(db)) return truthy ? 'true' : 'false';
  return truthy ? '1' : '0';
}

export const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
