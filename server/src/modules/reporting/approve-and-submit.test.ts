import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { auditRowsOf } from '../../test/audit.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  save,
  step,
  submissionOf,
  type ReportingWorld,
} from './reporting-test-kit.ts';

// The approver used to approve and then had to remember a second click; forgetting it left the
// report at 单位已审核, never reaching the office.
describe.each(TEST_DIALECTS)('审核通过并报送 on %s', (dialect) => {
  let w: ReportingWorld;
  let roundId: string;
  let ndrc: string;
  const ndrcSub = () => submissionOf(w.as.ndrcReporter, roundId, ndrc);

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
    await createNdrcWorkItem(w);
    roundId = (await openQ3(w)).id;
    const s = await ndrcSub();
    const progress = s.duties.find((d) => d.kind === 'progress')!;
    expect(
      (await save(w.as.ndrcReporter, s, [{ dutyId: progress.id, payload: { text: '已立项', percent: 40 } }]))
        .statusCode,
    ).toBe(200);
    expect((await step(w.as.ndrcReporter, await ndrcSub(), 'send_for_approval')).statusCode).toBe(200);
  });
  afterAll(() => w.t.close());

  it('is offered to the unit approver while the report waits for approval, and to nobody else', async () => {
    const asApprover = await submissionOf(w.as.ndrcApprover, roundId, ndrc);
    expect(asApprover.status).toBe('pending_approval');
    expect(asApprover.allowed).toEqual(expect.arrayContaining(['approve', 'approve_and_submit', 'send_back']));
    expect((await submissionOf(w.as.ndrcReporter, roundId, ndrc)).allowed).not.toContain('approve_and_submit');
    expect((await submissionOf(w.as.office, roundId, ndrc)).allowed).not.toContain('approve_and_submit');
  });

  it('refuses the roles that may not approve for the unit, changing nothing', async () => {
    const s = await ndrcSub();
    for (const client of [w.as.ndrcReporter, w.as.stApprover, w.as.office, w.as.leader, w.as.inspector]) {
      const res = await step(client, s, 'approve_and_submit');
      expect(res.statusCode).toBe(403);
      // Those who may read the draft are told which step they may not take; the others may not even read it.
      if (client === w.as.ndrcReporter || client === w.as.office)
        expect(res.json().error.message).toBe('您不能对该报送执行「审核通过并报送」');
    }
    expect((await ndrcSub()).status).toBe('pending_approval');
  });

  it('approves and sends to the office in one step, recording both steps and telling the office', async () => {
    const s = await ndrcSub();
    const res = await step(w.as.ndrcApprover, s, 'approve_and_submit');
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.status).toBe('submitted');
    expect(after.version).toBe(s.version + 2);
    expect(after.firstSubmittedAt).not.toBeNull();
    expect(after.history.map((h: { action: string }) => h.action).slice(-2)).toEqual(['approve', 'submit']);
    const audit = (await auditRowsOf(w.t.db, res)).map((r) => r.action);
    expect(audit.sort()).toEqual(['approve', 'submit']);
    const bell = (await w.as.office.request({ method: 'GET', url: '/api/notifications' })).json();
    expect(bell.items.map((n: { title: string }) => n.title)).toContain('市发改委《2025年第三季度》填报已报送');
    // Nobody at the unit is asked to submit what has already gone.
    const reporterBell = (await w.as.ndrcReporter.request({ method: 'GET', url: '/api/notifications' })).json();
    expect(reporterBell.items.map((n: { title: string }) => n.title)).not.toContain(
      '市发改委《2025年第三季度》填报已通过单位审核',
    );
  });

  it('links the reporter’s 填报已开启 notice to the round within its own plan', async () => {
    const bell = (await w.as.ndrcReporter.request({ method: 'GET', url: '/api/notifications' })).json();
    const opened = bell.items.find((n: { title: string }) => n.title.endsWith('填报已开启'));
    expect(opened.link).toBe(`/reporting?round=${roundId}&plan=${w.planId}`);
  });

  it('answers a repeat with a conflict in Chinese that names the step', async () => {
    const s = await ndrcSub();
    const res = await step(w.as.ndrcApprover, s, 'approve_and_submit');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('报送当前为「已报送」，不能审核通过并报送');
  });

  it('refuses a stale version without moving the report', async () => {
    const s = await ndrcSub();
    const back = await step(w.as.office, s, 'return', '请补充佐证');
    expect(back.statusCode).toBe(200);
    const again = await ndrcSub();
    expect((await step(w.as.ndrcReporter, again, 'send_for_approval')).statusCode).toBe(200);
    const res = await step(w.as.ndrcApprover, again, 'approve_and_submit');
    expect(res.statusCode).toBe(409);
    expect((await ndrcSub()).status).toBe('pending_approval');
  });
});
