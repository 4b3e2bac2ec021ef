import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Security headers by kind of answer: a page (or file) the browser renders, or a JSON answer it only reads. */
export interface SecurityHeaderSets {
  page: Record<string, string>;
  api: Record<string, string>;
}

/**
 * Security headers on every answer, with the request id, in one hook that runs as the answer
 * leaves. A JSON answer (or an empty one: a 304, a 204) gets the set OWASP's REST Security cheat
 * sheet asks of API responses (`apiHeaders`); everything else — the web app's pages, files,
 * downloads, the API docs — gets helmet's full set. A header the route set itself is left as it
 * is. Both sets depend only on the options, so helmet runs once, against a stand-in response that
 * records what it sets: running helmet's middleware per request was 6–9 % of the CPU of a cached
 * cockpit answer, and the dozen page headers on each small JSON answer about as much again.
 * Directives must therefore be static: a per-request value (a nonce function) is refused at start.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): SecurityHeaderSets {
  const page = helmetHeaders(options);
  const sets = { page, api: apiHeaders(page) };
  const pageEntries = Object.entries(sets.page);
  const apiEntries = Object.entries(sets.api);
  app.addHook('onSend', (request, reply, _payload, done) => {
    for (const [name, value] of isJsonAnswer(reply.getHeader('content-type')) ? apiEntries : pageEntries)
      if (!reply.hasHeader(name)) reply.header(name, value);
    reply.header('x-request-id', request.id);
    done();
  });
  return sets;
}

/** JSON, or no body type at all (304, 204): what a browser never renders as a document. */
export function isJsonAnswer(contentType: unknown): boolean {
  if (contentType === undefined) return true;
  if (typeof contentType !== 'string') return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The API set (OWASP REST Security cheat sheet, "Security headers"): not stored by default
 * (`no-store`, unless the route chose its own caching, as the ETag answers do), never sniffed
 * into another type, never framed, no content of its own allowed to load, HSTS when the
 * deployment is on HTTPS. Cross-Origin-Resource-Policy stays: it keeps another site from pulling
 * a signed-in answer into its own process with a no-cors request.
 */
export function apiHeaders(page: Record<string, string>): Record<string, string> {
  const api: Record<string, string> = {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  };
  const hsts = page['strict-transport-security'];
  if (hsts) api['strict-transport-security'] = hsts;
  return api;
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
