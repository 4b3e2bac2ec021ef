// `npm run bench -- importer [--copies 15] [--runs 7]`: time to import a ~200-page plan (Jurong's
// body 15 times over, areas and tasks numbered on: shared/src/importer/bench-fixture.ts) as text and
// as a .docx, against baselines measured in the same run on the same document: a plain pass that
// splits the text into lines and runs two regular expressions over each (what any reader of the
// text must at least do), JSON.parse of a JSON document of the same size, and for the .docx the
// unzip of its document.xml alone. Also the upload route end to end, in-process on a temporary
// SQLite database (read, propose, store the draft, answer with the proposal and the text).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { buildBenchPlan, pageCount } from '../../shared/src/importer/bench-fixture.ts';
import { importPlanDocx, importPlanText } from '../../shared/src/importer/import-plan.ts';
import { markdownToDocx } from '../../shared/test-fixtures/importer/docx-builder.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const COPIES = Number(arg('copies') ?? 15);
const RUNS = Number(arg('runs') ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x * 10) / 10;

/** Median wall time of `runs` calls after two warm-up calls (the JIT settles). */
async function timeIt(fn: () => unknown, runs = RUNS): Promise<number> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** The least a reader of the text does: split into lines, find numbered headings and figures with units. */
function plainPass(text: string): number {
  let hits = 0;
  for (const line of text.split('\n')) {
    if (/^[#*\s]*(?:\d+[.、]|[（(][一二三四五六七八九十]+[)）])/.test(line)) hits++;
    for (const _ of line.matchAll(/\d+(?:\.\d+)?\s*(?:家|个|项|%|亿元|万元|万平方米|人)/g)) hits++;
  }
  return hits;
}

/** The upload route end to end, in-process, on a fresh SQLite database. */
async function routeTimes(text: string, docx: Uint8Array): Promise<{ text: number; docx: number }> {
  const { createTestApp } = await import('../../server/src/test/test-app.ts');
  const { createUser } = await import('../../server/src/test/factories.ts');
  const { fileUpload } = await import('../../server/src/modules/importer/plan-import-kit.ts');
  const t = await createTestApp('sqlite');
  try {
    const u = await createUser(t.db, { roles: ['office'] });
    const office = await t.login(u.username, u.password);
    const post = async (opts: object) => {
      const res = await office.request({ method: 'POST', url: '/api/plan-imports', ...opts });
      if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    return {
      text: await timeIt(() => post({ payload: { text, fileName: 'bench.md' } }), 5),
      docx: await timeIt(() => post(fileUpload('bench.docx', docx, 'application/octet-stream')), 5),
    };
  } finally {
    await t.close();
  }
}

const source = fs.readFileSync(path.join(ROOT, 'shared/packs/jurong-2022-79.source.md'), 'utf8');
const text = buildBenchPlan(source, COPIES);
const docx = markdownToDocx(text, { pageBreakEvery: 40 });
// Distinct strings: V8 parses a string it has just parsed again far faster, which would flatter the baseline.
const jsons = Array.from({ length: RUNS + 2 }, (_, i) => JSON.stringify({ copy: i, lines: text.split('\n') }));
const proposal = importPlanText(text);
const fromDocx = await importPlanDocx(docx);

const baseline = await timeIt(() => plainPass(text));
let next = 0;
const jsonParse = await timeIt(() => JSON.parse(jsons[next++ % jsons.length]!));
const unzip = await timeIt(() => unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' }));
const asText = await timeIt(() => importPlanText(text));
const asDocx = await timeIt(() => importPlanDocx(docx));
const route = await routeTimes(text, docx);

const rows: [string, number, number][] = [
  ['plain pass (split by line + 2 regexes)', baseline, baseline],
  ['JSON.parse of an equal-size document', jsonParse, baseline],
  ['unzip document.xml of the .docx', unzip, baseline],
  ['importPlanText (Markdown)', asText, baseline],
  ['importPlanDocx (.docx)', asDocx, baseline],
  ['POST /api/plan-imports JSON {text} (SQLite)', route.text, baseline],
  ['POST /api/plan-imports .docx upload (SQLite)', route.docx, baseline],
];
console.log(
  `document: ${pageCount(text)} pages (GB/T 9704: 22×28 characters), ${text.length.toLocaleString()} characters, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB UTF-8; .docx ${(docx.length / 1024).toFixed(0)} KB`,
);
console.log(
  `proposal: ${proposal.tasks.length} tasks, ${proposal.indicators.length} indicators, ${proposal.areas.length} areas, ${proposal.warnings.length} warnings; from .docx: ${fromDocx.tasks.length} tasks, ${fromDocx.indicators.length} indicators`,
);
console.log(`median of ${RUNS} runs after 2 warm-ups (route: 5); ratio = time / plain pass`);
for (const [name, t, base] of rows)
  console.log(`${name.padEnd(48)} ${String(ms(t)).padStart(8)} ms  ×${(t / base).toFixed(1)}`);
console.log(
  `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; node ${process.version}; load ${(
    await import('node:os')
  )
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
