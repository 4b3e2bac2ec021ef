import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { ledgerRowAt } from '../indicators/indicator-test-kit.ts';
import { actorWith, jurongPlanId } from './ledger-test-kit.ts';

// The foreign keys of ledger_rows after migration 20261204-1732 (PostgreSQL checks the type and
// its plan as one pair, to spare an import a third of its per-row checks): a row still cannot name
// a plan, type or unit that does not exist, nor (PostgreSQL) a type of another plan; deleting a
// plan still deletes its rows.

class Rollback extends Error {}

describe.each(TEST_DIALECTS)('ledger row keys on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let row: { id: string; plan_id: string; ledger_type_id: string; unit_id: string };

  /** Inserts a copy of the stored row with its own ids and key, some columns replaced. */
  const insertCopy = (over: Partial<typeof row>) => {
    const v = { ...row, ...over };
    const n = Math.random().toString(36).slice(2);
    return sql`INSERT INTO ledger_rows (id, row_id, version, plan_id, ledger_type_id, unit_id, data, natural_key,
        search_text, valid_from, valid_to, created_at, created_by, updated_at, updated_by)
      SELECT ${`copy-${n}`}, ${`copy-row-${n}`}, 1, ${v.plan_id}, ${v.ledger_type_id}, ${v.unit_id}, data,
        ${`["copy-${n}"]`}, search_text, valid_from, valid_to, created_at, created_by, updated_at, updated_by
      FROM ledger_rows WHERE id = ${row.id}`.execute(t.db);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const actor = await actorWith(t.db, ['office']);
    const created = await ledgerRowAt(t.db, actor, planId, 'incubators', '市科技局', nowIso(), {
      name: '键测试众创空间',
      kind: '众创空间',
      level: '国家级',
      corridor: 'G312',
      recognisedOn: '2024-05-01',
      area: 12,
    });
    row = await t.db
      .selectFrom('ledger_rows')
      .select(['id', 'plan_id', 'ledger_type_id', 'unit_id'])
      .where('row_id', '=', created.id)
      .executeTakeFirstOrThrow();
  });
  afterAll(() => t?.close());

  it('stores a copy with the same plan, type and unit (the check below is the keys, not the copy)', async () => {
    await insertCopy({});
  });

  it.each([
    ['a plan', { plan_id: 'no-such-plan' }],
    ['a type', { ledger_type_id: 'no-such-type' }],
    ['a unit', { unit_id: 'no-such-unit' }],
  ])('refuses a row naming %s that does not exist', async (_what, over) => {
    await expect(insertCopy(over)).rejects.toThrow(/foreign key|FOREIGN KEY/);
  });

  it.runIf(dialect === 'postgres')('refuses a row naming a type of another plan', async () => {
    const other = await t.db
      .selectFrom('ledger_types')
      .select('id')
      .where('plan_id', '=', planId)
      .where('id', '!=', row.ledger_type_id)
      .executeTakeFirstOrThrow();
    // Another type of the plan moved to a second plan (a copy of the first): a row of the first
    // plan naming it names a type of another plan.
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO plans SELECT (jsonb_populate_record(p,
            jsonb_build_object('id', 'other-plan', 'code', 'other-plan'))).* FROM plans p WHERE id = ${planId}`.execute(
          trx,
        );
        await sql`UPDATE ledger_types SET plan_id = 'other-plan' WHERE id = ${other.id}`.execute(trx);
        await sql`INSERT INTO ledger_rows (id, row_id, version, plan_id, ledger_type_id, unit_id, data, natural_key,
            search_text, valid_from, valid_to, created_at, created_by, updated_at, updated_by)
          SELECT 'cross', 'cross-row', 1, ${planId}, ${other.id}, unit_id, data, '["cross"]', search_text,
            valid_from, valid_to, created_at, created_by, updated_at, updated_by
          FROM ledger_rows WHERE id = ${row.id}`.execute(trx);
      }),
    ).rejects.toThrow(/ledger_rows_type_plan_fkey/);
  });

  it('deletes a plan with its ledger rows', async () => {
    let left = -1;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`DELETE FROM plans WHERE id = ${planId}`.execute(trx);
        left = Number(
          (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ledger_rows WHERE plan_id = ${planId}`.execute(trx))
            .rows[0]!.n,
        );
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(left).toBe(0);
    expect(Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM ledger_rows`.execute(t.db)).rows[0]!.n)).toBe(2);
  });
});
