import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SqliteReaders } from '../../db/sqlite-readers.ts';

type Row = Record<string, string | number | null>;

/**
 * When the grouped ledger query runs in SQLite's reader threads. `minPlans`: a batch smaller than
 * this stays on the main connection (a county's view after its write: one plan, no thread hop).
 * `betweenParts` (tests): the parts then run one after the other with this awaited between them,
 * so a test can commit a write between two parts' reads deterministically.
 */
export const readerHooks: { minPlans: number; betweenParts?: () => Promise<void> } = { minPlans: 20 };

/** The plans in at most `count` parts of equal size but the last, in their order (the bench splits as the readers do). */
export function splitPlans(planIds: string[], count: number): string[][] {
  const size = Math.ceil(planIds.length / count);
  return Array.from({ length: Math.ceil(planIds.length / size) }, (_, i) => planIds.slice(i * size, (i + 1) * size));
}

/**
 * The grouped query of a SQLite batch split by plan across the reader threads (both cores: the
 * query is 1.6 s on one, docs/BENCHMARKS.md). A plan's groups are all in one part, so the parts'
 * rows are simply put together. Each part reads its plans' data versions in the same read
 * transaction as their rows, into `versionsRead`: a write committed between two parts' reads
 * shows as a version the caller did not key the figures under.
 */
export async function inReaders(
  db: Db,
  readers: SqliteReaders,
  planIds: string[],
  queryOf: (planIds: string[]) => RawBuilder<Row>,
  versionsRead?: Map<string, string>,
): Promise<Row[]> {
  // One part per reader; with the test hook, one plan per part (the hook runs between plans).
  const parts = splitPlans(planIds, readerHooks.betweenParts ? planIds.length : readers.size);
  const runPart = async (ids: string[]) => {
    const versions = sql<Row>`SELECT scope, sum(weight) AS version FROM data_version_log
      WHERE scope IN (${sql.join(ids)}) GROUP BY scope`.compile(db);
    const grouped = queryOf(ids).compile(db);
    const [v, rows] = await readers.run({
      statements: [versions, grouped].map((c) => ({ sql: c.sql, parameters: c.parameters })),
    });
    const found = new Map(v!.map((r) => [String(r.scope), String(r.version)]));
    for (const id of ids) versionsRead?.set(id, found.get(id) ?? '0');
    return rows as Row[];
  };
  if (!readerHooks.betweenParts) return (await Promise.all(parts.map(runPart))).flat();
  const out: Row[] = [];
  for (const [i, ids] of parts.entries()) {
    if (i > 0) await readerHooks.betweenParts();
    out.push(...(await runPart(ids)));
  }
  return out;
}
