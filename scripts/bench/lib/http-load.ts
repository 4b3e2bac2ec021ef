// A small HTTP load generator for the benches: `concurrency` keep-alive connections, each sending
// the next request as soon as the answer is in, for `seconds`; runs in a worker thread so that it
// does not share the event loop with the server it measures.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

const WORKER = `
const http = require('node:http');
const { workerData, parentPort } = require('node:worker_threads');
const { url, headers, concurrency, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
let done = 0, failed = 0, bytes = 0;
const latencies = [];
const end = Date.now() + seconds * 1000;
function one(resolve) {
  if (Date.now() >= end) return resolve();
  const t0 = performance.now();
  const req = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, headers, agent }, (res) => {
    res.on('data', (c) => { bytes += c.length; });
    res.on('end', () => {
      if (res.statusCode === 200 || res.statusCode === 304) done += 1; else failed += 1;
      latencies.push(performance.now() - t0);
      one(resolve);
    });
  });
  req.on('error', () => { failed += 1; one(resolve); });
  req.end();
}
Promise.all(Array.from({ length: concurrency }, () => new Promise(one))).then(() => {
  latencies.sort((a, b) => a - b);
  parentPort.postMessage({ done, failed, bytes, p50: latencies[Math.floor(latencies.length / 2)] ?? 0 });
  agent.destroy();
});
`;

export interface LoadResult {
  /** Answers (200 or 304) per second. */
  rps: number;
  failed: number;
  p50: number;
  bytes: number;
  /**
   * CPU time the main thread (where the server under test runs; the load is made by a worker) spent
   * per answer, in µs: unlike requests per second, hardly moved by other processes on the machine.
   * Undefined where /proc is not there (Linux only).
   */
  cpuUs: number | undefined;
}

/** CPU time (ms) this process's main thread has used so far, from /proc (utime + stime in 1/100 s). */
function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Loads `url` with `concurrency` connections for `seconds`; requests per second of good answers. */
export function load(
  url: string,
  opts: { concurrency: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const cpu0 = mainThreadCpuMs();
    const w = new Worker(WORKER, {
      eval: true,
      workerData: { url, headers: opts.headers ?? {}, concurrency: opts.concurrency, seconds: opts.seconds },
    });
    w.once('message', (m: { done: number; failed: number; bytes: number; p50: number }) => {
      const cpu1 = mainThreadCpuMs();
      const answers = m.done + m.failed;
      const cpuUs =
        cpu0 !== undefined && cpu1 !== undefined && answers > 0 ? ((cpu1 - cpu0) * 1000) / answers : undefined;
      resolve({ rps: m.done / opts.seconds, failed: m.failed, p50: m.p50, bytes: m.bytes, cpuUs });
    });
    w.once('error', reject);
  });
}
