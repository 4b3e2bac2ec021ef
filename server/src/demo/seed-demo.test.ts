import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test/test-app.ts';
import { findUserByUsername, loadActor } from '../modules/users/user.repo.ts';
import { demoSubmissions } from './demo-elements.ts';
import { demoLedgerRows, seedDemo } from './seed-demo.ts';
import { Prng } from './prng.ts';
import { getTimeliness } from '../modules/reporting/timeliness.service.ts';
import type { Db } from '../db/connection.ts';
import type { ScoreSet } from '@innocity/shared/assessment/score';

/** The latest published ranking: category, unit, rank, total and how many items applied. */
async function publishedRanking(db: Db) {
  const latest = await db
    .selectFrom('assessment_publications')
    .select('results')
    .orderBy('as_of', 'desc')
    .executeTakeFirstOrThrow();
  return (JSON.parse(latest.results) as ScoreSet).scores.map((s) => ({
    category: s.category,
    unit: s.unitName,
    rank: s.rank,
    total: s.total,
    applicable: s.items.filter((i) => i.points !== null).length,
  }));
}

/** What the seeded history says, in plain values: the same seed must give the same on every dialect. */
async function historyOf(db: Db, planId: string) {
  const q3 = await db
    .selectFrom('reporting_rounds')
    .select('id')
    .where('plan_id', '=', planId)
    .where('period_id', '=', '2025Q3')
    .executeTakeFirstOrThrow();
  const standing = await getTimeliness(db, planId, {
    roundIds: [q3.id],
    asOf: '2025-10-20',
    timeZone: 'Asia/Shanghai',
  });
  const count = (kind: string) =>
    standing
      .filter((s) => s.timeliness === kind)
      .map((s) => s.unit.name)
      .sort();
  const items = await db
    .selectFrom('work_items')
    .select(['title', 'year', 'status', 'progress', 'due_date', 'source_kind'])
    .where('plan_id', '=', planId)
    .orderBy('year')
    .orderBy('title')
    .execute();
  const events = await db
    .selectFrom('submission_events')
    .innerJoin('reporting_rounds', 'reporting_rounds.id', 'submission_events.round_id')
    .select(['reporting_rounds.period_id as period', 'submission_events.action', 'submission_events.at'])
    .orderBy('submission_events.at')
    .orderBy('submission_events.action')
    .execute();
  const rows = async (table: 'meetings' | 'inspections' | 'instructions' | 'urgings') =>
    (await db.selectFrom(table).select('id').execute()).length;
  return {
    rounds: (await db.selectFrom('reporting_rounds').select('period_id').orderBy('period_id').execute()).map(
      (r) => r.period_id,
    ),
    q3: { onTime: count('on_time').length, late: count('late'), missing: count('missing') },
    items,
    events: events.map((e) => `${e.period} ${e.action} ${e.at}`),
    meetings: await rows('meetings'),
    inspections: await rows('inspections'),
    instructions: await rows('instructions'),
    urgings: await rows('urgings'),
    publications: (
      await db.selectFrom('assessment_publications').select(['label', 'as_of']).orderBy('as_of').execute()
    ).map((p) => `${p.label} ${p.as_of}`),
    ranking: await publishedRanking(db),
    adjustments: (
      await db.selectFrom('assessment_adjustments').select(['kind', 'points']).orderBy('date').execute()
    ).map((a) => `${a.kind} ${a.points}`),
    bulletins: (
      await db
        .selectFrom('bulletins')
        .select(['year', 'issue_number', 'period_id', 'as_of'])
        .orderBy('period_id')
        .execute()
    ).map((b) =>
      b.issue_number ? `${b.year}年第${b.issue_number}期 ${b.period_id}` : `草稿 ${b.period_id} ${b.as_of}`,
    ),
  };
}

const histories = new Map<string, Awaited<ReturnType<typeof historyOf>>>();

describe('demo data generator', () => {
  it('gives the same history for the same seed, a few thousand ledger rows of every type', () => {
    const a = demoLedgerRows(new Prng(7));
    expect(demoLedgerRows(new Prng(7))).toEqual(a);
    expect(demoSubmissions(new Prng(7))).toEqual(demoSubmissions(new Prng(7)));
    expect(a.length).toBeGreaterThan(2000);
    expect(a.length).toBeLessThan(5000);
    expect(new Set(a.map((r) => r.type)).size).toBe(12);
    expect(a.every((r) => r.recordedAt < '2026-06-30')).toBe(true);
  });
});

describe.each(TEST_DIALECTS)('demo seeding on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it(
    'gives every Jurong indicator a value, a status and workings, some of them behind',
    { timeout: 600_000 },
    async () => {
      const plan = await t.db
        .selectFrom('plans')
        .select('id')
        .where('code', '=', 'jurong-2022-79')
        .executeTakeFirstOrThrow();
      const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
      // Published bulletins are rendered to PDF on first download instead: LibreOffice would add seconds a bulletin.
      const soffice = process.env.SOFFICE_PATH;
      process.env.SOFFICE_PATH = '/nonexistent/soffice';
      await seedDemo({
        db: t.db,
        planId: plan.id,
        admin,
        timeZone: 'Asia/Shanghai',
        seed: 20221222,
        // Like process.stdout.write, which the demo logs with: it returns true, not undefined.
        log: () => true,
      }).finally(() => {
        if (soffice === undefined) delete process.env.SOFFICE_PATH;
        else process.env.SOFFICE_PATH = soffice;
      });
      histories.set(dialect, await historyOf(t.db, plan.id));
      const client = await t.login('admin', TEST_ADMIN_PASSWORD);
      for (const asOf of ['2024-06-30', '2026-06-30']) {
        const list = (
          await client.request({ method: 'GET', url: `/api/plans/${plan.id}/indicators?asOf=${asOf}` })
        ).json() as IndicatorList;
        expect(list.items).toHaveLength(24);
        for (const ind of list.items) {
          expect(ind.current, `${asOf} ${ind.code}`).not.toBeNull();
          expect(ind.status, `${asOf} ${ind.code}`).not.toBe('no_data');
          expect(ind.workings.formula.length, ind.code).toBeGreaterThan(0);
        }
        expect(
          list.items.some((i) => i.light === 'red' || i.light === 'yellow'),
          asOf,
        ).toBe(true);
      }
    },
  );

  it('has the reporting, supervision, assessment and bulletin history the 2025Q3 bulletin is written from', () => {
    const h = histories.get(dialect)!;
    expect(h.rounds).toEqual(['2023', '2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3']);
    expect(h.q3).toEqual({ onTime: 11, late: ['下蜀镇', '市商务局'], missing: ['市人社局', '茅山镇'] });
    expect(h.events.filter((e) => e.includes(' return ')).length).toBeGreaterThanOrEqual(2);
    // Every item of 2023 and 2024 closed in its year; 2025 has some done, some open and a few overdue on 30 September.
    const of = (year: number) => h.items.filter((w) => w.year === year);
    expect(of(2023).every((w) => w.status === 'done')).toBe(true);
    expect(of(2024).every((w) => w.status === 'done')).toBe(true);
    const overdue = of(2025).filter((w) => w.status === 'open' && w.due_date < '2025-09-30');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(of(2025).length / 5);
    expect(of(2025).filter((w) => w.status === 'done').length).toBeGreaterThan(of(2025).length / 4);
    expect(
      h.items
        .filter((w) => w.source_kind !== 'task')
        .map((w) => w.source_kind)
        .sort(),
    ).toEqual(['inspection', 'inspection', 'inspection', 'instruction', 'meeting', 'meeting', 'meeting']);
    expect([h.meetings, h.inspections, h.instructions]).toEqual([1, 1, 1]);
    expect(h.urgings).toBeGreaterThanOrEqual(6);
    expect(h.publications).toEqual(['2025年第一季度 2025-04-16', '2025年第二季度 2025-07-16']);
    expect(h.adjustments).toEqual(['bonus 2', 'deduction 1']);
    // 分类考核: ranked within 部门 / 镇（街道）/ 园区; no unit above 市科技局 on one item scaled to 100.
    const bureau = h.ranking.find((r) => r.unit === '市科技局')!;
    expect(bureau.category).toBe('部门');
    expect(bureau.rank).not.toBeNull();
    const above = h.ranking.filter((r) => r.category === '部门' && r.rank !== null && r.rank < bureau.rank!);
    expect(above.every((r) => r.applicable > 1)).toBe(true);
    expect(h.ranking.filter((r) => r.applicable <= 1).every((r) => r.rank === null)).toBe(true);
    expect(new Set(h.ranking.map((r) => r.category))).toEqual(new Set(['部门', '镇（街道）', '园区']));
    // Competition numbering within each category: a rank is 1 + the number of units with a higher total.
    for (const r of h.ranking.filter((x) => x.rank !== null)) {
      const higher = h.ranking.filter((x) => x.category === r.category && x.rank !== null && x.total! > r.total!);
      expect(r.rank, r.unit).toBe(higher.length + 1);
    }
    expect(h.bulletins).toEqual(['2025年第1期 2025Q1', '2025年第2期 2025Q2', '草稿 2025Q3 2025-10-20']);
  });
});

describe('demo seeding across dialects', () => {
  it.runIf(TEST_DIALECTS.length > 1)('gives the same history for the same seed on SQLite and PostgreSQL', () => {
    const [a, b] = [...histories.values()];
    expect(b).toEqual(a);
  });
});
