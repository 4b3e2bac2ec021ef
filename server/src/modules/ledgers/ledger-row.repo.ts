import type { Selectable } from 'kysely';
import type { LedgerValues } from '@innocity/shared/ledger-type';
import type { LedgerRow } from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import type { LedgerRowsTable } from './ledger.table.ts';
import { containsText } from '../../db/text-search.ts';
import { jsonFieldText } from './ledger-json.repo.ts';

/** One version of a row as the services handle it. */
export interface LedgerRowVersion {
  id: string;
  rowId: string;
  version: number;
  planId: string;
  typeId: string;
  unitId: string;
  values: LedgerValues;
  naturalKey: string;
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export const toVersion = (r: Selectable<LedgerRowsTable>): LedgerRowVersion => ({
  id: r.id,
  rowId: r.row_id,
  version: r.version,
  planId: r.plan_id,
  typeId: r.ledger_type_id,
  unitId: r.unit_id,
  // jsonb arrives parsed from PostgreSQL; SQLite gives the JSON text.
  values: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as LedgerValues,
  naturalKey: r.natural_key,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

// Chunks keep every statement under SQLite's bound-parameter limit.
const CHUNK = 500;

/** The current version of a row of the type, or undefined (also when deleted). */
export async function findLiveRow(db: Db, typeId: string, rowId: string): Promise<LedgerRowVersion | undefined> {
  const row = await db
    .selectFrom('ledger_rows')
    .selectAll()
    .where('row_id', '=', rowId)
    .where('ledger_type_id', '=', typeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/**
 * Ends current versions at `at`: replaced by a newer one, or (deleted) the row removed. Returns how
 * many it ended: fewer than asked means another writer ended some first (on PostgreSQL the second
 * writer waits for the first's row lock, then finds the version no longer current), and the caller
 * must give up rather than start a second current version.
 */
export async function endVersions(db: Db, versionIds: string[], at: string, deleted: boolean): Promise<number> {
  let ended = 0;
  for (let i = 0; i < versionIds.length; i += CHUNK) {
    const res = await db
      .updateTable('ledger_rows')
      .set({ deleted_at: at, deleted: deleted ? 1 : 0 })
      .where('id', 'in', versionIds.slice(i, i + CHUNK))
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    ended += Number(res.numUpdatedRows);
  }
  return ended;
}

export interface ListRowsQuery {
  typeId: string;
  unitId?: string;
  validOn?: string;
  q?: string;
  /** Field filters spelled as jsonFieldText gives them. */
  filters: { key: string; values: string[] }[];
  /** Keyset: rows whose natural key sorts after this one. */
  afterKey?: string;
  offset: number;
  limit: number;
}

/** Current rows in natural-key order, a page at a time, with the total of rows that match. */
export async function listLiveRows(
  db: Db,
  q: ListRowsQuery,
): Promise<{ items: LedgerRow[]; total: number; lastKey: string | null }> {
  let base = db
    .selectFrom('ledger_rows')
    .where('ledger_rows.ledger_type_id', '=', q.typeId)
    .where('ledger_rows.deleted_at', 'is', null);
  if (q.unitId) base = base.where('ledger_rows.unit_id', '=', q.unitId);
  const validOn = q.validOn;
  if (validOn) {
    base = base
      .where((eb) => eb.or([eb('ledger_rows.valid_from', 'is', null), eb('ledger_rows.valid_from', '<=', validOn)]))
      .where((eb) => eb.or([eb('ledger_rows.valid_to', 'is', null), eb('ledger_rows.valid_to', '>=', validOn)]));
  }
  if (q.q) base = base.where(containsText('ledger_rows.search_text', q.q));
  for (const f of q.filters)
    base = base.where(jsonFieldText(db, f.key), 'in', f.values.length > 0 ? f.values : ['\u0000']);
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const page = await (q.afterKey === undefined ? base : base.where('ledger_rows.natural_key', '>', q.afterKey))
    .innerJoin('units', 'units.id', 'ledger_rows.unit_id')
    .leftJoin('users as creator', 'creator.id', 'ledger_rows.created_by')
    .leftJoin('users as editor', 'editor.id', 'ledger_rows.updated_by')
    .selectAll('ledger_rows')
    .select(['units.name as unit_name', 'creator.display_name as creator_name', 'editor.display_name as editor_name'])
    .orderBy('ledger_rows.natural_key')
    .limit(q.limit)
    .offset(q.afterKey === undefined ? q.offset : 0)
    .execute();
  const items = page.map((r) => toApiRow(toVersion(r), r.unit_name, r.creator_name, r.editor_name));
  return {
    items,
    total: Number(counted.n),
    lastKey: page.length === q.limit ? (page.at(-1)?.natural_key ?? null) : null,
  };
}

/** The API shape of a version, with the names the UI shows. */
export function toApiRow(
  v: LedgerRowVersion,
  unitName: string,
  creator: string | null,
  editor: string | null,
): LedgerRow {
  return {
    id: v.rowId,
    version: v.version,
    unit: { id: v.unitId, name: unitName },
    values: v.values,
    validFrom: v.validFrom,
    validTo: v.validTo,
    createdAt: v.createdAt,
    createdBy: creator,
    updatedAt: v.updatedAt,
    updatedBy: editor,
  };
}

/** Current rows in natural-key order, in batches, for an export that never holds the whole ledger. */
export async function* iterateLiveRows(
  db: Db,
  typeId: string,
  unitId: string | undefined,
  batch = 1000,
): AsyncGenerator<(LedgerRowVersion & { unitName: string })[]> {
  let after: string | undefined;
  for (;;) {
    let query = db
      .selectFrom('ledger_rows')
      .innerJoin('units', 'units.id', 'ledger_rows.unit_id')
      .selectAll('ledger_rows')
      .select('units.name as unit_name')
      .where('ledger_rows.ledger_type_id', '=', typeId)
      .where('ledger_rows.deleted_at', 'is', null);
    if (unitId) query = query.where('ledger_rows.unit_id', '=', unitId);
    if (after !== undefined) query = query.where('ledger_rows.natural_key', '>', after);
    const rows = await query.orderBy('ledger_rows.natural_key').limit(batch).execute();
    if (rows.length > 0) yield rows.map((r) => ({ ...toVersion(r), unitName: r.unit_name }));
    if (rows.length < batch) return;
    after = rows.at(-1)!.natural_key;
  }
}

/** Units' names by id, for messages and the UI. */
export async function unitNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Display names of users, for "created by" in the UI. */
export async function userNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * The given rows of a type as they stood at `cutoff` (the version recorded before it and not yet
 * replaced or deleted then), in natural-key order, with their units' and people's names.
 */
export async function listRowsAt(
  db: Db,
  typeId: string,
  rowIds: string[],
  cutoff: string,
): Promise<(LedgerRowVersion & { unitName: string })[]> {
  const found: (LedgerRowVersion & { unitName: string })[] = [];
  for (let i = 0; i < rowIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('ledger_rows')
      .innerJoin('units', 'units.id', 'ledger_rows.unit_id')
      .selectAll('ledger_rows')
      .select('units.name as unit_name')
      .where('ledger_rows.ledger_type_id', '=', typeId)
      .where('ledger_rows.row_id', 'in', rowIds.slice(i, i + CHUNK))
      .where('ledger_rows.updated_at', '<', cutoff)
      .where((eb) => eb.or([eb('ledger_rows.deleted_at', 'is', null), eb('ledger_rows.deleted_at', '>=', cutoff)]))
      .execute();
    found.push(...rows.map((r) => ({ ...toVersion(r), unitName: r.unit_name })));
  }
  return found.sort((a, b) => (a.naturalKey < b.naturalKey ? -1 : a.naturalKey > b.naturalKey ? 1 : 0));
}
