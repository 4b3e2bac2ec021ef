import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDetail, IndicatorList } from '@innocity/shared/api/indicators';
import type { PlanDetail } from '@innocity/shared/api/plans';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import type { Submission, UnitTimeliness } from '@innocity/shared/api/reporting';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { openDatabase, type DbHandle } from './db/connection.ts';
import { createTestDatabase, type TestDatabase } from './test/databases.ts';
import { createUser, TEST_PASSWORD } from './test/factories.ts';
import {
  call,
  freePort,
  processTree,
  running,
  signIn,
  startServer,
  type ServerProcess,
  type Session,
} from './test/server-process.ts';

const PG = process.env.TEST_PG_URL;
const NEW_ADMIN_PASSWORD = 'Shared-Db-Keeper-2026!';

/**
 * Two real server processes on one PostgreSQL database, as two machines behind nginx: nothing in
 * one process's memory (actor and session caches, cached cockpit answers, rate limits) is seen by
 * the other, so every answer below proves the state it shows came through the database. Each
 * request goes to one instance while the state it needs was made on the other.
 */
describe.skipIf(!PG)('two server processes on one PostgreSQL (TEST_PG_URL unset: skipped)', () => {
  let database: TestDatabase;
  let own: DbHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  let planId: string;
  const users: Record<string, { id: string; username: string }> = {};
  const ids: Record<string, string> = {};
  const as: Record<string, Session> = {};

  const unitIdOf = async (name: string) =>
    (await own.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  /** 市发改委's report in the round, as the caller sees it on the instance. */
  const submission = async (s: ServerProcess, who: Session) => {
    const res = await call(s, who, 'GET', `/api/rounds/${ids.round}/units/${ids.ndrc}/submission`);
    expectOk(res);
    return res.json<Submission>();
  };
  /** An indicator as the office's cockpit shows it on the instance. */
  const indicator = async (s: ServerProcess, code: string) => {
    const res = await call(s, as.office!, 'GET', `/api/plans/${planId}/indicators`);
    expectOk(res);
    return res.json<IndicatorList>().items.find((i) => i.code === code)!;
  };
  const makerSpaces = async (s: ServerProcess) => (await indicator(s, 'maker-spaces')).current?.value ?? 0;
  const saveMakerSpace = async (s: ServerProcess, name: string) => {
    const res = await call(s, as.office!, 'POST', `/api/plans/${planId}/ledgers/incubators/rows`, {
      json: {
        unitId: ids.st,
        values: { name, kind: '众创空间', level: '国家级', corridor: 'G312', recognisedOn: '2024-05-01', area: 12 },
      },
    });
    expectOk(res, 201);
  };
  const expectOk = (res: { status: number; text: string }, status = 200) =>
    expect(res.status, `${res.text}\nA:\n${a.output()}\nB:\n${b.output()}`).toBe(status);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    if (database.config.dialect !== 'postgres') throw new Error('unreachable');
    const env = {
      DATABASE_URL: database.config.url,
      INNOCITY_FILE_STORE: 'database',
      // Low, so a test can show both instances count in one place (the approver's two downloads
      // stay within it).
      INNOCITY_RATE_EXPORT: '2',
      INNOCITY_SECRET_KEY: randomBytes(32).toString('base64'),
      // Publishing then freezes Word and Excel only (the PDF is made when first asked for): the
      // LibreOffice run would take most of the test's time and is not what two instances change.
      SOFFICE_PATH: '/nonexistent/soffice',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    // Both at once on the empty database: the second must wait for the first start's lock, not die
    // on a duplicate plan or admin.
    a = startServer('a', portA, env);
    b = startServer('b', portB, env);
    await Promise.all([a.ready, b.ready]);
    own = await openDatabase(database.config);
    planId = (
      await own.db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow()
    ).id;
    const make = async (key: string, roles: Parameters<typeof createUser>[1]['roles'], units: string[] = []) =>
      (users[key] = await createUser(own.db, { roles, units, displayName: key }));
    await make('office', ['office']);
    await make('reporter', ['reporter'], ['市发改委']);
    await make('approver', ['approver'], ['市发改委']);
    await make('demoted', ['office']);
    ids.ndrc = await unitIdOf('市发改委');
    ids.st = await unitIdOf('市科技局');
    ids.task = (
      await own.db
        .selectFrom('plan_tasks')
        .select('id')
        .where('plan_id', '=', planId)
        .where('number', '=', 5)
        .executeTakeFirstOrThrow()
    ).id;
    // Each signs in on one instance; the tests then use the session on both.
    as.office = await signIn(a, users.office!.username, TEST_PASSWORD);
    as.reporter = await signIn(b, users.reporter!.username, TEST_PASSWORD);
    as.approver = await signIn(a, users.approver!.username, TEST_PASSWORD);
  }, 90_000);

  afterAll(async () => {
    const servers = [a, b].filter(Boolean);
    const trees = servers.map((s) => processTree(s.child.pid!));
    const codes = await Promise.all(servers.map((s) => s.stop()));
    await own?.close();
    await database?.drop();
    for (const s of servers) fs.rmSync(s.dataDir, { recursive: true, force: true });
    // A graceful stop on SIGTERM (scheduler, server and pool closed), and nothing left running.
    expect(codes).toEqual(servers.map(() => 0));
    expect(running(trees.flat())).toEqual([]);
  });

  it('started both at once on the empty database: one plan, one admin, the units once, both healthy', async () => {
    for (const s of [a, b]) {
      const health = await call(s, null, 'GET', '/api/health');
      expectOk(health);
      expect(health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
      expect(s.output()).not.toContain('启动失败');
    }
    const plans = await own.db.selectFrom('plans').select('code').execute();
    expect(plans.map((p) => p.code)).toEqual(['jurong-2022-79']);
    const admins = await own.db.selectFrom('users').select('id').where('username', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
    // The pack's units once each (no unit written by both starts).
    const units = await own.db.selectFrom('units').select('name').execute();
    expect(units.length).toBeGreaterThan(10);
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
  });

  it('the generated admin password is printed by the one instance that created the account, and works on both', async () => {
    const banners = [a, b].map((s) => /密码：(\S+)/.exec(s.output().slice(s.output().indexOf('InnoCity 已启动')))?.[1]);
    expect(banners.filter(Boolean)).toHaveLength(1);
    const generated = banners.find(Boolean)!;
    const other = banners[0] ? b : a;
    // Signed in on the instance that did not print it, the password changed on the one that did.
    const session = await signIn(other, 'admin', generated);
    const pending = await call(other, session, 'GET', '/api/users');
    expect(pending.status).toBe(403);
    expect(pending.json().error.message).toBe('首次登录须先修改密码');
    const printer = other === a ? b : a;
    const changed = await call(printer, session, 'POST', '/api/auth/password', {
      json: { oldPassword: generated, newPassword: NEW_ADMIN_PASSWORD },
    });
    expectOk(changed);
    as.admin = { ...session, csrfToken: changed.json().csrfToken };
    expectOk(await call(other, as.admin, 'GET', '/api/users'));
    expect(
      (await call(other, null, 'POST', '/api/auth/login', { json: { username: 'admin', password: generated } })).status,
    ).toBe(401);
  });

  it('signs in on A and acts on B with the same cookie', async () => {
    const me = await call(b, as.office!, 'GET', '/api/auth/me');
    expectOk(me);
    expect(me.json().user.username).toBe(users.office!.username);
    const created = await call(b, as.office!, 'POST', '/api/work-items', {
      json: {
        planId,
        taskId: ids.task,
        year: 2025,
        title: '推进重大科技创新项目建设',
        leadUnitId: ids.ndrc,
        coUnitIds: [ids.st],
        dueDate: '2025-12-31',
        expectedEvidence: '项目进度表',
      },
    });
    expectOk(created, 201);
    ids.workItem = created.json<WorkItem>().id;
    // The CSRF token travels with the cookie: without it, B refuses the write as A would.
    const noCsrf = await call(b, { ...as.office!, csrfToken: 'x' }, 'POST', '/api/work-items', { json: {} });
    expect(noCsrf.status).toBe(403);
  });

  it('uploads evidence on A and downloads the same bytes on B (and the reverse), kept in the database', async () => {
    const round = await call(a, as.office!, 'POST', '/api/rounds', {
      json: { planId, periodId: '2025Q3', cutoffDate: '2025-09-25' },
    });
    expectOk(round, 201);
    ids.round = round.json().id;
    const draft = await submission(b, as.reporter!);
    // Larger than one stored chunk (1 MB), so the download on the other instance streams several.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2_500_000), Buffer.from('\n%%EOF\n')]);
    const upload = async (s: ServerProcess, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), name);
      const res = await call(s, as.reporter!, 'POST', `/api/submissions/${draft.id}/attachments`, { form });
      expectOk(res, 201);
      return res.json<{ id: string }>().id;
    };
    const download = async (s: ServerProcess, id: string) => {
      const res = await call(s, as.approver!, 'GET', `/api/attachments/${id}`);
      expectOk(res);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      return res.bytes;
    };
    const fromA = (ids.evidence = await upload(a, '甲实例.pdf'));
    expect((await download(b, fromA)).equals(pdf)).toBe(true);
    const fromB = await upload(b, '乙实例.pdf');
    expect((await download(a, fromB)).equals(pdf)).toBe(true);
    // Neither instance's own disk holds them: the other could not have served them from there.
    for (const s of [a, b])
      expect(fs.readdirSync(s.dataDir, { recursive: true }).filter(isFile(s.dataDir))).toEqual([]);
  });
  it('counts a user’s downloads on both instances in one limit', async () => {
    // The counters are per fixed minute: if the minute turns during the three requests, the count
    // starts again and the try proves nothing, so it is made once more by a fresh user.
    for (let attempt = 1; attempt <= 2; attempt++) {
      const user = await createUser(own.db, { roles: ['approver'], units: ['市发改委'] });
      const session = await signIn(a, user.username, TEST_PASSWORD);
      const get = (s: ServerProcess) => call(s, session, 'GET', `/api/attachments/${ids.evidence}`);
      const minute = Math.floor(Date.now() / 60_000);
      const answers = [await get(a), await get(b), await get(a)];
      if (Math.floor(Date.now() / 60_000) !== minute && attempt === 1) continue;
      expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
      expect(answers[2]!.json().error.message).toMatch(/^导出和下载过于频繁（每分钟最多 2 次），请在 \d+ 秒后再试$/);
      return;
    }
  });

  it('a reporter saves on A and the cockpit on B shows it; the office accepts on B and A shows it at once', async () => {
    const timeliness = async (s: ServerProcess) => {
      const res = await call(s, as.office!, 'GET', `/api/timeliness?planId=${planId}&roundId=${ids.round}`);
      expectOk(res);
      return res.json<{ items: UnitTimeliness[] }>().items.find((i) => i.unit.id === ids.ndrc)!;
    };
    const progress = async (s: ServerProcess) => {
      const res = await call(s, as.office!, 'GET', `/api/work-items?planId=${planId}`);
      expectOk(res);
      return res.json<{ items: WorkItem[] }>().items.find((w) => w.id === ids.workItem)!.progress;
    };
    const province = async (s: ServerProcess) => {
      const res = await call(s, as.admin!, 'GET', '/api/province/overview');
      expectOk(res);
      return res.json<ProvinceOverview>().counties.find((c) => c.plan?.id === planId)!.timeliness!;
    };
    const provinceBefore = await province(b);
    expect(provinceBefore).toMatchObject({ periodId: '2025Q3', late: 0 });
    // Both instances have read the figures before the writes.
    for (const s of [b, a]) {
      expect(await timeliness(s)).toMatchObject({ status: 'draft', filled: 0 });
      expect(await progress(s)).toBe(0);
    }
    const draft = await submission(a, as.reporter!);
    const duty = draft.duties.find((d) => d.kind === 'progress')!;
    const saved = await call(a, as.reporter!, 'PUT', `/api/submissions/${draft.id}`, {
      json: { version: draft.version, entries: [{ dutyId: duty.id, payload: { text: '已立项', percent: 40 } }] },
    });
    expectOk(saved);
    const seenOnB = (await submission(b, as.office!)).entries.find((e) => e.dutyId === duty.id);
    expect(seenOnB?.payload).toMatchObject({ text: '已立项', percent: 40 });
    const step = async (s: ServerProcess, who: Session, action: string) => {
      const current = await submission(s, who);
      const res = await call(s, who, 'POST', `/api/submissions/${current.id}/${action}`, {
        json: { version: current.version },
      });
      expectOk(res);
      return res.json<Submission>();
    };
    expect((await step(b, as.reporter!, 'send_for_approval')).status).toBe('pending_approval');
    expect((await step(a, as.approver!, 'approve_and_submit')).status).toBe('submitted');
    expect(await timeliness(b)).toMatchObject({ status: 'submitted', filled: 1 });
    // The province view on B, cached there before, counts the report late (the cut-off has passed).
    expect(await province(b)).toMatchObject({ late: 1, missing: provinceBefore.missing - 1 });
    expect(await progress(a)).toBe(0);
    expect((await step(b, as.office!, 'accept')).status).toBe('accepted');
    // The very next request on A, whose caches hold the earlier answers.
    expect(await timeliness(a)).toMatchObject({ status: 'accepted', filled: 1 });
    expect(await progress(a)).toBe(40);
  });

  it('saves a ledger row on B and the cockpit indicators on A show it on the next request (and the reverse)', async () => {
    const detail = async (s: ServerProcess, id: string) => {
      const res = await call(s, as.office!, 'GET', `/api/plans/${planId}/indicators/${id}`);
      expectOk(res);
      return res.json<IndicatorDetail>().current?.value ?? 0;
    };
    const { id } = await indicator(a, 'maker-spaces');
    const before = await makerSpaces(a);
    expect(await makerSpaces(b)).toBe(before);
    expect(await detail(a, id)).toBe(before);
    await saveMakerSpace(b, '乙实例新众创空间');
    expect(await makerSpaces(a)).toBe(before + 1);
    // The indicator's own page too (its answer is cached apart from the list's).
    expect(await detail(a, id)).toBe(before + 1);
    await saveMakerSpace(a, '甲实例新众创空间');
    expect(await makerSpaces(b)).toBe(before + 2);
  });

  it('edits a target on B and A shows it at once, on the cockpit and on the plan', async () => {
    const planTarget = async () => {
      const res = await call(a, as.office!, 'GET', `/api/plans/${planId}`);
      expectOk(res);
      return res.json<PlanDetail>().indicators.find((i) => i.code === 'maker-spaces')!.value;
    };
    const before = await indicator(a, 'maker-spaces');
    const oldPlanTarget = await planTarget();
    expect(before.target).toMatchObject({ comparator: 'gte', value: oldPlanTarget });
    const newTarget = (oldPlanTarget ?? 0) + 7;
    const res = await call(b, as.office!, 'PUT', `/api/plans/${planId}/indicators/${before.id}/target`, {
      json: { value: newTarget, targetDate: before.target!.targetDate, reason: '方案中期调整' },
    });
    expectOk(res);
    expect((await indicator(a, 'maker-spaces')).target).toMatchObject({ value: newTarget });
    expect(await planTarget()).toBe(newTarget);
  });

  it('an ETag from A is the same on B; after a write on A, B answers 200 with the new figure, not 304', async () => {
    const url = `/api/plans/${planId}/indicators`;
    const first = await call(a, as.office!, 'GET', url);
    expectOk(first);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    // Nothing changed: B knows these bytes too (a balancer switching instances still saves the body).
    const same = await call(b, as.office!, 'GET', url, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);
    const count = (body: IndicatorList) => body.items.find((i) => i.code === 'maker-spaces')!.current?.value ?? 0;
    await saveMakerSpace(a, '甲实例第三个众创空间');
    const after = await call(b, as.office!, 'GET', url, { headers: { 'if-none-match': etag } });
    expectOk(after);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(count(after.json())).toBe(count(first.json()) + 1);
  });

  it('a bulletin drafted on B is listed on A at once, and the plan list’s ETag moves with it', async () => {
    const url = `/api/plans/${planId}/bulletins`;
    const before = await call(a, as.office!, 'GET', url);
    expectOk(before);
    const draft = await call(b, as.office!, 'POST', url, { json: { roundId: ids.round, asOf: '2025-10-10' } });
    expectOk(draft);
    const after = await call(a, as.office!, 'GET', url, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expectOk(after);
    const listed = after.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(listed.sort()).toEqual(
      [...before.json<{ items: { id: string }[] }>().items.map((i) => i.id), draft.json().id].sort(),
    );
    ids.bulletin = draft.json().id;
  });

  it('a bulletin published on A is listed as published on B, which serves its frozen files byte for byte', async () => {
    const url = `/api/plans/${planId}/bulletins`;
    const listedOnB = async () =>
      (await call(b, as.reporter!, 'GET', url)).json<{ items: { id: string; status: string }[] }>().items;
    // A unit's reporter sees no draft on B (and B has that answer cached) …
    expect((await listedOnB()).map((i) => i.id)).not.toContain(ids.bulletin);
    const draft = await call(a, as.office!, 'GET', `/api/bulletins/${ids.bulletin}`);
    const published = await call(a, as.office!, 'POST', `/api/bulletins/${ids.bulletin}/publish`, {
      json: { version: draft.json().version },
    });
    expectOk(published);
    expect(published.json()).toMatchObject({ status: 'published', issueNumber: 1 });
    // … and sees it published on the next request.
    expect((await listedOnB()).find((i) => i.id === ids.bulletin)).toMatchObject({ status: 'published' });
    const docx = (s: ServerProcess) => call(s, as.reporter!, 'GET', `/api/bulletins/${ids.bulletin}/files/docx`);
    const [onB, onA] = [await docx(b), await docx(a)];
    expectOk(onB);
    expect(onB.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(onB.bytes.equals(onA.bytes)).toBe(true);
  });

  it('signed out on A, the session is refused on B at the next request (and the reverse)', async () => {
    for (const [signInOn, outOn, refusedOn] of [
      [a, a, b],
      [b, b, a],
    ] as const) {
      const session = await signIn(signInOn, users.office!.username, TEST_PASSWORD);
      expectOk(await call(refusedOn, session, 'GET', '/api/auth/me'));
      expect((await call(outOn, session, 'POST', '/api/auth/logout')).status).toBe(204);
      // The page's own check says "signed out", and any API call is refused.
      expect((await call(refusedOn, session, 'GET', '/api/auth/me')).json().user).toBeNull();
      const refused = await call(refusedOn, session, 'GET', '/api/units');
      expect(refused.status).toBe(401);
      expect(refused.json().error.message).toBe('请先登录');
    }
  });

  it('a role revoked on A is refused on B at the next request', async () => {
    const demoted = await signIn(b, users.demoted!.username, TEST_PASSWORD);
    const open = () =>
      call(b, demoted, 'POST', '/api/rounds', { json: { planId, periodId: '2025Q4', cutoffDate: '2025-12-25' } });
    // B has served this user as office (its actor cache holds the role) …
    expectOk(await call(b, demoted, 'GET', `/api/rounds?planId=${planId}`));
    const revoke = await call(a, as.admin!, 'PATCH', `/api/users/${users.demoted!.id}`, {
      json: { roles: ['leader'] },
    });
    expectOk(revoke);
    // … and refuses the office's step on the very next request.
    const refused = await open();
    expect(refused.status).toBe(403);
    expect(
      await own.db.selectFrom('reporting_rounds').select('id').where('period_id', '=', '2025Q4').execute(),
    ).toEqual([]);
    // Still signed in, now as a leader: B reads what a leader may read.
    expect((await call(b, demoted, 'GET', '/api/auth/me')).json().user.roles).toEqual(['leader']);
  });
});

const isFile = (dir: string) => (p: string | Buffer) => fs.statSync(`${dir}/${String(p)}`).isFile();
