import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportConfirmed, PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { auditRowsOf, expectAudited } from '../../test/audit.ts';
import { createUser } from '../../test/factories.ts';
import { planTableCounts, reviewOf, upload } from './plan-import-kit.ts';

const fixture = (path: string) => readFileSync(new URL(`../../../../shared/${path}`, import.meta.url), 'utf8');
const JURONG = fixture('packs/jurong-2022-79.source.md');
const COUNTY = fixture('test-fixtures/importer/county-plan.md');

describe.each(TEST_DIALECTS)('plan import: confirm on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  const confirm = (id: string, body: unknown) =>
    office.request({ method: 'POST', url: `/api/plan-imports/${id}/confirm`, payload: body as object });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const u = await createUser(t.db, { roles: ['office'] });
    office = await t.login(u.username, u.password);
  });
  afterAll(() => t.close());

  it('puts the reviewed Jurong plan in force under a new code, audited, and refuses a second confirm', async () => {
    const draft = (await upload(office, '句容方案.md', JURONG)).json() as PlanImportDraft;
    const taken = await confirm(draft.id, await reviewOf(office, draft, 'jurong-2022-79'));
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.issues).toEqual([
      { path: 'settings.code', message: '方案编码“jurong-2022-79”已被其他方案使用，请换一个编码' },
    ]);
    const before = await planTableCounts(t.db);
    const res = await confirm(draft.id, await reviewOf(office, draft, 'jurong-imported'));
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json() as PlanImportConfirmed;
    expect(done).toMatchObject({ code: 'jurong-imported', createdUnits: [] });
    const plan = (await office.request({ method: 'GET', url: `/api/plans/${done.planId}` })).json() as PlanDetail;
    expect(plan).toMatchObject({
      code: 'jurong-imported',
      status: 'in_force',
      title: '句容市争创省创新型示范市建设方案',
      baselineYear: 2021,
      targetYear: 2025,
    });
    const tasks = plan.areas.flatMap((a) => a.tasks);
    expect(tasks).toHaveLength(19);
    expect(tasks[16]).toMatchObject({ number: 17, title: '完善知识产权激励机制', leadUnit: { name: '市市场监管局' } });
    expect(tasks[0]!.coUnits.map((u) => u.name)).toEqual(['市发改委', '市工信局', '各相关镇（街道）']);
    expect(plan.indicators).toHaveLength(24);
    const after = await planTableCounts(t.db);
    expect(after.plans).toBe(before.plans! + 1);
    expect(after.plan_tasks).toBe(before.plan_tasks! + 19);
    expect(after.units).toBe(before.units);
    const row = await expectAudited(t.db, res, {
      action: 'confirm',
      entityType: 'plan_import',
      entityId: draft.id,
      before: true,
      after: true,
    });
    expect(row.after).toMatchObject({ status: 'confirmed', planId: done.planId, code: 'jurong-imported' });
    expect((await auditRowsOf(t.db, res)).map((r) => r.action)).toContain('load_pack');
    const draftNow = (
      await office.request({ method: 'GET', url: `/api/plan-imports/${draft.id}` })
    ).json() as PlanImportDraft;
    expect(draftNow).toMatchObject({ status: 'confirmed', planId: done.planId });
    const again = await confirm(draft.id, await reviewOf(office, draft, 'jurong-imported-2'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该导入草稿已确认生效，不能再修改或再次确认');
    const save = await office.request({
      method: 'PUT',
      url: `/api/plan-imports/${draft.id}`,
      payload: await reviewOf(office, draft, 'x'),
    });
    expect(save.statusCode).toBe(409);
    expect(await planTableCounts(t.db)).toEqual(after);
  });

  it('creates the units the office asks for, under their parent, in the same transaction as the plan', async () => {
    const draft = (await upload(office, '青石县.md', COUNTY)).json() as PlanImportDraft;
    const review = await reviewOf(office, draft, 'qingshi-2024-12');
    // 县科技局 is suggested as 市科技局 (only the prefix differs); a new county wants its own unit.
    const gov = (await t.db.selectFrom('units').select('id').where('code', '=', 'gov').executeTakeFirstOrThrow()).id;
    const units = review.units.map((m) =>
      m.name === '县科技局'
        ? { name: m.name, action: 'create' as const, kind: 'department' as const, parentId: gov }
        : m,
    );
    expect(
      units
        .filter((m) => m.action === 'create')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['县科技局', '县税务局']);
    const res = await confirm(draft.id, { ...review, units });
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json() as PlanImportConfirmed;
    expect(done.createdUnits.map((u) => u.name).sort()).toEqual(['县科技局', '县税务局']);
    const created = await t.db.selectFrom('units').selectAll().where('name', '=', '县科技局').executeTakeFirstOrThrow();
    // Filed under the new county (青石县), the unit sits in that county's own tree: under its copy of
    // the 市政府 the office chose, never inside Jurong's tree.
    const parent = await t.db
      .selectFrom('units')
      .selectAll()
      .where('id', '=', created.parent_id!)
      .executeTakeFirstOrThrow();
    const county = await t.db
      .selectFrom('plans')
      .select('region_id')
      .where('id', '=', done.planId)
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({ kind: 'department', region_id: county.region_id });
    expect(parent).toMatchObject({ name: '市政府', region_id: county.region_id });
    expect(parent.id).not.toBe(gov);
    // Each unit created in the request has its own audit row, beside the plan's and the draft's.
    const unitRows = (await auditRowsOf(t.db, res)).filter((r) => r.entity_type === 'unit' && r.action === 'create');
    // The new county's tree (the asked-for units and the county's copies of the units the review
    // mapped) is made in this request, each unit with its audit row.
    const countyUnits = await t.db.selectFrom('units').select('id').where('region_id', '=', county.region_id).execute();
    expect(unitRows.map((r) => r.entity_id).sort()).toEqual(countyUnits.map((u) => u.id).sort());
    expect(unitRows.map((r) => r.entity_id)).toEqual(expect.arrayContaining(done.createdUnits.map((u) => u.id)));
    expect(unitRows.map((r) => r.entity_id)).toContain(created.id);
    const plan = (await office.request({ method: 'GET', url: `/api/plans/${done.planId}` })).json() as PlanDetail;
    expect(plan.areas.flatMap((a) => a.tasks).map((x) => [x.number, x.leadUnit.name])).toEqual([
      [1, '县科技局'],
      [2, '市工信局'],
      [3, '县科技局'],
    ]);
    expect(plan.areas[0]!.tasks[1]!.coUnits[0]).toMatchObject({ name: '各乡镇（街道）', kind: 'group', mode: 'all' });
  });

  it('answers a proposal the pack refuses with 400 naming each item and field, and writes nothing', async () => {
    const draft = (await upload(office, '句容方案.md', JURONG)).json() as PlanImportDraft;
    const review = await reviewOf(office, draft, 'bad plan');
    const p = draft.proposal;
    const bad = {
      ...review,
      proposal: {
        ...p,
        tasks: p.tasks.map((x, i) => (i === 3 ? { ...x, title: '' } : x)),
        indicators: p.indicators.map((x, i) => (i === 1 ? { ...x, value: null } : x)),
      },
    };
    const before = await planTableCounts(t.db);
    const res = await confirm(draft.id, bad);
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'settings.code', message: '方案编码：只能包含小写字母、数字和连字符' },
        { path: 'proposal.tasks.3.title', message: '任务 4的标题：不能为空' },
        expect.objectContaining({
          path: 'proposal.indicators.1.value',
          message: expect.stringMatching(/^指标 2「.+」的目标值：目标值不能为空$|^指标 2「.+」：目标值不能为空$/),
        }),
      ]),
    );
    expect(res.json().error.message).toMatch(/^方案还不能生效：/);
    expect(await planTableCounts(t.db)).toEqual(before);
    const unmapped = await confirm(draft.id, {
      ...review,
      settings: { ...review.settings, code: 'ok-code' },
      units: review.units.slice(1),
    });
    expect(unmapped.statusCode).toBe(400);
    expect(unmapped.json().error.details.issues[0]).toEqual({
      path: 'units',
      message: `单位“${review.units[0]!.name}”尚未对应到单位树，请在“对应单位”一步选择`,
    });
  });
});
