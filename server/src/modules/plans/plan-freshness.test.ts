import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';

/**
 * GET /api/plans/:planId is answered from a cache keyed by the plan's data version: each write
 * below (as any instance would commit it) shows on the very next request, a browser holding the
 * current bytes gets 304, and the reader's right is checked on every request, cache or not.
 */
describe.each(TEST_DIALECTS)('the plan detail stays current on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let leader: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const o = await createUser(t.db, { roles: ['office'] });
    const l = await createUser(t.db, { roles: ['leader'] });
    office = await t.login(o.username, o.password);
    leader = await t.login(l.username, l.password);
  });
  afterAll(() => t?.close());

  const get = (c: Client, etag?: string) =>
    c.request({ method: 'GET', url: `/api/plans/${planId}`, headers: etag ? { 'if-none-match': etag } : {} });

  it('a measure edited, the plan retitled: the next request shows it; an unchanged plan answers 304', async () => {
    const first = await get(office);
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    expect((await get(office, etag)).statusCode).toBe(304);
    expect((await get(leader, etag)).statusCode).toBe(304); // same bytes for every reader

    const measure = first.json().measures[0] as { id: string; title: string };
    await sql`UPDATE plan_measures SET title = ${'保障措施（改）'} WHERE id = ${measure.id}`.execute(t.db);
    const edited = await get(office, etag);
    expect(edited.statusCode).toBe(200);
    expect(edited.json().measures.find((m: { id: string }) => m.id === measure.id).title).toBe('保障措施（改）');

    await sql`UPDATE plans SET title = ${'改过的方案标题'} WHERE id = ${planId}`.execute(t.db);
    const retitled = await get(leader, String(edited.headers.etag));
    expect(retitled.statusCode).toBe(200);
    expect(retitled.json().title).toBe('改过的方案标题');
  });

  it('a plan put back to draft is refused to the leader on the next request, cached bytes or not', async () => {
    const before = await get(leader);
    expect(before.statusCode).toBe(200);
    await sql`UPDATE plans SET status = ${'draft'} WHERE id = ${planId}`.execute(t.db);
    const officeView = await get(office);
    expect(officeView.statusCode).toBe(200);
    expect((await get(leader, String(officeView.headers.etag))).statusCode).toBe(404);
    expect((await get(leader)).statusCode).toBe(404);
    await sql`UPDATE plans SET status = ${'in_force'} WHERE id = ${planId}`.execute(t.db);
    expect((await get(leader)).statusCode).toBe(200);
  });
});
