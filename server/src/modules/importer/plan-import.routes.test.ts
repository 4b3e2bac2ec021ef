import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportDraft, PlanImportSummary } from '@innocity/shared/api/plan-imports';
import { markdownToDocx } from '../../../../shared/test-fixtures/importer/docx-builder.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser } from '../../test/factories.ts';
import { fileUpload, planTableCounts, reviewOf, suggestionsFor, upload } from './plan-import-kit.ts';

const JURONG = readFileSync(new URL('../../../../shared/packs/jurong-2022-79.source.md', import.meta.url), 'utf8');

describe.each(TEST_DIALECTS)('plan import: upload, review, suggestions on %s', (dialect) => {
  let t: TestApp;
  let office: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const u = await createUser(t.db, { roles: ['office'], displayName: '办公室小王' });
    office = await t.login(u.username, u.password);
  });
  afterAll(() => t.close());

  it('proposes Jurong’s 19 tasks and 24 indicators from an uploaded .md, and writes nothing to the plan tables', async () => {
    const before = await planTableCounts(t.db);
    const res = await upload(office, '句容方案.md', JURONG);
    expect(res.statusCode, res.body).toBe(201);
    const draft = res.json() as PlanImportDraft;
    expect(draft).toMatchObject({
      fileName: '句容方案.md',
      status: 'draft',
      planId: null,
      title: '句容市争创省创新型示范市建设方案',
    });
    expect(draft.proposal.tasks).toHaveLength(19);
    expect(draft.proposal.indicators).toHaveLength(24);
    expect(draft.sourceText).toBe(JURONG);
    const t17 = draft.proposal.tasks[16]!;
    expect(draft.sourceText.slice(t17.source.start, t17.source.end)).toContain('完善知识产权激励机制');
    expect(draft.defaults).toEqual({ code: 'plan-2022-79', baselineYear: 2021 });
    expect(await planTableCounts(t.db)).toEqual(before);
    const row = await expectAudited(t.db, res, {
      action: 'create',
      entityType: 'plan_import',
      entityId: draft.id,
      before: false,
      after: true,
    });
    expect(row.after).toMatchObject({ fileName: '句容方案.md', taskCount: 19, indicatorCount: 24 });
  });

  it('reads a .docx upload and pasted text alike', async () => {
    const docx = await upload(office, '句容方案.docx', markdownToDocx(JURONG));
    expect(docx.statusCode, docx.body).toBe(201);
    expect((docx.json() as PlanImportDraft).proposal.tasks).toHaveLength(19);
    const pasted = await office.request({ method: 'POST', url: '/api/plan-imports', payload: { text: JURONG } });
    expect(pasted.statusCode, pasted.body).toBe(201);
    expect(pasted.json()).toMatchObject({ fileName: '粘贴的文本', taskCount: 19 });
  });

  it('refuses documents it cannot read with a Chinese reason on the file field', async () => {
    const doc = await upload(office, '方案.doc', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]));
    expect(doc.statusCode).toBe(400);
    expect(doc.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'LibreOffice 未能转换该文件：文件可能已损坏，或不是 Word/WPS 文档',
    });
    expect(doc.json().error.details.issues[0].path).toBe('file');
    const gbk = await upload(office, '方案.txt', new Uint8Array([0xb7, 0xbd, 0xb0, 0xb8]));
    expect(gbk.json().error.message).toMatch(/UTF-8/);
    const empty = await office.request({ method: 'POST', url: '/api/plan-imports', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0].path).toBe('text');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const res = await upload(office, '方案.md', Buffer.alloc(10 * 1024 * 1024 + 10, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('saves the review so that it resumes, and lists drafts newest first', async () => {
    const draft = (await upload(office, '续审.md', JURONG)).json() as PlanImportDraft;
    const review = await reviewOf(office, draft, 'jurong-resume');
    const edited = {
      ...review,
      proposal: {
        ...draft.proposal,
        tasks: draft.proposal.tasks.map((x, i) => (i === 0 ? { ...x, title: '改过的标题' } : x)),
      },
    };
    const res = await office.request({ method: 'PUT', url: `/api/plan-imports/${draft.id}`, payload: edited });
    expect(res.statusCode, res.body).toBe(200);
    await expectAudited(t.db, res, {
      action: 'update',
      entityType: 'plan_import',
      entityId: draft.id,
      before: true,
      after: true,
    });
    const again = (
      await office.request({ method: 'GET', url: `/api/plan-imports/${draft.id}` })
    ).json() as PlanImportDraft;
    expect(again.proposal.tasks[0]!.title).toBe('改过的标题');
    expect(again.review?.settings.code).toBe('jurong-resume');
    expect(again.review?.units).toHaveLength(review.units.length);
    const list = (await office.request({ method: 'GET', url: '/api/plan-imports' })).json()
      .items as PlanImportSummary[];
    expect(list[0]).toMatchObject({ id: draft.id, fileName: '续审.md', createdBy: '办公室小王', taskCount: 19 });
  });

  it('refuses to save a proposal of the wrong shape, naming the item and field', async () => {
    const draft = (await upload(office, '坏.md', JURONG)).json() as PlanImportDraft;
    const bad = {
      ...draft.proposal,
      tasks: draft.proposal.tasks.map((x, i) => (i === 2 ? { ...x, coUnits: '市财政局' } : x)),
    };
    const res = await office.request({
      method: 'PUT',
      url: `/api/plan-imports/${draft.id}`,
      payload: { proposal: bad, settings: draft.defaults, units: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      { path: 'proposal.tasks.2.coUnits', message: '任务 3「紧盯数字时代智慧科技前沿」的配合单位：须为列表' },
    ]);
  });

  it('suggests units: exact names, groups for 各镇（街道）, prefix matches for names given', async () => {
    const draft = (await upload(office, '建议.md', JURONG)).json() as PlanImportDraft;
    const items = await suggestionsFor(office, draft.id);
    expect(items.map((s) => s.name)).toEqual(draft.proposal.unitNames);
    expect(items.find((s) => s.name === '市科技局')?.candidates[0]).toMatchObject({
      name: '市科技局',
      reason: 'exact',
    });
    expect(items.find((s) => s.name === '各镇（街道）')?.group?.memberIds).toHaveLength(11);
    const res = await office.request({
      method: 'GET',
      url: `/api/plan-imports/${draft.id}/unit-suggestions?name=${encodeURIComponent('县科技局')}&name=${encodeURIComponent('句容市科学技术局')}`,
    });
    const [county, full] = res.json().items;
    expect(county.candidates[0]).toMatchObject({ name: '市科技局', reason: 'prefix' });
    expect(full.candidates[0]).toMatchObject({ name: '市科技局', reason: 'fullName' });
    const missing = await office.request({ method: 'GET', url: '/api/plan-imports/nope/unit-suggestions' });
    expect(missing.statusCode).toBe(404);
  });
});

describe.each(TEST_DIALECTS)('plan import: refused callers on %s', (dialect) => {
  let t: TestApp;
  let draftId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    draftId = ((await upload(admin, '方案.md', JURONG)).json() as PlanImportDraft).id;
  });
  afterAll(() => t.close());

  it.each([['reporter'], ['leader'], ['inspector'], ['approver'], ['anonymous']] as const)(
    'refuses %s on every route and changes nothing',
    async (role) => {
      const client: Pick<Client, 'request'> =
        role === 'anonymous'
          ? { request: (o) => t.app.inject(o) }
          : await (async () => {
              const u = await createUser(t.db, {
                roles: [role],
                units: role === 'reporter' || role === 'approver' ? ['下蜀镇'] : [],
              });
              return t.login(u.username, u.password);
            })();
      const before = { ...(await planTableCounts(t.db)), drafts: await draftCount(t) };
      const review = { proposal: {}, settings: { code: 'x', baselineYear: 2021 }, units: [] };
      const calls = [
        { method: 'POST' as const, url: '/api/plan-imports', payload: { text: JURONG } },
        { method: 'GET' as const, url: '/api/plan-imports' },
        { method: 'GET' as const, url: `/api/plan-imports/${draftId}` },
        { method: 'PUT' as const, url: `/api/plan-imports/${draftId}`, payload: review },
        { method: 'GET' as const, url: `/api/plan-imports/${draftId}/unit-suggestions` },
        { method: 'POST' as const, url: `/api/plan-imports/${draftId}/confirm`, payload: review },
      ];
      for (const call of calls) {
        const res = await client.request(call);
        expect(res.statusCode, `${call.method} ${call.url}`).toBe(role === 'anonymous' ? 401 : 403);
        expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const multipart = await client.request({
        method: 'POST',
        url: '/api/plan-imports',
        ...fileUpload('方案.md', JURONG),
      });
      expect(multipart.statusCode).toBe(role === 'anonymous' ? 401 : 403);
      expect({ ...(await planTableCounts(t.db)), drafts: await draftCount(t) }).toEqual(before);
    },
  );
});

async function draftCount(t: TestApp): Promise<number> {
  const row = await t.db
    .selectFrom('plan_import_drafts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
