import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isPostgres, jsonFieldText } from '../ledgers/ledger-json.repo.ts';

/**
 * A date condition a ledger statistic counts rows by: rows valid on `hi` (validity interval
 * covers it), or rows dated (valid_from) within [lo, hi].
 */
export type LedgerWindow = { mode: 'valid'; hi: string } | { mode: 'dated'; lo: string; hi: string };

export const windowKey = (w: LedgerWindow) => (w.mode === 'valid' ? `v|${w.hi}` : `d|${w.lo}|${w.hi}`);

/** A summed field over one group: the plain numbers summed by the database, odd texts left to the caller. */
export interface GroupSum {
  /** Sum of the values the database read as plain decimal numbers (exact on PostgreSQL). */
  sum: number;
  /** How many rows gave such a number, and the most decimals among them. */
  count: number;
  scale: number;
  /** A value that is not a plain JSON number (a numeric text, an exponent…): the rule in JS decides, for `rows` rows. */
  odd: string | null;
}

/** One group of live rows: plan, type, date condition and the filtered fields' texts. */
export interface LedgerGroup {
  planId: string;
  typeId: string;
  window: string;
  /** The filter fields' texts, in the order of `filterKeys` (jsonFieldText's spelling). */
  values: (string | null)[];
  rows: number;
  sums: GroupSum[];
}

/**
 * The database counts and sums: every live row version of the types (recorded before `cutoff`,
 * still current at it) matched with each date condition it satisfies, grouped by plan, type,
 * condition and the filter fields' values, one query for a batch of plans. About a hundred
 * groups a plan come back instead of its two thousand rows. Summed fields: SQL sums what is a
 * JSON number (numeric on PostgreSQL: exact; REAL on SQLite: the caller rounds to the group's
 * decimals as the row path does), and groups any other non-null text by its value so the caller
 * parses it with the row path's own rule; nothing is interpreted differently from
 * {@link selectLiveRows}'s path.
 */
export async function selectLedgerGroups(
  db: Db,
  q: {
    planIds: string[];
    typeIds: string[];
    cutoff: string;
    filterKeys: string[];
    sumKeys: string[];
    windows: LedgerWindow[];
  },
): Promise<LedgerGroup[]> {
  if (q.planIds.length === 0 || q.typeIds.length === 0 || q.windows.length === 0) return [];
  const pg = isPostgres(db);
  // The date conditions as a derived table (a UNION ALL of literal rows: the same on both dialects).
  const windows = sql.join(
    q.windows.map(
      (w, i) =>
        sql`SELECT ${sql.lit(i)} AS wid, ${w.mode === 'valid' ? 'v' : 'd'} AS mode, ${w.mode === 'dated' ? w.lo : ''} AS lo, ${w.hi} AS hi`,
    ),
    sql` UNION ALL `,
  );
  const filters = q.filterKeys.map((k) => jsonFieldText(db, k));
  const plain = (k: string): RawBuilder<boolean> =>
    pg
      ? sql`jsonb_typeof(ledger_rows.data -> ${k}) = 'number'`
      : // A JSON number printed without an exponent: its text is what the row path would parse.
        sql`(json_type(ledger_rows.data, ${'$.' + k}) IN ('integer', 'real') AND ${jsonFieldText(db, k)} NOT LIKE '%e%')`;
  const numeric = (k: string) =>
    pg
      ? sql`CAST(ledger_rows.data ->> ${k} AS numeric)`
      : sql`CAST(json_extract(ledger_rows.data, ${'$.' + k}) AS REAL)`;
  const decimals = (k: string) => {
    const t = jsonFieldText(db, k);
    return pg
      ? sql`scale(CAST(ledger_rows.data ->> ${k} AS numeric))`
      : sql`CASE WHEN instr(${t}, '.') > 0 THEN length(${t}) - instr(${t}, '.') ELSE 0 END`;
  };
  const odd = (k: string) => sql`CASE WHEN ${plain(k)} THEN NULL ELSE ${jsonFieldText(db, k)} END`;
  const groupCols = [...filters.map((f, i) => sql`${f} AS ${sql.ref(`f${i}`)}`)];
  const oddCols = q.sumKeys.map((k, j) => sql`${odd(k)} AS ${sql.ref(`o${j}`)}`);
  const sumCols = q.sumKeys.flatMap((k, j) => [
    sql`SUM(CASE WHEN ${plain(k)} THEN ${numeric(k)} END) AS ${sql.ref(`s${j}`)}`,
    sql`COUNT(CASE WHEN ${plain(k)} THEN 1 END) AS ${sql.ref(`c${j}`)}`,
    sql`MAX(CASE WHEN ${plain(k)} THEN ${decimals(k)} END) AS ${sql.ref(`k${j}`)}`,
  ]);
  // GROUP BY positions: plan, type, condition, then every filter field and odd summed text.
  const groupBy = Array.from({ length: 3 + filters.length + oddCols.length }, (_, i) => sql.lit(i + 1));
  const result = await sql<Record<string, string | number | null>>`
    SELECT ledger_rows.plan_id AS plan_id, ledger_rows.ledger_type_id AS type_id, w.wid AS wid
      ${sql.join(
        [...groupCols, ...oddCols, sql`COUNT(*) AS n`, ...sumCols].map((c) => sql`, ${c}`),
        sql``,
      )}
    FROM ledger_rows
    JOIN (${windows}) w ON (
      (w.mode = 'v'
        AND (ledger_rows.valid_from IS NULL OR ledger_rows.valid_from <= w.hi)
        AND (ledger_rows.valid_to IS NULL OR ledger_rows.valid_to >= w.hi))
      OR (w.mode = 'd' AND ledger_rows.valid_from >= w.lo AND ledger_rows.valid_from <= w.hi))
    WHERE ledger_rows.plan_id IN (${sql.join(q.planIds)})
      AND ledger_rows.ledger_type_id IN (${sql.join(q.typeIds)})
      AND ledger_rows.updated_at < ${q.cutoff}
      AND (ledger_rows.deleted_at IS NULL OR ledger_rows.deleted_at >= ${q.cutoff})
    GROUP BY ${sql.join(groupBy)}`.execute(db);
  const keys = q.windows.map(windowKey);
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  return result.rows.map((r) => ({
    planId: String(r.plan_id),
    typeId: String(r.type_id),
    window: keys[Number(r.wid)]!,
    values: filters.map((_f, i) => (r[`f${i}`] === null || r[`f${i}`] === undefined ? null : String(r[`f${i}`]))),
    rows: num(r.n),
    sums: q.sumKeys.map((_k, j) => ({
      sum: num(r[`s${j}`]),
      count: num(r[`c${j}`]),
      scale: num(r[`k${j}`]),
      odd: r[`o${j}`] === null || r[`o${j}`] === undefined ? null : String(r[`o${j}`]),
    })),
  }));
}
