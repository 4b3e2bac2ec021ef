import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from './config.ts';
import { bootstrap, type Bootstrapped } from './bootstrap.ts';
import { createTestDatabase, type TestDatabase } from './test/databases.ts';

const PG = Boolean(process.env.TEST_PG_URL);
const RACERS = 4;

/** A barrier: each racer waits until all have reached it. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    arrived += 1;
    if (arrived === n) release();
    return all;
  };
}

describe.skipIf(!PG)(
  'first start of several instances at once on one empty PostgreSQL (TEST_PG_URL unset: skipped)',
  () => {
    let testDb: TestDatabase | undefined;
    const opened: Bootstrapped[] = [];
    afterEach(async () => {
      for (const b of opened.splice(0)) await b.database.close();
      await testDb?.drop();
    });

    async function race(options: Parameters<typeof bootstrap>[1]) {
      testDb = await createTestDatabase('postgres');
      const config: Config = { ...loadConfig({ INNOCITY_ADMIN_PASSWORD: 'Admin-Pass-2025' }), database: testDb.config };
      const results = await Promise.allSettled(Array.from({ length: RACERS }, () => bootstrap(config, options)));
      for (const r of results) if (r.status === 'fulfilled') opened.push(r.value);
      return results;
    }

    async function counts() {
      const db = opened[0]!.database.db;
      const plans = await db
        .selectFrom('plans')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const admins = await db
        .selectFrom('users')
        .where('username', '=', 'admin')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { plans: Number(plans.n), admins: Number(admins.n) };
    }

    it('all start, and the plan and the admin exist once: one instance seeds, the others find it done', async () => {
      // A barrier would deadlock under the lock (the first holds it while waiting for the rest); instead
      // each racer lingers between migrations and seed, and none may find another one there.
      let inside = 0;
      let most = 0;
      const results = await race({
        beforeSeed: async () => {
          most = Math.max(most, ++inside);
          await new Promise((r) => setTimeout(r, 50));
          inside -= 1;
        },
      });
      expect(most).toBe(1);
      expect(results.map((r) => r.status)).toEqual(Array(RACERS).fill('fulfilled'));
      expect(await counts()).toEqual({ plans: 1, admins: 1 });
      expect(opened.filter((b) => b.planLoaded)).toHaveLength(1);
    });

    it('without the lock, racers that all pass the migrations before seeding die on a duplicate key', async () => {
      const results = await race({ firstStartLock: false, beforeSeed: barrier(RACERS) });
      const failed = results.filter((r) => r.status === 'rejected');
      expect(failed.length).toBeGreaterThan(0);
      expect(String((failed[0] as PromiseRejectedResult).reason)).toMatch(/duplicate key|unique/i);
    });
  },
);
