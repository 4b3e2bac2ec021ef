import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from './connection.ts';
import { createTestDatabase, type TestDatabase } from '../test/databases.ts';

// The app's PostgreSQL sessions plan without JIT compilation: a costly query (a province batch's
// grouped ledger query) otherwise spends seconds compiling in every parallel worker.
describe.skipIf(!process.env.TEST_PG_URL)('JIT compilation on the app’s PostgreSQL connections', () => {
  let testDb: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    handle = await openDatabase(testDb.config);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  /** EXPLAIN of a query whose estimated cost (≈ 1,250,000) is far above `jit_above_cost` (100,000). */
  const costlyPlan = async (db: DbHandle['db']) => {
    const { rows } = await sql<{ 'QUERY PLAN': [Record<string, unknown>] }>`
      EXPLAIN (FORMAT JSON) SELECT sum(g) FROM generate_series(1, 100000000) g`.execute(db);
    return rows[0]!['QUERY PLAN'][0]!;
  };

  it('is off on every connection the pool opens, the first query included', async () => {
    // Five transactions held open at once: five connections, each asked first thing.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const settings: string[] = [];
    const all = Array.from({ length: 5 }, () =>
      handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ jit: string }>`SHOW jit`.execute(trx);
        settings.push(rows[0]!.jit);
        if (settings.length === 5) release();
        await held;
      }),
    );
    await Promise.all(all);
    expect(settings).toEqual(['off', 'off', 'off', 'off', 'off']);
  });

  it('plans a costly query without JIT, where the server’s default would compile it', async () => {
    const plan = await costlyPlan(handle.db);
    expect((plan.Plan as { 'Total Cost': number })['Total Cost']).toBeGreaterThan(100_000);
    expect(plan).not.toHaveProperty('JIT');
    // The server itself has JIT on (PostgreSQL's default): in a transaction that turns it back on
    // (SET LOCAL ends with it), the same query is planned for compilation, where the server was
    // built with it (Debian's and the throwaway cluster's are).
    const withJit = await handle.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL jit = on`.execute(trx);
      const available = await sql<{ on: boolean }>`SELECT pg_jit_available() AS on`.execute(trx);
      return { available: available.rows[0]!.on, plan: await costlyPlan(trx) };
    });
    expect(withJit.available).toBe(true);
    expect(withJit.plan).toHaveProperty('JIT');
    expect((await sql<{ jit: string }>`SHOW jit`.execute(handle.db)).rows[0]!.jit).toBe('off');
  });
});
