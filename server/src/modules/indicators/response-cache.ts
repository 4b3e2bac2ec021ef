import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A bounded map of computed answers, most recently used last. Keys carry the data version, so
 * nothing is ever invalidated or expired: a write makes a new key, and old keys age out. A
 * pending computation is shared, so fifty readers arriving after a write evaluate the plan once.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Forgets `key`: for an answer that knows the instant it stops being true (see reporting's timeliness). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** The cached value of `key`, or the computed one (kept unless the computation fails). */
  async get(key: string, compute: () => Promise<V>): Promise<V> {
    let hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    hit = compute();
    this.entries.set(key, hit);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    try {
      return await hit;
    } catch (err) {
      if (this.entries.get(key) === hit) this.entries.delete(key);
      throw err;
    }
  }
}

/** A serialized answer and the validator a browser sends back to ask whether it changed. */
export interface CachedBody {
  etag: string;
  body: string;
}

/** ETags of recent keys: a cached answer's key repeats on every request, its hash need not be taken again. */
const etags = new Map<string, string>();
const ETAGS_MAX = 4096;

/** An ETag naming the key (plan, date, data version, what the caller may see): equal keys give equal bytes. */
export function etagOf(key: string): string {
  let etag = etags.get(key);
  if (etag === undefined) {
    etag = `"${createHash('sha1').update(key).digest('base64url').slice(0, 22)}"`;
    // Keys carry the data version, so old ones stop repeating; clearing now and then bounds the map.
    if (etags.size >= ETAGS_MAX) etags.clear();
    etags.set(key, etag);
  }
  return etag;
}

/** Whether an If-None-Match header names this ETag (a list, or weak forms, as browsers and proxies send). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Sends a versioned answer: its ETag, `no-cache` so the browser asks each time, and 304 when the
 * browser holds these bytes already (the caller's right was checked before the answer was made).
 */
export async function sendVersioned(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: { etag: string; body: () => Promise<string> },
) {
  reply.header('etag', answer.etag).header('cache-control', 'private, no-cache');
  if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(await answer.body());
}

/**
 * A cached JSON answer under `key` (which names everything the bytes depend on): the ETag now,
 * the bytes made — and checked against the response schema inside `make` — once per key.
 */
export function cachedAnswer(
  cache: VersionedCache<string>,
  key: string,
  make: () => Promise<string>,
): { etag: string; body: () => Promise<string> } {
  return { etag: etagOf(key), body: () => cache.get(key, make) };
}

/** An answer made for one request and kept nowhere (e.g. for a plan that does not exist): its ETag names its bytes. */
export function uncachedAnswer(kind: string, body: string): { etag: string; body: () => Promise<string> } {
  return { etag: etagOf(`${kind}|none|${body}`), body: async () => body };
}

/** A stable text of a parsed query (keys sorted, absent fields left out) for a cache key. */
export const queryKey = (q: object): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  );
