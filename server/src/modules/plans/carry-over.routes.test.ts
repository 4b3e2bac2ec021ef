import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CarryOverPreview, CarryOverResult } from '@innocity/shared/api/plan-carry-over';
import type { LedgerRowList } from '@innocity/shared/api/ledgers';
import type { PlanSettings } from '@innocity/shared/api/plan-settings';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { expectAudited } from '../../test/audit.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { jurongPlanId, unitId } from '../ledgers/ledger-test-kit.ts';
import { loadNextPlan } from './carry-over.test-kit.ts';

// 句容市's next plan (2026–2030) takes over unit groups, ledgers and their rows from the last one.
describe.each(TEST_DIALECTS)('沿用上一轮方案 on %s', (dialect) => {
  let t: TestApp;
  let oldPlan: string;
  let nextPlan: string;
  let otherCountyPlan: string;
  const as = {} as Record<
    'admin' | 'office' | 'countyAdmin' | 'otherOffice' | 'provinceViewer' | 'reporter' | 'leader',
    Client
  >;
  const url = () => `/api/plans/${nextPlan}/carry-over`;
  const preview = (c: Client, source = oldPlan) => c.request({ method: 'GET', url: `${url()}?sourcePlanId=${source}` });
  const carry = (c: Client, payload: object, target = nextPlan) =>
    c.request({ method: 'POST', url: `/api/plans/${target}/carry-over`, payload });
  const CHOICE = {
    sourcePlanId: '',
    unitGroups: ['related-towns-streets'],
    ledgerTypes: ['high-tech-enterprises', 'rd-platforms'],
    rows: 'valid',
    wording: true,
  };
  /** What the carry-over may touch: a fingerprint of the rows of both plans' ledgers, groups and settings. */
  const snapshot = async (planId: string) =>
    JSON.stringify(
      await Promise.all([
        t.db.selectFrom('ledger_rows').selectAll().where('plan_id', '=', planId).orderBy('id').execute(),
        t.db.selectFrom('ledger_types').selectAll().where('plan_id', '=', planId).orderBy('id').execute(),
        t.db.selectFrom('unit_groups').selectAll().where('plan_id', '=', planId).orderBy('id').execute(),
        t.db.selectFrom('plan_settings').selectAll().where('plan_id', '=', planId).execute(),
        t.db.selectFrom('plans').selectAll().where('id', '=', planId).execute(),
      ]),
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    oldPlan = await jurongPlanId(t.db);
    as.admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    // Two certificates: one expired before 2026 (2021 + 3 years), one still valid when the next plan starts.
    const kjj = await unitId(t.db, '市科技局');
    for (const [no, on] of [
      ['GR2021-OLD', '2021-05-10'],
      ['GR2024-NEW', '2024-06-01'],
    ] as const) {
      const res = await as.admin.request({
        method: 'POST',
        url: `/api/plans/${oldPlan}/ledgers/high-tech-enterprises/rows`,
        payload: { unitId: kjj, values: { certificateNo: no, company: `${no}科技有限公司`, certifiedOn: on } },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    nextPlan = await loadNextPlan(t.db);
    otherCountyPlan = await loadNextPlan(t.db, { code: 'danyang-2026-30', region: ['江苏省', '镇江市', '丹阳市'] });
    for (const [name, roles, region, units] of [
      ['office', ['office'], '句容市', []],
      ['countyAdmin', ['admin'], '句容市', []],
      ['leader', ['leader'], '句容市', []],
      ['reporter', ['reporter'], '句容市', ['市科技局']],
      ['otherOffice', ['office'], '丹阳市', []],
      ['provinceViewer', ['province_viewer'], '江苏省', []],
    ] as const) {
      const u = await createUser(t.db, { roles: [...roles], region, units: [...units] });
      as[name] = await t.login(u.username, TEST_PASSWORD);
    }
    CHOICE.sourcePlanId = oldPlan;
  }, 120_000);
  afterAll(() => t.close());

  it('lists what the last plan offers, with row counts and what the new plan already has', async () => {
    const res = await preview(as.office);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json() as CarryOverPreview;
    expect(p.startDate).toBe('2026-01-01');
    expect(p.source.id).toBe(oldPlan);
    expect(p.unitGroups.map((g) => [g.code, g.conflict])).toEqual([
      ['related-towns-streets', null],
      ['related-towns-streets-parks', null],
      ['towns-streets', '本方案已有编码为“towns-streets”的单位组'],
    ]);
    const hte = p.ledgerTypes.find((l) => l.code === 'high-tech-enterprises')!;
    expect(hte).toMatchObject({ name: '高新技术企业', owners: ['市科技局'], allRows: 2, validRows: 1, conflict: null });
    expect(p.ledgerTypes.find((l) => l.code === 'incubators')?.conflict).toBe('本方案已有编码为“incubators”的台账');
    expect(p.wordingDiffers).toBe(true);
  });

  it('refuses the other county, the province viewer, a leader and a reporter, and writes nothing', async () => {
    const before = [await snapshot(nextPlan), await snapshot(oldPlan)];
    for (const c of [as.otherOffice, as.provinceViewer, as.leader, as.reporter]) {
      expect((await preview(c)).statusCode).toBe(403);
      const res = await carry(c, CHOICE);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The other county's office carrying Jurong's plan into its own: the source is named.
    const into = await carry(as.otherOffice, CHOICE, otherCountyPlan);
    expect([into.statusCode, into.json().error.message]).toEqual([403, '上一轮方案（sourcePlanId）不属于您所在的地区']);
    expect([await snapshot(nextPlan), await snapshot(oldPlan)]).toEqual(before);
  });

  it('refuses a source of another county, the plan itself and an unknown item, naming the field', async () => {
    const across = await carry(as.admin, { ...CHOICE, sourcePlanId: otherCountyPlan });
    expect(across.statusCode).toBe(409);
    expect(across.json().error.message).toMatch(/^上一轮方案（sourcePlanId）“丹阳市.*不属于同一县（市、区）/);
    const self = await carry(as.office, { ...CHOICE, sourcePlanId: nextPlan });
    expect([self.statusCode, self.json().error.message]).toEqual([409, '上一轮方案（sourcePlanId）不能是本方案']);
    const unknown = await carry(as.office, { ...CHOICE, ledgerTypes: ['no-such-ledger'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.issues).toEqual([
      { path: 'ledgerTypes.0', message: '上一轮方案中没有编码为“no-such-ledger”的台账' },
    ]);
    // Jurong's 2022 plan has expired (已到期): it takes nothing from the next one.
    const expired = await carry(as.office, { ...CHOICE, sourcePlanId: nextPlan }, oldPlan);
    expect([expired.statusCode, expired.json().error.message]).toEqual([
      409,
      '只有草稿或实施中的方案可以沿用上一轮方案',
    ]);
    const none = await carry(as.office, { sourcePlanId: oldPlan });
    expect([none.statusCode, none.json().error.message]).toEqual([400, '请至少选择一项要沿用的内容']);
  });

  it('reports every chosen item the new plan already has and carries nothing', async () => {
    const before = await snapshot(nextPlan);
    const res = await carry(as.office, {
      ...CHOICE,
      unitGroups: ['towns-streets', 'related-towns-streets'],
      ledgerTypes: ['high-tech-enterprises', 'incubators'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.issues).toEqual([
      { path: 'unitGroups.0', message: '单位组“各镇（街道）”：本方案已有编码为“towns-streets”的单位组' },
      { path: 'ledgerTypes.1', message: '台账“孵化载体”：本方案已有编码为“incubators”的台账' },
    ]);
    expect(res.json().error.message).toMatch(/^以下内容本方案已有，未沿用任何内容：单位组“各镇（街道）”/);
    expect(await snapshot(nextPlan)).toBe(before);
  });

  it("carries groups, ledgers with the rows still valid and the wording, as the county's admin; the old plan is unchanged", async () => {
    const oldBefore = await snapshot(oldPlan);
    const res = await carry(as.countyAdmin, CHOICE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as CarryOverResult).toEqual({
      sourcePlanId: oldPlan,
      unitGroups: 1,
      ledgerTypes: 2,
      rows: 1,
      wording: true,
    });
    await expectAudited(t.db, res, {
      action: 'carry_over',
      entityType: 'plan',
      entityId: nextPlan,
      before: true,
      after: true,
    });

    const rows = (
      await as.office.request({ method: 'GET', url: `/api/plans/${nextPlan}/ledgers/high-tech-enterprises/rows` })
    ).json() as LedgerRowList;
    expect(rows.items.map((r) => r.values.certificateNo)).toEqual(['GR2024-NEW']);
    expect(rows.items[0]).toMatchObject({ validFrom: '2024-06-01', version: 1, unit: { name: '市科技局' } });
    const oldRow = await t.db
      .selectFrom('ledger_rows')
      .select('row_id')
      .where('plan_id', '=', oldPlan)
      .where('natural_key', 'like', '%GR2024-NEW%')
      .executeTakeFirstOrThrow();
    const carried = await t.db
      .selectFrom('ledger_rows')
      .select(['row_id', 'carried_from_plan_id', 'carried_from_row_id'])
      .where('row_id', '=', rows.items[0]!.id)
      .executeTakeFirstOrThrow();
    expect(carried).toEqual({
      row_id: rows.items[0]!.id,
      carried_from_plan_id: oldPlan,
      carried_from_row_id: oldRow.row_id,
    });
    expect(carried.row_id).not.toBe(oldRow.row_id);

    const types = (await as.office.request({ method: 'GET', url: `/api/plans/${nextPlan}/ledgers` })).json();
    expect(types.items.map((l: { code: string }) => l.code)).toEqual([
      'incubators',
      'high-tech-enterprises',
      'rd-platforms',
    ]);
    expect(types.items[2].owners.map((o: { name: string }) => o.name)).toEqual(['市科技局', '市工信局', '市发改委']);
    const groups = await t.db
      .selectFrom('unit_groups')
      .select('code')
      .where('plan_id', '=', nextPlan)
      .orderBy('code')
      .execute();
    expect(groups.map((g) => g.code)).toEqual(['related-towns-streets', 'towns-streets']);
    const settings = (
      await as.office.request({ method: 'GET', url: `/api/plans/${nextPlan}/settings` })
    ).json() as PlanSettings;
    expect(settings.wording.cc).toBe('市委办公室，市人民政府办公室，市委考核办');
    expect(await snapshot(oldPlan)).toBe(oldBefore);

    // Carried once: the same choice again clashes item by item.
    const again = await carry(as.office, CHOICE);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.issues).toHaveLength(3);
  });

  it('reads an archived last plan and carries every current row when asked, once under 8 concurrent requests', async () => {
    const archived = await as.office.request({ method: 'POST', url: `/api/plans/${oldPlan}/archive` });
    expect(archived.statusCode, archived.body).toBe(200);
    const oldBefore = await snapshot(oldPlan);
    const p = (await preview(as.office)).json() as CarryOverPreview;
    expect(p.source.status).toBe('archived');
    const choice = { sourcePlanId: oldPlan, ledgerTypes: ['tech-smes'], rows: 'all' };
    const all = await Promise.all(Array.from({ length: 8 }, () => carry(as.office, choice)));
    expect(all.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const n = await t.db
      .selectFrom('ledger_types')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', nextPlan)
      .where('code', '=', 'tech-smes')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    expect(await snapshot(oldPlan)).toBe(oldBefore);
    // The archived plan itself takes nothing.
    const into = await carry(as.office, { ...choice, sourcePlanId: nextPlan }, oldPlan);
    expect(into.statusCode).toBe(409);
  });
});
