import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createUser } from '../../test/factories.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';

/**
 * GET /api/plans/:planId/assessment/publications is answered from bytes cached per (plan, data
 * version): a publication made through the API or relabelled in the database (as another instance
 * commits it) shows on the very next request, and the reader's rights are checked on every
 * request, so a caller refused before is refused after others warmed the cache.
 */
describe.each(TEST_DIALECTS)('published scores stay current on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let leader: Client;
  let roleless: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const login = async (roles: Parameters<typeof createUser>[1]['roles']) => {
      const u = await createUser(t.db, { roles });
      return t.login(u.username, u.password);
    };
    office = await login(['office']);
    leader = await login(['leader']);
    roleless = await login([]);
  });
  afterAll(() => t?.close());

  const get = (c: Client, etag?: string) =>
    c.request({
      method: 'GET',
      url: `/api/plans/${planId}/assessment/publications`,
      headers: etag ? { 'if-none-match': etag } : {},
    });
  const labels = (res: { json: () => { items: { label: string }[] } }) => res.json().items.map((p) => p.label);

  it('a score set published, then relabelled in the database: the next request shows each', async () => {
    const empty = await get(leader);
    expect(empty.statusCode).toBe(200);
    expect(labels(empty)).toEqual([]);
    expect((await get(leader, String(empty.headers.etag))).statusCode).toBe(304);

    const scheme = await office.request({
      method: 'POST',
      url: `/api/plans/${planId}/assessment/schemes`,
      payload: { year: 2025 },
    });
    expect(scheme.statusCode).toBe(200);
    const published = await office.request({
      method: 'POST',
      url: `/api/assessment/schemes/${scheme.json().id}/publications`,
      payload: { label: '2025年第二季度', asOf: '2025-06-30' },
    });
    expect(published.statusCode).toBe(200);
    const after = await get(leader, String(empty.headers.etag));
    expect(after.statusCode).toBe(200);
    expect(labels(after)).toEqual(['2025年第二季度']);

    await sql`UPDATE assessment_publications SET label = ${'改名后的考核'} WHERE plan_id = ${planId}`.execute(t.db);
    expect(labels(await get(leader, String(after.headers.etag)))).toEqual(['改名后的考核']);
  });

  it('a caller without a role, or a leader once the plan is back in draft, is refused after others warmed the cache', async () => {
    const warm = await get(office);
    expect(warm.statusCode).toBe(200);
    expect((await get(roleless)).statusCode).toBe(403);
    expect((await get(roleless, String(warm.headers.etag))).statusCode).toBe(403);

    await sql`UPDATE plans SET status = ${'draft'} WHERE id = ${planId}`.execute(t.db);
    expect((await get(office)).statusCode).toBe(200);
    expect((await get(leader, String(warm.headers.etag))).statusCode).toBe(404);
    await sql`UPDATE plans SET status = ${'in_force'} WHERE id = ${planId}`.execute(t.db);
    expect((await get(leader)).statusCode).toBe(200);
  });
});
