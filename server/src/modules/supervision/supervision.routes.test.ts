import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { TEST_DIALECTS } from '../../test/databases.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';

describe.each(TEST_DIALECTS)('supervision on %s', (dialect) => {
  let w: ReportingWorld;
  let item: WorkItem;
  let ndrc: string;
  let st: string;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
    st = await w.unit('市科技局');
    item = await createNdrcWorkItem(w, {
      milestones: [{ title: '完成立项', dueDate: '2025-06-30' }],
      dueDate: '2099-12-31',
      startDate: '2025-01-01',
    });
  });
  afterAll(() => w.t.close());

  it('decomposes a task into a work item with its units, milestones and derived state and light', () => {
    expect(item).toMatchObject({
      year: 2025,
      task: { number: 5 },
      area: { number: expect.any(Number) },
      leadUnit: { name: '市发改委' },
      coUnits: [{ name: '市科技局' }],
      milestones: [{ title: '完成立项', dueDate: '2025-06-30', done: false }],
      sourceKind: 'task',
      state: 'not_started',
      status: 'open',
      version: 1,
    });
    // Due far ahead and barely begun: on schedule.
    expect(item.light).toBe('green');
  });

  it('names each bad reference in Chinese', async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/work-items',
      payload: {
        planId: w.planId,
        year: 2025,
        title: 'x',
        leadUnitId: 'nope',
        coUnitIds: [ndrc],
        dueDate: '2025-13-01',
      },
    });
    expect(res.statusCode).toBe(400);
    const bad = await w.as.office.request({
      method: 'POST',
      url: '/api/work-items',
      payload: { planId: w.planId, year: 2025, title: 'x', leadUnitId: 'nope', dueDate: '2025-12-01' },
    });
    expect(bad.json().error.details.issues).toEqual([{ path: 'leadUnitId', message: '牵头单位不存在' }]);
  });

  it('refuses leaders, inspectors and reporters creating or editing work items', async () => {
    for (const client of [w.as.leader, w.as.inspector, w.as.ndrcReporter]) {
      const res = await client.request({
        method: 'POST',
        url: '/api/work-items',
        payload: { planId: w.planId, year: 2025, title: 'x', leadUnitId: ndrc, dueDate: '2025-12-01' },
      });
      expect(res.statusCode).toBe(403);
      expect(
        (
          await client.request({
            method: 'PATCH',
            url: `/api/work-items/${item.id}`,
            payload: { version: item.version, title: 'y' },
          })
        ).statusCode,
      ).toBe(403);
    }
  });

  it('answers a stale edit with 409 and keeps the first', async () => {
    const first = await w.as.office.request({
      method: 'PATCH',
      url: `/api/work-items/${item.id}`,
      payload: { version: item.version, title: '推进重大科技创新项目建设（修订）' },
    });
    expect(first.statusCode).toBe(200);
    const second = await w.as.admin.request({
      method: 'PATCH',
      url: `/api/work-items/${item.id}`,
      payload: { version: item.version, dueDate: '2099-11-30' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('该工作事项已被他人修改，请刷新后再操作');
    item = first.json();
    expect(item).toMatchObject({
      title: '推进重大科技创新项目建设（修订）',
      version: 2,
      task: { number: 5 },
      coUnits: [{ name: '市科技局' }],
      milestones: [{ title: '完成立项' }],
    });
  });

  it('filters the board by unit, light, state and due date; unit people see only their units', async () => {
    const q = (client: ReportingWorld['as']['office'], query: string) =>
      client.request({ method: 'GET', url: `/api/work-items?planId=${w.planId}${query}` }).then((r) => r.json());
    expect((await q(w.as.office, `&unitId=${st}`)).items.map((x: WorkItem) => x.id)).toContain(item.id);
    expect((await q(w.as.office, '&light=red')).items.map((x: WorkItem) => x.id)).not.toContain(item.id);
    expect((await q(w.as.office, '&state=not_started&dueFrom=2099-01-01')).items).toHaveLength(1);
    expect((await q(w.as.ndrcReporter, '')).items.map((x: WorkItem) => x.id)).toEqual([item.id]);
    const other = await w.as.ndrcReporter.request({
      method: 'GET',
      url: `/api/work-items?planId=${w.planId}&unitId=${await w.unit('市财政局')}`,
    });
    expect(other.statusCode).toBe(403);
  });

  it('records a meeting whose decisions become work items', async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/meetings',
      payload: {
        planId: w.planId,
        kind: 'joint',
        title: '创新型示范市建设第三次联席会议',
        heldOn: '2025-08-15',
        attendees: ['李市长', '市科技局'],
        minutes: '会议听取了各单位汇报。',
        decisions: [{ year: 2025, title: '9月底前完成孵化载体摸底', leadUnitId: st, dueDate: '2025-09-30' }],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().decisions).toEqual([
      expect.objectContaining({
        sourceKind: 'meeting',
        title: '9月底前完成孵化载体摸底',
        state: 'overdue',
        light: 'red',
      }),
    ]);
    const refused = await w.as.inspector.request({
      method: 'POST',
      url: '/api/meetings',
      payload: { planId: w.planId, kind: 'dispatch', title: '调度会', heldOn: '2025-08-20' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('lets a leader give an instruction that becomes a tracked item', async () => {
    const res = await w.as.leader.request({
      method: 'POST',
      url: '/api/instructions',
      payload: {
        planId: w.planId,
        text: '请市科技局牵头研究人才公寓保障',
        year: 2025,
        title: '研究人才公寓保障方案',
        leadUnitId: st,
        dueDate: '2099-10-31',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      leaderName: '李市长',
      workItem: { sourceKind: 'instruction', leadUnit: { name: '市科技局' } },
    });
    expect(
      (
        await w.as.stReporter.request({
          method: 'POST',
          url: '/api/instructions',
          payload: { planId: w.planId, text: 'x', year: 2025, title: 'x', leadUnitId: st, dueDate: '2099-10-31' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('closes a rectification only after the unit reports it done and the office verifies it', async () => {
    const res = await w.as.inspector.request({
      method: 'POST',
      url: '/api/inspections',
      payload: {
        planId: w.planId,
        kind: 'inspection',
        title: '2025年第三季度督察检查',
        heldOn: '2025-07-10',
        organizer: '市委督查室',
        summary: '',
        findings: [{ title: '研发平台台账不完整', requirement: '补齐台账', unitId: ndrc, deadline: '2025-09-20' }],
      },
    });
    expect(res.statusCode).toBe(201);
    let rect: WorkItem = res.json().rectifications[0];
    expect(rect).toMatchObject({ sourceKind: 'inspection', requiresVerification: true });
    const early = await w.as.office.request({
      method: 'POST',
      url: `/api/work-items/${rect.id}/verify`,
      payload: { version: rect.version },
    });
    expect(early.statusCode).toBe(409);
    const round = await openQ3(w);
    const sub = (
      await w.as.ndrcReporter.request({ method: 'GET', url: `/api/rounds/${round.id}/units/${ndrc}/submission` })
    ).json();
    const duty = sub.duties.find((d: { refId: string }) => d.refId === rect.id);
    let s = (
      await w.as.ndrcReporter.request({
        method: 'PUT',
        url: `/api/submissions/${sub.id}`,
        payload: {
          version: sub.version,
          entries: [{ dutyId: duty.id, payload: { text: '台账已补齐', percent: 100, done: true } }],
        },
      })
    ).json();
    for (const [c, a] of [
      [w.as.ndrcReporter, 'send_for_approval'],
      [w.as.ndrcApprover, 'approve'],
      [w.as.ndrcApprover, 'submit'],
      [w.as.office, 'accept'],
    ] as const) {
      s = (
        await c.request({ method: 'POST', url: `/api/submissions/${s.id}/${a}`, payload: { version: s.version } })
      ).json();
    }
    rect = (await w.as.office.request({ method: 'GET', url: `/api/work-items/${rect.id}` })).json();
    expect(rect).toMatchObject({ status: 'open', awaitingVerification: true, progress: 100 });
    expect(
      (
        await w.as.inspector.request({
          method: 'POST',
          url: `/api/work-items/${rect.id}/verify`,
          payload: { version: rect.version },
        })
      ).statusCode,
    ).toBe(403);
    const ok = await w.as.office.request({
      method: 'POST',
      url: `/api/work-items/${rect.id}/verify`,
      payload: { version: rect.version, comment: '经核查属实' },
    });
    expect(ok.json()).toMatchObject({ status: 'done', state: 'done', light: 'green', awaitingVerification: false });
  });

  it('strikes an item off with a reason, and refuses editing it afterwards', async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: `/api/work-items/${item.id}/cancel`,
      payload: { version: item.version, reason: '并入其他事项' },
    });
    expect(res.json()).toMatchObject({ state: 'cancelled', light: null, closedReason: '并入其他事项' });
    expect(
      (
        await w.as.office.request({
          method: 'PATCH',
          url: `/api/work-items/${item.id}`,
          payload: { version: res.json().version, title: 'z' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('keeps the yellow threshold per plan, changed only by the office', async () => {
    expect(
      (await w.as.leader.request({ method: 'GET', url: `/api/plans/${w.planId}/supervision-settings` })).json(),
    ).toEqual({ yellowDays: 7 });
    expect(
      (
        await w.as.leader.request({
          method: 'PUT',
          url: `/api/plans/${w.planId}/supervision-settings`,
          payload: { yellowDays: 10 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await w.as.office.request({
          method: 'PUT',
          url: `/api/plans/${w.planId}/supervision-settings`,
          payload: { yellowDays: 10 },
        })
      ).json(),
    ).toEqual({ yellowDays: 10 });
  });

  it('exports the board to Excel with Chinese headers', async () => {
    const rounds = (await w.as.office.request({ method: 'GET', url: `/api/rounds?planId=${w.planId}` })).json().items;
    const res = await w.as.leader.request({
      method: 'GET',
      url: `/api/supervision/export?planId=${w.planId}&roundId=${rounds[0].id}`,
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['工作事项', '填报情况']);
    expect(book.getWorksheet('工作事项')!.getRow(1).values).toEqual(
      expect.arrayContaining(['工作事项', '牵头单位', '完成时限', '灯色']),
    );
    // 完成时限 is an Excel date shown as 2025年10月31日, 完整率 a share shown as a percent.
    const items = book.getWorksheet('工作事项')!;
    const dueCol = (items.getRow(1).values as unknown[]).indexOf('完成时限');
    const due = items.getRow(2).getCell(dueCol);
    expect(due.value).toBeInstanceOf(Date);
    expect(due.numFmt).toBe('yyyy"年"m"月"d"日"');
    const units = book.getWorksheet('填报情况')!;
    const shareCol = (units.getRow(1).values as unknown[]).indexOf('完整率');
    const share = units.getRow(2).getCell(shareCol);
    expect(typeof share.value).toBe('number');
    expect(share.value as number).toBeGreaterThanOrEqual(0);
    expect(share.value as number).toBeLessThanOrEqual(1);
    expect(share.numFmt).toBe('0%');
    expect(
      (await w.as.ndrcReporter.request({ method: 'GET', url: `/api/supervision/export?planId=${w.planId}` }))
        .statusCode,
    ).toBe(403);
  });
});
