import { sql, type RawBuilder } from 'kysely';
import { sqliteReadersOf, type Db } from '../../db/connection.ts';
import { isPostgres, jsonFieldText } from '../ledgers/ledger-json.repo.ts';
import { inReaders, readerHooks } from './ledger-aggregate.readers.ts';

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

/** One group of live rows: plan, type, the date conditions it meets and the filtered fields' texts. */
export interface LedgerGroup {
  planId: string;
  typeId: string;
  /** The keys ({@link windowKey}) of the windows whose condition the group's rows meet. */
  windows: string[];
  /** The filter fields' texts, in the order of `filterKeys` (jsonFieldText's spelling). */
  values: (string | null)[];
  rows: number;
  sums: GroupSum[];
}

/**
 * The database counts and sums: every live row version of the types (recorded before `cutoff`,
 * still current at it), its JSON fields read once, grouped by plan, type, where its validity
 * start and end fall among the windows' dates, and the filter fields' values; one query for a
 * batch of plans, about a hundred groups a plan instead of its two thousand rows. Each group
 * names the windows whose condition it meets. Summed fields: SQL sums what is a JSON
 * number (numeric on PostgreSQL: exact; REAL on SQLite: the caller rounds to the group's
 * decimals as the row path does), and groups any other non-null text by its value so the caller
 * parses it with the row path's own rule: nothing is read differently from selectLiveRows' path.
 */
export async function selectLedgerGroups(
  db: Db,
  q: {
    planIds: string[];
    /**
     * The types counted, by plan. A part of the batch (a reader thread's half) names only its own
     * plans' types: SQLite finds the rows through the types' index, so every other plan's type in
     * the list would have it read that plan's rows too, only to drop them on their plan.
     */
    typeIdsByPlan: Map<string, string[]>;
    cutoff: string;
    filterKeys: string[];
    sumKeys: string[];
    windows: LedgerWindow[];
    /**
     * Filled, when the query ran in SQLite reader threads, with each plan's data version read in
     * the same read transaction as its groups: the caller must not keep figures under another one.
     */
    versionsRead?: Map<string, string>;
  },
): Promise<LedgerGroup[]> {
  const typeIdsOf = (planIds: string[]) => planIds.flatMap((id) => q.typeIdsByPlan.get(id) ?? []);
  if (typeIdsOf(q.planIds).length === 0 || q.windows.length === 0) return [];
  const pg = isPostgres(db);
  const readers = db.isTransaction ? undefined : sqliteReadersOf(db);
  const filters = q.filterKeys.map((k) => jsonFieldText(db, k));
  // Each row's fields are read from its JSON once, into the rows' CTE (materialized on SQLite): a filter field as
  // text, a summed field as the JSON value itself and its JSON type (x, t). What the sums need of
  // it (is it a plain number, its value, its decimals, else its text) is then computed from those
  // columns, not by reading the JSON again for each expression (SQLite's json_extract looks the
  // path up in the row's text on every call: 3 summed fields took 36 lookups a row before).
  const rowCols = [
    ...filters.map((f, i) => sql`${f} AS ${sql.ref(`f${i}`)}`),
    ...q.sumKeys.flatMap((k, j) =>
      pg
        ? [sql`ledger_rows.data -> ${k} AS ${sql.ref(`x${j}`)}`]
        : [
            sql`json_extract(ledger_rows.data, ${'$.' + k}) AS ${sql.ref(`x${j}`)}`,
            sql`json_type(ledger_rows.data, ${'$.' + k}) AS ${sql.ref(`t${j}`)}`,
          ],
    ),
  ];
  // The same readings as jsonFieldText and the row path: on SQLite the text is json_extract's
  // value cast to TEXT (the CTE keeps the value's type, so the cast is the same).
  const textOf = (j: number) => (pg ? sql`(${sql.ref(`r.x${j}`)} #>> '{}')` : sql`CAST(${sql.ref(`r.x${j}`)} AS TEXT)`);
  const plain = (j: number): RawBuilder<boolean> =>
    pg
      ? sql`jsonb_typeof(${sql.ref(`r.x${j}`)}) = 'number'`
      : // A JSON number printed without an exponent: its text is what the row path would parse.
        sql`(${sql.ref(`r.t${j}`)} IN ('integer', 'real') AND ${textOf(j)} NOT LIKE '%e%')`;
  const numeric = (j: number) => (pg ? sql`CAST(${textOf(j)} AS numeric)` : sql`CAST(${sql.ref(`r.x${j}`)} AS REAL)`);
  const decimals = (j: number) => {
    const t = textOf(j);
    return pg
      ? sql`scale(${numeric(j)})`
      : sql`CASE WHEN instr(${t}, '.') > 0 THEN length(${t}) - instr(${t}, '.') ELSE 0 END`;
  };
  // The rows are grouped by where their validity start and end fall among the windows' dates
  // (before, on, or after each; sorted), not by the dates themselves: every window's condition
  // is decided by those positions alone, so the database groups each plan's rows into a few
  // hundred groups and the windows are applied to the groups afterwards.
  const bounds = [...new Set(q.windows.flatMap((w) => (w.mode === 'valid' ? [w.hi] : [w.lo, w.hi])))].sort();
  const position = (col: 'valid_from' | 'valid_to') => {
    const ref = sql.ref(`r.${col}`);
    const arms = bounds.flatMap((b, i) => [
      sql`WHEN ${ref} < ${b} THEN ${sql.lit(2 * i)}`,
      sql`WHEN ${ref} = ${b} THEN ${sql.lit(2 * i + 1)}`,
    ]);
    return sql`CASE WHEN ${ref} IS NULL THEN NULL ${sql.join(arms, sql` `)} ELSE ${sql.lit(2 * bounds.length)} END`;
  };
  const outCols = [
    sql`${position('valid_from')} AS pf`,
    sql`${position('valid_to')} AS pt`,
    ...filters.map((_f, i) => sql`${sql.ref(`r.f${i}`)} AS ${sql.ref(`f${i}`)}`),
    ...q.sumKeys.map((_k, j) => sql`CASE WHEN ${plain(j)} THEN NULL ELSE ${textOf(j)} END AS ${sql.ref(`o${j}`)}`),
    sql`COUNT(*) AS n`,
    ...q.sumKeys.flatMap((_k, j) => [
      sql`SUM(CASE WHEN ${plain(j)} THEN ${numeric(j)} END) AS ${sql.ref(`s${j}`)}`,
      sql`COUNT(CASE WHEN ${plain(j)} THEN 1 END) AS ${sql.ref(`c${j}`)}`,
      sql`MAX(CASE WHEN ${plain(j)} THEN ${decimals(j)} END) AS ${sql.ref(`k${j}`)}`,
    ]),
  ];
  // GROUP BY positions: plan, type, the two date positions, every filter field and odd summed text.
  const groupBy = Array.from({ length: 4 + filters.length + q.sumKeys.length }, (_, i) => sql.lit(i + 1));
  const queryOf = (planIds: string[]) => {
    // A part whose plans count no type (none of their statistics' ledgers exist) matches nothing.
    const typeIds = typeIdsOf(planIds);
    return sql<Record<string, string | number | null>>`
    WITH r AS ${pg ? sql`NOT MATERIALIZED` : sql`MATERIALIZED`} (
      SELECT ledger_rows.plan_id, ledger_rows.ledger_type_id, ledger_rows.valid_from, ledger_rows.valid_to
        ${sql.join(
          rowCols.map((c) => sql`, ${c}`),
          sql``,
        )}
      FROM ledger_rows
      WHERE ledger_rows.plan_id IN (${sql.join(planIds)})
        AND ledger_rows.ledger_type_id IN (${typeIds.length > 0 ? sql.join(typeIds) : sql`NULL`})
        AND ledger_rows.updated_at < ${q.cutoff}
        AND (ledger_rows.deleted_at IS NULL OR ledger_rows.deleted_at >= ${q.cutoff}))
    SELECT r.plan_id AS plan_id, r.ledger_type_id AS type_id
      ${sql.join(
        outCols.map((c) => sql`, ${c}`),
        sql``,
      )}
    FROM r
    GROUP BY ${sql.join(groupBy)}`;
  };
  const query = queryOf(q.planIds);
  const result =
    readers && q.planIds.length >= readerHooks.minPlans
      ? { rows: await inReaders(db, readers, q.planIds, queryOf, q.versionsRead) }
      : pg && !db.isTransaction && q.planIds.length >= GROUP_MEMORY_PLANS
        ? await db.transaction().execute((trx) => withGroupMemory(trx, query))
        : await query.execute(db);
  // A date's position: 2i + 1 on bounds[i], 2i strictly between bounds[i - 1] and bounds[i].
  const at = (d: string) => 2 * bounds.indexOf(d) + 1;
  const tests = q.windows.map((w) => {
    const hi = at(w.hi);
    if (w.mode === 'valid')
      return (pf: number | null, pt: number | null) => (pf === null || pf <= hi) && (pt === null || pt >= hi);
    const lo = at(w.lo);
    return (pf: number | null) => pf !== null && pf >= lo && pf <= hi;
  });
  const keys = q.windows.map(windowKey);
  const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const pos = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const out: LedgerGroup[] = [];
  for (const r of result.rows) {
    const [pf, pt] = [pos(r.pf), pos(r.pt)];
    const windows: string[] = [];
    tests.forEach((test, w) => {
      if (test(pf, pt)) windows.push(keys[w]!);
    });
    if (windows.length === 0) continue;
    out.push({
      planId: String(r.plan_id),
      typeId: String(r.type_id),
      windows,
      values: filters.map((_f, i) => text(r[`f${i}`])),
      rows: num(r.n),
      sums: q.sumKeys.map((_k, j) => ({
        sum: num(r[`s${j}`]),
        count: num(r[`c${j}`]),
        scale: num(r[`k${j}`]),
        odd: text(r[`o${j}`]),
      })),
    });
  }
  return out;
}

/** Memory for the grouped query's hash aggregate on PostgreSQL, for this transaction only. */
const GROUP_WORK_MEM = '64MB';

/**
 * Batches from this many plans get it: a plan's groups take ≈ 180 KB, so a smaller batch fits the
 * default, and a lone plan (a county's view after its write) is spared the transaction's three
 * extra round trips (one plan: 16 ms without, 21 ms with, on 500 plans' data).
 */
const GROUP_MEMORY_PLANS = 20;

/**
 * On PostgreSQL the rows' CTE is NOT MATERIALIZED so the planner can scan in parallel workers
 * and aggregate partially in each (jsonb fields are read from the binary form, nothing to parse
 * again); the groups (≈ 110 a plan, 18 MB for 100 plans) need more than the default work_mem
 * (4 MB), else the aggregate spills to disk or sorts: 365 ms against 750–1,200 ms measured on
 * 100 counties (docs/BENCHMARKS.md). SET LOCAL: the setting ends with the transaction.
 */
async function withGroupMemory<R>(trx: Db, query: { execute(db: Db): Promise<R> }): Promise<R> {
  await sql`SET LOCAL work_mem = ${sql.lit(GROUP_WORK_MEM)}`.execute(trx);
  return query.execute(trx);
}
