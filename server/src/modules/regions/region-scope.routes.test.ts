import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { nowIso } from '../../time.ts';
import { loadPlanPack } from '../plans/plan-pack.service.ts';
import { notifyRoles, queueOutgoing } from '../notifications/notification.service.ts';
import { saveChannel } from '../notifications/notification.repo.ts';
import { ID_PARAM_OF, PLACE_OF } from './region-scope.ids.ts';
import { secondCountyPack } from '../../test/second-county.ts';

/**
 * Every GET route of the OpenAPI document, and why it cannot hand one county another's rows:
 * - `named`: it names a plan, unit or plan-bound row (path or required query) that the region-scope
 *   hook checks; the authorization matrix calls it as the office and a reporter of another county;
 * - `filtered`: a list naming no plan, filtered to the caller's regions (checked below);
 * - `own`: only the caller's own rows;
 * - `deployment`: no county's rows at all;
 * - `province`: the province view, for province viewers and the deployment admin only, over the
 *   counties under the region asked (a regionId the fence checks; province.routes.test.ts refuses
 *   a county's office and a viewer of another 设区市).
 * A new GET route fails the first test until it is classified here. (/api/openapi.json, the
 * document itself, is not in it.)
 */
const GET_ROUTES: Record<string, 'named' | 'filtered' | 'own' | 'deployment' | 'province'> = {
  '/api/health': 'deployment',
  '/api/system': 'deployment',
  '/api/auth/me': 'own',
  '/api/notifications': 'own',
  '/api/notification-settings': 'deployment',
  '/api/plans': 'filtered',
  '/api/regions': 'filtered',
  '/api/units': 'filtered',
  '/api/users': 'filtered',
  '/api/plan-imports': 'filtered',
  '/api/unit-contacts': 'filtered',
  '/api/deliveries': 'filtered',
  '/api/audit': 'filtered',
  '/api/audit/export': 'filtered',
  '/api/search': 'filtered',
  '/api/province/overview': 'province',
  '/api/province/export': 'province',
  '/api/plans/{planId}': 'named',
  '/api/plans/{planId}/settings': 'named',
  '/api/plans/{planId}/indicator-catalogue': 'named',
  '/api/plans/{planId}/carry-over': 'named',
  '/api/users/{userId}': 'named',
  '/api/plans/{planId}/indicators': 'named',
  '/api/plans/{planId}/indicators/{indicatorId}': 'named',
  '/api/plans/{planId}/indicators/{indicatorId}/rows': 'named',
  '/api/plans/{planId}/data-elements': 'named',
  '/api/plans/{planId}/data-elements/{elementId}/versions': 'named',
  '/api/plans/{planId}/ledgers': 'named',
  '/api/plans/{planId}/ledgers/{typeCode}/rows': 'named',
  '/api/plans/{planId}/ledgers/{typeCode}/rows/{rowId}': 'named',
  '/api/plans/{planId}/ledgers/{typeCode}/template.xlsx': 'named',
  '/api/plans/{planId}/ledgers/{typeCode}/export.xlsx': 'named',
  '/api/plan-imports/{draftId}': 'named',
  '/api/plan-imports/{draftId}/unit-suggestions': 'named',
  '/api/plans/{planId}/assessment/schemes': 'named',
  '/api/assessment/schemes/{schemeId}': 'named',
  '/api/assessment/schemes/{schemeId}/inputs': 'named',
  '/api/assessment/schemes/{schemeId}/scores': 'named',
  '/api/plans/{planId}/assessment/publications': 'named',
  '/api/assessment/publications/{publicationId}': 'named',
  '/api/plans/{planId}/bulletins': 'named',
  '/api/bulletins/{bulletinId}': 'named',
  '/api/bulletins/{bulletinId}/files/{kind}': 'named',
  '/api/work-items': 'named',
  '/api/work-items/{workItemId}': 'named',
  '/api/plans/{planId}/supervision-settings': 'named',
  '/api/meetings': 'named',
  '/api/meetings/{id}': 'named',
  '/api/inspections': 'named',
  '/api/inspections/{id}': 'named',
  '/api/instructions': 'named',
  '/api/supervision/export': 'named',
  '/api/rounds': 'named',
  '/api/rounds/{roundId}': 'named',
  '/api/rounds/{roundId}/units': 'named',
  '/api/rounds/{roundId}/units/{unitId}/submission': 'named',
  '/api/my-duties': 'named',
  '/api/submissions/{submissionId}': 'named',
  '/api/attachments/{attachmentId}': 'named',
  '/api/timeliness': 'named',
  '/api/urgings': 'named',
  '/api/reporting/units/{unitId}': 'named',
  '/api/rounds/{roundId}/units/export': 'named',
  '/api/plans/{planId}/indicators/export': 'named',
  '/api/assessment/publications/{publicationId}/export': 'named',
};

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
}
type OpenApi = { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };

describe.each(TEST_DIALECTS)('the county fence on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let jurong: PlanSummary;
  let danyang: PlanSummary;
  /** Ids 丹阳市 must never see: Jurong's plan, region, units, accounts, draft and delivery. */
  let jurongIds: string[];
  let jurongOffice: { id: string; username: string };
  const dy: Record<'office' | 'admin' | 'reporter', Client> = {} as never;
  const ctx = () => ({ actor: null, requestId: null, ip: null, now: nowIso() });
  const regionId = async (name: string) =>
    (await t.db.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const unitOf = async (name: string, region: string) =>
    (
      await t.db
        .selectFrom('units')
        .select('id')
        .where('name', '=', name)
        .where('region_id', '=', await regionId(region))
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    await loadPlanPack(t.db, secondCountyPack('danyang-2023-1'), ctx());
    const plans = (await admin.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    jurong = plans.find((p) => p.code === 'jurong-2022-79')!;
    danyang = plans.find((p) => p.code === 'danyang-2023-1')!;
    jurongOffice = await createUser(t.db, { roles: ['office'], region: '句容市', displayName: '句容办公室甲' });
    const jo = await t.login(jurongOffice.username, TEST_PASSWORD);
    const jurongReporter = await createUser(t.db, { roles: ['reporter'], region: '句容市', units: ['下蜀镇'] });
    for (const [name, roles, units] of [
      ['office', ['office'], []],
      ['admin', ['admin'], []],
      ['reporter', ['reporter'], ['下蜀镇']],
    ] as const) {
      const u = await createUser(t.db, { roles: [...roles], region: '丹阳市', units: [...units] });
      dy[name] = await t.login(u.username, TEST_PASSWORD);
    }
    // Jurong's office leaves a trace in every list: a draft, a plan-bound write, a message out.
    const text = '# 句容测试方案\n\n一、重点任务\n（一）测试任务。牵头单位：市科技局。';
    const draft = await jo.request({
      method: 'POST',
      url: '/api/plan-imports',
      payload: { text, fileName: '句容.md' },
    });
    const baseline = await jo.request({
      method: 'PUT',
      url: `/api/plans/${jurong.id}/indicators/high-tech-enterprises/baseline`,
      payload: { value: 7, year: 2021 },
    });
    expect(baseline.statusCode, baseline.body).toBe(200);
    const email = { host: 'smtp.example.cn', port: 25, secure: false, user: '', from: 'kcw@example.cn' };
    await saveChannel(t.db, 'email', { enabled: true, config: email, secret: null }, null, nowIso());
    const xiashu = await unitOf('下蜀镇', '句容市');
    const dyXiashu = await unitOf('下蜀镇', '丹阳市');
    for (const [unitId, address] of [
      [xiashu, 'xiashu@jurong.example.cn'],
      [dyXiashu, 'xiashu@danyang.example.cn'],
    ] as const) {
      expect(
        (await admin.request({ method: 'PUT', url: `/api/unit-contacts/${unitId}`, payload: { email: address } }))
          .statusCode,
      ).toBe(204);
      await t.db
        .transaction()
        .execute((trx) => queueOutgoing(trx, [unitId], { subject: '催报', body: '请填报' }, ctx()));
    }
    await t.db
      .transaction()
      .execute(async (trx) =>
        notifyRoles(
          trx,
          ['office'],
          { kind: 'submitted', title: '句容下蜀镇已报送', body: '', link: null },
          ctx(),
          xiashu,
        ),
      );
    const jurongRegion = await regionId('句容市');
    const rows = await Promise.all([
      t.db.selectFrom('units').select('id').where('region_id', '=', jurongRegion).execute(),
      t.db.selectFrom('deliveries').select('id').where('region_id', '=', jurongRegion).execute(),
    ]);
    jurongIds = [
      jurong.id,
      jurongRegion,
      jurongOffice.id,
      jurongReporter.id,
      draft.json().id as string,
      ...rows.flatMap((r) => r.map((x) => x.id)),
    ];
    expect(rows[1]).toHaveLength(1);
  });
  afterAll(() => t.close());

  it('classifies every GET route of the OpenAPI document, and each `named` one takes an id the fence checks', async () => {
    const doc = (await admin.request({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    const gets = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops);
    expect(gets.map(([p]) => p).sort()).toEqual(Object.keys(GET_ROUTES).sort());
    for (const [route, ops] of gets) {
      if (GET_ROUTES[route] !== 'named') continue;
      const fenced = (ops.get!.parameters ?? []).filter(
        (p) => p.required && (p.name in PLACE_OF || ID_PARAM_OF[route.replace(/\{(\w+)\}/g, ':$1')] !== undefined),
      );
      expect(fenced.length, `${route} names no id the region-scope hook checks`).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(GET_ROUTES).filter(([, kind]) => kind === 'filtered'))(
    'GET %s shows 丹阳市 none of Jurong’s rows (and the deployment admin sees them)',
    async (route) => {
      const url =
        route === '/api/audit'
          ? '/api/audit?pageSize=200'
          : route === '/api/search'
            ? `/api/search?q=${encodeURIComponent('镇')}` // towns: both counties have them
            : route;
      const seen = async (c: Client) => {
        const res = await c.request({ method: 'GET', url });
        if (res.statusCode !== 200) return { status: res.statusCode, text: '' };
        if (!route.endsWith('/export')) return { status: 200, text: res.body };
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
        const cells: string[] = [];
        wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
        return { status: 200, text: cells.join('\n') };
      };
      const leaks = (text: string) => [...jurongIds, '句容办公室甲'].filter((id) => text.includes(id));
      expect(leaks((await seen(admin)).text).length, 'the deployment admin sees Jurong’s rows').toBeGreaterThan(0);
      let answered = 0;
      for (const [name, client] of Object.entries(dy)) {
        const { status, text } = await seen(client);
        expect([200, 403], `${route} as 丹阳市 ${name}`).toContain(status);
        if (status !== 200) continue;
        answered++;
        expect(leaks(text), `${route} as 丹阳市 ${name}`).toEqual([]);
      }
      expect(answered, `${route}: some 丹阳市 role reads it`).toBeGreaterThan(0);
    },
  );

  it('tells only the office whose county the submitting unit is in', async () => {
    const bell = async (c: Client) => (await c.request({ method: 'GET', url: '/api/notifications' })).json();
    expect(JSON.stringify(await bell(dy.office))).not.toContain('句容下蜀镇已报送');
    const jo = await t.login(jurongOffice.username, TEST_PASSWORD);
    expect(JSON.stringify(await bell(jo))).toContain('句容下蜀镇已报送');
  });

  it('refuses ids of another county inside bodies with a 403 naming the field, and writes nothing', async () => {
    const jurongTown = await unitOf('白兔镇', '句容市');
    const own = await unitOf('市科技局', '丹阳市');
    const ownTown = await unitOf('白兔镇', '丹阳市');
    const before = await t.db.selectFrom('work_items').select('id').execute();
    const item = await dy.office.request({
      method: 'POST',
      url: '/api/work-items',
      payload: {
        planId: danyang.id,
        year: 2025,
        title: '跨县配合',
        leadUnitId: own,
        coUnitIds: [ownTown, jurongTown],
        dueDate: '2025-12-31',
      },
    });
    expect(item.statusCode, item.body).toBe(403);
    expect(item.json().error.message).toMatch(/配合单位（coUnitIds）不属于您所在的地区/);
    expect(await t.db.selectFrom('work_items').select('id').execute()).toEqual(before);
    // The same body without Jurong's unit is accepted: the refusal was the field, not the route.
    const ok = await dy.office.request({
      method: 'POST',
      url: '/api/work-items',
      payload: {
        planId: danyang.id,
        year: 2025,
        title: '本县配合',
        leadUnitId: own,
        coUnitIds: [ownTown],
        dueDate: '2025-12-31',
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const users = await t.db.selectFrom('users').select('id').execute();
    const account = await dy.admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'dy-cross',
        displayName: '跨县',
        roles: ['reporter'],
        unitIds: [jurongTown],
        initialPassword: 'Cross-Pass-2025!',
      },
    });
    expect(account.statusCode).toBe(403);
    expect(account.json().error.message).toMatch(/所属单位（unitIds）/);
    expect(await t.db.selectFrom('users').select('id').execute()).toEqual(users);
  });
});
