import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  save,
  step,
  submissionOf,
  type ReportingWorld,
} from './reporting-test-kit.ts';
import { localDateOf, nowIso } from '../../time.ts';
import { getTimeliness } from './timeliness.service.ts';

describe.each(TEST_DIALECTS)('timeliness and completeness on %s', (dialect) => {
  let w: ReportingWorld;
  let ndrc: string;
  let q3: string;
  let future: string;

  const submitAll = async (roundId: string) => {
    let s = await submissionOf(w.as.ndrcReporter, roundId, ndrc);
    const first = s.duties[0]!;
    s = (
      await save(w.as.ndrcReporter, s, [
        {
          dutyId: first.id,
          payload:
            first.kind === 'data_element'
              ? { value: '1', source: '测试' }
              : first.kind === 'ledger'
                ? { confirmed: true }
                : { text: '已推进' },
        },
      ])
    ).json();
    for (const [c, a] of [
      [w.as.ndrcReporter, 'send_for_approval'],
      [w.as.ndrcApprover, 'approve'],
      [w.as.ndrcReporter, 'submit'],
    ] as const)
      s = (await step(c, s, a)).json();
    return s;
  };

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
    await createNdrcWorkItem(w);
    q3 = (await openQ3(w)).id;
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: w.planId, periodId: '2099Q4', cutoffDate: '2100-01-25', cutoffTime: '17:30' },
    });
    future = res.json().id;
    expect(res.json().cutoffLabel).toBe('2100年1月25日 17:30');
    await submitAll(q3);
    await submitAll(future);
  });
  afterAll(() => w.t.close());

  it('says late (by how much) for a submission after the cut-off, missing for a unit that sent nothing', async () => {
    const rows = await getTimeliness(w.t.db, w.planId, { roundIds: [q3] });
    const mine = rows.find((r) => r.unit.id === ndrc)!;
    expect(mine.timeliness).toBe('late');
    expect(mine.lateMinutes).toBeGreaterThan(60 * 24 * 365);
    expect(mine.filled).toBe(1);
    expect(mine.completeness).toBeCloseTo(1 / mine.expected, 3);
    expect(rows.find((r) => r.unit.name === '市科技局')).toMatchObject({
      timeliness: 'missing',
      filled: 0,
      completeness: 0,
      status: 'draft',
    });
  });

  it('says on time before the cut-off, and pending for a unit that has not yet sent', async () => {
    const rows = await getTimeliness(w.t.db, w.planId, { roundIds: [future] });
    expect(rows.find((r) => r.unit.id === ndrc)).toMatchObject({
      timeliness: 'on_time',
      lateMinutes: null,
      status: 'submitted',
    });
    expect(rows.find((r) => r.unit.name === '市科技局')).toMatchObject({ timeliness: 'pending' });
  });

  it('reproduces the standing as of a past date', async () => {
    const rows = await getTimeliness(w.t.db, w.planId, { roundIds: [q3], asOf: '2026-01-01' });
    // The round was opened on this machine's today, after that date: it did not exist yet.
    expect(rows).toEqual([]);
    // Today where the question is asked: the UTC date is yesterday there from 16:00 UTC on.
    const today = localDateOf(nowIso(), 'Asia/Shanghai');
    const now = await getTimeliness(w.t.db, w.planId, { asOf: today, timeZone: 'Asia/Shanghai' });
    expect(
      now
        .filter((r) => r.unit.id === ndrc)
        .map((r) => r.periodId)
        .sort(),
    ).toEqual(['2025Q3', '2099Q4']);
  });

  it('shows a unit its history across rounds, and refuses other units', async () => {
    const page = await w.as.ndrcReporter.request({
      method: 'GET',
      url: `/api/reporting/units/${ndrc}?planId=${w.planId}`,
    });
    expect(
      page
        .json()
        .history.map((h: { roundTitle: string }) => h.roundTitle)
        .sort(),
    ).toEqual(['2025年第三季度', '2099年第四季度']);
    expect(
      (await w.as.stReporter.request({ method: 'GET', url: `/api/reporting/units/${ndrc}?planId=${w.planId}` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await w.as.stReporter.request({ method: 'GET', url: `/api/timeliness?planId=${w.planId}` }))
        .json()
        .items.every((r: { unit: { name: string } }) => r.unit.name === '市科技局'),
    ).toBe(true);
  });

  it('refuses opening the same period twice and opening by anyone but the office', async () => {
    const again = await w.as.office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: w.planId, periodId: '2025Q3', cutoffDate: '2025-09-25' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('2025年第三季度的填报轮次已经开启');
    for (const c of [w.as.leader, w.as.ndrcReporter, w.as.inspector]) {
      expect(
        (
          await c.request({
            method: 'POST',
            url: '/api/rounds',
            payload: { planId: w.planId, periodId: '2025Q2', cutoffDate: '2025-06-25' },
          })
        ).statusCode,
      ).toBe(403);
    }
    const bad = await w.as.office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: w.planId, periodId: '2025Q5', cutoffDate: '2025-06-25' },
    });
    expect(bad.json().error.details.issues[0].message).toBe('统计期格式应为 2024、2024Q3 或 202409');
  });

  it('says missing as of the cut-off day itself when the cut-off is the end of that day', async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: w.planId, periodId: '2100Q1', cutoffDate: '2100-03-31' },
    });
    const round = res.json().id as string;
    const standing = async (asOf: string) =>
      (await getTimeliness(w.t.db, w.planId, { roundIds: [round], asOf, timeZone: 'Asia/Shanghai' })).find(
        (r) => r.unit.name === '市科技局',
      )?.timeliness;
    expect(await standing('2100-03-30')).toBe('pending');
    // Scores and bulletins of a round are made as of its cut-off date: a unit silent by then is missing, not pending.
    expect(await standing('2100-03-31')).toBe('missing');
  });
});
