import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSettings, PlanWording } from '@innocity/shared/api/plan-settings';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { expectAudited } from '../../test/audit.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';

// A county's office sets its own wording; the bulletin it then drafts and downloads as Word says
// those words and none of Jurong's.
const COUNTY: PlanWording = {
  issuer: '宝应县科技创新委员会办公室',
  issuerShort: '县科创委办公室',
  level: '县',
  programme: '示范县',
  recipients: '各乡镇人民政府、园区管委会，县各有关部门',
  cc: '县委办公室，县人民政府办公室',
  printer: '宝应县科学技术局',
};
const JURONG_WORDS = [
  '句容市科技创新委员会办公室',
  '市科创委办公室',
  '创新型示范市建设工作',
  '市委考核办',
  '市各有关部门',
];

const docxText = (body: Buffer) => {
  const xml = strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
};

describe.each(TEST_DIALECTS)('plan settings on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  const as = {} as Record<'admin' | 'office' | 'leader' | 'inspector' | 'reporter', Client>;
  const url = () => `/api/plans/${planId}/settings`;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    as.admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    for (const [name, roles, units] of [
      ['office', ['office'], []],
      ['leader', ['leader'], []],
      ['inspector', ['inspector'], []],
      ['reporter', ['reporter'], ['市科技局']],
    ] as const) {
      const u = await createUser(t.db, { roles: [...roles], units: [...units] });
      as[name] = await t.login(u.username, TEST_PASSWORD);
    }
  }, 60_000);
  afterAll(() => t.close());

  it("starts from the pack's wording", async () => {
    const res = await as.office.request({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(200);
    const s = res.json() as PlanSettings;
    expect(s.wording.issuer).toBe('句容市科技创新委员会办公室');
    expect(s.wording.cc).toBe('市委办公室，市人民政府办公室，市委考核办');
    expect(s.updatedBy).toBeNull();
  });

  it('refuses other roles, reading and writing, and changes nothing', async () => {
    for (const c of [as.leader, as.inspector, as.reporter]) {
      expect((await c.request({ method: 'GET', url: url() })).statusCode).toBe(403);
      const put = await c.request({ method: 'PUT', url: url(), payload: { wording: COUNTY } });
      expect(put.statusCode).toBe(403);
    }
    const s = (await as.office.request({ method: 'GET', url: url() })).json() as PlanSettings;
    expect(s.wording.issuer).toBe('句容市科技创新委员会办公室');
  });

  it('names the field of a bad value in Chinese and keeps what was stored', async () => {
    const bad = await as.office.request({
      method: 'PUT',
      url: url(),
      payload: { wording: { ...COUNTY, level: '镇', issuer: ' ', printer: 'x'.repeat(51) } },
    });
    expect(bad.statusCode).toBe(400);
    const text = bad.body;
    expect(text).toContain('层级用字须为“市”“县”或“区”');
    expect(text).toContain('请填写发文机关');
    expect(text).toContain('印发机关不能超过 50 个字符');
    const s = (await as.office.request({ method: 'GET', url: url() })).json() as PlanSettings;
    expect(s.wording.issuer).toBe('句容市科技创新委员会办公室');
    expect((await as.office.request({ method: 'GET', url: '/api/plans/no-such-plan/settings' })).statusCode).toBe(404);
  });

  it("saves the office's wording, audited, and the bulletin drafted after it prints those words and none of Jurong's", async () => {
    const put = await as.office.request({ method: 'PUT', url: url(), payload: { wording: COUNTY } });
    expect(put.statusCode).toBe(200);
    expect((put.json() as PlanSettings).wording).toEqual(COUNTY);
    expect((put.json() as PlanSettings).updatedBy).toBeTruthy();
    await expectAudited(t.db, put, { action: 'update', entityType: 'plan_settings', before: true, after: true });

    const made = await as.office.request({
      method: 'POST',
      url: `/api/plans/${planId}/bulletins`,
      payload: { periodId: '2025Q3', asOf: '2025-09-30' },
    });
    expect(made.statusCode).toBe(200);
    const b = made.json() as Bulletin;
    expect(b.content).toMatchObject({
      issuer: COUNTY.issuer,
      recipients: COUNTY.recipients,
      cc: COUNTY.cc,
      printer: COUNTY.printer,
      signature: COUNTY.issuer,
    });
    const file = await as.office.request({ method: 'GET', url: `/api/bulletins/${b.id}/files/docx` });
    expect(file.statusCode).toBe(200);
    const text = docxText(file.rawPayload);
    expect(text).toContain(COUNTY.issuer);
    expect(text).toContain('创新型示范县建设工作推进情况的通报');
    expect(text).toContain(`${COUNTY.recipients}：`);
    expect(text).toContain(`县科创委办公室对2025年第三季度各项目标指标`);
    expect(text).toContain(`抄送：${COUNTY.cc}。`);
    expect(text).toContain(`${COUNTY.printer}`);
    for (const w of JURONG_WORDS) expect(text, w).not.toContain(w);

    // The year's assessment scheme is named with the county's programme too.
    const scheme = await as.office.request({
      method: 'POST',
      url: `/api/plans/${planId}/assessment/schemes`,
      payload: { year: 2025 },
    });
    expect(scheme.statusCode).toBeLessThan(300);
    expect((scheme.json() as { name: string }).name).toBe('2025年度创新型示范县建设考核方案');
  });

  it('keeps concurrent saves in order: each audit row replaces what the one before it wrote', async () => {
    const from =
      (
        await t.db
          .selectFrom('audit_logs')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0;
    const saves = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        as.office.request({ method: 'PUT', url: url(), payload: { wording: { ...COUNTY, recipients: `主送${n}` } } }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const rows = await t.db
      .selectFrom('audit_logs')
      .select(['before_json', 'after_json'])
      .where('entity_type', '=', 'plan_settings')
      .where('id', '>', Number(from))
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(5);
    const recipients = (json: string | null) => (JSON.parse(json ?? '{}') as PlanWording).recipients;
    for (let i = 1; i < rows.length; i++)
      expect(recipients(rows[i]!.before_json)).toBe(recipients(rows[i - 1]!.after_json));
    const stored = (await as.office.request({ method: 'GET', url: url() })).json() as PlanSettings;
    expect(stored.wording.recipients).toBe(recipients(rows.at(-1)!.after_json));
  });

  it('leaves out the 抄送 line when the office clears it', async () => {
    const put = await as.admin.request({ method: 'PUT', url: url(), payload: { wording: { ...COUNTY, cc: '' } } });
    expect(put.statusCode).toBe(200);
    expect((put.json() as PlanSettings).wording.cc).toBeNull();
  });
});
