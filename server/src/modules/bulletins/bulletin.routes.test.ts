import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import type { Publication, Scheme } from '@innocity/shared/api/assessment';
import { todayIn } from '@innocity/shared/indicators/calendar';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { expectAudited } from '../../test/audit.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';

// Over HTTP, on the real services: a round opened by reporting, a work item by supervision, urging,
// and the indicators of Jurong's plan feed the scores and the bulletin of the round. The round is
// opened today with a 2025 cut-off, so the data is read as of today (reporting ignores rounds
// opened after the as-of date).
const today = todayIn('Asia/Shanghai');

describe.each(TEST_DIALECTS)('assessment and bulletin routes on %s', (dialect) => {
  let w: ReportingWorld;
  let roundId: string;
  let scheme: Scheme;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    await createNdrcWorkItem(w, { title: '推进重大科技创新项目建设', dueDate: '2025-08-31' });
    roundId = (await openQ3(w)).id;
    // The cut-off is long past on the test machine's clock: every unit is late, and the office urges them.
    const urged = await w.as.office.request({
      method: 'POST',
      url: '/api/urgings',
      payload: { roundId, allLate: true, message: '请于3日内报送' },
    });
    expect(urged.statusCode).toBe(201);
    scheme = (
      await w.as.office.request({
        method: 'POST',
        url: `/api/plans/${w.planId}/assessment/schemes`,
        payload: { year: 2025 },
      })
    ).json() as Scheme;
  }, 120_000);
  afterAll(() => w.t.close());

  it('names each item in Chinese when a scheme does not add up', async () => {
    const body = { ...scheme, items: scheme.items.map((i) => (i.id === 'reporting' ? { ...i, weight: 25 } : i)) };
    const res = await w.as.office.request({
      method: 'PUT',
      url: `/api/assessment/schemes/${scheme.id}`,
      payload: { version: scheme.version, body },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      '考核方案有误：各考核项权重合计应为 100 分，当前为 105 分（重点任务完成情况 40、目标指标进展情况 40、报送及时性和质量 25）',
    );
  });

  it('scores the units of the round from the other modules, with workings, and publishes them audited', async () => {
    const live = await w.as.inspector.request({
      method: 'GET',
      url: `/api/assessment/schemes/${scheme.id}/scores?roundId=${roundId}&asOf=${today}`,
    });
    expect(live.statusCode).toBe(200);
    const ndrc = live.json().scores.find((s: { unitName: string }) => s.unitName === '市发改委');
    const tasks = ndrc.items.find((i: { measure: string }) => i.measure === 'task_completion');
    expect(tasks.rows[0]).toMatchObject({ label: '推进重大科技创新项目建设', credit: 0 });
    const reporting = ndrc.items.find((i: { measure: string }) => i.measure === 'reporting_timeliness');
    expect(reporting.rows[0]).toMatchObject({ refId: roundId, credit: 0 });
    const res = await w.as.office.request({
      method: 'POST',
      url: `/api/assessment/schemes/${scheme.id}/publications`,
      payload: { label: '2025年第三季度', roundId, asOf: today },
    });
    expect(res.statusCode).toBe(200);
    const published = res.json() as Publication;
    expect(published.asOf).toBe(today);
    await expectAudited(w.t.db, res, {
      action: 'publish',
      entityType: 'assessment_publication',
      entityId: published.id,
      before: false,
      after: true,
    });
    const asUnit = await w.as.stReporter.request({
      method: 'GET',
      url: `/api/assessment/publications/${published.id}`,
    });
    expect(asUnit.statusCode).toBe(200);
  });

  it('drafts the round’s bulletin from the data, publishes it as 第1期 and serves the frozen Word file to a unit', async () => {
    // The list is served from a cache keyed by the data version: warmed here, each write below
    // shows on the very next request, and drafts only to the office.
    const list = async (c: typeof w.as.office) => {
      const res = await c.request({ method: 'GET', url: `/api/plans/${w.planId}/bulletins` });
      expect(res.statusCode).toBe(200);
      return (res.json() as { items: { id: string; status: string }[] }).items;
    };
    const [officeBefore, unitBefore] = [await list(w.as.office), await list(w.as.stReporter)];
    const gen = await w.as.office.request({
      method: 'POST',
      url: `/api/plans/${w.planId}/bulletins`,
      payload: { roundId, asOf: today },
    });
    expect(gen.statusCode).toBe(200);
    const draft = gen.json() as Bulletin;
    const text = draft.content.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('截至通报时仍未报送');
    expect(text).toMatch(/共催办\d+次/);
    expect(text).toContain('市发改委');
    expect((await w.as.stReporter.request({ method: 'GET', url: `/api/bulletins/${draft.id}` })).statusCode).toBe(404);
    expect((await list(w.as.office)).map((x) => x.id)).toEqual(expect.arrayContaining([draft.id]));
    expect((await list(w.as.office)).length).toBe(officeBefore.length + 1);
    expect(await list(w.as.stReporter)).toEqual(unitBefore);

    const edited = await w.as.office.request({
      method: 'PUT',
      url: `/api/bulletins/${draft.id}`,
      payload: { version: draft.version, text: { ...draft.content, date: '2025-10-12', title: '' } },
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.message).toContain('text.title');

    const pub = await w.as.office.request({
      method: 'POST',
      url: `/api/bulletins/${draft.id}/publish`,
      payload: { version: draft.version },
    });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', issueNumber: 1 });
    expect((await list(w.as.stReporter)).find((x) => x.id === draft.id)).toMatchObject({ status: 'published' });
    await expectAudited(w.t.db, pub, {
      action: 'publish',
      entityType: 'bulletin',
      entityId: draft.id,
      before: false,
      after: true,
    });

    const file = await w.as.stReporter.request({ method: 'GET', url: `/api/bulletins/${draft.id}/files/docx` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain(
      `年第1期 ${draft.content.title}.docx`,
    );
    const again = await w.as.leader.request({ method: 'GET', url: `/api/bulletins/${draft.id}/files/docx` });
    expect(again.rawPayload.equals(file.rawPayload)).toBe(true);
    const xlsx = await w.as.stReporter.request({ method: 'GET', url: `/api/bulletins/${draft.id}/files/xlsx` });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers the PDF route with a Chinese 503 when LibreOffice is missing', async () => {
    const gen = (
      await w.as.office.request({
        method: 'POST',
        url: `/api/plans/${w.planId}/bulletins`,
        payload: { periodId: '2025Q3', asOf: '2025-10-10' },
      })
    ).json() as Bulletin;
    const saved = process.env.SOFFICE_PATH;
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    try {
      const res = await w.as.office.request({ method: 'GET', url: `/api/bulletins/${gen.id}/files/pdf` });
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({
        code: 'unavailable',
        message: expect.stringContaining('未安装 LibreOffice'),
      });
    } finally {
      if (saved === undefined) delete process.env.SOFFICE_PATH;
      else process.env.SOFFICE_PATH = saved;
    }
  });
});
