import http from 'node:http';
import type SQLite from 'better-sqlite3';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, FastifyServerFactory } from 'fastify';
import { sqliteEpochNow } from '../db/sqlite-epoch.ts';
import { endOfLocalDayUtc, localDateOf } from '../time.ts';
import type { RequestCounter } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Replays of repeated reads (SQLite), see {@link AnswerMemo}. */
    answerMemo: AnswerMemo;
  }
  interface FastifyContextConfig {
    /**
     * The answer is a function of the database, the request (URL and headers) and the local date
     * alone: a repeat of the same request may be replayed while none of them changed
     * (http/answer-memo.ts). Not for answers that depend on the time of day or on anything outside
     * the database (a deadline passing, a file on disk).
     */
    memo?: boolean;
  }
}

/** What a replay needs, besides the request: the answer as sent, and the proof that it still holds. */
interface Entry {
  /** The SQLite epoch read before the request read anything: equal now means no row changed since. */
  epoch: string;
  /** When the answer may stop being true without a write: the session's next touch or expiry, the local day's end. */
  until: number;
  /** Whose answer it is: the rate limit counts a replay against this user. */
  actorId: string;
  status: number;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
}

/** Bounds of the memory: the oldest answers go first. */
const MAX_ENTRIES = 2_000;
const MAX_BYTES = 64 * 1024 * 1024;

/** The logger levels at which Fastify logs each request (at info), so a replay is logged too. */
const LOGGED_LEVELS = new Set(['trace', 'debug', 'info']);

/** Where a request's own facts ride on the raw request between the hooks (and from the replay to the full path). */
const EPOCH = Symbol('answerMemo.epoch');
const PAYLOAD = Symbol('answerMemo.payload');
const COUNTED = Symbol('answerMemo.counted');

type RawRequest = http.IncomingMessage & {
  [EPOCH]?: string;
  [PAYLOAD]?: string;
  [COUNTED]?: { who: string; hits: number };
};

/**
 * Repeated reads answered before routing, on a SQLite database: a GET of a `memo` route, with the
 * same URL and every header the same (the session cookie, If-None-Match…), is answered with the
 * bytes and headers the full path sent last time, while the database's epoch (db/sqlite-epoch.ts)
 * is the one read before that answer was made and its time bound has not passed. Any write — this
 * process's, another connection's or another process's, a session revoked, a role granted, a value
 * accepted — moves the epoch, so the very next request takes the full path: zero lag, no expiry by
 * time for the data. The time bound covers what changes without a write: the session's touch (due
 * a minute after it was last seen: a replay would otherwise keep it from being recorded), its idle
 * and absolute expiry, and the local date the answers are evaluated at.
 *
 * What the full path spends on such a request (routing, the hooks, the session's records, the
 * route's cache key, serialization, the headers) is what kept the small cockpit answers at 0.4–0.5
 * of a bare Fastify's rate (docs/BENCHMARKS.md). A replay still counts against the rate limit
 * (the user's "api" bucket, as the full path would), gets its own request id and is logged.
 *
 * PostgreSQL has no such epoch — another instance's commit shows only in a query — so there every
 * request takes the full path.
 */
export class AnswerMemo {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private open = true;
  private log: FastifyBaseLogger | undefined;
  private counter: RequestCounter | undefined;
  /** Replays made, for tests and the bench. */
  replays = 0;

  constructor(
    private readonly sqlite: SQLite.Database | undefined,
    private readonly timeZone: string,
    private readonly requestIdOf: (req: http.IncomingMessage) => string,
  ) {}

  /** The HTTP server Fastify listens with: replays first, everything else to Fastify's handler. */
  readonly serverFactory: FastifyServerFactory = (handler, opts) => {
    const server = http.createServer((req, res) => {
      if (req.method !== 'GET' || this.entries.size === 0 || !this.replay(req, res, handler)) handler(req, res);
    });
    // What Fastify sets on the server it makes itself (fastify/lib/server.js).
    server.keepAliveTimeout = opts.keepAliveTimeout as number;
    server.requestTimeout = opts.requestTimeout as number;
    server.setTimeout(opts.connectionTimeout as number);
    if ((opts.maxRequestsPerSocket as number) > 0) server.maxRequestsPerSocket = opts.maxRequestsPerSocket as number;
    return server;
  };

  /**
   * The hooks that record answers: the epoch before anything is read (register before the auth
   * hook), the payload as it leaves, the entry once it was sent.
   */
  register(app: FastifyInstance): void {
    const sqlite = this.sqlite;
    app.decorate('answerMemo', this as AnswerMemo);
    if (!sqlite) return;
    this.log = app.log;
    app.addHook('onRequest', (request, _reply, done) => {
      // Inside another request's transaction the connection shows its uncommitted rows: not kept.
      if (request.method === 'GET' && request.routeOptions.config.memo && !sqlite.inTransaction)
        (request.raw as RawRequest)[EPOCH] = sqliteEpochNow(sqlite);
      done();
    });
    app.addHook('onSend', (request, _reply, payload, done) => {
      const raw = request.raw as RawRequest;
      if (raw[EPOCH] !== undefined && (typeof payload === 'string' || payload == null)) raw[PAYLOAD] = payload ?? '';
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      const raw = request.raw as RawRequest;
      const session = request.session;
      if (
        raw[EPOCH] !== undefined &&
        raw[PAYLOAD] !== undefined &&
        session &&
        (reply.statusCode === 200 || reply.statusCode === 304) &&
        !reply.hasHeader('set-cookie')
      )
        this.keep(request, {
          epoch: raw[EPOCH],
          until: Math.min(session.quietUntil, this.endOfDay()),
          actorId: session.actor.id,
          status: reply.statusCode,
          headers: withoutRequestId(reply.getHeaders() as Entry['headers']),
          body: Buffer.from(raw[PAYLOAD]),
        });
      done();
    });
    // While closing, every request goes to Fastify, which answers 503.
    app.addHook('preClose', (done) => {
      this.open = false;
      this.entries.clear();
      done();
    });
  }

  /** The rate limit's counter (none when the limits are off): a replay counts as the request it answers. */
  countReplaysWith(counter: RequestCounter | undefined): void {
    this.counter = counter;
  }

  private keep(request: FastifyRequest, entry: Entry): void {
    const key = keyOf(request.raw);
    this.drop(key);
    while (this.entries.size >= MAX_ENTRIES || (this.bytes + entry.body.length > MAX_BYTES && this.entries.size > 0))
      this.drop(this.entries.keys().next().value!);
    if (entry.body.length > MAX_BYTES) return;
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }

  /** Replays the answer kept for this request if it still holds; false when the full path must answer. */
  private replay(
    req: RawRequest,
    res: http.ServerResponse,
    handler: (req: RawRequest, res: http.ServerResponse) => void,
  ) {
    if (!this.open || !this.sqlite || this.sqlite.inTransaction) return false;
    // A GET that carries a body is the full path's to judge (its body checks), never replayed.
    if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return false;
    const key = keyOf(req);
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (Date.now() >= entry.until || entry.epoch !== sqliteEpochNow(this.sqlite)) {
      this.drop(key);
      return false;
    }
    const send = () => {
      const started = performance.now();
      const id = this.requestIdOf(req);
      res.writeHead(entry.status, { ...entry.headers, 'x-request-id': id });
      res.end(entry.body);
      this.replays++;
      if (this.log && LOGGED_LEVELS.has(this.log.level))
        this.log.info(
          {
            reqId: id,
            req: { method: req.method, url: req.url },
            res: { statusCode: entry.status },
            responseTime: performance.now() - started,
            replayed: true,
          },
          'request completed',
        );
    };
    const counter = this.counter;
    if (!counter) {
      send();
      return true;
    }
    const who = `u:${entry.actorId}`;
    counter('api', who).then(
      (count) => {
        if (count.hits <= count.limit) return send();
        // Over the limit: the full path refuses it with its 429, counting this request once.
        req[COUNTED] = { who: `api:${who}`, hits: count.hits };
        handler(req, res);
      },
      () => handler(req, res),
    );
    return true;
  }

  private endOfDay(): number {
    return Date.parse(endOfLocalDayUtc(localDateOf(new Date().toISOString(), this.timeZone), this.timeZone));
  }
}

/** This request's count in `bucketAndWho` ("api:u:…"), when a replay counted it before handing it to the full path. */
export function countedByReplay(request: FastifyRequest, bucketAndWho: string): number | undefined {
  const counted = (request.raw as RawRequest)[COUNTED];
  return counted?.who === bucketAndWho ? counted.hits : undefined;
}

/** The request as the answer depends on it: the URL and every header as sent but the request id. */
function keyOf(req: http.IncomingMessage): string {
  const raw = req.rawHeaders;
  let key = req.url ?? '';
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.length !== 12 || raw[i]!.toLowerCase() !== 'x-request-id') key += `\n${raw[i]}:${raw[i + 1]}`;
  return key;
}

function withoutRequestId(headers: Entry['headers']): Entry['headers'] {
  const { 'x-request-id': _id, ...rest } = headers;
  return rest;
}
