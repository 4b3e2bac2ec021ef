import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import type { PlanImportConfirmed, PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanSettings } from '@innocity/shared/api/plan-settings';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { DEMO_COUNTIES, planText } from '../../demo/plans/county-plans.ts';
import { reviewOf, upload } from '../importer/plan-import-kit.ts';

// Another county's plan, uploaded and confirmed through the importer as its office would: with
// no wording of its own it speaks as a 区 of its region, and its first bulletin says so.
describe.each(TEST_DIALECTS)("an imported district's wording on %s", (dialect) => {
  let t: TestApp;
  let office: Client;
  let planId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const u = await createUser(t.db, { roles: ['office'] });
    office = await t.login(u.username, u.password);
    const jintan = DEMO_COUNTIES.find((c) => c.region === '金坛区')!;
    const draft = (await upload(office, '金坛区方案.md', planText(jintan))).json() as PlanImportDraft;
    const res = await office.request({
      method: 'POST',
      url: `/api/plan-imports/${draft.id}/confirm`,
      payload: await reviewOf(office, draft, 'jintan-2024'),
    });
    expect(res.statusCode, res.body).toBe(201);
    planId = (res.json() as PlanImportConfirmed).planId;
  }, 60_000);
  afterAll(() => t.close());

  it('derives the wording from the region', async () => {
    const s = (await office.request({ method: 'GET', url: `/api/plans/${planId}/settings` })).json() as PlanSettings;
    expect(s.wording).toMatchObject({
      issuer: '金坛区科技创新委员会办公室',
      issuerShort: '区科创委办公室',
      level: '区',
      programme: '示范区',
      recipients: '各镇（街道）、园区，区各有关部门',
      cc: '区委办公室，区人民政府办公室',
    });
  });

  it("drafts a bulletin in the district's words and none of Jurong's", async () => {
    const made = await office.request({
      method: 'POST',
      url: `/api/plans/${planId}/bulletins`,
      payload: { periodId: '2025Q3', asOf: '2025-09-30' },
    });
    expect(made.statusCode, made.body).toBe(200);
    const b = made.json() as Bulletin;
    const file = await office.request({ method: 'GET', url: `/api/bulletins/${b.id}/files/docx` });
    const xml = strFromU8(unzipSync(new Uint8Array(file.rawPayload))['word/document.xml']!);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('金坛区科技创新委员会办公室');
    expect(text).toContain('关于2025年第三季度创新型示范区建设工作推进情况的通报');
    expect(text).toContain('区科创委办公室对2025年第三季度各项目标指标');
    expect(text).toContain('抄送：区委办公室，区人民政府办公室。');
    for (const w of ['句容', '示范市', '市科创委办公室', '市委考核办', '市各有关部门'])
      expect(text, w).not.toContain(w);
  });
});
