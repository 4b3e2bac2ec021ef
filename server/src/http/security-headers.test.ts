import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test/test-app.ts';
import { jurongPlanId } from '../modules/ledgers/ledger-test-kit.ts';
import { apiHeaders, helmetHeaders, isJsonAnswer } from './security-headers.ts';

/** The header names helmet's full set adds that a JSON answer does without. */
const PAGE_ONLY = ['referrer-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control'];

/**
 * The headers the browser enforces, by kind of answer (built once, sent each time): the web app's
 * pages and files get helmet's full set, JSON and empty answers the API set of OWASP's REST cheat sheet.
 */
describe('security headers', () => {
  let plain: TestApp;
  let secure: TestApp;
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>InnoCity</title>');
  fs.writeFileSync(path.join(webDist, 'app.js'), 'console.log(1)');
  beforeAll(async () => {
    plain = await createTestApp('sqlite', { config: { webDist } });
    secure = await createTestApp('sqlite', { config: { secureCookies: true, webDist } });
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('on a JSON answer, a refusal, an unknown API path and a 304: the API set, every time', async () => {
    const admin = await plain.login('admin', TEST_ADMIN_PASSWORD);
    const planUrl = `/api/plans/${await jurongPlanId(plain.db)}`;
    const first = await admin.request({ method: 'GET', url: planUrl });
    const repeat = await plain.app.inject({
      method: 'GET',
      url: planUrl,
      headers: { cookie: admin.cookie, 'if-none-match': String(first.headers.etag) },
    });
    expect(repeat.statusCode).toBe(304);
    const answers = [
      ['health', await plain.app.inject({ method: 'GET', url: '/api/health' })],
      ['401', await plain.app.inject({ method: 'GET', url: '/api/plans' })],
      ['404', await plain.app.inject({ method: 'GET', url: '/api/nothing-here' })],
      ['health again', await plain.app.inject({ method: 'GET', url: '/api/health' })],
      ['plan', first],
      ['304', repeat],
    ] as const;
    for (const [what, res] of answers) {
      expect(res.headers['content-security-policy'], what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
      expect(res.headers['x-frame-options'], what).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy'], what).toBe('same-origin');
      expect(res.headers['strict-transport-security'], what).toBeUndefined();
      expect(res.headers['x-request-id'], what).toBeTruthy();
      expect(res.headers['x-powered-by'], what).toBeUndefined();
      for (const name of PAGE_ONLY) expect(res.headers[name], `${what} ${name}`).toBeUndefined();
    }
    // Not stored by default; a route that chose its own caching (ETag, revalidate) keeps it.
    expect(answers[0][1].headers['cache-control']).toBe('no-store');
    expect(answers[1][1].headers['cache-control']).toBe('no-store');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(repeat.headers['cache-control']).toBe('private, no-cache');
  });

  it('on the web app’s page, its files and the SPA fallback: helmet’s full set', async () => {
    for (const url of ['/', '/app.js', '/plans/some/client/route']) {
      const res = await plain.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      const csp = res.headers['content-security-policy'];
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['x-request-id'], url).toBeTruthy();
    }
  });

  it('tells JSON and empty answers from documents by their content type', () => {
    for (const t of [undefined, 'application/json', 'application/json; charset=utf-8', 'application/problem+json'])
      expect(isJsonAnswer(t), String(t)).toBe(true);
    for (const t of ['text/html; charset=utf-8', 'text/plain', 'image/svg+xml', 'application/pdf', 'text/json', 42])
      expect(isJsonAnswer(t), String(t)).toBe(false);
  });

  it('are the very headers helmet itself sends on a plain Node response', async () => {
    const options = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], objectSrc: ["'none'"] } } };
    const server = http.createServer((req, res) => helmet(options)(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      const fromHelmet = Object.fromEntries(
        [...res.headers].filter(
          ([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k),
        ),
      );
      expect(helmetHeaders(options)).toEqual(fromHelmet);
    } finally {
      server.close();
    }
  });

  it('refuses a directive computed per request (a nonce) instead of freezing its first value', () => {
    expect(() => helmetHeaders({ contentSecurityPolicy: { directives: { scriptSrc: [() => "'nonce-x'"] } } })).toThrow(
      /scriptSrc/,
    );
  });

  it('behind HTTPS (secure cookies) add HSTS to both kinds, and upgrade insecure requests on pages', async () => {
    const api = await secure.app.inject({ method: 'GET', url: '/api/health' });
    const page = await secure.app.inject({ method: 'GET', url: '/' });
    expect(api.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(page.headers['strict-transport-security']).toBe(api.headers['strict-transport-security']);
    expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(apiHeaders({ 'strict-transport-security': 'max-age=1' })['strict-transport-security']).toBe('max-age=1');
  });
});
