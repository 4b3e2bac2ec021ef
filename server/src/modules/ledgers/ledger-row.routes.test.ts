import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerRow, LedgerRowList, LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, unitId } from './ledger-test-kit.ts';

const cert = (no: string, more: Record<string, unknown> = {}) => ({
  certificateNo: no,
  company: `句容${no}科技有限公司`,
  certifiedOn: '2023-05-10',
  ...more,
});

describe.each(TEST_DIALECTS)('ledger rows API on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let base: string;
  let kjj: string;
  let office: Client;
  let reporter: Client;
  const refused: Record<string, Client> = {};

  const count = async () =>
    Promise.all(
      (['ledger_rows', 'audit_logs'] as const).map(async (table) =>
        Number(
          (
            await t.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
  const login = async (roles: Parameters<typeof actorWith>[1], units: string[] = []) => {
    const a = await actorWith(t.db, roles, units);
    return t.login(a.username, a.password);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    base = `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`;
    kjj = await unitId(t.db, '市科技局');
    office = await login(['office']);
    reporter = await login(['reporter'], ['市科技局']);
    refused.otherUnitReporter = await login(['reporter'], ['下蜀镇']);
    refused.leader = await login(['leader'], ['市科技局']);
    refused.inspector = await login(['inspector']);
    refused.approver = await login(['approver'], ['市科技局']);
  });
  afterAll(() => t.close());

  it('lists the twelve ledger types of Jurong with Chinese labels and owners', async () => {
    const res = await reporter.request({ method: 'GET', url: `/api/plans/${planId}/ledgers` });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: LedgerTypeInfo[] }).items;
    expect(items.map((i) => i.code)).toEqual([
      'high-tech-enterprises',
      'tech-smes',
      'incubators',
      'rd-platforms',
      'iur-projects',
      'key-tech-projects',
      'sci-tech-funding',
      'tech-promotions',
      'agri-tech-enterprises',
      'new-rd-institutions',
      'unicorn-gazelles',
      'talents',
    ]);
    const incubators = items.find((i) => i.code === 'incubators')!;
    expect(incubators.owners.map((o) => o.name)).toEqual(['市科技局']);
    expect(incubators.fields.find((f) => f.key === 'corridor')).toMatchObject({
      label: '所在走廊',
      type: 'enum',
      values: ['G312', 'S122', '其他'],
    });
    expect(incubators.fields.find((f) => f.key === 'area')).toMatchObject({ unit: '万平方米', type: 'decimal' });
  });

  it("lets the owning unit's reporter create, read, update and delete a row, each audited", async () => {
    const created = await reporter.request({
      method: 'POST',
      url: base,
      payload: { unitId: kjj, values: cert('GR202332000001') },
    });
    expect(created.statusCode).toBe(201);
    const row = created.json() as LedgerRow;
    expect(row).toMatchObject({
      version: 1,
      unit: { id: kjj, name: '市科技局' },
      validFrom: '2023-05-10',
      validTo: '2026-05-09',
    });

    const updated = await reporter.request({
      method: 'PUT',
      url: `${base}/${row.id}`,
      payload: { values: cert('GR202332000001', { expiresOn: '2026-05-01' }), version: 1 },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ id: row.id, version: 2, validTo: '2026-05-01' });
    const audit = await t.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('entity_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before_json!).values.expiresOn).toBeUndefined();
    expect(JSON.parse(audit[1]!.after_json!).values.expiresOn).toBe('2026-05-01');

    const stale = await reporter.request({
      method: 'PUT',
      url: `${base}/${row.id}`,
      payload: { values: cert('GR202332000001'), version: 1 },
    });
    expect(stale.statusCode).toBe(409);

    expect((await reporter.request({ method: 'DELETE', url: `${base}/${row.id}` })).statusCode).toBe(204);
    expect((await reporter.request({ method: 'GET', url: `${base}/${row.id}` })).statusCode).toBe(404);
    const deletedAudit = await t.db
      .selectFrom('audit_logs')
      .select('action')
      .where('entity_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(deletedAudit.at(-1)?.action).toBe('delete');
  });

  it("refuses writes by another unit's reporter, a leader, an inspector and an approver, and changes nothing", async () => {
    const row = (
      await office.request({ method: 'POST', url: base, payload: { unitId: kjj, values: cert('GR202332000002') } })
    ).json() as LedgerRow;
    const before = await count();
    for (const [who, client] of Object.entries(refused)) {
      const attempts = [
        await client.request({ method: 'POST', url: base, payload: { unitId: kjj, values: cert(`GR-${who}`) } }),
        await client.request({
          method: 'PUT',
          url: `${base}/${row.id}`,
          payload: { values: cert('GR202332000002', { note: who }) },
        }),
        await client.request({ method: 'DELETE', url: `${base}/${row.id}` }),
      ];
      for (const res of attempts) {
        expect(res.statusCode, who).toBe(403);
        expect(res.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/本单位/) });
      }
      expect((await client.request({ method: 'GET', url: `${base}/${row.id}` })).statusCode, `${who} reads`).toBe(200);
    }
    const other = await reporter.request({
      method: 'POST',
      url: `/api/plans/${planId}/ledgers/sci-tech-funding/rows`,
      payload: { unitId: await unitId(t.db, '市财政局'), values: {} },
    });
    expect(other.statusCode).toBe(403);
    expect(await count()).toEqual(before);
    expect(((await office.request({ method: 'GET', url: `${base}/${row.id}` })).json() as LedgerRow).version).toBe(1);
  });

  it('refuses a row that breaks the type with every problem named in Chinese', async () => {
    const res = await reporter.request({
      method: 'POST',
      url: base,
      payload: { unitId: kjj, values: { certificateNo: 'X1', certifiedOn: '2023-02-30', colour: 'red' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'values.colour', message: '未知字段：colour' },
        { path: 'values.company', message: '企业名称：必填项为空' },
        { path: 'values.certifiedOn', message: '发证日期：「2023-02-30」不是有效日期（应为 YYYY-MM-DD）' },
      ]),
    );
  });

  it('refuses a second row with the same natural key with 409', async () => {
    await reporter.request({ method: 'POST', url: base, payload: { unitId: kjj, values: cert('GR202332000003') } });
    const res = await reporter.request({
      method: 'POST',
      url: base,
      payload: { unitId: kjj, values: cert('GR202332000003') },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('证书编号=GR202332000003');
  });

  it('pages by offset and by cursor and filters by validity date and field', async () => {
    for (let i = 10; i < 25; i += 1) {
      await reporter.request({
        method: 'POST',
        url: base,
        payload: { unitId: kjj, values: cert(`P${i}`, { certifiedOn: i < 20 ? '2020-01-01' : '2024-01-01' }) },
      });
    }
    const page1 = (
      await reporter.request({ method: 'GET', url: `${base}?pageSize=10&q=${encodeURIComponent('句容P')}` })
    ).json() as LedgerRowList;
    expect(page1.total).toBe(15);
    expect(page1.items.map((r) => r.values.certificateNo)).toEqual(Array.from({ length: 10 }, (_, i) => `P${i + 10}`));
    const page2 = (
      await reporter.request({
        method: 'GET',
        url: `${base}?pageSize=10&q=${encodeURIComponent('句容P')}&after=${page1.nextCursor}`,
      })
    ).json() as LedgerRowList;
    expect(page2.items.map((r) => r.values.certificateNo)).toEqual(['P20', 'P21', 'P22', 'P23', 'P24']);
    expect(page2.nextCursor).toBeNull();
    const byOffset = (
      await reporter.request({ method: 'GET', url: `${base}?pageSize=10&page=2&q=${encodeURIComponent('句容P')}` })
    ).json() as LedgerRowList;
    expect(byOffset.items).toEqual(page2.items);
    const valid = (
      await reporter.request({ method: 'GET', url: `${base}?validOn=2024-06-30&q=P&pageSize=100` })
    ).json() as LedgerRowList;
    expect(valid.total).toBe(5);
    const filtered = (
      await reporter.request({
        method: 'GET',
        url: `${base}?filter=${encodeURIComponent(JSON.stringify({ certificateNo: ['P10', 'P24'] }))}`,
      })
    ).json() as LedgerRowList;
    expect(filtered.items.map((r) => r.values.certificateNo)).toEqual(['P10', 'P24']);
    const bad = await reporter.request({ method: 'GET', url: `${base}?filter=${encodeURIComponent('{"nope":"x"}')}` });
    expect(bad.statusCode).toBe(400);
  });

  it('answers an unknown plan or type with 404 and anonymous callers with 401', async () => {
    expect((await reporter.request({ method: 'GET', url: '/api/plans/nope/ledgers' })).statusCode).toBe(404);
    expect((await reporter.request({ method: 'GET', url: `/api/plans/${planId}/ledgers/nope/rows` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: base })).statusCode).toBe(401);
  });
});
