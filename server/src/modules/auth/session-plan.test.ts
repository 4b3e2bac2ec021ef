import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { nowIso } from '../../time.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { findVersionedPlan } from '../indicators/data-version.repo.ts';
import { resolveSession } from './auth.service.ts';

/**
 * A cockpit read names its plan; the session's query reads that plan and its data version too
 * (one round trip per cached answer). What it reads must be exactly what the plan's own query
 * reads — same plan, same version, moved by the same writes — or a cached answer would be served
 * under a stale key. And the hint opens nothing: no session, no plan the caller may not read.
 */
describe.each(TEST_DIALECTS)('the plan read with the session on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let code: string;
  const policy = { idleMinutes: 120, absoluteHours: 12, timeZone: 'Asia/Shanghai' };
  const tokenOf = (c: Client) => decodeURIComponent(c.cookie.slice(c.cookie.indexOf('=') + 1));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    code = (await t.db.selectFrom('plans').select('code').where('id', '=', planId).executeTakeFirstOrThrow()).code;
  });
  afterAll(() => t?.close());

  it('reads the plan by id or code with the version its own query reads, and moves with every write', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    const token = tokenOf(await t.login(u.username, u.password));
    const both = async (ref: string) => {
      const s = await resolveSession(t.db, token, nowIso(), policy, ref);
      expect(s?.plan?.ref).toBe(ref);
      return { hint: s!.plan!.found, own: await findVersionedPlan(t.db, ref) };
    };
    const first = await both(planId);
    expect(first.hint).toBeDefined();
    expect(first.hint).toEqual(first.own);
    expect((await both(code)).hint).toEqual(first.own);
    expect((await both('no-such-plan')).hint).toBeUndefined();
    // Without a plan named, the session says nothing about one (the route reads its plan itself).
    expect((await resolveSession(t.db, token, nowIso(), policy))?.plan).toBeUndefined();

    // A plan's own write (an indicator's target), then a deployment-wide one (a unit renamed).
    await sql`UPDATE indicators SET target_value = target_value + 1 WHERE plan_id = ${planId}`.execute(t.db);
    const afterTarget = await both(planId);
    expect(afterTarget.hint).toEqual(afterTarget.own);
    expect(afterTarget.hint!.version).not.toBe(first.hint!.version);
    await sql`UPDATE units SET name = name || '·' WHERE id = (SELECT min(id) FROM units)`.execute(t.db);
    const afterUnit = await both(planId);
    expect(afterUnit.hint).toEqual(afterUnit.own);
    expect(afterUnit.hint!.version).not.toBe(afterTarget.hint!.version);
  });

  it('opens no revoked session, and the route still decides who may read the plan it names', async () => {
    const office = await createUser(t.db, { roles: ['office'] });
    const c = await t.login(office.username, office.password);
    expect((await c.request({ method: 'GET', url: `/api/plans/${code}/indicators` })).statusCode).toBe(200);
    expect((await c.request({ method: 'GET', url: `/api/plans/${planId}/bulletins` })).statusCode).toBe(200);
    expect((await c.request({ method: 'GET', url: '/api/plans/no-such-plan/indicators' })).statusCode).toBe(404);
    expect((await c.request({ method: 'GET', url: '/api/work-items?planId=no-such-plan' })).json()).toEqual({
      items: [],
    });

    // An account without a role may not read published scores: the plan found with its session changes nothing.
    const nobody = await createUser(t.db, { roles: [] });
    const r = await t.login(nobody.username, nobody.password);
    const url = `/api/plans/${planId}/assessment/publications`;
    expect((await c.request({ method: 'GET', url })).statusCode).toBe(200);
    expect((await r.request({ method: 'GET', url })).statusCode).toBe(403);

    await t.db.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', office.id).execute();
    expect(await resolveSession(t.db, tokenOf(c), nowIso(), policy, planId)).toBeUndefined();
    expect((await c.request({ method: 'GET', url: `/api/plans/${planId}/indicators` })).statusCode).toBe(401);
  });
});
