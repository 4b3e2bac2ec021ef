import type { ColumnType } from 'kysely';

/** Stored shapes of the ledger tables (migration 20261129-0004). */
export interface LedgerTables {
  ledger_types: LedgerTypesTable;
  ledger_type_owners: LedgerTypeOwnersTable;
  ledger_rows: LedgerRowsTable;
}

export interface LedgerTypesTable {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  /** JSON of the pack's ledger type minus code, name and owners: fields, naturalKey, validity. */
  definition: string;
  position: number;
  created_at: string;
  updated_at: string;
}
export interface LedgerTypeOwnersTable {
  plan_id: string;
  ledger_type_id: string;
  unit_id: string;
  position: number;
}
/**
 * One version of a ledger row. An update ends the current version (deleted_at) and inserts the
 * next with the same row_id, so a count "as of" a past date sees what was recorded then.
 */
export interface LedgerRowsTable {
  id: string;
  row_id: string;
  version: number;
  plan_id: string;
  ledger_type_id: string;
  unit_id: string;
  /** The values as JSON: text on SQLite, jsonb (read back as an object) on PostgreSQL. */
  data: ColumnType<string | Record<string, unknown>, string, string>;
  natural_key: string;
  /** The values joined as text, for the list's search box. */
  search_text: string;
  valid_from: string | null;
  valid_to: string | null;
  /** When the row was first created (carried across versions). */
  created_at: string;
  created_by: string | null;
  /** When this version was recorded. */
  updated_at: string;
  updated_by: string | null;
  /** When this version stopped being current: replaced by a newer one, or the row deleted. */
  deleted_at: string | null;
  deleted: number;
  /** Carried over from an earlier plan of the county (migration 20261204-1291): that plan and row. */
  carried_from_plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  carried_from_row_id: ColumnType<string | null, string | null | undefined, string | null>;
}
