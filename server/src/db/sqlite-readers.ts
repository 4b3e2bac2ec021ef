import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Read-only SQLite connections in worker threads, for the one query that is too heavy for Node's
 * single thread: the province view's grouped ledger query over 100 counties (1.6 s on one core,
 * docs/BENCHMARKS.md). Each worker opens the same file read-only (WAL: readers run in parallel
 * with each other and with the writer) with the main connection's better-sqlite3 binding.
 *
 * A job is a list of statements run in ONE read transaction, so a part's figures and the data
 * versions read beside them come from the same snapshot. A worker that fails or exits rejects its
 * jobs (the view fails as any failed query does); it is replaced on the next job.
 */
export interface ReadJob {
  statements: { sql: string; parameters: readonly unknown[] }[];
}

type Pending = { resolve: (rows: Record<string, unknown>[][]) => void; reject: (err: Error) => void };

/**
 * The readers read the database file through a memory map of up to this size, not through read()
 * calls into SQLite's small page cache (2 MB): the grouped query's half for 50 of the bench's
 * 100 counties took 847–959 ms of CPU with it against 919–1,535 ms without (alternated, one
 * connection), a scan of the whole 416 MB file 0.91–1.04 s against 1.59–1.66 s
 * (docs/BENCHMARKS.md). Address space, not memory: the pages are the OS's file cache, shared.
 */
export const READER_MMAP_BYTES = 256 * 1024 * 1024;

// Plain JavaScript, evaluated in the worker: it needs no TypeScript loader (tsx, vitest).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.module);
const db = new SQLite(workerData.file, { readonly: true, fileMustExist: true,
  ...(workerData.binding ? { nativeBinding: workerData.binding } : {}) });
db.pragma('busy_timeout = 5000');
db.pragma('mmap_size = ${READER_MMAP_BYTES}');
parentPort.on('message', ({ id, statements, exit }) => {
  if (exit) process.exit(exit);
  try {
    db.exec('BEGIN');
    try {
      const results = statements.map((s) => db.prepare(s.sql).all(...s.parameters));
      parentPort.postMessage({ id, results });
    } finally {
      db.exec('COMMIT');
    }
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

/** Workers on this machine: no more than the cores, and 2 at most (the measured case). */
export const SQLITE_READERS = Math.max(1, Math.min(2, os.availableParallelism()));

class Reader {
  private worker: Worker | undefined;
  private pending = new Map<number, Pending>();
  private next = 0;

  constructor(private readonly file: string) {}

  private start(): Worker {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        binding: process.env.INNOCITY_SQLITE_BINDING,
      },
    });
    const failAll = (err: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('message', (m: { id: number; results?: Record<string, unknown>[][]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`SQLite 读取线程：${m.error}`));
      else p.resolve(m.results!);
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => failAll(new Error(`SQLite 读取线程已退出（${code}）`)));
    // An idle worker does not keep the process alive; a job in flight does (see run).
    w.unref();
    return w;
  }

  run(job: ReadJob): Promise<Record<string, unknown>[][]> {
    const w = (this.worker ??= this.start());
    const id = (this.next += 1);
    w.ref();
    return new Promise<Record<string, unknown>[][]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, statements: job.statements });
    }).finally(() => {
      if (this.pending.size === 0) w.unref();
    });
  }

  /** Test hook: the worker exits before its next job, as a crash would (messages are taken in order). */
  crash(): void {
    this.worker?.postMessage({ exit: 3 });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/** A bounded set of readers on one database file; jobs go to them in turn. */
export class SqliteReaders {
  private readonly readers: Reader[];
  private turn = 0;
  closed = false;

  constructor(
    file: string,
    readonly size = SQLITE_READERS,
  ) {
    this.readers = Array.from({ length: size }, () => new Reader(file));
  }

  run(job: ReadJob): Promise<Record<string, unknown>[][]> {
    if (this.closed) return Promise.reject(new Error('SQLite 读取线程已关闭'));
    const r = this.readers[this.turn % this.readers.length]!;
    this.turn += 1;
    return r.run(job);
  }

  /** Test hook: the reader whose turn is next exits before its next job. */
  crash(): void {
    this.readers[this.turn % this.readers.length]!.crash();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.readers.map((r) => r.close()));
  }
}
