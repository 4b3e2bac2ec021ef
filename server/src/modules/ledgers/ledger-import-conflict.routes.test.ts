import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { COPY_FROM_ROWS, insertVersions } from './ledger-bulk.repo.ts';
import { timeOrderedId } from './ledger-ids.ts';
import { findLedgerType } from './ledger-type.repo.ts';
import { actorWith, jurongPlanId, multipartBody, unitId, workbookBuffer } from './ledger-test-kit.ts';

// A row saved by someone else while an import writes the same key: on PostgreSQL the import's COPY
// meets the other transaction's row on the live-key index, waits for it, and fails when it commits.
// The import must answer 409 with its Chinese message and keep nothing, as its INSERT did. PostgreSQL
// only: on SQLite the one writer runs the two transactions one after the other.
describe.skipIf(!process.env.TEST_PG_URL)('a ledger import meeting a row saved meanwhile on postgres', () => {
  let t: TestApp;
  let reporter: Client;
  let base: string;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp('postgres');
    planId = await jurongPlanId(t.db);
    base = `/api/plans/${planId}/ledgers/incubators`;
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
  });
  afterAll(() => t?.close());

  it('answers 409 and keeps nothing of the file when its COPY meets the other row', async () => {
    const names = Array.from({ length: COPY_FROM_ROWS + 10 }, (_, i) => `冲突园${i}`);
    const file = await workbookBuffer(
      ['载体名称', '载体类型', '级别', '所在走廊', '认定日期'],
      names.map((name) => [name, '孵化器', '省级', 'G312', new Date('2022-03-01T00:00:00Z')]),
    );
    const type = (await findLedgerType(t.db, planId, 'incubators'))!;
    const now = new Date().toISOString();
    const { answer } = await t.db.transaction().execute(async (trx) => {
      // The other user's row, not committed yet: the import cannot see it, so it looks nothing up.
      await insertVersions(trx, [
        {
          id: timeOrderedId(),
          rowId: timeOrderedId(),
          version: 1,
          planId,
          typeId: type.id,
          unitId: await unitId(trx, '市科技局'),
          values: { name: names[7]!, kind: '孵化器', level: '省级', corridor: 'G312', recognisedOn: '2022-03-01' },
          naturalKey: JSON.stringify([names[7]]),
          validFrom: '2022-03-01',
          validTo: null,
          createdAt: now,
          createdBy: null,
          updatedAt: now,
          updatedBy: null,
        },
      ]);
      const answer = reporter.request({
        method: 'POST',
        url: `${base}/import`,
        ...multipartBody('孵化载体.xlsx', file),
      });
      // Committed only once the import's write waits for this transaction's row.
      await expect
        .poll(
          async () =>
            (
              await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'COPY ledger_rows%'`.execute(
                t.db,
              )
            ).rows[0]!.n,
          { timeout: 20_000 },
        )
        .toBe(1);
      // Wrapped: an async callback returning the promise itself would wait for it before committing.
      return { answer };
    });
    const upload = await answer;
    expect(upload.statusCode).toBe(409);
    expect(upload.json().error.message).toContain('请重新导入');
    const kept = await t.db
      .selectFrom('ledger_rows')
      .select('natural_key')
      .where('ledger_type_id', '=', type.id)
      .execute();
    expect(kept.map((r) => r.natural_key)).toEqual([JSON.stringify([names[7]])]);
  });
});
