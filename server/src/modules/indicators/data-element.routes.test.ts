import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataElementList, IndicatorList } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId } from '../ledgers/ledger-test-kit.ts';

const stat = { source: '2024年统计快报', quality: 'statistical' };

describe.each(TEST_DIALECTS)('data element entry on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let statistician: Client;
  let scienceClerk: Client;
  let leader: Client;

  const post = (c: Client, items: object[]) =>
    c.request({ method: 'POST', url: `/api/plans/${planId}/data-element-values`, payload: { items } });
  const signIn = async (roles: Parameters<typeof actorWith>[1], units: string[] = []) => {
    const a = await actorWith(t.db, roles, units);
    return t.login(a.username, a.password);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    office = await signIn(['office']);
    statistician = await signIn(['reporter'], ['市统计局']);
    scienceClerk = await signIn(['reporter'], ['市科技局']);
    leader = await signIn(['leader']);
  });
  afterAll(() => t.close());

  it('records a value for the reporting unit with who reported it, from what', async () => {
    const res = await post(statistician, [{ element: 'gdp', period: '2023', value: 820.5, ...stat }]);
    expect(res.statusCode).toBe(201);
    const [v] = res.json().items;
    expect(v).toMatchObject({
      elementCode: 'gdp',
      period: '2023',
      version: 1,
      value: 820.5,
      source: '2024年统计快报',
      quality: 'statistical',
      current: true,
    });
    expect(v.unit.name).toBe('市统计局');
    expect(v.reportedBy.name).toBeTruthy();
  });

  it('keeps a correction as a new version and the old one visible', async () => {
    await post(statistician, [{ element: 'gdp', period: '2022', value: 760, ...stat }]);
    await post(statistician, [
      {
        element: 'gdp',
        period: '2022',
        value: 800,
        source: '2022年统计年鉴',
        quality: 'statistical',
        note: '年鉴修订',
      },
    ]);
    const again = await post(statistician, [
      {
        element: 'gdp',
        period: '2022',
        value: 800,
        source: '2022年统计年鉴',
        quality: 'statistical',
        note: '年鉴修订',
      },
    ]);
    expect(again.json().items[0].version).toBe(2);
    const elements = (
      await office.request({ method: 'GET', url: `/api/plans/${planId}/data-elements` })
    ).json() as DataElementList;
    const gdp = elements.items.find((e) => e.code === 'gdp')!;
    const res = await office.request({ method: 'GET', url: `/api/plans/${planId}/data-elements/${gdp.id}/versions` });
    const versions = res.json().items.filter((v: { period: string }) => v.period === '2022');
    expect(
      versions.map((v: { version: number; value: number; current: boolean }) => [v.version, v.value, v.current]),
    ).toEqual([
      [1, 760, false],
      [2, 800, true],
    ]);
    const audit = await t.db
      .selectFrom('audit_logs')
      .select('action')
      .where('entity_type', '=', 'data_element_value')
      .execute();
    expect(audit.map((a) => a.action).filter((a) => a === 'correct')).toHaveLength(1);
  });

  it('never lets a part exceed its whole, naming both with their period', async () => {
    const res = await post(statistician, [
      { element: 'industrial-output', period: '2023', value: 480, ...stat },
      { element: 'high-tech-output', period: '2023', value: 520, ...stat },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      '「高新技术产业产值」2023年（520 亿元）不能超过「规上工业总产值」2023年（480 亿元）',
    );
    expect(res.json().error.details.issues[0].path).toBe('items.1.value');
  });

  it('keeps a ratio within 0–100, requires companions and refuses a period of the wrong kind', async () => {
    const office100 = await post(office, [
      { element: 'agri-tech-contribution-rate', period: '2023', value: 101, ...stat },
    ]);
    expect(office100.json().error.message).toBe('「农业科技进步贡献率」2023年是比率，应在 0–100 之间，填报值为 101');
    const alone = await post(statistician, [{ element: 'high-tech-output', period: '2021', value: 100, ...stat }]);
    expect(alone.json().error.message).toBe('填报「高新技术产业产值」2021年时须同时填报同期的「规上工业总产值」');
    const quarter = await post(statistician, [{ element: 'gdp', period: '2024Q1', value: 200, ...stat }]);
    expect(quarter.json().error.message).toBe('「地区生产总值」按年度报送，统计期 2024Q1 不是年度');
    const badPeriod = await post(statistician, [{ element: 'gdp', period: '2024-01', value: 200, ...stat }]);
    expect(badPeriod.statusCode).toBe(400);
  });

  it('asks for a comment on a jump beyond the threshold and accepts it with one', async () => {
    // Population threshold 5%: 64 → 70 万人 is +9.4%.
    await post(statistician, [{ element: 'population', period: '2022', value: 64, ...stat }]);
    const jump = await post(statistician, [{ element: 'population', period: '2023', value: 70, ...stat }]);
    expect(jump.statusCode).toBe(400);
    expect(jump.json().error.message).toBe(
      '「常住人口」2023年较上期（64 万人）变动 9.4%，超过 5% 的阈值，请在备注中说明原因',
    );
    expect(jump.json().error.details.issues[0].path).toBe('items.0.note');
    const explained = await post(statistician, [
      { element: 'population', period: '2023', value: 70, ...stat, note: '行政区划调整' },
    ]);
    expect(explained.statusCode).toBe(201);
  });

  it('lets a reporter write only their own unit’s elements; office any; leader none', async () => {
    const other = await post(scienceClerk, [{ element: 'gdp', period: '2021', value: 700, ...stat }]);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toContain('「地区生产总值」由市统计局报送');
    expect((await post(leader, [{ element: 'gdp', period: '2021', value: 700, ...stat }])).statusCode).toBe(403);
    const own = await post(scienceClerk, [{ element: 'large-medium-with-rd', period: '2021', value: 30, ...stat }]);
    expect(own.statusCode).toBe(201);
    expect((await post(office, [{ element: 'gdp', period: '2021', value: 700, ...stat }])).statusCode).toBe(201);
  });

  it('names an unknown element and refuses anonymous callers', async () => {
    const res = await post(office, [{ element: 'nope', period: '2021', value: 1, ...stat }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('数据元不存在：nope');
    expect((await t.app.inject({ method: 'GET', url: `/api/plans/${planId}/data-elements` })).statusCode).toBe(401);
  });

  it('lets only the office set baselines and milestones, audited', async () => {
    const list = (
      await office.request({ method: 'GET', url: `/api/plans/${planId}/indicators?asOf=2024-06-30` })
    ).json() as IndicatorList;
    const hte = list.items.find((i) => i.code === 'high-tech-enterprises')!;
    expect(hte).toMatchObject({ baseline: null, milestones: [] });
    const url = `/api/plans/${planId}/indicators/${hte.id}`;
    expect(
      (await statistician.request({ method: 'PUT', url: `${url}/baseline`, payload: { value: 100, year: 2021 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await office.request({
          method: 'PUT',
          url: `${url}/baseline`,
          payload: { value: 100, year: 2021, note: '2021年末有效高企' },
        })
      ).statusCode,
    ).toBe(200);
    const set = await office.request({
      method: 'PUT',
      url: `${url}/milestones`,
      payload: { items: [{ year: 2023, value: 150 }], note: '年度计划' },
    });
    expect(set.statusCode).toBe(200);
    const after = (
      await office.request({ method: 'GET', url: `${url}?asOf=2024-06-30` })
    ).json() as IndicatorList['items'][number];
    // Anchors 100 (2021), 150 (2023, office), 180 (2025): 2022 = 125, 2024 = 165.
    expect(after.milestones.map((m) => [m.year, m.value, m.source])).toEqual([
      [2021, 100, 'baseline'],
      [2022, 125, 'interpolated'],
      [2023, 150, 'office'],
      [2024, 165, 'interpolated'],
      [2025, 180, 'target'],
    ]);
    await office.request({
      method: 'PUT',
      url: `${url}/milestones`,
      payload: { items: [{ year: 2023, value: null }] },
    });
    const reset = (
      await office.request({ method: 'GET', url: `${url}?asOf=2024-06-30` })
    ).json() as IndicatorList['items'][number];
    expect(reset.milestones.map((m) => m.value)).toEqual([100, 120, 140, 160, 180]);
    const bad = await office.request({
      method: 'PUT',
      url: `${url}/milestones`,
      payload: { items: [{ year: 2025, value: 1 }] },
    });
    expect(bad.json().error.message).toBe('分年度目标的年份须在 2022–2024 年之间');
    // In the order written (the id is a sequence): PostgreSQL returns rows in no set order without one.
    const audit = await t.db
      .selectFrom('audit_logs')
      .select('action')
      .where('entity_id', '=', hte.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['update_baseline', 'set_milestones', 'set_milestones']);
  });
});
