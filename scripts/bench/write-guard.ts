// `npm run bench -- write-guard [--seconds 3] [--concurrency 1,10]`: what the closed-plan write guard
// (server/src/modules/regions/plan-write-guard.ts) costs a write. Transactions that move one
// indicator's target, run in-process on Jurong's plan, unguarded and under the guard of the plan,
// alternately, same run, same concurrency; the ratio is guarded / unguarded transactions per
// second. A second pair does the same for a write outside a transaction (the guard gives it one).
// SQLite always; PostgreSQL too when TEST_PG_URL names a server.
import os from 'node:os';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? 3);
const CONCURRENCY = (arg('concurrency') ?? '1,10').split(',').map(Number);
const ROUNDS = 3;

const { createTestApp } = await import('../../server/src/test/test-app.ts');
const { jurongPlanId } = await import('../../server/src/modules/ledgers/ledger-test-kit.ts');
const { writingToPlans } = await import('../../server/src/modules/regions/plan-write-guard.ts');

/** Runs `one` from `concurrency` workers for `seconds`; answers per second. */
async function rate(concurrency: number, seconds: number, one: (n: number) => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await one(done++);
    }),
  );
  return done / seconds;
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const t = await createTestApp(dialect);
  try {
    const planId = await jurongPlanId(t.db);
    const ids = (await t.db.selectFrom('indicators').select('id').where('plan_id', '=', planId).execute()).map(
      (r) => r.id,
    );
    // Each worker moves another indicator, so that the runs measure the guard, not a row lock.
    const move = (db: typeof t.db, n: number) =>
      db
        .updateTable('indicators')
        .set({ target_value: 100 + (n % 50) })
        .where('id', '=', ids[n % ids.length]!)
        .execute();
    const kinds = {
      transaction: (n: number) => t.db.transaction().execute((trx) => move(trx, n)),
      'lone write': (n: number) => move(t.db, n),
    };
    for (const [kind, write] of Object.entries(kinds)) {
      for (const concurrency of CONCURRENCY) {
        await rate(concurrency, 1, write);
        await rate(concurrency, 1, (n) => writingToPlans([planId], () => write(n)));
        let plain = 0;
        let guarded = 0;
        for (let r = 0; r < ROUNDS; r++) {
          plain += await rate(concurrency, SECONDS, write);
          guarded += await rate(concurrency, SECONDS, (n) => writingToPlans([planId], () => write(n)));
        }
        plain /= ROUNDS;
        guarded /= ROUNDS;
        console.log(
          `| ${dialect} | ${kind} | ${concurrency} | ${plain.toFixed(0)} | ${guarded.toFixed(0)} | ${(guarded / plain).toFixed(2)} |`,
        );
      }
    }
  } finally {
    await t.close();
  }
}

console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}, ${os.cpus().length} CPUs`,
);
console.log('| database | write | concurrency | unguarded /s | guarded /s | ratio |');
console.log('|---|---|---|---|---|---|');
await benchDialect('sqlite');
if (process.env.TEST_PG_URL) await benchDialect('postgres');
console.log(
  `load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
