import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createNdrcWorkItem, createReportingWorld, type ReportingWorld } from '../reporting/reporting-test-kit.ts';

// People read "2025年10月10日的数据（第2版）", not the fingerprint the system compares. The drafts
// are as of today: a work item added now exists only from today on (a view as of an earlier day
// leaves it out), so it changes today's figures.
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const [y, m, d] = today.split('-').map(Number);
const label = (n: number) => `${y}年${m}月${d}日的数据（第${n}版）`;

describe.each(TEST_DIALECTS)('bulletin data version labels on %s', (dialect) => {
  let w: ReportingWorld;
  const draft = async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: `/api/plans/${w.planId}/bulletins`,
      payload: { periodId: '2025Q3', asOf: today },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as Bulletin;
  };

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
  }, 60_000);
  afterAll(() => w.t.close());

  it('numbers the versions of one date’s figures: the same figures keep their number, changed ones get the next', async () => {
    const first = await draft();
    expect(first.dataVersionLabel).toBe(label(1));
    expect(first.dataVersionLabel).not.toContain(first.dataVersion);
    expect((await draft()).dataVersionLabel).toBe(label(1));
    await createNdrcWorkItem(w, { title: '新增的工作事项', dueDate: '2025-09-30' });
    const changed = await draft();
    expect(changed.dataVersion).not.toBe(first.dataVersion);
    expect(changed.dataVersionLabel).toBe(label(2));
    const list = (await w.as.office.request({ method: 'GET', url: `/api/plans/${w.planId}/bulletins` })).json();
    expect(list.items.map((b: Bulletin) => b.dataVersionLabel).sort()).toEqual([label(1), label(1), label(2)]);
  });
});
