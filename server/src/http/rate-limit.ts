import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimits } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { AppError } from './errors.ts';
import * as repo from './rate-limit.repo.ts';
import { countedByReplay } from './answer-memo.ts';

export type Bucket = keyof RateLimits;

const WINDOW_MS = 60_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Downloads that render or stream whole files: exports, templates, bulletin files, evidence.
const EXPORT_ROUTE = /\/(export|template)(\.xlsx)?(\/|$)|\/files\/|^\/api\/attachments\/:attachmentId$/;

/**
 * The bucket a request counts against, from the matched route (not the raw URL): the stricter
 * buckets cover what is expensive or guessable, everything else counts against "api".
 */
export function bucketOf(method: string, route: string, contentType: string | undefined): Bucket {
  if (method === 'POST' && route === '/api/auth/login') return 'signin';
  if (route === '/api/auth/password') return 'password';
  if (!SAFE_METHODS.has(method) && contentType?.toLowerCase().startsWith('multipart/')) return 'upload';
  if (method === 'GET' && EXPORT_ROUTE.test(route)) return 'export';
  return 'api';
}

const BUCKET_NAMES: Record<Bucket, string> = {
  api: '请求',
  signin: '登录尝试',
  password: '修改密码',
  upload: '上传文件',
  export: '导出和下载',
};

/** Counts one request of `who` against `bucket` in the current window: its number in the window and the bucket's limit (Infinity, uncounted, when that bucket is off). */
export type RequestCounter = (bucket: Bucket, who: string) => Promise<{ hits: number; limit: number }>;

/**
 * Counts each API request per signed-in user, or per address before sign-in, in fixed one-minute
 * windows, against a count in the database that every instance shares (taken in blocks:
 * `requestNumbers`); past the bucket's limit the request gets 429 with Retry-After and a Chinese
 * message. Registered after the auth hook, which sets the session.
 * Returns the counter (undefined when every limit is off) for the requests answered before routing
 * (http/answer-memo.ts), which count the same way.
 */
export function registerRateLimit(app: FastifyInstance, db: Db, limits: RateLimits): RequestCounter | undefined {
  if (Object.values(limits).every((n) => n === 0)) return undefined;
  const numbers = requestNumbers(db);
  const count: RequestCounter = async (bucket, who) => {
    const limit = limits[bucket];
    if (limit === 0) return { hits: 0, limit: Infinity };
    return { hits: await numbers(`${bucket}:${who}`, limit), limit };
  };
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/')) return;
    const bucket = bucketOf(request.method, route, request.headers['content-type']);
    const limit = limits[bucket];
    if (limit === 0) return;
    const who = bucket !== 'signin' && request.session ? `u:${request.session.actor.id}` : `ip:${request.ip}`;
    const hits = countedByReplay(request, `${bucket}:${who}`) ?? (await count(bucket, who)).hits;
    if (hits > limit) {
      const now = Date.now();
      const seconds = Math.max(1, Math.ceil((Math.floor(now / WINDOW_MS) * WINDOW_MS + WINDOW_MS - now) / 1000));
      reply.header('retry-after', String(seconds));
      throw new AppError(
        429,
        'rate_limited',
        `${BUCKET_NAMES[bucket]}过于频繁（每分钟最多 ${limit} 次），请在 ${seconds} 秒后再试`,
        { bucket, retryAfterSeconds: seconds },
      );
    }
  });
  return count;
}

/** The most request numbers one lease takes at once, and the share of the limit it may hold. */
const MAX_LEASE = 64;
const LEASE_SHARE = 50;
/** Past this many keys in a window the leases are dropped (their numbers stay counted, unused). */
const MAX_LEASED_KEYS = 100_000;

/** The request numbers of one key in the current window that this process holds: `next` to `last`. */
interface Lease {
  next: number;
  last: number;
  size: number;
  taking?: Promise<void>;
}

/**
 * Gives each request its number in its key's window: the n-th request of the window, counted
 * across every process on the database, gets a number no smaller than n, and no two requests get
 * the same one, so the requests numbered up to the limit are never more than the limit.
 *
 * A process takes numbers from the shared counter in blocks (one upsert adds the block's size and
 * returns its last number) and hands them out from memory. A key's first block in a window is one
 * number, each next one twice the last, up to a fiftieth of the limit and at most 64: a person
 * making a few requests a minute writes about as often as before, a busy client once per block
 * instead of once per request. Numbers a process took but did not hand out stay counted, so
 * another process's requests are never let through beyond the limit; they can only be refused
 * early, by fewer than a fiftieth of the limit per other process (with one process, only if more
 * than 100,000 keys are counted in one minute and the leases are dropped). Once a key's numbers
 * pass the limit, its further requests in the window are refused without a write: the shared count
 * is past the limit already, for every process.
 */
function requestNumbers(db: Db): (key: string, limit: number) => Promise<number> {
  let window = 0;
  let leases = new Map<string, Lease>();
  let sinceCleanup = 0;
  return async (key, limit) => {
    for (;;) {
      const start = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
      if (start !== window || leases.size > MAX_LEASED_KEYS) {
        window = start;
        leases = new Map();
      }
      let lease = leases.get(key);
      if (!lease) leases.set(key, (lease = { next: 1, last: 0, size: 0 }));
      if (lease.next <= lease.last || lease.last >= limit) return lease.next++;
      if (!lease.taking) {
        if (++sinceCleanup >= 1000) {
          sinceCleanup = 0;
          await repo.dropBefore(db, new Date(start - WINDOW_MS).toISOString());
          continue;
        }
        const held = lease;
        const size = Math.max(1, Math.min(held.size * 2, MAX_LEASE, Math.floor(limit / LEASE_SHARE)));
        held.taking = repo
          .hit(db, key, new Date(start).toISOString(), size)
          .then((last) => {
            held.next = last - size + 1;
            held.last = last;
            held.size = size;
          })
          .finally(() => {
            held.taking = undefined;
          });
      }
      await lease.taking;
    }
  };
}
