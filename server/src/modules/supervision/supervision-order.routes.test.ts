import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createNdrcWorkItem, createReportingWorld, type ReportingWorld } from '../reporting/reporting-test-kit.ts';

// The board opens on what needs chasing: page 1 used to show completed items from years ago.
describe.each(TEST_DIALECTS)('supervision board order on %s', (dialect) => {
  let w: ReportingWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    const make = async (key: string, over: Record<string, unknown>) =>
      (ids[key] = (await createNdrcWorkItem(w, { title: key, ...over })).id);
    await make('done-2023', { year: 2023, startDate: '2023-01-01', dueDate: '2023-03-31' });
    await make('green-far', { startDate: '2025-01-01', dueDate: '2099-12-31' });
    await make('overdue', { startDate: '2025-01-01', dueDate: '2025-09-30' });
    // Progress 0 with most of the span gone: lagging, so yellow though due later than green-near.
    await make('yellow-lagging', { startDate: '2000-01-01', dueDate: '2098-12-31' });
    await make('green-near', { startDate: '2025-01-01', dueDate: '2098-06-30' });
    // The green ones are well ahead of their time, so they stay green whenever the test runs.
    await w.t.db
      .updateTable('work_items')
      .set({ progress: 99 })
      .where('id', 'in', [ids['green-far']!, ids['green-near']!])
      .execute();
    await make('cancelled', { startDate: '2024-01-01', dueDate: '2024-12-31' });
    await w.t.db.updateTable('work_items').set({ status: 'done' }).where('id', '=', ids['done-2023']!).execute();
    const cancel = await w.as.office.request({
      method: 'POST',
      url: `/api/work-items/${ids.cancelled}/cancel`,
      payload: { version: 1, reason: '任务调整' },
    });
    expect(cancel.statusCode).toBe(200);
  });
  afterAll(() => w.t.close());

  const titles = async (query = '') => {
    const res = await w.as.office.request({ method: 'GET', url: `/api/work-items?planId=${w.planId}${query}` });
    expect(res.statusCode).toBe(200);
    return (res.json().items as WorkItem[]).map((i) => i.title);
  };

  it('lists overdue first, then yellow, then due soonest, completed and struck-off last', async () => {
    expect(await titles()).toEqual(['overdue', 'yellow-lagging', 'green-near', 'green-far', 'done-2023', 'cancelled']);
  });

  it('leaves completed and struck-off items out when asked for open items only', async () => {
    expect(await titles('&openOnly=true')).toEqual(['overdue', 'yellow-lagging', 'green-near', 'green-far']);
  });

  it('refuses a malformed open-only flag in Chinese', async () => {
    const res = await w.as.office.request({
      method: 'GET',
      url: `/api/work-items?planId=${w.planId}&openOnly=yes`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      expect.objectContaining({ path: 'openOnly', message: expect.stringContaining('仅未完成') }),
    ]);
  });
});
