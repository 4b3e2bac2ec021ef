import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitTimeliness } from '@innocity/shared/api/reporting';
import { TEST_DIALECTS } from '../../test/databases.ts';
import type { Client } from '../../test/test-app.ts';
import { actorIn } from '../assessment/assessment-test-kit.ts';
import { createReportingWorld, openQ3, save, step, submissionOf, type ReportingWorld } from './reporting-test-kit.ts';
import { createTimelinessReader } from './timeliness-reader.ts';

/**
 * GET /api/timeliness is answered from bytes cached per (plan, data version, query, the caller's
 * units): a round opened, a submission sent, a round renamed in the database (as another instance
 * commits it) each show on the very next request; a cut-off passing shows without any write; a
 * caller limited to their units never gets another caller's cached rows.
 */
describe.each(TEST_DIALECTS)('timeliness stays current on %s', (dialect) => {
  let w: ReportingWorld;
  let ndrc: string;
  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
  });
  afterAll(() => w?.t.close());

  const get = (c: Client, query = '', etag?: string) =>
    c.request({
      method: 'GET',
      url: `/api/timeliness?planId=${w.planId}${query}`,
      headers: etag ? { 'if-none-match': etag } : {},
    });
  const items = (res: { json: () => { items: UnitTimeliness[] } }) => res.json().items;

  it('a round opened, a submission sent, a round renamed in the database: the next request shows each', async () => {
    const empty = await get(w.as.office);
    expect(empty.statusCode).toBe(200);
    expect(items(empty)).toEqual([]);
    expect((await get(w.as.office, '', String(empty.headers.etag))).statusCode).toBe(304);

    const round = await openQ3(w);
    const opened = await get(w.as.office, '', String(empty.headers.etag));
    expect(opened.statusCode).toBe(200);
    const mine = items(opened).find((r) => r.unit.id === ndrc)!;
    expect(mine).toMatchObject({ periodId: '2025Q3', status: 'draft', timeliness: 'missing' });

    let s = await submissionOf(w.as.ndrcReporter, round.id, ndrc);
    const duty = s.duties[0]!;
    s = (await save(w.as.ndrcReporter, s, [{ dutyId: duty.id, payload: { value: '1', source: '测试' } }])).json();
    expect((await step(w.as.ndrcReporter, s, 'send_for_approval')).statusCode).toBe(200);
    const sent = items(await get(w.as.office, '', String(opened.headers.etag))).find((r) => r.unit.id === ndrc)!;
    expect(sent.status).not.toBe('draft');

    await sql`UPDATE reporting_rounds SET title = ${'改名后的轮次'} WHERE id = ${round.id}`.execute(w.t.db);
    const renamed = items(await get(w.as.office));
    expect(renamed.length).toBeGreaterThan(0);
    expect(renamed.every((r) => r.roundTitle === '改名后的轮次')).toBe(true);
  });

  it("each caller sees their own units' rows, cached answers or not; another unit's is refused", async () => {
    const office = await get(w.as.office);
    expect(new Set(items(office).map((r) => r.unit.id)).size).toBeGreaterThan(1);
    expect(items(await get(w.as.ndrcReporter)).map((r) => r.unit.id)).toEqual([ndrc]);
    const st = await get(w.as.stReporter, '', String(office.headers.etag));
    expect(st.statusCode).toBe(200);
    expect(items(st).map((r) => r.unit.name)).toEqual(['市科技局']);

    expect((await get(w.as.ndrcReporter, `&unitId=${ndrc}`)).statusCode).toBe(200);
    const refused = await get(w.as.stReporter, `&unitId=${ndrc}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('只能查看本单位');
  });

  it('a cut-off passing turns "pending" into "missing" with no write in between', async () => {
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId: w.planId, periodId: '2099Q4', cutoffDate: '2100-01-25' },
    });
    expect(res.statusCode).toBe(201);
    const { id: roundId, cutoffAt } = res.json() as { id: string; cutoffAt: string };
    const reader = createTimelinessReader(w.t.db, 'Asia/Shanghai');
    const office = await actorIn(w.t.db, ['office']);
    const q = { planId: w.planId, roundId };
    const standingOf = async (now: string) => {
      const a = await reader.list(office, q, now);
      return { etag: a.etag, rows: JSON.parse(await a.body()).items as UnitTimeliness[] };
    };
    const before = await standingOf(new Date(Date.parse(cutoffAt) - 1000).toISOString());
    expect(before.rows.find((r) => r.unit.id === ndrc)?.timeliness).toBe('pending');
    const after = await standingOf(cutoffAt);
    expect(after.rows.find((r) => r.unit.id === ndrc)?.timeliness).toBe('missing');
    expect(after.etag).not.toBe(before.etag);
  });
});
