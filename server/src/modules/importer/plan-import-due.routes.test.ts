import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportConfirmed, PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanDetail } from '@innocity/shared/api/plans';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { planTableCounts, reviewOf, upload } from './plan-import-kit.ts';

// A county's 任务分解表 with a 完成期限 column: a month end, a year end, a day, and a phrase with no date.
const TABLE = `石门县人民政府办公室关于印发2025年科技创新重点工作任务分解表的通知

石政办发〔2025〕4号

石门县人民政府办公室

2025年2月10日

2025年科技创新重点工作任务分解表

| 序号 | 重点工作任务 | 主要责任单位 | 协同配合单位 | 完成期限 |
| ---- | ------------ | ------------ | ------------ | -------- |
| 1 | 新增高新技术企业20家 | 市科技局 | 市财政局、市税务局 | 2025年12月底 |
| 2 | 建成省级以上研发平台3个 | 市工信局 | 市科技局 | 2025年6月底 |
| 3 | 组织开展科技成果对接活动 | 市科技局 | 市工商联 | 长期坚持 |
| 4 | 完成科技创新专项资金绩效评价 | 市财政局 | 市科技局 | 2025年9月30日前 |
`;

describe.each(TEST_DIALECTS)('plan import: 完成期限 on %s', (dialect) => {
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

  it('reads 完成期限, keeps the office’s edit, stores it on the task and makes a work item due that day', async () => {
    const draft = (await upload(office, '任务分解表.md', TABLE)).json() as PlanImportDraft;
    expect(draft.proposal.tasks.map((x) => [x.number, x.dueDate ?? null, x.dueText ?? null])).toEqual([
      [1, '2025-12-31', '2025年12月底'],
      [2, '2025-06-30', '2025年6月底'],
      [3, null, '长期坚持'],
      [4, '2025-09-30', '2025年9月30日前'],
    ]);
    const review = await reviewOf(office, draft, 'shimen-2025-4');
    // The office moves task 2's deadline on the review screen: the phrase it types is what counts.
    const edited = {
      ...review,
      proposal: {
        ...review.proposal,
        tasks: review.proposal.tasks.map((x) => (x.number === 2 ? { ...x, dueText: '2025年三季度' } : x)),
      },
    };
    const res = await confirm(draft.id, edited);
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json() as PlanImportConfirmed;

    const plan = (await office.request({ method: 'GET', url: `/api/plans/${done.planId}` })).json() as PlanDetail;
    const tasks = plan.areas.flatMap((a) => a.tasks);
    expect(tasks.map((x) => [x.number, x.leadUnit.name, x.dueDate, x.dueText])).toEqual([
      [1, '市科技局', '2025-12-31', '2025年12月底'],
      [2, '市工信局', '2025-09-30', '2025年三季度'],
      [3, '市科技局', null, '长期坚持'],
      [4, '市财政局', '2025-09-30', '2025年9月30日前'],
    ]);

    const items = (await office.request({ method: 'GET', url: `/api/work-items?planId=${done.planId}` })).json() as {
      items: WorkItem[];
    };
    const byTask = items.items
      .map((w) => [w.task?.id, w.leadUnit.name, w.dueDate, w.year, w.sourceKind, w.coUnits.map((u) => u.name)])
      .sort((a, b) => String(a[2]).localeCompare(String(b[2])) || String(a[1]).localeCompare(String(b[1])));
    const id = (n: number) => tasks.find((x) => x.number === n)!.id;
    // Task 3 (长期坚持) has no date to track, so no work item.
    expect(byTask).toEqual([
      [id(2), '市工信局', '2025-09-30', 2025, 'task', ['市科技局']],
      [id(4), '市财政局', '2025-09-30', 2025, 'task', ['市科技局']],
      [id(1), '市科技局', '2025-12-31', 2025, 'task', ['市财政局', '市税务局']],
    ]);
    // The items start on the day the plan was issued, not before it.
    expect(items.items.every((w) => w.startDate === '2025-02-10')).toBe(true);
  });

  it('refuses an impossible 完成期限 naming the task, and writes nothing', async () => {
    const draft = (await upload(office, '任务分解表.md', TABLE)).json() as PlanImportDraft;
    const review = await reviewOf(office, draft, 'shimen-bad-due');
    const bad = {
      ...review,
      proposal: {
        ...review.proposal,
        tasks: review.proposal.tasks.map((x) => (x.number === 3 ? { ...x, dueText: '2025年13月底' } : x)),
      },
    };
    const before = await planTableCounts(t.db);
    const workItems = async () => (await t.db.selectFrom('work_items').select('id').execute()).length;
    const itemsBefore = await workItems();
    const res = await confirm(draft.id, bad);
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: string; message: string }[];
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'proposal.tasks.2.dueDate',
        message: expect.stringContaining('完成期限“2025年13月底”不是有效日期'),
      }),
    ]);
    expect(issues[0]!.message).toMatch(/^任务 3/);
    expect(await planTableCounts(t.db)).toEqual(before);
    expect(await workItems()).toBe(itemsBefore);
  });
});
