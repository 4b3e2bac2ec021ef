import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSchemeBody } from '@innocity/shared/assessment/scheme';
import type { Scheme } from '@innocity/shared/api/assessment';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import type { Actor } from '../users/user.repo.ts';
import { updateUnit } from '../units/unit.service.ts';
import { actorIn, ctxOf, fakeFacts, unitIds } from './assessment-test-kit.ts';
import * as schemes from './assessment-scheme.service.ts';
import * as scores from './assessment-score.service.ts';
import type { PlanFacts } from './plan-facts.ts';

const ROUNDS = [
  { id: 'r1', title: '2025年第一季度', periodId: '2025Q1', cutoffDate: '2025-03-25' },
  { id: 'r2', title: '2025年第二季度', periodId: '2025Q2', cutoffDate: '2025-06-25' },
  { id: 'r3', title: '2025年第三季度', periodId: '2025Q3', cutoffDate: '2025-09-25' },
];

function factsFor(u: Record<string, string>, planId: string): PlanFacts {
  const [A, B, D] = [u['市科技局']!, u['市发改委']!, u['下蜀镇']!];
  const item = (id: string, lead: string, o: object) => ({
    id,
    title: id,
    leadUnitId: lead,
    leadUnitName: '',
    year: 2025,
    dueDate: '2025-06-30',
    status: 'open' as const,
    progress: 0,
    doneDate: null,
    taskNumber: 1,
    taskId: null,
    sourceKind: 'task' as const,
    ...o,
  });
  const ind = (id: string, unit: string, light: 'green' | 'yellow' | 'red' | 'grey') => ({
    id,
    code: id,
    name: id,
    reportingUnitId: unit,
    reportingUnitName: '',
    status: 'on_schedule',
    statusLabel: '按序时',
    light,
    valueText: '1 家',
    targetText: '≥ 2 家',
    goalNumber: null,
    taskNumber: null,
  });
  const tl = (roundId: string, unitId: string, timeliness: 'on_time' | 'late' | 'missing') => ({
    roundId,
    unitId,
    timeliness,
    completeness: 1,
    changesAfterAcceptance: 0,
    lateDays: timeliness === 'late' ? 2 : null,
  });
  return {
    plan: { id: planId, title: '方案', documentNumber: '句委办〔2022〕79号', region: '句容市' },
    asOf: '2025-09-30',
    demo: false,
    units: [
      { id: A, name: '市科技局' },
      { id: B, name: '市发改委' },
      { id: D, name: '下蜀镇' },
    ],
    areas: [],
    // A: on time 1 and overdue at 50% → 0.25: (1 + 0.25) / 2 = 62.5% → 25. B: done → 40. D: none.
    workItems: [
      item('wA1', A, { status: 'done', doneDate: '2025-06-01' }),
      item('wA2', A, { progress: 50 }),
      item('wB1', B, { status: 'done', doneDate: '2025-05-01' }),
    ],
    // A: (1 + 0.6) / 2 = 80% → 32. B: red 20% → 8. D: grey 0 → 0.
    indicators: [ind('iA1', A, 'green'), ind('iA2', A, 'yellow'), ind('iB1', B, 'red'), ind('iD1', D, 'grey')],
    rounds: ROUNDS,
    // As of Q3: A 100% → 20; B (1 + 0.6 + 1) / 3 = 86.7% → 0.85 × 20 = 17; D (0 + 1 + 1) / 3 = 66.7% → 0.7 × 20 = 14.
    timeliness: [
      tl('r1', A, 'on_time'),
      tl('r2', A, 'on_time'),
      tl('r3', A, 'on_time'),
      tl('r1', B, 'on_time'),
      tl('r2', B, 'late'),
      tl('r3', B, 'on_time'),
      tl('r1', D, 'missing'),
      tl('r2', D, 'on_time'),
      tl('r3', D, 'on_time'),
    ],
    urgings: [],
  };
}

describe.each(TEST_DIALECTS)('assessment on %s', (dialect) => {
  let t: TestApp;
  let office: Actor;
  let reporterD: Actor;
  let inspector: Actor;
  let planId: string;
  let u: Record<string, string>;
  let state: { facts: PlanFacts; rounds: typeof ROUNDS };
  let env: scores.AssessmentEnv;
  let scheme: Scheme;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    u = await unitIds(t.db, ['市科技局', '市发改委', '下蜀镇']);
    office = await actorIn(t.db, ['office']);
    reporterD = await actorIn(t.db, ['reporter'], ['下蜀镇']);
    inspector = await actorIn(t.db, ['inspector']);
    state = { facts: factsFor(u, planId), rounds: ROUNDS };
    env = { facts: fakeFacts(state), demo: false };
    scheme = await schemes.createScheme(t.db, office, planId, { year: 2025 }, ctxOf(office));
  });
  afterAll(() => t.close());

  it('creates the default scheme of a year once, and records it in the audit log', async () => {
    expect(scheme.items.map((i) => [i.name, i.weight])).toEqual([
      ['重点任务完成情况', 40],
      ['目标指标进展情况', 40],
      ['报送及时性和质量', 20],
    ]);
    await expect(schemes.createScheme(t.db, office, planId, { year: 2025 }, ctxOf(office))).rejects.toMatchObject({
      status: 409,
      message: '2025年度已有考核方案，请直接修改',
    });
    const audit = await t.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('entity_type', '=', 'assessment_scheme')
      .where('entity_id', '=', scheme.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses weights that do not add up to 100, naming every item, and a unit that may not edit', async () => {
    const body = defaultSchemeBody(2025, '示范市');
    body.items[2]!.weight = 15;
    await expect(
      schemes.updateScheme(t.db, office, scheme.id, { version: scheme.version, body }, ctxOf(office)),
    ).rejects.toMatchObject({
      status: 400,
      message:
        '考核方案有误：各考核项权重合计应为 100 分，当前为 95 分（重点任务完成情况 40、目标指标进展情况 40、报送及时性和质量 15）',
    });
    await expect(
      schemes.updateScheme(
        t.db,
        reporterD,
        scheme.id,
        { version: scheme.version, body: defaultSchemeBody(2025, '示范市') },
        ctxOf(reporterD),
      ),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('enters a bonus with reason and evidence, only within the scheme year', async () => {
    const input = {
      unitId: u['市发改委']!,
      kind: 'bonus' as const,
      points: 3,
      reason: '获批省级重大科技项目',
      evidence: '苏科计〔2025〕66号',
      date: '2025-08-01',
    };
    await expect(
      schemes.addAdjustment(t.db, office, scheme.id, { ...input, date: '2024-12-01' }, ctxOf(office)),
    ).rejects.toMatchObject({ status: 400, message: '认定日期须在2025年度内' });
    scheme = await schemes.addAdjustment(t.db, office, scheme.id, input, ctxOf(office));
    expect(scheme.adjustments).toMatchObject([{ unitName: '市发改委', points: 3, reason: '获批省级重大科技项目' }]);
    expect((await schemes.getScheme(t.db, reporterD, scheme.id)).adjustments).toEqual([]);
  });

  it('scores every unit from the facts, scaling a unit whose items do not all apply', async () => {
    const live = await scores.getLiveScores(t.db, office, scheme.id, { asOf: '2025-09-30' }, env);
    expect(live.scores.map((s) => [s.unitName, s.items.map((i) => i.points), s.total, s.rank])).toEqual([
      ['市科技局', [25, 32, 20], 77, 1],
      ['市发改委', [40, 8, 17], 68, 2], // 65 + bonus 3
      ['下蜀镇', [null, 0, 14], 23.33, 3], // 14 × 100 ÷ 60
    ]);
    await expect(scores.getLiveScores(t.db, reporterD, scheme.id, {}, env)).rejects.toMatchObject({ status: 403 });
  });

  it('freezes a published score set: later data, adjustments and scheme changes leave it as it was', async () => {
    const q2 = await scores.publishScores(
      t.db,
      office,
      scheme.id,
      { label: '2025年第二季度', asOf: '2025-06-30' },
      ctxOf(office),
      env,
    );
    const q3 = await scores.publishScores(
      t.db,
      office,
      scheme.id,
      { label: '2025年第三季度', roundId: 'r3' },
      ctxOf(office),
      env,
    );
    expect(q3.asOf).toBe('2025-09-25');
    // Data versions read as dates and numbers, never as the fingerprint.
    expect(q3.dataVersionLabel).toBe('2025年9月25日的数据（第1版）');
    expect(q2.dataVersionLabel).toBe('2025年6月30日的数据（第1版）');
    const unchanged = await scores.getLiveScores(t.db, office, scheme.id, { roundId: 'r3' }, env);
    expect(unchanged.dataVersionLabel).toBe('2025年9月25日的数据（第1版）');
    const before = await scores.getPublication(t.db, office, q3.id);
    // The data, the adjustments, the scheme and a unit's name all change afterwards.
    state.facts.workItems[1]!.status = 'done';
    state.facts.indicators[2]!.light = 'green';
    await schemes.deleteAdjustment(t.db, office, scheme.adjustments[0]!.id, ctxOf(office));
    const body = defaultSchemeBody(2025, '示范市');
    body.items[0]!.weight = 50;
    body.items[1]!.weight = 30;
    await schemes.updateScheme(t.db, office, scheme.id, { version: scheme.version, body }, ctxOf(office));
    await updateUnit(t.db, await actorIn(t.db, ['admin']), u['下蜀镇']!, { name: '下蜀镇（新）' }, ctxOf(office));
    const after = await scores.getPublication(t.db, office, q3.id);
    expect(after).toEqual(before);
    expect(after.results.scores.map((s) => s.total)).toEqual([77, 68, 23.33]);
    const live = await scores.getLiveScores(t.db, office, scheme.id, { roundId: 'r3' }, env);
    expect(live.dataVersion).not.toBe(before.dataVersion);
    // Changed figures of the same day are the day's next version, once published too.
    expect(live.dataVersionLabel).toBe('2025年9月25日的数据（第2版）');
    await scores.publishScores(
      t.db,
      office,
      scheme.id,
      { label: '2025年第三季度（更正）', roundId: 'r3' },
      ctxOf(office),
      env,
    );
    expect((await scores.listPublications(t.db, office, planId)).map((p) => p.dataVersionLabel)).toEqual([
      '2025年9月25日的数据（第2版）',
      '2025年9月25日的数据（第1版）',
      '2025年6月30日的数据（第1版）',
    ]);
    expect(live.scores[0]!.total).not.toBe(77);
    // And the difference from the previous round came from the Q2 set.
    const d = before.results.scores.find((s) => s.unitName === '下蜀镇')!;
    const prev = q2.results.scores.find((s) => s.unitName === '下蜀镇')!;
    expect(before.results.previousLabel).toBe('2025年第二季度');
    expect(d.previous).toEqual({ total: prev.total, rank: prev.rank });
    expect(d.deltaTotal).toBe(Math.round((d.total! - prev.total!) * 100) / 100);
  });

  it('shows a unit its own workings of a published set and hides the other units’, while the inspector sees all', async () => {
    const latest = (await scores.listPublications(t.db, reporterD, planId)).find((p) => p.label === '2025年第三季度');
    const mine = await scores.getPublication(t.db, reporterD, latest!.id);
    const rows = (name: string, p: typeof mine) =>
      p.results.scores.find((s) => s.unitName === name)!.items.flatMap((i) => i.rows);
    expect(rows('下蜀镇', mine).length).toBeGreaterThan(0);
    expect(rows('市科技局', mine)).toEqual([]);
    expect(mine.results.scores.find((s) => s.unitName === '市科技局')!.total).toBe(77);
    expect(rows('市科技局', await scores.getPublication(t.db, inspector, latest!.id)).length).toBeGreaterThan(0);
  });
});
