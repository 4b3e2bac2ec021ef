import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { helmetHeaders } from './security-headers.ts';

/** The headers the browser enforces, on every kind of answer (built once, sent each time). */
describe('security headers', () => {
  let plain: TestApp;
  let secure: TestApp;
  beforeAll(async () => {
    plain = await createTestApp('sqlite');
    secure = await createTestApp('sqlite', { config: { secureCookies: true } });
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
  });

  it('are on an API answer, a refused request and an unknown URL alike, every time', async () => {
    for (const url of ['/api/health', '/api/plans', '/api/nothing-here', '/api/health']) {
      const res = await plain.app.inject({ method: 'GET', url });
      const csp = res.headers['content-security-policy'];
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
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

  it('behind HTTPS (secure cookies) add HSTS and upgrade insecure requests', async () => {
    const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
