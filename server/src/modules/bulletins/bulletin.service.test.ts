import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { actorIn, ctxOf, fakeFacts } from '../assessment/assessment-test-kit.ts';
import type { Actor } from '../users/user.repo.ts';
import { findSoffice } from './bulletin-pdf.ts';
import { jurongQ3Facts } from './bulletin.fixture.ts';
import * as service from './bulletin.service.ts';

const withoutLibreOffice = async <T>(run: () => Promise<T>): Promise<T> => {
  const saved = process.env.SOFFICE_PATH;
  process.env.SOFFICE_PATH = '/nonexistent/soffice';
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.SOFFICE_PATH;
    else process.env.SOFFICE_PATH = saved;
  }
};

describe.each(TEST_DIALECTS)('bulletins on %s', (dialect) => {
  let t: TestApp;
  let office: Actor;
  let reporter: Actor;
  let planId: string;
  const state = { facts: jurongQ3Facts(), rounds: jurongQ3Facts().rounds };
  const env = { facts: fakeFacts(state) };
  let draft: Bulletin;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    office = await actorIn(t.db, ['office']);
    reporter = await actorIn(t.db, ['reporter'], ['下蜀镇']);
    draft = await service.generateBulletin(
      t.db,
      office,
      planId,
      { roundId: 'r-2025Q3', asOf: '2025-10-10' },
      ctxOf(office),
      env,
    );
  });
  afterAll(() => t.close());

  it('drafts a bulletin for a round from the data as of its date', () => {
    expect(draft).toMatchObject({
      status: 'draft',
      issueNumber: null,
      issueLabel: '草稿',
      periodId: '2025Q3',
      asOf: '2025-10-10',
    });
    const text = draft.content.blocks.map((b) => b.text).join('\n');
    expect(text).toContain(
      '截至2025年10月10日，方案确定的24项目标指标中，绿灯14项、黄灯7项、红灯2项，暂无数据或数据逾期1项。',
    );
    expect(text).toContain(
      '市统计局（迟报2天）、白兔镇（迟报3天）未在截止时间前报送；后白镇、茅山镇截至通报时仍未报送。',
    );
    expect(text).toContain('共催办6次，涉及4家单位');
    expect(draft.content.blocks.filter((b) => b.kind === 'heading1').map((b) => b.text)).toEqual([
      '总体情况',
      '目标指标进展情况',
      '重点任务推进情况',
      '各单位报送情况',
      '督查督办情况',
      '下一步工作要求',
    ]);
    expect(draft.content.annexes.map((a) => a.rows.length)).toEqual([24, 19, 20]);
  });

  it("dates a draft by the request's clock, not the machine's: the demo's history drafts bulletins in 2025", async () => {
    const then = { ...ctxOf(office), now: '2025-10-19T17:30:00.000Z' }; // 01:30 on 20 October in Beijing
    const old = await service.generateBulletin(t.db, office, planId, { roundId: 'r-2025Q3' }, then, env);
    expect(old.content.date).toBe('2025-10-20');
    expect(old.asOf).toBe('2025-10-20');
    expect(old.year).toBe(2025);
    await service.deleteBulletin(t.db, office, old.id, ctxOf(office));
  });

  it('keeps drafts from the units, and lets only the office edit them', async () => {
    await expect(service.getBulletin(t.db, reporter, draft.id)).rejects.toMatchObject({ status: 404 });
    expect(await service.listBulletins(t.db, reporter, planId)).toEqual([]);
    const text = {
      ...draft.content,
      title: '关于2025年第三季度全市创新型示范市建设推进情况的通报',
      date: '2025-10-12',
    };
    await expect(
      service.updateBulletin(t.db, reporter, draft.id, { version: draft.version, text }, ctxOf(reporter)),
    ).rejects.toMatchObject({ status: 403 });
    draft = await service.updateBulletin(t.db, office, draft.id, { version: draft.version, text }, ctxOf(office));
    expect(draft.title).toBe('关于2025年第三季度全市创新型示范市建设推进情况的通报');
    await expect(
      service.updateBulletin(t.db, office, draft.id, { version: draft.version - 1, text }, ctxOf(office)),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('publishes as the next issue of the year and freezes content and files: later data changes leave them byte-identical', async () => {
    const published = await service.publishBulletin(t.db, office, draft.id, { version: draft.version }, ctxOf(office));
    expect(published).toMatchObject({ status: 'published', issueNumber: 1, issueLabel: '2025年第1期' });
    const kinds = findSoffice() ? ['docx', 'xlsx', 'pdf'] : ['docx', 'xlsx'];
    const before = await Promise.all(
      kinds.map(
        async (k) => (await service.getBulletinFile(t.db, reporter, draft.id, k as 'docx', ctxOf(reporter))).bytes,
      ),
    );
    expect(published.files.filter((f) => f.sha256).map((f) => f.kind)).toEqual(kinds);

    // The data moves on: values, a unit that reported after all, a renamed unit.
    state.facts.indicators[0]!.valueText = '5个';
    state.facts.timeliness = state.facts.timeliness.map((x) => ({
      ...x,
      timeliness: 'on_time' as const,
      lateDays: null,
    }));
    state.facts.units[0]!.name = '市科学技术局';
    const next = await service.generateBulletin(t.db, office, planId, { roundId: 'r-2025Q3' }, ctxOf(office), env);
    expect(next.content.blocks.map((b) => b.text).join()).not.toContain('白兔镇（迟报3天）');

    const again = await service.getBulletin(t.db, reporter, draft.id);
    expect(again.content).toEqual(published.content);
    expect(again.content.blocks.map((b) => b.text).join()).toContain('白兔镇（迟报3天）');
    const after = await Promise.all(
      kinds.map(
        async (k) => (await service.getBulletinFile(t.db, reporter, draft.id, k as 'docx', ctxOf(reporter))).bytes,
      ),
    );
    after.forEach((bytes, i) => expect(bytes.equals(before[i]!), kinds[i]).toBe(true));
    await expect(
      service.updateBulletin(t.db, office, draft.id, { version: again.version, text: again.content }, ctxOf(office)),
    ).rejects.toMatchObject({ status: 409 });
    await expect(service.deleteBulletin(t.db, office, draft.id, ctxOf(office))).rejects.toMatchObject({ status: 409 });
    await service.deleteBulletin(t.db, office, next.id, ctxOf(office));
  });

  it('numbers issues per plan and year, and the units read every published one', async () => {
    const generated = await service.generateBulletin(
      t.db,
      office,
      planId,
      { periodId: '2025Q3', asOf: '2025-10-20' },
      ctxOf(office),
      env,
    );
    const second = await service.updateBulletin(
      t.db,
      office,
      generated.id,
      { version: generated.version, text: { ...generated.content, date: '2025-10-21' } },
      ctxOf(office),
    );
    const next = await withoutLibreOffice(() =>
      service.publishBulletin(t.db, office, second.id, { version: second.version }, ctxOf(office)),
    );
    expect(next.issueLabel).toBe('2025年第2期');
    const listed = await service.listBulletins(t.db, reporter, planId);
    expect(listed.map((b) => b.issueLabel)).toEqual(['2025年第2期', '2025年第1期']);
  });

  it('answers a clear 503 for the PDF when LibreOffice is missing, and makes it once LibreOffice is there', async () => {
    const latest = (await service.listBulletins(t.db, office, planId)).find((b) => b.issueLabel === '2025年第2期');
    await withoutLibreOffice(async () => {
      await expect(service.getBulletinFile(t.db, reporter, latest!.id, 'pdf', ctxOf(reporter))).rejects.toMatchObject({
        status: 503,
        code: 'unavailable',
        message: expect.stringContaining('LibreOffice'),
      });
    });
    if (!findSoffice()) return;
    const pdf = await service.getBulletinFile(t.db, reporter, latest!.id, 'pdf', ctxOf(reporter));
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await service.getBulletinFile(t.db, reporter, latest!.id, 'pdf', ctxOf(reporter));
    expect(again.bytes.equals(pdf.bytes)).toBe(true);
  });
});
