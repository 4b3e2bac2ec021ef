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

/** Counts one request of `who` against `bucket` in the current window: the count so far and the bucket's limit (Infinity, uncounted, when that bucket is off). */
export type RequestCounter = (bucket: Bucket, who: string) => Promise<{ hits: number; limit: number }>;

/**
 * Counts each API request in the database (shared by every instance) per signed-in user, or per
 * address before sign-in, in fixed one-minute windows; past the bucket's limit the request gets
 * 429 with Retry-After and a Chinese message. Registered after the auth hook, which sets the session.
 * Returns the counter (undefined when every limit is off) for the requests answered before routing
 * (http/answer-memo.ts), which count the same way.
 */
export function registerRateLimit(app: FastifyInstance, db: Db, limits: RateLimits): RequestCounter | undefined {
  if (Object.values(limits).every((n) => n === 0)) return undefined;
  let sinceCleanup = 0;
  const count: RequestCounter = async (bucket, who) => {
    const limit = limits[bucket];
    if (limit === 0) return { hits: 0, limit: Infinity };
    const start = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
    const hits = await repo.hit(db, `${bucket}:${who}`, new Date(start).toISOString());
    if (++sinceCleanup >= 1000) {
      sinceCleanup = 0;
      await repo.dropBefore(db, new Date(start - WINDOW_MS).toISOString());
    }
    return { hits, limit };
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
