import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';

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
    }
  });

  it('behind HTTPS (secure cookies) add HSTS and upgrade insecure requests', async () => {
    const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});
