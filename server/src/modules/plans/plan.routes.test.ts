import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { DEFAULT_PACK, PACKS_DIR, loadPlanPack, readPackFile } from './plan-pack.service.ts';

const EXPECTED_LEADS: Record<number, string> = {
  1: '市科技局',
  2: '市科技局',
  3: '市科技局',
  4: '市科技局',
  5: '市发改委',
  6: '市发改委',
  7: '市发改委',
  8: '市科技局',
  9: '市科技局',
  10: '市科技局',
  11: '市科技局',
  12: '市科技局',
  13: '市科技局',
  14: '市科技局',
  15: '市人才办',
  16: '市财政局',
  17: '市市场监管局',
  18: '市科技局',
  19: '市科技局',
};

describe.each(TEST_DIALECTS)('plans API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let plan: PlanDetail;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const list = await admin.request({ method: 'GET', url: '/api/plans' });
    const id = (list.json() as { items: { id: string }[] }).items[0]!.id;
    plan = (await admin.request({ method: 'GET', url: `/api/plans/${id}` })).json() as PlanDetail;
  });
  afterAll(() => t.close());

  it('loads Jurong plan on first start with its title, document number and date', () => {
    expect(plan.title).toBe('句容市争创省创新型示范市建设方案');
    expect(plan.documentNumber).toBe('句委办〔2022〕79号');
    expect(plan.issuingDate).toBe('2022-12-22');
    expect(plan.status).toBe('in_force');
  });

  it('returns all 19 tasks in six areas with their lead units', () => {
    expect(plan.areas).toHaveLength(6);
    const tasks = plan.areas.flatMap((a) => a.tasks);
    expect(tasks.map((x) => x.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    for (const task of tasks) expect(task.leadUnit.name, `task ${task.number}`).toBe(EXPECTED_LEADS[task.number]);
  });

  it('expands unit groups to their member towns and streets', () => {
    const task9 = plan.areas.flatMap((a) => a.tasks).find((x) => x.number === 9)!;
    const group = task9.coUnits.find((u) => u.name === '各镇（街道）')!;
    expect(group.kind).toBe('group');
    expect(group.members.map((m) => m.name)).toEqual(expect.arrayContaining(['华阳街道', '下蜀镇', '天王镇']));
    expect(group.members).toHaveLength(11);
  });

  it('returns every quantitative target with comparator, value and unit', () => {
    expect(plan.indicators).toHaveLength(24);
    const byName = (part: string) => plan.indicators.find((i) => i.name.includes(part))!;
    expect(byName('研发投入占')).toMatchObject({ comparator: 'gte', value: 2.8, unit: '%', goalNumber: 5 });
    expect(byName('孵化总面积')).toMatchObject({ comparator: 'gt', value: 120, unit: '万平方米' });
    expect(byName('专业孵化器')).toMatchObject({ comparator: 'range', value: null, min: 3, max: 5, unit: '个' });
    expect(byName('关键核心技术')).toMatchObject({ comparator: 'approx', value: 100, unit: '项', taskNumber: 1 });
    expect(plan.indicators.every((i) => i.targetDate === '2025-12-31')).toBe(true);
  });

  it('returns the three phases with their years and the five measures', () => {
    expect(plan.phases.map((p) => [p.name, p.startYear, p.endYear])).toEqual([
      ['组织创建', 2022, 2024],
      ['实施攻坚', 2023, 2025],
      ['巩固提升', 2024, 2025],
    ]);
    expect(plan.measures).toHaveLength(5);
  });

  it('changes nothing when the same pack is loaded again', async () => {
    const count = async () =>
      Promise.all(
        (['plans', 'plan_tasks', 'task_units', 'indicators', 'units', 'audit_logs'] as const).map(async (table) => {
          const row = await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(row.n);
        }),
      );
    const before = await count();
    const result = await loadPlanPack(t.db, readPackFile(path.join(PACKS_DIR, DEFAULT_PACK)), {
      actor: null,
      requestId: null,
      ip: null,
      now: new Date().toISOString(),
    });
    expect(result.created).toBe(false);
    expect(await count()).toEqual(before);
  });

  it('returns the unit tree with every department, town, street and park', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/units' });
    expect(res.statusCode).toBe(200);
    const names: string[] = [];
    const walk = (nodes: { name: string; children: unknown[] }[]) =>
      nodes.forEach((n) => (names.push(n.name), walk(n.children as never)));
    walk((res.json() as { items: never[] }).items);
    for (const name of [
      '市科技局',
      '市发改委',
      '市应急管理局',
      '下蜀镇',
      '华阳街道',
      '茅山风景区管委会',
      '江苏句容经济开发区',
      '镇江国家农业科技园区',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('answers an unknown plan with a Chinese not_found error', async () => {
    const res = await admin.request({ method: 'GET', url: '/api/plans/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: '方案不存在' } });
  });

  it('refuses anonymous callers with 401', async () => {
    for (const url of ['/api/plans', `/api/plans/${plan.id}`, '/api/units']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });
});
