import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listLedgerTypes } from '../ledgers/ledger-type.repo.ts';
import { findUserByUsername, loadActor } from '../users/user.repo.ts';
import { evaluatePlan, evaluatePlans } from './indicator-engine.ts';
import { findPlanInfo, type PlanInfo } from './indicator.repo.ts';
import { toApiStatus } from './indicator.service.ts';

// The set-based engine (each plan's ledger rows loaded once, every series date counted in
// memory) against the per-date queries it replaces, on the demo plan's 3,000-odd ledger rows:
// every indicator, every as-of date below, every field of the answer and the rows counted.

/** Each quarter end of the plan's years, and days inside a quarter where rows begin or end. */
const DATES = [
  ...[2022, 2023, 2024, 2025, 2026].flatMap((y) => ['03-31', '06-30', '09-30', '12-31'].map((d) => `${y}-${d}`)),
  '2021-12-31',
  '2023-01-01',
  '2025-02-14',
  '2026-06-29',
];

describe.each(TEST_DIALECTS)('set-based ledger reads on %s', (dialect) => {
  let t: TestApp;
  let plan: PlanInfo;
  let labels: Map<string, { name: string; fields: Map<string, string> }>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    plan = (await findPlanInfo(t.db, 'jurong-2022-79'))!;
    const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
    // Bulletins are rendered to PDF on first download instead: LibreOffice would add seconds a bulletin.
    const soffice = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    await seedDemo({
      db: t.db,
      planId: plan.id,
      admin,
      timeZone: 'Asia/Shanghai',
      seed: 20221222,
      log: () => true,
    }).finally(() => {
      if (soffice === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = soffice;
    });
    const types = await listLedgerTypes(t.db, plan.id);
    labels = new Map(
      types.map((x) => [x.code, { name: x.name, fields: new Map(x.fields.map((f) => [f.key, f.label])) }]),
    );
  }, 600_000);
  afterAll(() => t?.close());

  it.each(DATES)('gives the same figures, states, workings and rows as per-date queries as of %s', async (asOf) => {
    const opts = { asOf, timeZone: 'Asia/Shanghai', labels };
    const [set, perDate] = await Promise.all([
      evaluatePlan(t.db, plan, { ...opts, ledgerReads: 'set' }),
      evaluatePlan(t.db, plan, { ...opts, ledgerReads: 'per-date' }),
    ]);
    expect(set.length).toBe(24);
    const view = (xs: typeof set) => xs.map((e) => ({ api: toApiStatus(e), rows: e.ledgerRows }));
    expect(view(set)).toEqual(view(perDate));
    // Not a vacuous comparison: the ledger indicators count rows on these dates.
    if (asOf >= '2023-01-01')
      expect(set.filter((e) => (e.ledgerRows?.rowIds.length ?? 0) > 0).length).toBeGreaterThan(3);
  });

  it.each(DATES)('counts and sums in the database to the same figures as the row path as of %s', async (asOf) => {
    const opts = { asOf, timeZone: 'Asia/Shanghai', labels };
    const [inSql, byRows] = await Promise.all([
      evaluatePlan(t.db, plan, { ...opts, ledgerReads: 'sql' }),
      evaluatePlan(t.db, plan, { ...opts, ledgerReads: 'set' }),
    ]);
    expect(inSql.length).toBe(24);
    // The same answer; the counted rows by number (the aggregated path names none).
    const view = (xs: typeof inSql) =>
      xs.map((e) => ({
        api: toApiStatus(e),
        rows: e.ledgerRows && { code: e.ledgerRows.code, asOf: e.ledgerRows.asOf, total: e.ledgerRows.total },
      }));
    expect(view(inSql)).toEqual(view(byRows));
    for (const e of byRows) expect(e.ledgerRows?.total ?? 0).toBe(e.ledgerRows?.rowIds.length ?? 0);
    if (asOf >= '2023-01-01') expect(inSql.filter((e) => (e.ledgerRows?.total ?? 0) > 0).length).toBeGreaterThan(3);
  });

  it('evaluates several plans in one batch with the same answers as one plan at a time', async () => {
    for (const asOf of ['2023-12-31', '2026-06-30']) {
      const opts = { asOf, timeZone: 'Asia/Shanghai', labels };
      const batch = await evaluatePlans(t.db, [plan], { ...opts, ledgerReads: 'set' });
      const one = await evaluatePlan(t.db, plan, { ...opts, ledgerReads: 'per-date' });
      const view = (xs: typeof one) => xs.map((e) => ({ api: toApiStatus(e), rows: e.ledgerRows }));
      expect(view(batch.get(plan.id)!)).toEqual(view(one));
      // The batch's default, the database's counts and sums: the same figures.
      const summed = await evaluatePlans(t.db, [plan], opts);
      const totals = (xs: typeof one) => xs.map((e) => ({ api: toApiStatus(e), total: e.ledgerRows?.total }));
      expect(totals(summed.get(plan.id)!)).toEqual(totals(one));
    }
  });
});
