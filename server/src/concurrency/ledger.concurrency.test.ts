import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../test/test-app.ts';
import { actorWith, jurongPlanId, unitId } from '../modules/ledgers/ledger-test-kit.ts';

const cert = (no: string, company = `句容${no}科技有限公司`) => ({
  certificateNo: no,
  company,
  certifiedOn: '2023-05-10',
});
const statusesOf = (rs: { statusCode: number }[]) =>
  rs.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.statusCode]: (acc[r.statusCode] ?? 0) + 1 }), {});

// Ledger writes fired at once by several clerks: the natural key stays unique, a row never gets
// two current versions, and the loser of a race hears 409, never 500.
describe.each(TEST_DIALECTS)('parallel ledger writes on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let kjj: string;
  let clerks: Client[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/high-tech-enterprises/rows`;
    kjj = await unitId(t.db, '市科技局');
    clerks = [];
    for (let i = 0; i < 4; i++) {
      const a = await actorWith(t.db, ['reporter'], ['市科技局']);
      clerks.push(await t.login(a.username, a.password));
    }
  });
  afterAll(() => t.close());

  const live = (certificateNo: string) =>
    t.db
      .selectFrom('ledger_rows')
      .select(['row_id', 'version'])
      .where('natural_key', 'like', `%${certificateNo}%`)
      .where('deleted_at', 'is', null)
      .execute();
  const audits = (action: string, rowId?: string) => {
    let q = t.db
      .selectFrom('audit_logs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_type', '=', 'ledger_row')
      .where('action', '=', action);
    if (rowId) q = q.where('entity_id', '=', rowId);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  };

  it('keeps one row when 60 clerks register the same certificate at once', async () => {
    const before = await audits('create');
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        clerks[i % clerks.length]!.request({
          method: 'POST',
          url: base,
          payload: { unitId: kjj, values: cert('GR-RACE-1') },
        }),
      ),
    );
    expect(statusesOf(responses)).toEqual({ 201: 1, 409: 59 });
    expect(responses.find((r) => r.statusCode === 409)?.json().error.message).toContain('已有相同的记录');
    expect(await live('GR-RACE-1')).toHaveLength(1);
    expect((await audits('create')) - before).toBe(1);
  });

  it('lets one of 60 simultaneous edits of the same version win and refuses the rest', async () => {
    const created = await clerks[0]!.request({
      method: 'POST',
      url: base,
      payload: { unitId: kjj, values: cert('GR-RACE-2') },
    });
    const rowId = created.json().id as string;
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        clerks[i % clerks.length]!.request({
          method: 'PUT',
          url: `${base}/${rowId}`,
          payload: { version: 1, values: cert('GR-RACE-2', `句容第${i}号科技有限公司`) },
        }),
      ),
    );
    expect(statusesOf(responses)).toEqual({ 200: 1, 409: 59 });
    const rows = await live('GR-RACE-2');
    expect(rows).toEqual([{ row_id: rowId, version: 2 }]);
    expect(await audits('update', rowId)).toBe(1);
    const winner = responses.find((r) => r.statusCode === 200)!.json();
    const shown = await clerks[1]!.request({ method: 'GET', url: `${base}/${rowId}` });
    expect(shown.json().values.company).toBe(winner.values.company);
  });

  it('deletes a row once when 50 deletes arrive together', async () => {
    const created = await clerks[0]!.request({
      method: 'POST',
      url: base,
      payload: { unitId: kjj, values: cert('GR-RACE-3') },
    });
    const rowId = created.json().id as string;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        clerks[i % clerks.length]!.request({ method: 'DELETE', url: `${base}/${rowId}` }),
      ),
    );
    const counts = statusesOf(responses);
    expect(counts[204]).toBe(1);
    expect((counts[404] ?? 0) + (counts[409] ?? 0)).toBe(49);
    expect(await live('GR-RACE-3')).toEqual([]);
    expect(await audits('delete', rowId)).toBe(1);
  });
});
