// `npm run bench -- cockpit [--seconds 5] [--concurrency 10,50]`: requests per second of each request
// the cockpit page makes, signed in as the office on the demo plan (Jurong's pack with its demo
// data), against a bare Fastify serving the very same bytes, same run, same concurrency, the two
// measured alternately. SQLite always; PostgreSQL too when TEST_PG_URL names a server. "repeat
// view" sends the ETag the browser holds (If-None-Match) and gets 304. `--rounds N` (default 3)
// alternates app and bare N times per row and sums them: on a shared machine the load swings
// within seconds, and one measurement each put a swing into the ratio. `--dialect postgres` and
// `--only me,304,简报` (rows whose label contains a word) narrow a run while iterating. Each row also
// prints the CPU time the main thread (the server under test) spent per answer, app and bare: read
// from /proc, it moves little with the machine's load, where requests per second move a lot.
import os from 'node:os';
import Fastify from 'fastify';
import { load, type LoadResult } from './lib/http-load.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? 5);
const CONCURRENCY = (arg('concurrency') ?? '10,50').split(',').map(Number);
const ROUNDS = Number(arg('rounds') ?? 3);
// `--only me,304`: the rows whose label contains one of these words (to iterate on a few quickly).
const ONLY = arg('only')?.split(',');
// `--rate-limits`: every request counted, as in production (the test apps turn counting off), with
// limits so high that none is refused: the counting's own cost and its effect on what is kept.
const RATE_LIMITS = process.argv.includes('--rate-limits');
const COUNT_ONLY = { api: 1e9, signin: 1e9, password: 1e9, upload: 1e9, export: 1e9 };

/** Several alternating measurements as one: answers over the total time, the median p50, the mean CPU per answer. */
function combined(runs: LoadResult[]): LoadResult {
  const p50s = runs.map((r) => r.p50).sort((a, b) => a - b);
  const cpus = runs.map((r) => r.cpuUs);
  return {
    ...runs[0]!,
    rps: runs.reduce((n, r) => n + r.rps, 0) / runs.length,
    failed: runs.reduce((n, r) => n + r.failed, 0),
    p50: p50s[Math.floor(p50s.length / 2)]!,
    cpuUs: cpus.every((c) => c !== undefined) ? cpus.reduce((n, c) => n + c!, 0) / cpus.length : undefined,
  };
}
const us = (r: LoadResult) => (r.cpuUs === undefined ? '—' : r.cpuUs.toFixed(1));

const { createTestApp } = await import('../../server/src/test/test-app.ts');
const { seedDemo } = await import('../../server/src/demo/seed-demo.ts');
const { findUserByUsername, loadActor } = await import('../../server/src/modules/users/user.repo.ts');
const { actorWith, jurongPlanId } = await import('../../server/src/modules/ledgers/ledger-test-kit.ts');

interface Row {
  dialect: string;
  request: string;
  concurrency: number;
  bytes: number;
  app: LoadResult;
  bare: LoadResult;
  ratio: number;
}

/** A bare Fastify answering every GET with these bytes and content type: the static ceiling. */
async function bareServer(body: string, contentType: string) {
  const bare = Fastify({ logger: false });
  bare.get('/*', async (_req, reply) => reply.type(contentType).send(body));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const address = bare.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/x`, close: () => bare.close() };
}

async function benchDialect(dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  const t = await createTestApp(dialect, RATE_LIMITS ? { config: { rateLimits: COUNT_ONLY } } : undefined);
  const rows: Row[] = [];
  try {
    const planId = await jurongPlanId(t.db);
    const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
    const t0 = performance.now();
    await seedDemo({ db: t.db, planId, admin, timeZone: 'Asia/Shanghai', seed: 20221222, log: () => undefined });
    console.error(`[${dialect}] 示例数据 ${Math.round(performance.now() - t0)} ms`);
    const office = await actorWith(t.db, ['office']);
    const client = await t.login(office.username, office.password);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const q = `planId=${encodeURIComponent(planId)}`;
    const requests: [string, string, boolean?][] = [
      // Not a cockpit request: the floor every signed-in request pays (session, user, roles, units, headers).
      ['（下限）登录态 GET /api/auth/me', '/api/auth/me'],
      ['方案 GET /api/plans/:id', `/api/plans/${planId}`],
      ['指标 GET /api/plans/:id/indicators', `/api/plans/${planId}/indicators`],
      ['指标（重复查看，304）', `/api/plans/${planId}/indicators`, true],
      ['工作事项 GET /api/work-items', `/api/work-items?${q}`],
      ['报送及时性 GET /api/timeliness', `/api/timeliness?${q}`],
      ['简报 GET /api/plans/:id/bulletins', `/api/plans/${planId}/bulletins`],
      ['考核发布 GET …/assessment/publications', `/api/plans/${planId}/assessment/publications`],
    ];
    for (const [label, url, repeat] of requests) {
      if (ONLY && !ONLY.some((w) => label.includes(w))) continue;
      const first = await client.request({ method: 'GET', url });
      if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode} ${first.body}`);
      const headers: Record<string, string> = { cookie: client.cookie };
      if (repeat) headers['if-none-match'] = String(first.headers.etag);
      const bare = await bareServer(repeat ? '' : first.body, String(first.headers['content-type']));
      try {
        for (const concurrency of CONCURRENCY) {
          // Warm both (caches, JIT), then alternate app and bare so both meet the same load.
          await load(base + url, { concurrency, seconds: 1, headers });
          await load(bare.url, { concurrency, seconds: 1 });
          const apps: LoadResult[] = [];
          const bares: LoadResult[] = [];
          const replaysBefore = t.app.answerMemo.replays;
          for (let round = 0; round < ROUNDS; round++) {
            apps.push(await load(base + url, { concurrency, seconds: SECONDS, headers }));
            bares.push(await load(bare.url, { concurrency, seconds: SECONDS }));
          }
          const app = combined(apps);
          const ceiling = combined(bares);
          const row = {
            dialect,
            request: label,
            concurrency,
            bytes: Buffer.byteLength(first.body),
            app,
            bare: ceiling,
            ratio: Math.round((app.rps / ceiling.rps) * 1000) / 1000,
          };
          rows.push(row);
          console.error(
            `[${dialect}] ${label} c=${concurrency}: ${Math.round(app.rps)} 次/秒（p50 ${app.p50.toFixed(1)} ms，失败 ${app.failed}，主线程 CPU ${us(app)} µs/次）` +
              ` 对照 ${Math.round(ceiling.rps)} 次/秒（${us(ceiling)} µs/次）；比值 ${row.ratio}；` +
              `路由前重放 ${Math.round((100 * (t.app.answerMemo.replays - replaysBefore)) / (app.rps * SECONDS * ROUNDS))}%`,
          );
        }
      } finally {
        await bare.close();
      }
    }
  } finally {
    await t.close();
  }
  return rows;
}

const pgUrl =
  process.env.TEST_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
if (pgUrl) process.env.TEST_PG_URL = pgUrl;
const only = arg('dialect');
const dialects = (['sqlite', ...(pgUrl ? ['postgres' as const] : [])] as const).filter((d) => !only || d === only);
const all: Row[] = [];
for (const d of dialects) all.push(...(await benchDialect(d)));

console.log(
  `\n驾驶舱请求基准（办公室账号，示例方案；每项 ${ROUNDS} 轮 × ${SECONDS} 秒，与对照交替；Node ${process.version}，${os.cpus().length} 核，结束时负载 ${os.loadavg()[0]!.toFixed(1)}）`,
);
console.log('对照 = 裸 Fastify 返回同样字节；比值 = 本系统 ÷ 对照（目标 ≥ 0.5）\n');
console.log('CPU µs/次 = 主线程（被测服务器所在）每次应答用的 CPU 时间，受机器负载影响小（仅 Linux）\n');
console.log(
  '| 数据库 | 请求 | 并发 | 字节 | 本系统 次/秒 | p50 ms | 本系统 CPU µs/次 | 对照 次/秒 | 对照 CPU µs/次 | 比值 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of all)
  console.log(
    `| ${r.dialect} | ${r.request} | ${r.concurrency} | ${r.bytes} | ${Math.round(r.app.rps)} | ${r.app.p50.toFixed(1)} | ${us(r.app)} | ${Math.round(r.bare.rps)} | ${us(r.bare)} | **${r.ratio}** |`,
  );
