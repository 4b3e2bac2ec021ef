import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { ROLES, type Role } from '@innocity/shared/api/auth';
import { loadConfig } from './config.ts';
import { TEST_DIALECTS } from './test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from './test/test-app.ts';
import { createUser, TEST_PASSWORD } from './test/factories.ts';
import { auditRowsOf } from './test/audit.ts';
import { ledgerMatrixFixtures } from './modules/ledgers/ledger-test-kit.ts';
import { planImportMatrixFixtures } from './modules/importer/plan-import-kit.ts';
import { assessmentMatrixFixtures } from './modules/assessment/assessment-test-kit.ts';
import { reportingMatrixFixtures } from './modules/reporting/reporting-test-kit.ts';
import {
  AUTHZ_MATRIX,
  type CallerName,
  type MatrixFixtures,
  type RouteCase,
  type Sample,
} from './authz-matrix.table.ts';

const CALLERS: CallerName[] = [
  ...ROLES,
  'reporterOfOtherUnit',
  'officeOfOtherCounty',
  'reporterOfOtherCounty',
  'provinceViewer',
  'viewerOfOtherCity',
  'anonymous',
];
const WEB_DIST = loadConfig({}).webDist;

/**
 * Every id among the fixtures that another county may not name: Jurong's data, and the import draft
 * the deployment's admin uploaded (a draft under review belongs to its uploader's region). The
 * accounts and regions are left out: their routes are the admin's, whom the other county never is.
 */
function jurongIds(f: MatrixFixtures): string[] {
  const { login: _login, userId: _user, region: _region, ...jurong } = f;
  const ids: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(v)) ids.push(v);
    else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) Object.values(v).forEach(walk);
  };
  walk(jurong);
  return ids;
}

/** True when the sample request names Jurong's plan, units or rows (in its path, query or body). */
function namesJurong(sample: Sample, ids: string[]): boolean {
  const body =
    sample.payload === undefined
      ? ''
      : Buffer.isBuffer(sample.payload)
        ? sample.payload.toString('latin1')
        : JSON.stringify(sample.payload);
  return ids.some((id) => sample.url.includes(id) || body.includes(id));
}

/** The ids among `ids` of Jurong's plan and of rows tied to it (a plan_id column naming it, or a round's duty, a scheme's adjustment or publication). */
async function planBoundIds(t: TestApp, planId: string, ids: string[]): Promise<string[]> {
  const tables = (await t.db.introspection.getTables()).filter(
    // Text ids only: the audit log's serial id cannot be compared with a uuid on PostgreSQL.
    (x) =>
      x.columns.some((c) => c.name === 'id' && /text|char/i.test(c.dataType)) &&
      x.columns.some((c) => c.name === 'plan_id'),
  );
  const out = [planId];
  for (const id of ids) {
    for (const table of tables) {
      const { rows } =
        await sql`select id from ${sql.table(table.name)} where id = ${id} and plan_id = ${planId}`.execute(t.db);
      if (rows.length > 0) out.push(id);
    }
    const { rows } = await sql`select d.id from round_duties d join reporting_rounds r on r.id = d.round_id
      where d.id = ${id} and r.plan_id = ${planId}
      union all select a.id from assessment_adjustments a join assessment_schemes x on x.id = a.scheme_id
      where a.id = ${id} and x.plan_id = ${planId}
      union all select a.id from assessment_publications a join assessment_schemes x on x.id = a.scheme_id
      where a.id = ${id} and x.plan_id = ${planId}`.execute(t.db);
    if (rows.length > 0) out.push(id);
  }
  return out;
}

/** What the matrix expects of one caller on one route. */
function expectedFor(entry: RouteCase, caller: CallerName, sample?: Sample, ids: string[] = []): 'allowed' | 401 | 403 {
  if (caller === 'officeOfOtherCounty' || caller === 'reporterOfOtherCounty') {
    const asRole = expectedFor(entry, caller === 'officeOfOtherCounty' ? 'office' : 'reporterOfOtherUnit');
    if (asRole !== 'allowed') return asRole;
    return sample && namesJurong(sample, ids) && !entry.crossCounty ? 403 : 'allowed';
  }
  if (caller === 'provinceViewer') return expectedFor(entry, 'province_viewer');
  if (caller === 'viewerOfOtherCity') {
    const asViewer = expectedFor(entry, 'province_viewer');
    if (asViewer !== 'allowed') return asViewer;
    return sample && namesJurong(sample, ids) ? 403 : 'allowed';
  }
  if (entry.access === 'public') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (entry.access === 'signed-in') return 'allowed';
  const role: Role = caller === 'reporterOfOtherUnit' ? 'reporter' : caller;
  if (!entry.access.includes(role)) return 403;
  return caller === 'reporterOfOtherUnit' && entry.unitScoped ? 403 : 'allowed';
}

/** A digest of every row of every table but those skipped (sessions' last-seen time aside), to see whether a call changed anything. */
async function fingerprint(t: TestApp, skip: string[] = []): Promise<string> {
  const hash = createHash('sha256');
  const tables = (await t.db.introspection.getTables())
    .map((x) => x.name)
    .filter((name) => !skip.includes(name))
    .sort();
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db);
    const lines = rows.map((r) => JSON.stringify({ ...r, last_seen_at: undefined })).sort();
    hash.update(`${table}:${lines.join('\n')}\n`);
  }
  return hash.digest('hex');
}

describe.each(TEST_DIALECTS)('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let f: MatrixFixtures;
  const clients = new Map<CallerName, Client>();
  const usernames = new Map<CallerName, string>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const unitId = async (name: string) =>
      (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const scoped = (role: Role) => (role === 'reporter' || role === 'approver' ? ['下蜀镇'] : []);
    for (const role of ROLES) {
      const u =
        role === 'admin' ? { username: 'admin' } : await createUser(t.db, { roles: [role], units: scoped(role) });
      usernames.set(role, u.username);
    }
    usernames.set('reporterOfOtherUnit', (await createUser(t.db, { roles: ['reporter'], units: ['白兔镇'] })).username);
    for (const [name, username] of usernames) clients.set(name, await t.login(username, passwordOf(name)));
    const admin = clients.get('admin')!;
    const cityId = (
      await t.db.selectFrom('regions').select('id').where('name', '=', '镇江市').executeTakeFirstOrThrow()
    ).id;
    const newCounty = async (name: string) =>
      (
        await admin.request({
          method: 'POST',
          url: '/api/regions',
          payload: { name, level: 'county', parentId: cityId },
        })
      ).json().id as string;
    await newCounty('丹阳市');
    const region = { cityId, editableId: await newCounty('矩阵可改县') };
    const otherOffice = await createUser(t.db, { roles: ['office'], region: '丹阳市' });
    usernames.set('officeOfOtherCounty', otherOffice.username);
    clients.set('officeOfOtherCounty', await t.login(otherOffice.username, TEST_PASSWORD));
    // 丹阳市's admin files a unit under its county for the other county's reporter.
    const danyangAdmin = await createUser(t.db, { roles: ['admin'], region: '丹阳市' });
    const town = await (
      await t.login(danyangAdmin.username, TEST_PASSWORD)
    ).request({ method: 'POST', url: '/api/units', payload: { code: 'dy-town', name: '丹阳矩阵镇', kind: 'town' } });
    if (town.statusCode !== 201) throw new Error(`丹阳市 unit: ${town.statusCode} ${town.body}`);
    const otherReporter = await createUser(t.db, { roles: ['reporter'], region: '丹阳市', units: ['丹阳矩阵镇'] });
    usernames.set('reporterOfOtherCounty', otherReporter.username);
    clients.set('reporterOfOtherCounty', await t.login(otherReporter.username, TEST_PASSWORD));
    const provinceId = (
      await t.db.selectFrom('regions').select('parent_id').where('id', '=', cityId).executeTakeFirstOrThrow()
    ).parent_id!;
    await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '常州市', level: 'city', parentId: provinceId },
    });
    const provinceName = (
      await t.db.selectFrom('regions').select('name').where('id', '=', provinceId).executeTakeFirstOrThrow()
    ).name;
    for (const [name, region] of [
      ['provinceViewer', provinceName],
      ['viewerOfOtherCity', '常州市'],
    ] as const) {
      const viewer = await createUser(t.db, { roles: ['province_viewer'], region });
      usernames.set(name, viewer.username);
      clients.set(name, await t.login(viewer.username, TEST_PASSWORD));
    }
    const editable = await admin.request({
      method: 'POST',
      url: '/api/units',
      payload: { code: 'matrix-editable', name: '矩阵可编辑单位', kind: 'other' },
    });
    const login = await createUser(t.db, { roles: ['leader'] });
    const planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    f = {
      unitId: await unitId('下蜀镇'),
      otherUnitId: await unitId('白兔镇'),
      planId: (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id,
      userId: (await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] })).id,
      editableUnitId: editable.json().id,
      login: { username: login.username, password: login.password },
      region,
      ledger: await ledgerMatrixFixtures(t.db, admin),
      planImport: await planImportMatrixFixtures(admin),
      assessment: await assessmentMatrixFixtures(t.db, await unitId('下蜀镇'), planId),
      reporting: await reportingMatrixFixtures(admin, planId, await unitId('下蜀镇')),
    };
  });
  afterAll(() => t.close());

  const passwordOf = (name: CallerName) =>
    name === 'admin' ? TEST_ADMIN_PASSWORD : name === 'anonymous' ? '' : TEST_PASSWORD;

  async function call(entry: RouteCase, method: string, caller: CallerName): Promise<LightMyRequestResponse> {
    const sample = entry.sample(f, { name: caller, password: passwordOf(caller) });
    const opts: InjectOptions = {
      method: method as InjectOptions['method'],
      url: sample.url,
      ...(sample.payload !== undefined && { payload: sample.payload as object }),
      ...(sample.headers && { headers: sample.headers }),
    };
    if (caller === 'anonymous') return t.app.inject(opts);
    const client = entry.freshSession
      ? await t.login(usernames.get(caller)!, passwordOf(caller))
      : clients.get(caller)!;
    return client.request(opts);
  }

  it('has an entry for every route the app serves, and no entry for a route it does not', () => {
    const served = t.routes.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/docs'));
    const outside = served.filter((r) => !r.url.startsWith('/api/') && !fs.existsSync(path.join(WEB_DIST, r.url)));
    expect(
      outside.map((r) => `${r.method} ${r.url}`),
      'routes outside /api/ are not guarded by the auth hook',
    ).toEqual([]);
    const keys = served.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    const missing = keys.filter((k) => !(k in AUTHZ_MATRIX));
    expect(
      missing.map((k) => `route ${k} has no entry in the authorization matrix (server/src/authz-matrix.table.ts)`),
    ).toEqual([]);
    const stale = Object.keys(AUTHZ_MATRIX).filter((k) => !keys.includes(k));
    expect(stale.map((k) => `the authorization matrix has an entry for ${k}, which the app does not serve`)).toEqual(
      [],
    );
  });

  it('offers no route that changes or deletes audit rows', () => {
    const writes = t.routes.filter((r) => r.url.startsWith('/api/audit') && !['GET', 'HEAD'].includes(r.method));
    expect(writes).toEqual([]);
  });

  it.each(Object.entries(AUTHZ_MATRIX))('%s: allows and refuses each caller as the table says', async (key, entry) => {
    const method = key.split(' ')[0]!;
    const ids = jurongIds(f);
    const expected = (c: CallerName) =>
      expectedFor(entry, c, entry.sample(f, { name: c, password: passwordOf(c) }), ids);
    const refused = CALLERS.filter((c) => expected(c) !== 'allowed');
    const before = await fingerprint(t);
    for (const caller of refused) {
      const res = await call(entry, method, caller);
      const status = expected(caller) as number;
      expect(res.statusCode, `${key} as ${caller} must be refused with ${status}: ${res.body.slice(0, 200)}`).toBe(
        status,
      );
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code, `${key} as ${caller}`).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
      expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await fingerprint(t), `a refused call to ${key} changed the database`).toBe(before);
    for (const caller of CALLERS.filter((c) => !refused.includes(c))) {
      const data = method === 'GET' ? '' : await fingerprint(t, ['audit_logs']);
      const res = await call(entry, method, caller);
      const ok = (res.statusCode >= 200 && res.statusCode < 300) || (entry.allowedAlso ?? []).includes(res.statusCode);
      expect(ok, `${key} as ${caller} must be allowed, got ${res.statusCode}: ${res.body.slice(0, 200)}`).toBe(true);
      if (method !== 'GET' && (await fingerprint(t, ['audit_logs'])) !== data) {
        expect(
          (await auditRowsOf(t.db, res)).length,
          `${key} as ${caller} changed data but wrote no audit row`,
        ).toBeGreaterThan(0);
      }
    }
  });

  // Runs after every entry: the last one archived Jurong's plan (already past its target year).
  it('keeps the archived plan read-only: every write naming it answers 409 and changes nothing, every read still answers', async () => {
    const { status } = await t.db
      .selectFrom('plans')
      .select('status')
      .where('id', '=', f.planId)
      .executeTakeFirstOrThrow();
    expect(status).toBe('archived');
    const bound = await planBoundIds(t, f.planId, jurongIds(f));
    const admin = { name: 'admin' as const, password: TEST_ADMIN_PASSWORD };
    const checked: string[] = [];
    for (const [key, entry] of Object.entries(AUTHZ_MATRIX)) {
      const method = key.split(' ')[0]!;
      if (!namesJurong(entry.sample(f, admin), bound) || key.endsWith('/archive')) continue;
      checked.push(key);
      const before = method === 'GET' ? '' : await fingerprint(t);
      const res = await call(entry, method, 'admin');
      if (method === 'GET') {
        // 404: a row an earlier entry deleted (a ledger row, a draft bulletin), not a refusal.
        const ok =
          (res.statusCode >= 200 && res.statusCode < 300) ||
          [...(entry.allowedAlso ?? []), 404].includes(res.statusCode);
        expect(ok, `${key} must still read an archived plan, got ${res.statusCode}: ${res.body.slice(0, 200)}`).toBe(
          true,
        );
        continue;
      }
      expect(res.statusCode, `${key} must refuse a write to an archived plan: ${res.body.slice(0, 200)}`).toBe(409);
      expect(res.json().error.message).toMatch(/方案已归档，只读/);
      expect(await fingerprint(t), `${key} changed the database of an archived plan`).toBe(before);
    }
    for (const url of [`/api/plans/${f.planId}`, `/api/plans/${f.planId}/indicators`, `/api/plans/${f.planId}/ledgers`])
      expect((await call({ access: 'signed-in', sample: () => ({ url }) }, 'GET', 'office')).statusCode, url).toBe(200);
    // Targets, tasks, rounds, submissions, ledgers, bulletins, assessments and settings are all among them.
    for (const route of [
      'PUT /api/plans/:planId/indicators/:indicatorId/target',
      'POST /api/rounds',
      'PUT /api/submissions/:submissionId',
      'POST /api/plans/:planId/ledgers/:typeCode/rows',
      'POST /api/plans/:planId/bulletins',
      'POST /api/plans/:planId/assessment/schemes',
      'PUT /api/plans/:planId/settings',
      'POST /api/work-items',
    ])
      expect(checked, route).toContain(route);
  });
});
