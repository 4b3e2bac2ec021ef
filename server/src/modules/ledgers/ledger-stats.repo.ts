import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { jsonFieldText } from './ledger-json.repo.ts';

/** What to count: one type's row versions recorded before `cutoff` and still current at it. */
export interface CountedRowsQuery {
  planId: string;
  typeId: string;
  /** UTC instant where the as-of day ends in local time. */
  cutoff: string;
  /** Rows whose validity covers this date. */
  validOn?: string;
  /** Rows whose date (valid_from) lies within [from, to]. */
  dated?: { from: string; to: string };
  /** Field values, already spelled as jsonFieldText gives them; every filter must match. */
  filters: { key: string; values: string[] }[];
  /** A field whose text to return with each row (for sums). */
  field?: string;
}

/** The rows a statistic counts, by stable row id, with the requested field's value as text. */
export async function selectCountedRows(
  db: Db,
  q: CountedRowsQuery,
): Promise<{ rowId: string; value: string | null }[]> {
  let query = db
    .selectFrom('ledger_rows')
    .select('ledger_rows.row_id')
    .where('ledger_rows.plan_id', '=', q.planId)
    .where('ledger_rows.ledger_type_id', '=', q.typeId)
    .where('ledger_rows.updated_at', '<', q.cutoff)
    .where((eb) => eb.or([eb('ledger_rows.deleted_at', 'is', null), eb('ledger_rows.deleted_at', '>=', q.cutoff)]));
  const validOn = q.validOn;
  if (validOn !== undefined) {
    query = query
      .where((eb) => eb.or([eb('ledger_rows.valid_from', 'is', null), eb('ledger_rows.valid_from', '<=', validOn)]))
      .where((eb) => eb.or([eb('ledger_rows.valid_to', 'is', null), eb('ledger_rows.valid_to', '>=', validOn)]));
  }
  if (q.dated)
    query = query.where('ledger_rows.valid_from', '>=', q.dated.from).where('ledger_rows.valid_from', '<=', q.dated.to);
  for (const f of q.filters) {
    const expr = jsonFieldText(db, f.key);
    query = f.values.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where(expr, 'in', f.values);
  }
  const rows = await query
    .$if(q.field !== undefined, (qb) => qb.select(jsonFieldText(db, q.field ?? '').as('value')))
    .orderBy('ledger_rows.row_id')
    .execute();
  return rows.map((r) => ({
    rowId: r.row_id,
    value: 'value' in r ? ((r as { value: string | null }).value ?? null) : null,
  }));
}

/** A live row version as the set-based engine loads it, with the requested fields' text. */
export interface LoadedRow {
  planId: string;
  typeId: string;
  rowId: string;
  validFrom: string | null;
  validTo: string | null;
  /** The field texts, in the order of the `keys` asked for (jsonFieldText's spelling). */
  values: (string | null)[];
}

/**
 * Every row version of the given types recorded before `cutoff` and still current at it, for
 * several plans in one query, with the named fields' text: what {@link selectCountedRows} reads
 * date by date, read once so a series is counted in memory. Ordered by row id like it.
 */
export async function selectLiveRows(
  db: Db,
  q: { planIds: string[]; typeIds: string[]; cutoff: string; keys: string[] },
): Promise<LoadedRow[]> {
  if (q.planIds.length === 0 || q.typeIds.length === 0) return [];
  const rows = await db
    .selectFrom('ledger_rows')
    .select([
      'ledger_rows.plan_id',
      'ledger_rows.ledger_type_id',
      'ledger_rows.row_id',
      'ledger_rows.valid_from',
      'ledger_rows.valid_to',
    ])
    .select(q.keys.map((k, i) => jsonFieldText(db, k).as(`f${i}`)))
    .where('ledger_rows.plan_id', 'in', q.planIds)
    .where('ledger_rows.ledger_type_id', 'in', q.typeIds)
    .where('ledger_rows.updated_at', '<', q.cutoff)
    .where((eb) => eb.or([eb('ledger_rows.deleted_at', 'is', null), eb('ledger_rows.deleted_at', '>=', q.cutoff)]))
    .orderBy('ledger_rows.row_id')
    .execute();
  return rows.map((r) => {
    const rec = r as unknown as Record<string, string | null>;
    return {
      planId: r.plan_id,
      typeId: r.ledger_type_id,
      rowId: r.row_id,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      values: q.keys.map((_k, i) => rec[`f${i}`] ?? null),
    };
  });
}
