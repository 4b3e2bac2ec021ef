import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { GLOBAL_SCOPE } from './data-version.repo.ts';

/**
 * The data versions take no shared lock (migration 20261204-1702): writers of every plan and of
 * the global tables commit side by side, in any order. PostgreSQL only: SQLite has one writer.
 */
describe.skipIf(!process.env.TEST_PG_URL)('data versions without a shared lock on postgres', () => {
  let t: TestApp;
  let planA: string;
  const planB = 'plan-b-locks';
  let indicatorsA: string[];
  let unitIds: string[];
  let indicatorB: string;

  const versions = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        await sql<{
          scope: string;
          v: string;
        }>`SELECT scope, sum(weight) AS v FROM data_version_log GROUP BY scope`.execute(t.db)
      ).rows.map((r) => [r.scope, Number(r.v)]),
    );
  // A row copied with a new id (and the given columns changed): a write of the copied row's kind.
  const copy = (db: Db, table: string, id: string, changes: Record<string, string | null>) =>
    sql`INSERT INTO ${sql.id(table)} SELECT (jsonb_populate_record(x, ${JSON.stringify(changes)}::jsonb)).*
        FROM ${sql.id(table)} x WHERE id = ${id}`.execute(db);
  const touchIndicator = (db: Db, id: string) =>
    sql`UPDATE indicators SET position = position WHERE id = ${id}`.execute(db);
  const touchUnit = (db: Db, id: string) => sql`UPDATE units SET sort_order = sort_order WHERE id = ${id}`.execute(db);

  beforeAll(async () => {
    t = await createTestApp('postgres');
    planA = await jurongPlanId(t.db);
    const plan = await t.db.selectFrom('plans').select('code').where('id', '=', planA).executeTakeFirstOrThrow();
    await copy(t.db, 'plans', planA, { id: planB, code: `${plan.code}-B` });
    indicatorsA = (
      await t.db.selectFrom('indicators').select('id').where('plan_id', '=', planA).orderBy('id').limit(3).execute()
    ).map((r) => r.id);
    indicatorB = 'ind-b-locks';
    await copy(t.db, 'indicators', indicatorsA[0]!, { id: indicatorB, plan_id: planB, goal_id: null, task_id: null });
    unitIds = (await t.db.selectFrom('units').select('id').orderBy('id').limit(2).execute()).map((r) => r.id);
    expect(indicatorsA).toHaveLength(3);
    expect(unitIds).toHaveLength(2);
  });
  afterAll(() => t?.close());

  it('a writer holding a global row and plan A does not make another writer wait, in either order', async () => {
    const before = await versions();
    await t.db.connection().execute(async (first) => {
      await sql`BEGIN`.execute(first);
      await touchUnit(first, unitIds[0]!);
      await touchIndicator(first, indicatorsA[0]!);
      // Still open: its version rows (if it took any lock on them) are held until it ends.
      await t.db.connection().execute(async (second) => {
        await sql`SET lock_timeout = '2s'`.execute(second);
        await sql`BEGIN`.execute(second);
        await touchIndicator(second, indicatorsA[1]!); // plan A first: the opposite order
        await touchIndicator(second, indicatorB);
        await touchUnit(second, unitIds[1]!);
        await sql`UPDATE plans SET title = title WHERE id = ${planB}`.execute(second);
        await sql`COMMIT`.execute(second);
        await sql`RESET lock_timeout`.execute(second);
      });
      // The second writer's commit shows while the first is still open; the first's does not yet.
      const between = await versions();
      expect(between[planA]).toBe(before[planA]! + 1);
      expect(between[planB]).toBe((before[planB] ?? 0) + 1);
      expect(between[GLOBAL_SCOPE]).toBe(before[GLOBAL_SCOPE]! + 1);
      await sql`COMMIT`.execute(first);
    });
    const after = await versions();
    expect(after[planA]).toBe(before[planA]! + 2);
    expect(after[planB]).toBe((before[planB] ?? 0) + 1);
    expect(after[GLOBAL_SCOPE]).toBe(before[GLOBAL_SCOPE]! + 2);
  });

  it('50 mixed writes across plans at once: none fails, each bumps the scopes it wrote', async () => {
    const before = await versions();
    const expected = { [planA]: 0, [planB]: 0, [GLOBAL_SCOPE]: 0 };
    const writes = Array.from({ length: 50 }, (_, i) => {
      // Each transaction writes its own new rows (so only the versions could make them wait), in varied order.
      const steps: ((db: Db) => Promise<unknown>)[] = [];
      if (i % 2 === 0) {
        expected[planA]!++;
        steps.push((db) => copy(db, 'indicators', indicatorsA[0]!, { id: `ind-a-${i}`, code: `A${i}` }));
      }
      if (i % 3 === 0) {
        expected[planB]!++;
        steps.push((db) => copy(db, 'indicators', indicatorB, { id: `ind-b-${i}`, code: `B${i}` }));
      }
      if (i % 2 === 1 || i % 5 === 0) {
        expected[GLOBAL_SCOPE]!++;
        steps.push((db) => copy(db, 'units', unitIds[0]!, { id: `unit-${i}`, code: `U${i}`, parent_id: null }));
      }
      if (i % 4 === 0) steps.reverse();
      return t.db.transaction().execute(async (trx) => {
        for (const step of steps) await step(trx);
      });
    });
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const after = await versions();
    expect(after[planA]! - before[planA]!).toBe(expected[planA]);
    expect(after[planB]! - before[planB]!).toBe(expected[planB]);
    expect(after[GLOBAL_SCOPE]! - before[GLOBAL_SCOPE]!).toBe(expected[GLOBAL_SCOPE]);
  });

  it('compaction folds the log into weighted rows and keeps every sum', async () => {
    const before = await versions();
    // Each compaction leaves its own (negated) transaction id on the rows it writes.
    const compactions = async () =>
      (
        await sql<{
          ids: string | null;
        }>`SELECT string_agg(DISTINCT txid::text, ',') AS ids FROM data_version_log WHERE txid < 0`.execute(t.db)
      ).rows[0]!.ids;
    const earlier = await compactions(); // the 50 writes above may have compacted already
    let writes = 0;
    let compacted = false;
    // About one writing transaction in 64 compacts (by transaction id, which other databases also take).
    for (; writes < 1000 && !compacted; writes++) {
      await touchIndicator(t.db, indicatorsA[2]!);
      compacted = (await compactions()) !== earlier;
    }
    expect(compacted).toBe(true);
    const after = await versions();
    expect(after[planA]).toBe(before[planA]! + writes);
    expect(after[planB]).toBe(before[planB]);
    expect(after[GLOBAL_SCOPE]).toBe(before[GLOBAL_SCOPE]);
    // One row per scope remains from the compaction (the seed and the earlier writes folded in).
    const rows = await sql<{
      scope: string;
      n: string;
    }>`SELECT scope, count(*) AS n FROM data_version_log GROUP BY scope`.execute(t.db);
    for (const r of rows.rows) expect(Number(r.n), r.scope).toBe(1);
  });
});
