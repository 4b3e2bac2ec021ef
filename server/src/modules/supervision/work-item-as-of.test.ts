import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createNdrcWorkItem, createReportingWorld, type ReportingWorld } from '../reporting/reporting-test-kit.ts';

describe.each(TEST_DIALECTS)('work items as of a past date on %s', (dialect) => {
  let w: ReportingWorld;
  let early: WorkItem;
  let late: WorkItem;
  let doneLater: WorkItem;
  let decomposedLater: WorkItem;

  const list = async (query: string, client = () => w.as.office) => {
    const res = await client().request({ method: 'GET', url: `/api/work-items?planId=${w.planId}${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: WorkItem[] }).items;
  };
  const find = (items: WorkItem[], id: string) => items.find((i) => i.id === id);

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    const at = { startDate: '2025-01-01' };
    early = await createNdrcWorkItem(w, { ...at, title: '九月底前完成的事项', dueDate: '2025-09-20' });
    late = await createNdrcWorkItem(w, { ...at, title: '十月底前完成的事项', dueDate: '2025-10-31' });
    doneLater = await createNdrcWorkItem(w, { ...at, title: '十月才办结的事项', dueDate: '2025-09-25' });
    decomposedLater = await createNdrcWorkItem(w, { ...at, title: '十一月才分解的事项', dueDate: '2025-09-01' });
    // The requests ran today; the history below says when each thing happened.
    await w.t.db
      .updateTable('work_items')
      .set({ created_at: '2025-01-05T02:00:00.000Z' })
      .where('id', 'in', [early.id, late.id, doneLater.id])
      .execute();
    await w.t.db
      .updateTable('work_items')
      .set({ created_at: '2025-11-03T02:00:00.000Z' })
      .where('id', '=', decomposedLater.id)
      .execute();
    await w.t.db
      .updateTable('work_items')
      .set({
        status: 'done',
        progress: 100,
        verified_at: '2025-10-10T03:00:00.000Z',
        updated_at: '2025-10-10T03:00:00.000Z',
      })
      .where('id', '=', doneLater.id)
      .execute();
  });
  afterAll(() => w.t.close());

  it('shows, for 2025-09-30, no item due after that date as overdue', async () => {
    const then = await list('&asOf=2025-09-30');
    expect(then.filter((i) => i.state === 'overdue' && i.dueDate > '2025-09-30')).toEqual([]);
    expect(find(then, late.id)?.state).not.toBe('overdue');
    expect(find(then, early.id)?.state).toBe('overdue');
    // Done on 10 October: on 30 September it was still open, five days past its date.
    expect(find(then, doneLater.id)).toMatchObject({ status: 'open', state: 'overdue' });
    // Decomposed in November: not there yet.
    expect(find(then, decomposedLater.id)).toBeUndefined();
    // Today the October item is overdue too and the other one done: the view above is not today's.
    const now = await list('');
    expect(find(now, late.id)?.state).toBe('overdue');
    expect(find(now, doneLater.id)?.status).toBe('done');
  });

  it('filters by state as of the date and keeps a unit to its own items', async () => {
    const overdue = await list('&asOf=2025-09-30&state=overdue');
    expect(overdue.map((i) => i.id).sort()).toEqual([early.id, doneLater.id].sort());
    // A unit's reporter reads its own items as of the date, the same way as the office.
    const mine = [early.id, late.id, doneLater.id, decomposedLater.id];
    const pick = (items: WorkItem[]) => items.filter((i) => mine.includes(i.id)).map((i) => [i.id, i.state]);
    const own = await list('&asOf=2025-09-30', () => w.as.ndrcReporter);
    expect(pick(own)).toHaveLength(3);
    expect(pick(own)).toEqual(pick(await list('&asOf=2025-09-30')));
  });

  it('names a bad as-of date in Chinese, and takes it on the timeliness list too', async () => {
    const bad = await w.as.office.request({ method: 'GET', url: `/api/work-items?planId=${w.planId}&asOf=2025-9-30` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('评估日期');
    const t = await w.as.office.request({ method: 'GET', url: `/api/timeliness?planId=${w.planId}&asOf=2025-09-30` });
    expect(t.statusCode, t.body).toBe(200);
  });
});
