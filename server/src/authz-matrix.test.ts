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
  'provinceViewer',
  'viewerOfOtherCity',
  'anonymous',
];
const WEB_DIST = loadConfig({}).webDist;

/** Every id of Jurong's data among the fixtures (accounts, regions and unconfirmed import drafts belong to no county). */
function jurongIds(f: MatrixFixtures): string[] {
  const { login: _login, userId: _user, region: _region, planImport: _draft, ...jurong } = f;
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

/** What the matrix expects of one caller on one route. */
function expectedFor(entry: RouteCase, caller: CallerName, sample?: Sample, ids: string[] = []): 'allowed' | 401 | 403 {
  if (caller === 'officeOfOtherCounty') {
    const asOffice = expectedFor(entry, 'office');
    if (asOffice !== 'allowed') return asOffice;
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
});
