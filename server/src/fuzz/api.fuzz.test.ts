import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';

// Malformed input to every route of the OpenAPI document, as admin, office and a unit's reporter:
// nothing may answer 5xx, and a request that is refused (4xx) may not change any row.

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema> };
type Operation = { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };

const NUL = 'a\u0000b';
const HUGE = 'x'.repeat(1024 * 1024 + 10);
const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
const BAD_PARAMS = ['not-a-uuid', '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(2000), '%E4%B8', '-1', '1e309'];
// Wrong types, out-of-range numbers, null bytes and invalid dates, for every field at once.
const WRONG_VALUES: unknown[] = [{ $ne: 1 }, [null], 1e308, -1, true, NUL, '2025-02-30', ''];

/** The malformed requests for one operation: bad path parameters, queries, bodies and content types. */
function variants(method: string, path: string, op: Operation): InjectOptions[] {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const url = (value: string) => path.replace(/\{\w+\}/g, value);
  const out: InjectOptions[] = [];
  const m = method.toUpperCase() as InjectOptions['method'];
  for (const bad of params.length > 0 ? BAD_PARAMS : ['']) out.push({ method: m, url: url(bad) });
  const base = url('00000000-0000-4000-8000-000000000000');
  out.push({ method: m, url: `${base}?asOf=2025-13-45&limit=-5&page=abc&unitId=%00&q=${encodeURIComponent(NUL)}` });
  out.push({ method: m, url: `${base}?limit=1e309&offset[]=1&sort[$gt]=` });
  if (m === 'GET' || m === 'HEAD') return out;
  const props = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  for (const value of WRONG_VALUES)
    out.push({ method: m, url: base, payload: Object.fromEntries(props.map((p) => [p, value])) });
  out.push({ method: m, url: base, payload: deep(2000) as object });
  out.push({ method: m, url: base, payload: Object.fromEntries((props.length ? props : ['x']).map((p) => [p, HUGE])) });
  out.push({ method: m, url: base, payload: '{"broken": ', headers: { 'content-type': 'application/json' } });
  out.push({ method: m, url: base, payload: 'name=x', headers: { 'content-type': 'text/plain' } });
  out.push({
    method: m,
    url: base,
    payload: '--x\r\n\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
  });
  out.push({ method: m, url: base, payload: '[]', headers: { 'content-type': 'application/json' } });
  out.push({ method: m, url: base, payload: 'null', headers: { 'content-type': 'application/json' } });
  return out;
}

/** A digest of every row of every table (sessions' last-seen time aside). */
async function fingerprint(t: TestApp, skip: string[]): Promise<string> {
  const hash = createHash('sha256');
  const tables = (await t.db.introspection.getTables()).map((x) => x.name).filter((n) => !skip.includes(n));
  for (const table of tables.sort()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db);
    hash.update(
      `${table}:${rows
        .map((r) => JSON.stringify({ ...r, last_seen_at: undefined }))
        .sort()
        .join('\n')}\n`,
    );
  }
  return hash.digest('hex');
}

// Refused sign-ins and wrong old passwords are recorded on purpose (throttle and audit).
const RECORDS_REFUSALS: Record<string, string[]> = {
  'POST /api/auth/login': ['audit_logs', 'login_throttles'],
  'POST /api/auth/password': ['audit_logs', 'login_throttles'],
};
// Would end the caller's own session and so the rest of the run.
const SKIPPED = new Set(['POST /api/auth/logout']);

describe.each(TEST_DIALECTS)('malformed input to every route on %s', (dialect) => {
  let t: TestApp;
  const clients: [string, Client][] = [];
  let operations: [string, string, Operation][];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    clients.push(['admin', await t.login('admin', TEST_ADMIN_PASSWORD)]);
    const office = await createUser(t.db, { roles: ['office'] });
    clients.push(['office', await t.login(office.username, office.password)]);
    const reporter = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    clients.push(['reporter', await t.login(reporter.username, reporter.password)]);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => [method, path, op] as [string, string, Operation]),
    );
  });
  afterAll(() => t.close());

  it('answers no 5xx and changes no row when it refuses', { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const [method, path, op] of operations) {
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      if (SKIPPED.has(key)) continue;
      const skip = RECORDS_REFUSALS[key] ?? [];
      // One digest around the whole batch of a route; only when some variant was accepted (and
      // so may rightly have written) is each refused one replayed between two digests.
      const before = await fingerprint(t, skip);
      const refused: [string, Client, InjectOptions][] = [];
      let accepted = false;
      for (const [role, client] of clients) {
        for (const req of variants(method, path, op)) {
          const res = await client.request(req);
          const what = `${role} ${req.method} ${String(req.url).slice(0, 120)} ${JSON.stringify(req.payload ?? '').slice(0, 60)}`;
          if (res.statusCode >= 500) failures.push(`${res.statusCode} ${what}`);
          else if (res.statusCode >= 400) refused.push([what, client, req]);
          else accepted = true;
        }
      }
      if (!accepted) {
        if ((await fingerprint(t, skip)) !== before) failures.push(`rows changed by refused requests to ${key}`);
        continue;
      }
      for (const [what, client, req] of refused) {
        const b = await fingerprint(t, skip);
        const res = await client.request(req);
        if (res.statusCode >= 400 && (await fingerprint(t, skip)) !== b)
          failures.push(`${res.statusCode} but rows changed: ${what}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
