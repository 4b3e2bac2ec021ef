import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { CSRF_HEADER } from '@innocity/shared/api/auth';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../test/factories.ts';
import { secondCountyPack } from '../test/second-county.ts';
import { signIn as signInOver, type Session } from '../test/server-process.ts';
import { newSqlite } from '../db/connection.ts';
import { localDateOf, nowIso } from '../time.ts';
import { actorWith, jurongPlanId } from '../modules/ledgers/ledger-test-kit.ts';
import { ledgerRowAt, makerSpace } from '../modules/indicators/indicator-test-kit.ts';
import { loadPlanPack } from '../modules/plans/plan-pack.service.ts';

// Over real HTTP, as a browser calls it: the replay is made by the app's HTTP server before
// Fastify routes the request, which `inject` (every other suite's client) never reaches.

/** Starts the app on a free port of this machine; its address for requests. */
async function listening(t: TestApp): Promise<{ base: string }> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  return { base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

describe.each(TEST_DIALECTS)('repeated reads answered before routing on %s', (dialect) => {
  let t: TestApp;
  let base = '';
  let planId: string;
  let office: Session;

  const signIn = (username: string, password: string) => signInOver({ base }, username, password);
  const get = async (b: Session, url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + url, { headers: { cookie: b.cookie, ...headers } });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  };
  /** The headers a replay must repeat: all but the date and the request's own id. */
  const sameHeaders = (h: Record<string, string>) => {
    const { date: _d, 'x-request-id': _id, ...rest } = h;
    return rest;
  };
  const replays = () => t.app.answerMemo.replays;
  const indicators = () => `/api/plans/${planId}/indicators`;
  const makerSpaces = (body: string) =>
    (JSON.parse(body) as IndicatorList).items.find((i) => i.code === 'maker-spaces')!.current?.value ?? 0;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ base } = await listening(t));
    planId = await jurongPlanId(t.db);
    const o = await actorWith(t.db, ['office']);
    office = await signIn(o.username, o.password);
  });
  afterAll(() => t?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers a repeat with the very status, headers and bytes of the full path (200 and 304)', async () => {
    const first = await get(office, indicators());
    expect(first.status).toBe(200);
    const before = replays();
    const again = await get(office, indicators());
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    expect(sameHeaders(again.headers)).toEqual(sameHeaders(first.headers));
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const etag = first.headers.etag!;
    const notModified = await get(office, indicators(), { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    const notModifiedAgain = await get(office, indicators(), { 'if-none-match': etag });
    expect(notModifiedAgain.status).toBe(304);
    expect(notModifiedAgain.body).toBe('');
    expect(sameHeaders(notModifiedAgain.headers)).toEqual(sameHeaders(notModified.headers));
    // A proxy's request id is echoed on a replay as on the full path.
    const traced = await get(office, indicators(), { 'if-none-match': etag, 'x-request-id': 'proxy-req-0001' });
    expect(traced.status).toBe(304);
    expect(traced.headers['x-request-id']).toBe('proxy-req-0001');
    // SQLite replays; PostgreSQL has no epoch to prove nothing changed, so every request takes the full path.
    expect(replays() - before).toBe(dialect === 'sqlite' ? 3 : 0);
    // A GET carrying a body is left to the full path (which refuses it), however often it comes.
    const withBody = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(base + indicators(), {
          method: 'GET',
          agent: false,
          headers: { cookie: office.cookie, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ note: 'x' }));
      });
    const beforeBody = replays();
    expect([await withBody(), await withBody()]).toEqual([400, 400]);
    expect(replays()).toBe(beforeBody);
  });

  it('shows a write on the very next request: a ledger row saved, a name changed by another connection', async () => {
    const before = makerSpaces((await get(office, indicators())).body);
    expect(makerSpaces((await get(office, indicators())).body)).toBe(before);
    const actor = await actorWith(t.db, ['office']);
    await ledgerRowAt(t.db, actor, planId, 'incubators', '市科技局', nowIso(), makerSpace('新众创空间'));
    expect(makerSpaces((await get(office, indicators())).body)).toBe(before + 1);

    const me = async () =>
      (JSON.parse((await get(office, '/api/auth/me')).body) as { user: { displayName: string } }).user;
    const name = (await me()).displayName;
    expect((await me()).displayName).toBe(name);
    // Another connection to the file: what the command line or a restore would be.
    if (t.config.database.dialect === 'sqlite') {
      const other = newSqlite(t.config.database.file);
      other.prepare('UPDATE users SET display_name = ? WHERE display_name = ?').run('办公室（改名）', name);
      other.close();
    } else {
      await t.db
        .updateTable('users')
        .set({ display_name: '办公室（改名）' })
        .where('display_name', '=', name)
        .execute();
    }
    expect((await me()).displayName).toBe('办公室（改名）');
  });

  it('stops answering a session signed out, on its very next request', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    const b = await signIn(u.username, TEST_PASSWORD);
    expect((await get(b, indicators())).status).toBe(200);
    expect((await get(b, indicators())).status).toBe(200);
    const out = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: b.cookie, [CSRF_HEADER]: b.csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await get(b, indicators());
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body).error.message).toBe('请先登录');
  });

  it('never hands one caller the answer kept for another: another county is refused with its 403', async () => {
    await loadPlanPack(t.db, secondCountyPack('danyang-memo'), {
      actor: null,
      requestId: null,
      ip: null,
      now: nowIso(),
    });
    const jurongOffice = await createUser(t.db, { roles: ['office'], region: '句容市' });
    const danyangOffice = await createUser(t.db, { roles: ['office'], region: '丹阳市' });
    const jo = await signIn(jurongOffice.username, TEST_PASSWORD);
    const dy = await signIn(danyangOffice.username, TEST_PASSWORD);
    for (const url of [indicators(), `/api/plans/${planId}`, `/api/plans/${planId}/bulletins`]) {
      expect((await get(jo, url)).status).toBe(200);
      expect((await get(jo, url)).status).toBe(200);
      const refused = await get(dy, url);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body).error.message).toContain('不属于您所在的地区');
    }
  });

  it.runIf(dialect === 'sqlite')(
    'takes the full path once the session is due its touch, so an active session is not left to idle out',
    async () => {
      const u = await createUser(t.db, { roles: ['office'] });
      const b = await signIn(u.username, TEST_PASSWORD);
      const seen = () =>
        t.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', u.id).executeTakeFirstOrThrow();
      expect((await get(b, '/api/auth/me')).status).toBe(200);
      const first = (await seen()).last_seen_at;
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 30_000 });
      const before = replays();
      expect((await get(b, '/api/auth/me')).status).toBe(200);
      expect(replays()).toBe(before + 1);
      vi.setSystemTime(Date.now() + 40_000);
      expect((await get(b, '/api/auth/me')).status).toBe(200);
      expect(replays()).toBe(before + 1);
      expect(Date.parse((await seen()).last_seen_at)).toBeGreaterThan(Date.parse(first));
    },
  );

  it.runIf(dialect === 'sqlite')('evaluates anew when the local day turns: the answer is dated today', async () => {
    // 23:59:30 local time (the deployment's zone), then 30 seconds later.
    const today = localDateOf(nowIso(), t.config.timeZone);
    const eve = new Date(`${today}T23:59:30+08:00`).getTime();
    vi.useFakeTimers({ toFake: ['Date'], now: eve });
    const u = await createUser(t.db, { roles: ['office'] });
    const b = await signIn(u.username, TEST_PASSWORD);
    const asOf = async () => (JSON.parse((await get(b, indicators())).body) as IndicatorList).asOf;
    expect(await asOf()).toBe(today);
    const before = replays();
    expect(await asOf()).toBe(today);
    expect(replays()).toBe(before + 1);
    vi.setSystemTime(eve + 31_000);
    const tomorrow = localDateOf(new Date().toISOString(), t.config.timeZone);
    expect(tomorrow).not.toBe(today);
    expect(await asOf()).toBe(tomorrow);
    expect(replays()).toBe(before + 1);
  });
});

describe('repeated reads and the rate limit', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('counts every replay against the user, and refuses past the limit with the 429', async () => {
    t = await createTestApp('sqlite', {
      config: { rateLimits: { api: 5, signin: 100, password: 5, upload: 5, export: 5 } },
    });
    const server = await listening(t);
    const base = server.base;
    const o = await actorWith(t.db, ['office']);
    const { cookie } = await signInOver(server, o.username, o.password);
    // Out of the last seconds of a one-minute window, so the requests all fall in one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${base}/api/auth/me`, { headers: { cookie } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(t.app.answerMemo.replays).toBe(4);
    const refused = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^请求过于频繁（每分钟最多 5 次），请在 \d+ 秒后再试$/,
    );
  });
});
