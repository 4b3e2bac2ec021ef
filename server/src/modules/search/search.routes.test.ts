import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '@innocity/shared/api/plans';
import type { SearchHit, SearchResult } from '@innocity/shared/api/search';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { loadPlanPack } from '../plans/plan-pack.service.ts';
import { secondCountyPack } from '../../test/second-county.ts';

describe.each(TEST_DIALECTS)('the search box on %s', (dialect) => {
  let t: TestApp;
  let jurong: PlanSummary;
  let danyang: PlanSummary;
  let as: Record<'jurongOffice' | 'danyangOffice' | 'kjjReporter' | 'leader', Client>;

  const find = async (c: Client, q: string, planId?: string) => {
    const res = await c.request({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent(q)}${planId ? `&planId=${planId}` : ''}`,
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as SearchResult).items;
  };
  const kinds = (hits: SearchHit[], kind: SearchHit['kind']) => hits.filter((h) => h.kind === kind);
  const unitIn = async (name: string, region: string) =>
    (
      await t.db
        .selectFrom('units')
        .innerJoin('regions', 'regions.id', 'units.region_id')
        .select('units.id')
        .where('units.name', '=', name)
        .where('regions.name', '=', region)
        .executeTakeFirstOrThrow()
    ).id;
  const login = async (roles: Parameters<typeof createUser>[1]['roles'], region: string, units: string[] = []) =>
    t.login((await createUser(t.db, { roles, region, units })).username, TEST_PASSWORD);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await loadPlanPack(t.db, secondCountyPack('danyang-2023-1'), {
      actor: null,
      requestId: null,
      ip: null,
      now: nowIso(),
    });
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const plans = (await admin.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    jurong = plans.find((p) => p.code === 'jurong-2022-79')!;
    danyang = plans.find((p) => p.code === 'danyang-2023-1')!;
    as = {
      jurongOffice: await login(['office'], '句容市'),
      danyangOffice: await login(['office'], '丹阳市'),
      kjjReporter: await login(['reporter'], '句容市', ['市科技局']),
      leader: await login(['leader'], '句容市'),
    };
    const task = async (planId: string) =>
      (
        await t.db
          .selectFrom('plan_tasks')
          .select('id')
          .where('plan_id', '=', planId)
          .orderBy('number')
          .executeTakeFirstOrThrow()
      ).id;
    const item = async (c: Client, plan: PlanSummary, region: string, title: string) => {
      const res = await c.request({
        method: 'POST',
        url: '/api/work-items',
        payload: {
          planId: plan.id,
          taskId: await task(plan.id),
          year: 2025,
          title,
          leadUnitId: await unitIn('市发改委', region),
          coUnitIds: [],
          dueDate: '2025-12-31',
          expectedEvidence: '进度表',
        },
      });
      expect(res.statusCode).toBe(201);
    };
    await item(as.jurongOffice, jurong, '句容市', '科创载体能级提升');
    await item(as.danyangOffice, danyang, '丹阳市', '眼镜产业创新中心建设');
    const row = await as.jurongOffice.request({
      method: 'POST',
      url: `/api/plans/${jurong.id}/ledgers/high-tech-enterprises/rows`,
      payload: {
        unitId: await unitIn('市科技局', '句容市'),
        values: { certificateNo: 'GR202332009999', company: '句容示例光电科技有限公司', certifiedOn: '2023-05-10' },
      },
    });
    expect(row.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it("finds a unit by name within the user's own county only, though the other county has one of that name", async () => {
    const units = kinds(await find(as.jurongOffice, '科技局'), 'unit');
    expect(units.map((u) => u.id)).toEqual([await unitIn('市科技局', '句容市')]);
    const theirs = kinds(await find(as.danyangOffice, '科技局'), 'unit');
    expect(theirs.map((u) => u.id)).toEqual([await unitIn('市科技局', '丹阳市')]);
  });

  it('finds an enterprise in a ledger by any part of its name, and links to its ledger', async () => {
    const [hit, ...rest] = kinds(await find(as.kjjReporter, '光电科技'), 'ledger_row');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({
      title: '句容示例光电科技有限公司',
      planId: jurong.id,
      typeCode: 'high-tech-enterprises',
      context: expect.stringContaining('市科技局'),
    });
    expect(kinds(await find(as.danyangOffice, '光电科技'), 'ledger_row')).toEqual([]);
  });

  it('finds work items only where the user may read them', async () => {
    expect(kinds(await find(as.jurongOffice, '载体能级'), 'work_item').map((h) => h.title)).toEqual([
      '科创载体能级提升',
    ]);
    expect(kinds(await find(as.leader, '载体能级'), 'work_item')).toHaveLength(1);
    // 市科技局 neither leads nor co-operates on it.
    expect(kinds(await find(as.kjjReporter, '载体能级'), 'work_item')).toEqual([]);
    // The other county's item stays in the other county.
    expect(kinds(await find(as.jurongOffice, '眼镜产业'), 'work_item')).toEqual([]);
    expect(kinds(await find(as.danyangOffice, '眼镜产业'), 'work_item')).toMatchObject([
      { title: '眼镜产业创新中心建设', planId: danyang.id },
    ]);
  });

  it('finds key tasks and indicators of the plans the user may see', async () => {
    const hits = await find(as.jurongOffice, '高新技术企业');
    expect(kinds(hits, 'indicator').every((h) => h.planId === jurong.id)).toBe(true);
    expect(kinds(hits, 'indicator').map((h) => h.title)).toContain('有效期内高新技术企业');
    expect(kinds(await find(as.danyangOffice, '高新技术企业'), 'indicator').every((h) => h.planId === danyang.id)).toBe(
      true,
    );
  });

  it('treats % and _ as text, and refuses an empty or overlong query by name, and another county by plan', async () => {
    // Plans do write 2.5%, so a lone % may match; three in a row match nothing unless escaped wrongly.
    expect(await find(as.jurongOffice, '%%%')).toEqual([]);
    expect(await find(as.jurongOffice, '_')).toEqual([]);
    const empty = await as.jurongOffice.request({ method: 'GET', url: '/api/search?q=%20' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0]).toMatchObject({ path: 'q', message: '请输入要查找的内容' });
    const long = await as.jurongOffice.request({ method: 'GET', url: `/api/search?q=${'科'.repeat(51)}` });
    expect(long.json().error.details.issues[0]).toMatchObject({ path: 'q', message: '查找内容不能超过 50 个字' });
    const other = await as.jurongOffice.request({
      method: 'GET',
      url: `/api/search?q=${encodeURIComponent('科技')}&planId=${danyang.id}`,
    });
    expect(other.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=x' })).statusCode).toBe(401);
  });
});
