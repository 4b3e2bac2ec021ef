import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { IndicatorDetail, UpdateTargetInput } from '@innocity/shared/api/indicators';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { indicatorsAsOf, ledgerRowAt } from './indicator-test-kit.ts';

const T = (date: string) => `${date}T02:00:00.000Z`; // 10:00 in Beijing on that day
const makerSpace = (name: string, level: string, recognisedOn: string) => ({
  name,
  kind: '众创空间',
  level,
  corridor: 'G312',
  recognisedOn,
  area: 10,
});

describe.each(TEST_DIALECTS)('the office adjusts a target on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  const ids: Record<string, string> = {};

  const put = (client: Client, code: string, payload: Partial<Record<keyof UpdateTargetInput, unknown>>) =>
    client.request({ method: 'PUT', url: `/api/plans/${planId}/indicators/${ids[code]}/target`, payload });
  const stored = (code: string) =>
    t.db
      .selectFrom('indicators')
      .select(['comparator', 'target_value', 'target_min', 'target_max', 'target_date', 'updated_at'])
      .where('id', '=', ids[code]!)
      .executeTakeFirstOrThrow();
  const targetAudits = (code: string) =>
    t.db
      .selectFrom('audit_logs')
      .select(['actor_id', 'before_json', 'after_json'])
      .where('entity_id', '=', ids[code]!)
      .where('action', '=', 'update_target')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const actor = await actorWith(t.db, ['office']);
    office = await t.login(actor.username, actor.password);
    for (const i of (await indicatorsAsOf(office, planId, '2023-12-31')).values()) ids[i.code] = i.id;
    // Two province-level maker spaces or better by 2023: A since 2020, B since March 2023.
    await ledgerRowAt(
      t.db,
      actor,
      planId,
      'incubators',
      '市科技局',
      T('2021-06-01'),
      makerSpace('甲', '省级', '2020-05-01'),
    );
    await ledgerRowAt(
      t.db,
      actor,
      planId,
      'incubators',
      '市科技局',
      T('2023-03-10'),
      makerSpace('乙', '国家级', '2023-03-01'),
    );
    const res = await office.request({
      method: 'PUT',
      url: `/api/plans/${planId}/indicators/${ids['maker-spaces']}/baseline`,
      payload: { value: 1, year: 2021 },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('judges progress against the new target at once, and the plan shows it', async () => {
    // Path 1 → 3: the 2023 milestone is 2, and 2 maker spaces are exactly on it, short of the target.
    const before = (await indicatorsAsOf(office, planId, '2023-12-31')).get('maker-spaces')!;
    expect(before.milestones.map((m) => m.value)).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(before.status).not.toBe('completed_early');
    const res = await put(office, 'maker-spaces', { value: 2, targetDate: '2025-12-31', reason: '方案中期调整' });
    expect(res.statusCode).toBe(200);
    // Path 1 → 2: 1.25, 1.5, 1.75; 2 maker spaces meet ≥ 2 two years early.
    const after = (await indicatorsAsOf(office, planId, '2023-12-31')).get('maker-spaces')!;
    expect(after.target).toMatchObject({ comparator: 'gte', value: 2, targetDate: '2025-12-31' });
    expect(after.milestones.map((m) => m.value)).toEqual([1, 1.25, 1.5, 1.75, 2]);
    expect(after).toMatchObject({ status: 'completed_early', light: 'green' });
    const plan = (await office.request({ method: 'GET', url: `/api/plans/${planId}` })).json() as PlanDetail;
    expect(plan.indicators.find((i) => i.code === 'maker-spaces')).toMatchObject({ comparator: 'gte', value: 2 });
    const [audit] = await targetAudits('maker-spaces');
    expect(JSON.parse(audit!.before_json!)).toEqual({
      comparator: 'gte',
      value: 3,
      min: null,
      max: null,
      targetDate: '2025-12-31',
    });
    expect(JSON.parse(audit!.after_json!)).toEqual({
      comparator: 'gte',
      value: 2,
      min: null,
      max: null,
      targetDate: '2025-12-31',
      reason: '方案中期调整',
    });
  });

  it('keeps a range a range: min and max, min below max, no single value', async () => {
    const reversed = await put(office, 'specialized-incubators', {
      min: 5,
      max: 3,
      targetDate: '2025-12-31',
      reason: '修订',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'max', message: '区间上限须大于下限' }),
    ]);
    const single = await put(office, 'specialized-incubators', { value: 4, targetDate: '2025-12-31', reason: '修订' });
    expect(single.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['min', 'max', 'value']);
    const ok = await put(office, 'specialized-incubators', {
      min: 2,
      max: 4,
      targetDate: '2026-06-30',
      reason: '省厅指引调整为 2–4 个，期限延至 2026 年年中',
    });
    expect(ok.statusCode).toBe(200);
    expect(await stored('specialized-incubators')).toMatchObject({
      comparator: 'range',
      target_value: null,
      target_min: 2,
      target_max: 4,
      target_date: '2026-06-30',
    });
    const ind = (await indicatorsAsOf(office, planId, '2024-06-30')).get('specialized-incubators')!;
    expect(ind.target).toMatchObject({ comparator: 'range', min: 2, max: 4, targetDate: '2026-06-30' });
  });

  it('names each bad field in Chinese: a date not after the baseline year, a missing reason, a non-number', async () => {
    const early = await put(office, 'high-tech-enterprises', { value: 200, targetDate: '2021-12-31', reason: '修订' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.issues).toEqual([
      { path: 'targetDate', message: '目标日期须在基期年份（2021年）之后' },
    ]);
    const noReason = await put(office, 'high-tech-enterprises', { value: 200, targetDate: '2025-12-31', reason: ' ' });
    expect(noReason.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'reason', message: '请填写调整说明' }),
    ]);
    const text = await put(office, 'high-tech-enterprises', {
      value: '二百',
      targetDate: '2025-12-31',
      reason: '修订',
    });
    expect(text.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'value', message: '目标值须为数字' }),
    ]);
    const negative = await put(office, 'high-tech-enterprises', {
      value: -1,
      targetDate: '2025-12-31',
      reason: '修订',
    });
    expect(negative.json().error.details.issues).toEqual([{ path: 'value', message: '目标值不能为负数' }]);
    const same = await put(office, 'high-tech-enterprises', { value: 180, targetDate: '2025-12-31', reason: '修订' });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toBe('目标值和目标日期与现行目标相同，无需调整');
    expect(await targetAudits('high-tech-enterprises')).toEqual([]);
  });

  it('removes office milestones that a target moved earlier leaves past its end, and says so in the audit', async () => {
    const url = `/api/plans/${planId}/indicators/${ids['iur-projects']}`;
    const set = await office.request({
      method: 'PUT',
      url: `${url}/milestones`,
      payload: {
        items: [
          { year: 2023, value: 150 },
          { year: 2024, value: 240 },
        ],
      },
    });
    expect(set.statusCode).toBe(200);
    const res = await put(office, 'iur-projects', { value: 300, targetDate: '2024-12-31', reason: '提前一年完成' });
    expect(res.statusCode).toBe(200);
    const ind = (await indicatorsAsOf(office, planId, '2023-06-30')).get('iur-projects')!;
    // Flow from 0 (2021): 2022 interpolated 75, 2023 the office's 150, 2024 the target 300.
    expect(ind.milestones.map((m) => [m.year, m.value, m.source])).toEqual([
      [2021, 0, 'baseline'],
      [2022, 75, 'interpolated'],
      [2023, 150, 'office'],
      [2024, 300, 'target'],
    ]);
    const [audit] = await targetAudits('iur-projects');
    expect(JSON.parse(audit!.after_json!)).toMatchObject({ removedMilestones: [{ year: 2024, value: 240 }] });
  });

  it('refuses a negative milestone on its field, and milestones for a growth-rate threshold', async () => {
    const url = `/api/plans/${planId}/indicators`;
    const negative = await office.request({
      method: 'PUT',
      url: `${url}/${ids['high-tech-enterprises']}/milestones`,
      payload: {
        items: [
          { year: 2023, value: 150 },
          { year: 2024, value: -5 },
        ],
      },
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.details.issues).toEqual([
      { path: 'items.1.value', message: '2024年目标值不能为负数' },
    ]);
    const threshold = await office.request({
      method: 'PUT',
      url: `${url}/${ids['fiscal-st-growth']}/milestones`,
      payload: { items: [{ year: 2023, value: 12 }] },
    });
    expect(threshold.json().error.message).toBe('按阈值判断的指标不设分年度目标');
  });

  it.each<[Role, string[]]>([
    ['leader', []],
    ['inspector', []],
    ['approver', ['市科技局']],
    ['reporter', ['市科技局']],
  ])('refuses the %s with 403 and changes nothing', async (role, units) => {
    const who = await actorWith(t.db, [role], units);
    const client = await t.login(who.username, who.password);
    const before = await stored('high-tech-enterprises');
    const res = await put(client, 'high-tech-enterprises', { value: 250, targetDate: '2026-12-31', reason: '越权' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toBe('只有科创委办公室可以修改目标值、基期值和分年度目标');
    expect(await stored('high-tech-enterprises')).toEqual(before);
    expect((await targetAudits('high-tech-enterprises')).filter((a) => a.actor_id === who.id)).toEqual([]);
    const detail = (
      await client.request({ method: 'GET', url: `/api/plans/${planId}/indicators/${ids['high-tech-enterprises']}` })
    ).json() as IndicatorDetail;
    expect(detail.target).toMatchObject({ value: 180, targetDate: '2025-12-31' });
  });
});
