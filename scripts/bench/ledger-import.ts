// `npm run bench -- ledger-import [--rows 100000] [--dialect sqlite|postgres]`: ledger import rows/s for a 100,000-row
// 孵化载体 workbook against the time exceljs's streaming reader alone needs to read the same file
// (the ratio is the figure), peak RSS of each (the import's includes its reader thread), a
// re-import that changes nothing, and list/stat queries over the imported ledger. Each measurement
// runs in its own process so peaks do not mix; the load average before and after is printed, and
// each import's ratio is taken against the mean of the reads just before and just after it.
// SQLite always; PostgreSQL too when TEST_PG_URL names a server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Db } from '../../server/src/db/connection.ts';
import type { Actor } from '../../server/src/modules/users/user.repo.ts';

const SELF = fileURLToPath(import.meta.url);
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(arg('rows') ?? 100_000);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
/** CPU time of this process (all its threads) since `from`: less bent by a loaded machine than wall time. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return Math.round((u.user + u.system) / 1000);
};

const HEADER = [
  '载体名称',
  '载体类型',
  '级别',
  '是否专业孵化器',
  '运营主体',
  '孵化面积（万平方米）',
  '在孵企业数（家）',
  '所在走廊',
  '所在镇（街道、园区）',
  '认定日期',
  '撤销（摘牌）日期',
  '备注',
];
const TOWNS = [
  '华阳街道',
  '黄梅街道',
  '崇明街道',
  '下蜀镇',
  '白兔镇',
  '边城镇',
  '宝华镇',
  '郭庄镇',
  '后白镇',
  '茅山镇',
  '天王镇',
];

/** A workbook as Excel saves one (shared strings, styles), written by the streaming writer. */
async function makeWorkbook(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('孵化载体');
  ws.addRow(HEADER).commit();
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < rows; i += 1) {
    ws.addRow([
      `句容孵化载体${String(i).padStart(6, '0')}`,
      ['孵化器', '加速器', '众创空间'][i % 3],
      ['国家级', '省级', '市级'][i % 3],
      i % 4 === 0 ? '是' : '否',
      `句容运营公司${i % 500}`,
      Math.round(((i % 1000) / 100 + 0.5) * 100) / 100,
      i % 60,
      ['G312', 'S122', '其他'][i % 3],
      TOWNS[i % TOWNS.length],
      new Date(start + (i % 3000) * 86_400_000),
      i % 10 === 0 ? new Date(start + ((i % 3000) + 1500) * 86_400_000) : null,
      i % 7 === 0 ? '示例备注' : null,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** exceljs alone: the same streaming reader and options as the import, touching every cell. */
async function phaseRead(file: string) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let rows = 0;
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows += 1;
      cells += (row.values as unknown[]).filter((v) => v !== undefined).length;
    }
    break;
  }
  return { ms: Math.round(performance.now() - t0), cpuMs: cpuMs(cpu0), rows, cells, peakRssMb: peakMb() };
}

/** Runs a query twice: the first run after a bulk import may set PostgreSQL's hint bits; the figure is the second. */
async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; firstMs: number; value: T }> {
  const run = async () => {
    const t0 = performance.now();
    const value = await fn();
    return { ms: Math.round((performance.now() - t0) * 10) / 10, value };
  };
  const first = await run();
  const second = await run();
  return { ...second, firstMs: first.ms };
}

/** One import, timed once (a second run would be a re-import). */
async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - t0), value };
}

/** List and statistic queries over the imported ledger: [first run after the import, repeat] in ms. */
async function measureQueries(db: Db, office: Actor, planId: string): Promise<Record<string, [number, number]>> {
  const { listLedgerRows } = await import('../../server/src/modules/ledgers/ledger-row.service.ts');
  const { countValidRows, sumField } = await import('../../server/src/modules/ledgers/ledger-stats.service.ts');
  const base = {
    unitId: undefined,
    validOn: undefined,
    q: undefined,
    filter: undefined,
    after: undefined,
    pageSize: 50,
  };
  const list = (more: object) => listLedgerRows(db, office, planId, 'incubators', { ...base, page: 1, ...more });
  const page1 = await time(() => list({}));
  const deepOffset = await time(() => list({ page: 1500 }));
  const keyset = await time(() => list({ after: page1.value.nextCursor ?? undefined }));
  const filtered = await time(() => list({ filter: { level: '国家级' }, validOn: '2024-06-30' }));
  const search = await time(() => list({ q: '句容孵化载体0999' }));
  const today = new Date().toISOString().slice(0, 10);
  const count = await time(() => countValidRows(db, planId, 'incubators', today, { kind: '孵化器' }));
  const sum = await time(() => sumField(db, planId, 'incubators', 'area', today));
  return {
    'list page 1 (with total)': [page1.firstMs, page1.ms],
    'list page 1500 by offset': [deepOffset.firstMs, deepOffset.ms],
    'list next page by cursor': [keyset.firstMs, keyset.ms],
    'list filter level+validOn': [filtered.firstMs, filtered.ms],
    'list search q': [search.firstMs, search.ms],
    [`countValidRows (${count.value.value} rows)`]: [count.firstMs, count.ms],
    [`sumField area (${sum.value.rowIds.length} rows)`]: [sum.firstMs, sum.ms],
  };
}

/**
 * CPU time (ms) of the PostgreSQL server processes serving database `name`, read from /proc: the
 * import's inserts run there, outside this process's CPU figure. Null when the server is not on
 * this machine (no process names the database).
 */
function serverCpuMs(name: string): number | null {
  let ticks = 0;
  let found = false;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name)) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    } catch {
      // The process ended meanwhile.
    }
  }
  return found ? ticks * (1000 / 100) : null;
}

/** The import through the service, as the route calls it, then a re-import and queries over the result. */
async function phaseImport(file: string, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const { loadConfig } = await import('../../server/src/config.ts');
  const { bootstrap } = await import('../../server/src/bootstrap.ts');
  const { createTestDatabase } = await import('../../server/src/test/databases.ts');
  const { actorWith, at, jurongPlanId, unitId } = await import('../../server/src/modules/ledgers/ledger-test-kit.ts');
  const { importLedgerRows } = await import('../../server/src/modules/ledgers/ledger-import.service.ts');
  const testDb = await createTestDatabase(dialect);
  const env = { LOG_LEVEL: 'silent', INNOCITY_ADMIN_PASSWORD: 'Bench-Pass-2025' };
  const { database } = await bootstrap({ ...loadConfig(env), database: testDb.config });
  const db = database.db;
  try {
    const [planId, office] = [await jurongPlanId(db), await actorWith(db, ['office'])];
    const args = { planId, typeCode: 'incubators', unitId: await unitId(db, '市科技局'), file, fileName: 'bench.xlsx' };
    const rssBefore = process.memoryUsage().rss;
    const dbName = testDb.config.dialect === 'postgres' ? new URL(testDb.config.url).pathname.slice(1) : null;
    const server0 = dbName ? serverCpuMs(dbName) : null;
    const cpu0 = process.cpuUsage();
    const first = await timeOnce(() => importLedgerRows(db, office, args, at(new Date().toISOString(), office)));
    const importCpuMs = cpuMs(cpu0);
    const server1 = dbName ? serverCpuMs(dbName) : null;
    const peakRssMb = peakMb();
    const again = await timeOnce(() => importLedgerRows(db, office, args, at(new Date().toISOString(), office)));
    const perSecond = (r: { ms: number; value: { total: number } }) => Math.round(r.value.total / (r.ms / 1000));
    const result = {
      dialect,
      import: {
        ...first.value,
        ms: first.ms,
        cpuMs: importCpuMs,
        // USER_HZ is 100 on Linux: /proc counts CPU in ticks of 10 ms.
        serverCpuMs: server0 !== null && server1 !== null ? server1 - server0 : null,
        rowsPerSecond: perSecond(first),
        rssBeforeMb: mb(rssBefore),
        peakRssMb,
      },
      reimport: { ...again.value, ms: again.ms, rowsPerSecond: perSecond(again) },
      queriesMs: await measureQueries(db, office, planId),
    };
    // Printed before cleanup: dropping a PostgreSQL database may end this process's idle connections noisily.
    console.log(JSON.stringify(result));
  } finally {
    await database.close();
    await testDb.drop();
  }
}

type Read = { ms: number; cpuMs: number; peakRssMb: number };

function runPhase(args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, ...args], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 1 << 24,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`阶段 ${args.join(' ')} 没有结果：${run.stderr.slice(-2000)}`);
  return JSON.parse(line) as Record<string, unknown>;
}

async function main() {
  const phase = arg('phase');
  const file = arg('file') ?? path.join(os.tmpdir(), `innocity-bench-ledger-${ROWS}.xlsx`);
  if (phase === 'read') return console.log(JSON.stringify(await phaseRead(file)));
  if (phase === 'import') return phaseImport(file, arg('dialect') as 'sqlite' | 'postgres');
  if (!fs.existsSync(file)) {
    console.error(`生成 ${ROWS} 行的测试工作簿：${file}`);
    await makeWorkbook(file, ROWS);
  }
  console.error(`工作簿 ${mb(fs.statSync(file).size)} MB；exceljs 单独读取…`);
  // The machine is shared: the load around the run says how far its figures can be trusted.
  const loadBefore = os.loadavg().map((l) => Math.round(l * 100) / 100);
  // exceljs alone before and after each import: the machine's load drifts within a run, so each
  // import is set against the mean of the two reads around it rather than one read at the start.
  const readOnce = () => runPhase(['--phase', 'read', '--file', file]) as Read;
  const reads = [readOnce()];
  // `--dialect sqlite|postgres` runs one of them (to iterate faster); both by default.
  const dialects = ['sqlite', ...(process.env.TEST_PG_URL ? ['postgres'] : [])].filter(
    (d) => !arg('dialect') || d === arg('dialect'),
  );
  const results = dialects.map((d) => {
    console.error(`导入（${d}）…`);
    const result = runPhase(['--phase', 'import', '--dialect', d, '--file', file]);
    console.error('exceljs 单独读取…');
    reads.push(readOnce());
    return result;
  });
  const read = reads[0]!;
  console.log(
    JSON.stringify(
      {
        rows: ROWS,
        fileMb: mb(fs.statSync(file).size),
        node: process.version,
        cpus: os.cpus().length,
        loadAverage: { before: loadBefore, after: os.loadavg().map((l) => Math.round(l * 100) / 100) },
        exceljsRead: read,
        exceljsReads: reads.map((r) => ({ ms: r.ms, cpuMs: r.cpuMs })),
        results,
      },
      null,
      2,
    ),
  );
  (results as { dialect: string; import: { ms: number; cpuMs: number; serverCpuMs: number | null } }[]).forEach(
    (r, i) => {
      const [before, after] = [reads[i]!, reads[i + 1]!];
      const readMs = (before.ms + after.ms) / 2;
      const readCpu = (before.cpuMs + after.cpuMs) / 2;
      console.log(
        `${r.dialect}: import ${r.import.ms} ms vs exceljs read ${before.ms}/${after.ms} ms before/after → ratio ` +
          `${(r.import.ms / readMs).toFixed(2)} (CPU of the process ${r.import.cpuMs} vs ${Math.round(readCpu)} ms → ` +
          `${(r.import.cpuMs / readCpu).toFixed(2)}` +
          (r.import.serverCpuMs === null ? ')' : `; PostgreSQL server CPU ${r.import.serverCpuMs} ms)`),
      );
    },
  );
}

await main();
