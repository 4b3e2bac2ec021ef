import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { nowIso } from '../../time.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { findVersionedPlan } from '../indicators/data-version.repo.ts';
import { resolveSession, sessionIdOf } from './auth.service.ts';
import { findLiveSessionWithUser, lookupBatch, sessionBatcher } from './session-lookup.repo.ts';

/**
 * On PostgreSQL the session lookups of concurrent requests share one query (db/coalesce.ts). What
 * a user would check: every answer is their own account's and names the plan they asked for, and a
 * session revoked, a plan written or a role granted just before a request is seen by that request
 * even while another batch is in flight. A batch is held in flight deterministically (the
 * coalescer's test hook), never by sleeping.
 */
describe.each(TEST_DIALECTS)('session lookups of concurrent requests on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let code: string;
  let otherPlan: { id: string; code: string };
  const policy = { idleMinutes: 120, absoluteHours: 12, timeZone: 'Asia/Shanghai' };
  const tokenOf = (c: Client) => decodeURIComponent(c.cookie.slice(c.cookie.indexOf('=') + 1));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    code = (await t.db.selectFrom('plans').select('code').where('id', '=', planId).executeTakeFirstOrThrow()).code;
    otherPlan = { id: randomUUID(), code: 'OTHER-2030' };
    const now = nowIso();
    await t.db
      .insertInto('plans')
      .values({
        ...otherPlan,
        title: '另一县创新型示范市建设方案',
        document_number: '〔2030〕1号',
        issuer: '另一县人民政府',
        region: '另一县',
        issuing_date: '2030-01-01',
        baseline_year: 2029,
        target_year: 2032,
        status: 'in_force',
        preamble: '',
        pack_format_version: 1,
        pack_hash: 'x',
        region_id: null,
        pack_json: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(() => t?.close());

  /** Holds the next batch after its query has answered, until `release()`. */
  function holdNextBatch() {
    const batcher = sessionBatcher(t.db)!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const held = new Promise<void>((r) => (reached = r));
    batcher.afterQuery = () => {
      batcher.afterQuery = undefined;
      reached();
      return gate;
    };
    return { batcher, held, release };
  }

  it('answers 50 lookups made at once, each with its own user and plan, in two queries on PostgreSQL', async () => {
    const users = await Promise.all([0, 1, 2, 3, 4].map(() => createUser(t.db, { roles: ['office'] })));
    const clients = await Promise.all(users.map((u) => t.login(u.username, u.password)));
    const revoked = await t.login(users[0]!.username, users[0]!.password);
    await t.db
      .updateTable('sessions')
      .set({ revoked_at: nowIso() })
      .where('id', '=', sessionIdOf(tokenOf(revoked)))
      .execute();
    const refs = [planId, code, otherPlan.id, otherPlan.code, 'no-such-plan', undefined];
    const expectedPlan = new Map(
      await Promise.all(
        refs.map(async (r) => [r, r === undefined ? undefined : await findVersionedPlan(t.db, r)] as const),
      ),
    );
    expect(expectedPlan.get(otherPlan.code)!.plan.id).toBe(otherPlan.id);

    const batcher = sessionBatcher(t.db);
    const before = batcher?.batchesSent ?? 0;
    const asks = Array.from({ length: 50 }, (_, i) => ({
      user: i % 6 === 5 ? null : i % 5,
      ref: refs[i % refs.length],
    }));
    const answers = await Promise.all(
      asks.map((a) =>
        resolveSession(t.db, tokenOf(a.user === null ? revoked : clients[a.user]!), nowIso(), policy, a.ref),
      ),
    );
    answers.forEach((s, i) => {
      const a = asks[i]!;
      if (a.user === null) return expect(s).toBeUndefined();
      expect(s!.actor.username).toBe(users[a.user]!.username);
      expect(s!.sessionId).toBe(sessionIdOf(tokenOf(clients[a.user]!)));
      if (a.ref === undefined) return expect(s!.plan).toBeUndefined();
      expect(s!.plan).toEqual({ ref: a.ref, found: expectedPlan.get(a.ref) });
    });
    // The first lookup went alone, the other 49 together while it was in flight.
    if (dialect === 'postgres') expect(batcher!.batchesSent - before).toBe(2);
    else expect(batcher).toBeNull();

    // The same through HTTP: each caller's /api/auth/me is their own; the revoked cookie is no one.
    const me = await Promise.all([...clients, revoked].map((c) => c.request({ method: 'GET', url: '/api/auth/me' })));
    expect(me.map((r) => r.json().user?.username ?? null)).toEqual([...users.map((u) => u.username), null]);
    expect((await revoked.request({ method: 'GET', url: `/api/plans/${planId}` })).statusCode).toBe(401);
  });

  it.runIf(dialect === 'postgres')(
    'a NUL or odd plan ref, an unknown or revoked session: none breaks the other lookups of its batch',
    async () => {
      const u = await createUser(t.db, { roles: ['office'] });
      const c = await t.login(u.username, u.password);
      const id = sessionIdOf(tokenOf(c));
      const gone = await t.login(u.username, u.password);
      const goneId = sessionIdOf(tokenOf(gone));
      await t.db.updateTable('sessions').set({ revoked_at: nowIso() }).where('id', '=', goneId).execute();

      const { batcher, held, release } = holdNextBatch();
      const first = findLiveSessionWithUser(t.db, id);
      await held;
      const before = batcher.batchesSent;
      const odd = ['a\u0000b', `{"x,y}\\'`, 'NULL', '', 'x'.repeat(5000)];
      const lookups = [
        findLiveSessionWithUser(t.db, id, planId),
        ...odd.map((ref) => findLiveSessionWithUser(t.db, id, ref)),
        findLiveSessionWithUser(t.db, goneId, planId),
        findLiveSessionWithUser(t.db, 'no-such-session', planId),
        findLiveSessionWithUser(t.db, id, otherPlan.code),
      ];
      release();
      expect((await first)!.user.username).toBe(u.username);
      const [withPlan, ...rest] = await Promise.all(lookups);
      expect(batcher.batchesSent - before).toBe(1); // all of them in one query
      expect(withPlan!.plan).toEqual(await findVersionedPlan(t.db, planId));
      for (const r of rest.slice(0, odd.length)) {
        expect(r!.user.username).toBe(u.username);
        expect(r!.plan).toBeUndefined();
      }
      expect(rest[odd.length]).toBeUndefined();
      expect(rest[odd.length + 1]).toBeUndefined();
      expect(rest[odd.length + 2]!.plan!.plan.id).toBe(otherPlan.id);
    },
  );

  it.runIf(dialect === 'postgres')(
    'a session revoked, a plan written, a role granted while a batch is in flight: the next request sees it',
    async () => {
      const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
      const c = await t.login(u.username, u.password);
      const get = (url: string) => c.request({ method: 'GET', url });

      // A plan's figure written while another request's lookup is in flight.
      let h = holdNextBatch();
      const before = get(`/api/plans/${planId}/indicators`);
      await h.held;
      const versionBefore = (await findVersionedPlan(t.db, planId))!.version;
      await sql`UPDATE indicators SET target_value = target_value + 1 WHERE plan_id = ${planId}`.execute(t.db);
      const s = resolveSession(t.db, tokenOf(c), nowIso(), policy, planId);
      await vi.waitFor(() => expect(h.batcher.queued).toBe(1));
      h.release();
      expect((await before).statusCode).toBe(200);
      const found = (await s)!.plan!.found!;
      expect(found.version).not.toBe(versionBefore);
      expect(found).toEqual(await findVersionedPlan(t.db, planId));

      // A role granted while a lookup of the same session is in flight.
      h = holdNextBatch();
      const held = get('/api/auth/me');
      await h.held;
      await t.db.insertInto('user_roles').values({ user_id: u.id, role: 'admin', region_id: null }).execute();
      const next = get('/api/auth/me');
      await vi.waitFor(() => expect(h.batcher.queued).toBe(1));
      h.release();
      expect((await held).statusCode).toBe(200);
      expect((await next).json().user.roles).toEqual(['admin', 'reporter']);

      // The session revoked while a lookup of the same session is in flight: the next request is refused.
      h = holdNextBatch();
      const last = get('/api/auth/me');
      await h.held;
      await t.db.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', u.id).execute();
      const refused = get(`/api/plans/${planId}/indicators`);
      await vi.waitFor(() => expect(h.batcher.queued).toBe(1));
      h.release();
      expect((await last).statusCode).toBe(200); // read before the revocation
      expect((await refused).statusCode).toBe(401);
    },
  );

  it.runIf(dialect === 'postgres')(
    'the batch query is a named statement, prepared once on its connection',
    async () => {
      const u = await createUser(t.db, { roles: ['office'] });
      const id = sessionIdOf(tokenOf(await t.login(u.username, u.password)));
      const texts = await t.db.connection().execute(async (conn) => {
        for (let i = 0; i < 3; i++) {
          const rows = await lookupBatch(conn, [
            { id, plan: planId },
            { id, plan: undefined },
          ]);
          expect(rows.map((r) => r?.username)).toEqual([u.username, u.username]);
        }
        const r = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
        return r.rows.map((x) => x.statement);
      });
      expect(texts.filter((s) => s.includes('with ordinality'))).toHaveLength(1);
    },
  );
});
