import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { TEST_DIALECTS } from '../../test/databases.ts';
import type { Client } from '../../test/test-app.ts';
import { createNdrcWorkItem, createReportingWorld, type ReportingWorld } from '../reporting/reporting-test-kit.ts';

/**
 * GET /api/work-items is answered from bytes cached per (plan, data version, day, query, the
 * caller's units): a write through the API or straight in the database (as another instance
 * commits it) shows on the very next request, a browser holding the bytes gets 304, and a caller
 * who sees other units never gets another caller's cached list.
 */
describe.each(TEST_DIALECTS)('the work item board stays current on %s', (dialect) => {
  let w: ReportingWorld;
  let ndrcOnly: WorkItem;
  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    // Led by 市发改委 alone: 市科技局's people must never see it.
    ndrcOnly = await createNdrcWorkItem(w, { title: '发改委独办事项', coUnitIds: [] });
  });
  afterAll(() => w?.t.close());

  const get = (c: Client, query = '', etag?: string) =>
    c.request({
      method: 'GET',
      url: `/api/work-items?planId=${w.planId}${query}`,
      headers: etag ? { 'if-none-match': etag } : {},
    });
  const titles = (res: { json: () => { items: WorkItem[] } }) => res.json().items.map((i) => i.title);

  it('an item added through the API, one retitled in the database: the next request shows each', async () => {
    const first = await get(w.as.office);
    expect(first.statusCode).toBe(200);
    expect(titles(first)).toEqual(['发改委独办事项']);
    const etag = String(first.headers.etag);
    expect((await get(w.as.office, '', etag)).statusCode).toBe(304);

    await createNdrcWorkItem(w, { title: '科技局配合事项' });
    const added = await get(w.as.office, '', etag);
    expect(added.statusCode).toBe(200);
    expect(titles(added).sort()).toEqual(['发改委独办事项', '科技局配合事项']);

    await sql`UPDATE work_items SET title = ${'改名后的事项'} WHERE id = ${ndrcOnly.id}`.execute(w.t.db);
    const retitled = await get(w.as.office, '', String(added.headers.etag));
    expect(retitled.statusCode).toBe(200);
    expect(titles(retitled)).toContain('改名后的事项');
    expect(titles(retitled)).not.toContain('发改委独办事项');
  });

  it("each caller sees their own units' items, cached answers or not; another unit's is refused", async () => {
    const office = await get(w.as.office);
    const ndrc = await get(w.as.ndrcReporter);
    expect(titles(ndrc)).toHaveLength(2);
    // The same bytes the office was served (and the ETag it holds) are not 市科技局's answer.
    const st = await get(w.as.stReporter, '', String(office.headers.etag));
    expect(st.statusCode).toBe(200);
    expect(titles(st)).toEqual(['科技局配合事项']);

    const ndrcId = await w.unit('市发改委');
    expect((await get(w.as.ndrcReporter, `&unitId=${ndrcId}`)).statusCode).toBe(200);
    const refused = await get(w.as.stReporter, `&unitId=${ndrcId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('只能查看本单位');
  });

  it('a unit membership taken away shows on the next request', async () => {
    expect(titles(await get(w.as.stReporter))).toEqual(['科技局配合事项']);
    await sql`DELETE FROM user_units WHERE unit_id = ${await w.unit('市科技局')}`.execute(w.t.db);
    expect(titles(await get(w.as.stReporter))).toEqual([]);
  });
});
