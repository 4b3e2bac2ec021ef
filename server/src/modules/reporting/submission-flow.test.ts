import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '@innocity/shared/api/reporting';
import { TEST_DIALECTS } from '../../test/databases.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  NDRC_ELEMENT,
  openQ3,
  save,
  step,
  submissionOf,
  type ReportingWorld,
} from './reporting-test-kit.ts';

describe.each(TEST_DIALECTS)('the submission flow on %s', (dialect) => {
  let w: ReportingWorld;
  let roundId: string;
  let ndrc: string;
  let workItemId: string;
  const ndrcSub = () => submissionOf(w.as.ndrcReporter, roundId, ndrc);
  const duty = (s: Submission, kind: string) =>
    s.duties.find((d) => d.kind === kind && (kind !== 'data_element' || d.refId === NDRC_ELEMENT))!;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
    workItemId = (await createNdrcWorkItem(w)).id;
    roundId = (await openQ3(w)).id;
  });
  afterAll(() => w.t.close());

  it('generates the lead unit progress, the co-unit part, its data element and its ledgers', async () => {
    const s = await ndrcSub();
    expect(s.status).toBe('draft');
    expect(s.round.title).toBe('2025年第三季度');
    expect(s.round.cutoffLabel).toBe('2025年9月25日 24:00');
    expect(s.round.cutoffAt).toBe('2025-09-25T16:00:00.000Z');
    expect(duty(s, 'progress').refId).toBe(workItemId);
    expect(duty(s, 'data_element').detail.period).toBe('2025Q3');
    expect(s.duties.some((d) => d.kind === 'ledger' && d.refId === 'rd-platforms')).toBe(true);
    const st = await submissionOf(w.as.stReporter, roundId, await w.unit('市科技局'));
    expect(st.duties.some((d) => d.kind === 'contribution' && d.refId === workItemId)).toBe(true);
  });

  it('shows a unit its duties this round with what is filled and what is missing', async () => {
    const res = await w.as.ndrcReporter.request({ method: 'GET', url: `/api/my-duties?planId=${w.planId}` });
    const body = res.json();
    expect(body.round.id).toBe(roundId);
    expect(body.units).toHaveLength(1);
    expect(body.units[0].unit.name).toBe('市发改委');
    expect(body.units[0].filled).toBe(0);
    expect(body.units[0].expected).toBeGreaterThanOrEqual(3);
  });

  it('refuses a reporter of another unit to read or fill the draft', async () => {
    const s = await ndrcSub();
    const read = await w.as.stReporter.request({ method: 'GET', url: `/api/submissions/${s.id}` });
    expect(read.statusCode).toBe(403);
    const res = await save(w.as.stReporter, s, [{ dutyId: duty(s, 'progress').id, payload: { text: '冒填' } }]);
    expect(res.statusCode).toBe(403);
  });

  it('refuses leaders and inspectors writing a unit report', async () => {
    const s = await ndrcSub();
    for (const client of [w.as.leader, w.as.inspector]) {
      expect((await save(client, s, [{ dutyId: duty(s, 'progress').id, payload: { text: 'x' } }])).statusCode).toBe(
        403,
      );
      expect((await step(client, s, 'send_for_approval')).statusCode).toBe(403);
    }
  });

  it('saves the draft and answers a stale second save with 409 in Chinese, losing neither change silently', async () => {
    const s = await ndrcSub();
    const first = await save(w.as.ndrcReporter, s, [
      { dutyId: duty(s, 'progress').id, payload: { text: '已完成项目立项', percent: 60 } },
    ]);
    expect(first.statusCode).toBe(200);
    const second = await save(w.as.ndrcReporter2, s, [
      { dutyId: duty(s, 'data_element').id, payload: { value: '12.5', source: '统计月报' } },
    ]);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('conflict');
    expect(second.json().error.message).toMatch(/已于 .* 被他人修改，您的保存未生效/);
    const now = await ndrcSub();
    expect(now.entries.find((e) => e.dutyId === duty(s, 'progress').id)?.payload.text).toBe('已完成项目立项');
    const retry = await save(w.as.ndrcReporter2, now, [
      { dutyId: duty(s, 'data_element').id, payload: { value: '12.5', source: '统计月报' } },
    ]);
    expect(retry.statusCode).toBe(200);
  });

  it('lets exactly one of two simultaneous saves of the same version through', async () => {
    const s = await ndrcSub();
    const [a, b] = await Promise.all([
      save(w.as.ndrcReporter, s, [
        { dutyId: duty(s, 'progress').id, payload: { text: '已完成项目立项', percent: 60 } },
      ]),
      save(w.as.ndrcReporter2, s, [
        { dutyId: duty(s, 'data_element').id, payload: { value: '12.5', source: '统计月报' } },
      ]),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('names a bad field of an entry', async () => {
    const s = await ndrcSub();
    const res = await save(w.as.ndrcReporter, s, [
      { dutyId: duty(s, 'progress').id, payload: { text: 'x', percent: 150 } },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({
      path: 'entries.0.payload.percent',
      message: expect.stringContaining('不能大于 100'),
    });
  });

  it('refuses the reporter approving, the approver of another unit, and the office accepting a draft', async () => {
    const s = await ndrcSub();
    expect((await step(w.as.ndrcReporter, s, 'approve')).statusCode).toBe(403);
    expect((await step(w.as.office, s, 'accept')).statusCode).toBe(409);
    const sent = await step(w.as.ndrcReporter, s, 'send_for_approval');
    expect(sent.statusCode).toBe(200);
    expect((await step(w.as.stApprover, sent.json(), 'approve')).statusCode).toBe(403);
    expect((await save(w.as.ndrcReporter, sent.json(), [])).statusCode).toBe(409);
  });

  it('goes approved → submitted → returned with a comment → resubmitted → accepted, then locks the content', async () => {
    let s = await ndrcSub();
    s = (await step(w.as.ndrcApprover, s, 'approve')).json();
    expect(s.status).toBe('approved');
    s = (await step(w.as.ndrcApprover, s, 'submit')).json();
    expect(s.status).toBe('submitted');
    expect((await step(w.as.office, s, 'return')).statusCode).toBe(400);
    s = (await step(w.as.office, s, 'return', '请补充项目投资完成额的数据来源')).json();
    expect(s.status).toBe('returned');
    expect(s.returnComment).toBe('请补充项目投资完成额的数据来源');
    const fixed = await save(w.as.ndrcReporter, s, [
      {
        dutyId: duty(s, 'data_element').id,
        payload: { value: '13.25', source: '发改委项目库', quality: 'statistical' },
      },
    ]);
    s = fixed.json();
    for (const [client, action] of [
      [w.as.ndrcReporter, 'send_for_approval'],
      [w.as.ndrcApprover, 'approve'],
      [w.as.ndrcReporter, 'submit'],
    ] as const) {
      const res = await step(client, s, action);
      expect(res.statusCode, action).toBe(200);
      s = res.json();
    }
    const accepted = await step(w.as.office, s, 'accept');
    expect(accepted.statusCode).toBe(200);
    s = accepted.json();
    expect(s.status).toBe('accepted');
    expect(s.history.map((h) => h.action)).toEqual([
      'send_for_approval',
      'approve',
      'submit',
      'return',
      'send_for_approval',
      'approve',
      'submit',
      'accept',
    ]);
    const again = await step(w.as.office, s, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该报送已审核通过，不能重复审核');
    const edit = await save(w.as.ndrcReporter, s, [{ dutyId: duty(s, 'progress').id, payload: { text: '改' } }]);
    expect(edit.statusCode).toBe(423);
    expect(edit.json().error.message).toContain('已锁定');
  });

  it('passes accepted figures to the indicators engine and progress to the work item', async () => {
    const res = await w.as.leader.request({ method: 'GET', url: `/api/plans/${w.planId}/data-elements` });
    const el = res.json().items.find((e: { code: string }) => e.code === NDRC_ELEMENT);
    expect(el.values).toEqual([expect.objectContaining({ period: '2025Q3', value: 13.25, source: '发改委项目库' })]);
    const item = (await w.as.leader.request({ method: 'GET', url: `/api/work-items/${workItemId}` })).json();
    // Due 2025-12-31, long past on this machine's clock: still open, so overdue.
    expect(item).toMatchObject({
      progress: 60,
      latestProgress: '已完成项目立项',
      status: 'open',
      state: 'overdue',
      light: 'red',
    });
  });

  it('lets another unit read the accepted (published) report, and counts a correction as a change after acceptance', async () => {
    let s = await ndrcSub();
    expect((await w.as.stReporter.request({ method: 'GET', url: `/api/submissions/${s.id}` })).statusCode).toBe(200);
    expect((await step(w.as.stReporter, s, 'correct')).statusCode).toBe(403);
    s = (await step(w.as.ndrcReporter, s, 'correct')).json();
    expect(s).toMatchObject({ status: 'draft', revision: 1 });
    for (const [client, action] of [
      [w.as.ndrcReporter, 'send_for_approval'],
      [w.as.ndrcApprover, 'approve'],
      [w.as.ndrcReporter, 'submit'],
      [w.as.office, 'accept'],
    ] as const) {
      s = (await step(client, s, action)).json();
    }
    expect(s.status).toBe('accepted');
    const rows = (
      await w.as.office.request({ method: 'GET', url: `/api/timeliness?planId=${w.planId}&roundId=${roundId}` })
    ).json().items;
    expect(rows.find((r: { unit: { id: string } }) => r.unit.id === ndrc).changesAfterAcceptance).toBe(1);
  });

  it('audits every write with the request id', async () => {
    const rows = await w.t.db
      .selectFrom('audit_logs')
      .select(['action', 'entity_type'])
      .where('entity_type', 'in', ['submission', 'reporting_round', 'work_item'])
      .execute();
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'open',
        'save',
        'send_for_approval',
        'approve',
        'submit',
        'return',
        'accept',
        'correct',
        'progress',
      ]),
    );
  });
});
