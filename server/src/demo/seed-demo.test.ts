import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test/test-app.ts';
import { findUserByUsername, loadActor } from '../modules/users/user.repo.ts';
import { demoSubmissions } from './demo-elements.ts';
import { demoLedgerRows, seedDemo } from './seed-demo.ts';
import { Prng } from './prng.ts';

describe('demo data generator', () => {
  it('gives the same history for the same seed, a few thousand ledger rows of every type', () => {
    const a = demoLedgerRows(new Prng(7));
    expect(demoLedgerRows(new Prng(7))).toEqual(a);
    expect(demoSubmissions(new Prng(7))).toEqual(demoSubmissions(new Prng(7)));
    expect(a.length).toBeGreaterThan(2000);
    expect(a.length).toBeLessThan(5000);
    expect(new Set(a.map((r) => r.type)).size).toBe(12);
    expect(a.every((r) => r.recordedAt < '2026-06-30')).toBe(true);
  });
});

describe.each(TEST_DIALECTS)('demo seeding on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it(
    'gives every Jurong indicator a value, a status and workings, some of them behind',
    { timeout: 600_000 },
    async () => {
      const plan = await t.db
        .selectFrom('plans')
        .select('id')
        .where('code', '=', 'jurong-2022-79')
        .executeTakeFirstOrThrow();
      const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
      await seedDemo({
        db: t.db,
        planId: plan.id,
        admin,
        timeZone: 'Asia/Shanghai',
        seed: 20221222,
        log: () => undefined,
      });
      const client = await t.login('admin', TEST_ADMIN_PASSWORD);
      for (const asOf of ['2024-06-30', '2026-06-30']) {
        const list = (
          await client.request({ method: 'GET', url: `/api/plans/${plan.id}/indicators?asOf=${asOf}` })
        ).json() as IndicatorList;
        expect(list.items).toHaveLength(24);
        for (const ind of list.items) {
          expect(ind.current, `${asOf} ${ind.code}`).not.toBeNull();
          expect(ind.status, `${asOf} ${ind.code}`).not.toBe('no_data');
          expect(ind.workings.formula.length, ind.code).toBeGreaterThan(0);
        }
        expect(
          list.items.some((i) => i.light === 'red' || i.light === 'yellow'),
          asOf,
        ).toBe(true);
      }
    },
  );
});
