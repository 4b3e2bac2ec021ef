import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { ledgerRowAt } from '../indicators/indicator-test-kit.ts';
import { actorWith, jurongPlanId } from './ledger-test-kit.ts';

// The insert of ledger rows on PostgreSQL reads its batch as json and makes each row's values jsonb
// from their own text (ledger-bulk.repo.ts): what JSON escapes (quotes, backslashes, line breaks,
// characters beyond the BMP) must come back as it was given, in the values, the key and the search text.

describe.each(TEST_DIALECTS)('ledger rows written in bulk on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
  });
  afterAll(() => t?.close());

  it('keeps quotes, backslashes, line breaks and characters beyond the BMP as they were typed', async () => {
    const actor = await actorWith(t.db, ['office']);
    const name = '"句容"\\众创\t空间 😀';
    const values = {
      name,
      kind: '众创空间',
      level: '国家级',
      corridor: 'G312',
      recognisedOn: '2024-05-01',
      area: 0.000001,
      incubatedFirms: 12,
      professional: true,
      note: '第一行\n第二行 "引号" \\ é',
    };
    const created = await ledgerRowAt(t.db, actor, planId, 'incubators', '市科技局', nowIso(), values);
    const stored = await t.db
      .selectFrom('ledger_rows')
      .select(['data', 'natural_key', 'search_text', 'valid_from'])
      .where('row_id', '=', created.id)
      .executeTakeFirstOrThrow();
    const data: unknown = typeof stored.data === 'string' ? JSON.parse(stored.data) : stored.data;
    expect(data).toEqual(values);
    expect(stored.natural_key).toBe(JSON.stringify([name]));
    expect(stored.search_text).toContain('"句容"\\众创\t空间 😀');
    expect(stored.search_text).toContain('第一行\n第二行 "引号" \\ é');
    expect(stored.valid_from).toBe('2024-05-01');
  });
});
