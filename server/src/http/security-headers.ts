import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers (CSP, frame, HSTS …) on every response. They depend only on the
 * options, so helmet runs once, against a stand-in response that records what it sets, and each
 * request gets the recorded set through Fastify's reply headers. Running helmet's middleware per
 * request (a dozen raw `setHeader` calls, each validated, and a second header store Node merges
 * at `writeHead`) was 6–9 % of the CPU of a cached cockpit answer; @fastify/helmet, before that,
 * also re-parsed the CSP on every request. Directives must therefore be static: a per-request
 * value (a nonce function) is refused at start rather than frozen.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet sets with these options, recorded from one stand-in request. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const directives = typeof options.contentSecurityPolicy === 'object' ? options.contentSecurityPolicy.directives : {};
  for (const [name, value] of Object.entries(directives ?? {})) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'function')) throw new Error(`CSP 指令 ${name} 按请求取值，不能预先计算`);
  }
  const recorded: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => {
      recorded[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete recorded[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet 未同步完成，无法预先计算安全响应头');
  return recorded;
}
