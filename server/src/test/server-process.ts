import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CSRF_HEADER } from '@innocity/shared/api/auth';
import { ROOT_DIR } from '../config.ts';

/**
 * A real server process, started as `npm start` starts it (Node with tsx, server/src/main.ts), on
 * its own port and data folder; everything it writes is kept for the failure messages.
 */
export interface ServerProcess {
  name: string;
  base: string;
  child: ChildProcess;
  dataDir: string;
  /** stdout and stderr as written so far. */
  output(): string;
  /** Resolves once the process printed its start line and its health check answers. */
  ready: Promise<void>;
  /** SIGTERM, then the exit code (SIGKILL after 15 s: the code is then null). */
  stop(): Promise<number | null>;
}

/** A port free now (the kernel picks it; closed again before the server binds it). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export function startServer(name: string, port: number, env: Record<string, string>): ServerProcess {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `innocity-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/src/main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      // Under scripts/node24.sh the child is that Node too, and needs its better-sqlite3 build.
      ...(process.env.INNOCITY_SQLITE_BINDING && { INNOCITY_SQLITE_BINDING: process.env.INNOCITY_SQLITE_BINDING }),
      HOST: '127.0.0.1',
      PORT: String(port),
      INNOCITY_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    cwd: ROOT_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      settled = true;
      clearTimeout(timer);
      reject(new Error(message));
    };
    const timer = setTimeout(() => fail(`${name} did not start in 45 s:\n${out}`), 45_000);
    void exited.then((code) => fail(`${name} exited with ${code} before it was ready:\n${out}`));
    const poll = async () => {
      if (settled) return;
      if (out.includes('InnoCity 已启动')) {
        const health = await fetch(`${base}/api/health`).catch(() => null);
        if (health?.ok) {
          settled = true;
          clearTimeout(timer);
          resolve();
          return;
        }
      }
      setTimeout(() => void poll(), 100);
    };
    void poll();
  });
  ready.catch(() => {}); // awaited by the test; not an unhandled rejection meanwhile
  return {
    name,
    base,
    child,
    dataDir,
    output: () => out,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
}

/** The process and all its descendants now alive (ps), to check none outlives the test. */
export function processTree(pid: number): number[] {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [p, pp] of rows) if (pp === tree[i]) tree.push(p);
  return tree.filter((p) => rows.some(([q]) => q === p));
}

/**
 * Which of the pids still run. A zombie (exited, not yet reaped: tsx's esbuild helpers end up as
 * such under a container's init) is not running and holds nothing.
 */
export function running(pids: number[]): number[] {
  if (pids.length === 0) return [];
  let rows: string;
  try {
    rows = execFileSync('ps', ['-o', 'pid=,stat=', '-p', pids.join(',')], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when none of them exists
  }
  return rows
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, stat]) => stat && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

/** A browser's sign-in as it travels between instances: the session cookie and the CSRF token. */
export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One HTTP request to an instance, with the session (if any), JSON or form body. */
export async function call(
  server: { base: string },
  session: Session | null,
  method: string,
  url: string,
  opts: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (session) Object.assign(headers, { cookie: session.cookie, [CSRF_HEADER]: session.csrfToken });
  let body: string | FormData | undefined;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.form) body = opts.form;
  const res = await fetch(`${server.base}${url}`, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    text,
    json: () => JSON.parse(text),
  };
}

/** Signs in on an instance and returns the session a browser would then hold. */
export async function signIn(server: { base: string }, username: string, password: string): Promise<Session> {
  const res = await fetch(`${server.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const sid = res.headers.getSetCookie().find((c) => c.startsWith('innocity_sid='));
  if (!sid) throw new Error('no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: sid.split(';')[0]!, csrfToken };
}
