// `npm run bench -- bundle [--detail]`: builds the web app with a manifest and prints the gzip size
// of the JavaScript each route needs before it can render (entry + the route's chunk + their static
// imports), against the 400 KB goal (issue 17) and the whole application's JavaScript measured in the
// same build. Chunks loaded by a dynamic import (ECharts, pickers, drawers, lazily shown tables) are
// not counted: the page renders without them. --detail lists each route's chunks, largest first,
// with the modules that weigh most in each: the visualizer for finding what to load later.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

const GOAL_KB = 400;
const detail = process.argv.includes('--detail');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-bundle-'));

// What each output chunk is made of (module id → rendered bytes), from Rollup's own bundle.
const modulesOf = new Map<string, [string, number][]>();
const stats: Plugin = {
  name: 'innocity-bundle-stats',
  generateBundle(_options, bundle) {
    for (const [file, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const mods = Object.entries(chunk.modules).map(([id, m]): [string, number] => [id, m.renderedLength]);
      modulesOf.set(
        file,
        mods.sort((a, b) => b[1] - a[1]),
      );
    }
  },
};
await build({
  root: path.join(root, 'web'),
  configFile: path.join(root, 'web/vite.config.ts'),
  logLevel: 'error',
  plugins: [stats],
  build: { outDir: out, emptyOutDir: true, manifest: true },
});

const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Manifest;
const gzipped = new Map<string, number>();
const gzip = (file: string) => {
  if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(path.join(out, file))).length);
  return gzipped.get(file)!;
};
const keyOf = (suffix: string) => Object.keys(manifest).find((k) => k.endsWith(suffix));

function closure(key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const i of manifest[key]?.imports ?? []) closure(i, seen);
  return seen;
}

const size = (keys: Set<string>) => [...keys].reduce((n, k) => n + gzip(manifest[k]!.file), 0);
const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
const layout = keyOf('components/AppLayout.tsx')!;
const pages: [string, string][] = [
  ['登录页 /login', 'features/auth/LoginPage.tsx'],
  ['驾驶舱 /plans/:id/cockpit', 'features/cockpit/CockpitPage.tsx'],
  ['指标详情 /plans/:id/indicators/:id', 'features/indicators/IndicatorPage.tsx'],
  ['建设方案 /plans/:id', 'features/plans/PlanPage.tsx'],
  ['台账 /plans/:id/ledgers/:type', 'features/ledgers/LedgerPage.tsx'],
  ['我的填报 /reporting', 'features/reporting/MyDutiesPage.tsx'],
];
const all = fs
  .readdirSync(path.join(out, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .reduce((n, f) => n + gzip(`assets/${f}`), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
// Module ids as a reader knows them: "antd/es/table/…", "web/src/…".
const short = (id: string) => id.replace(/^.*node_modules\//, '').replace(`${root}/`, '');

const sets: [string, Set<string>][] = [];
console.log(`| route | initial JS (gzip) | goal ≤ ${GOAL_KB} KB | share of the whole app |\n|---|---|---|---|`);
for (const [name, suffix] of pages) {
  const key = keyOf(suffix);
  if (!key) continue;
  const keys = closure(key, closure(entry));
  if (!suffix.includes('LoginPage')) closure(layout, keys);
  sets.push([name, keys]);
  const bytes = size(keys);
  const goal =
    bytes <= GOAL_KB * 1024 ? `met (${kb(GOAL_KB * 1024 - bytes)} under)` : `**over by ${kb(bytes - GOAL_KB * 1024)}**`;
  console.log(`| ${name} | ${kb(bytes)} | ${goal} | ${((bytes / all) * 100).toFixed(0)}% |`);
}
console.log(`| whole application (every chunk) | ${kb(all)} | — | 100% |`);

if (detail) {
  for (const [name, keys] of sets) {
    console.log(`\n${name}`);
    const files = [...keys].map((k) => manifest[k]!.file).sort((a, b) => gzip(b) - gzip(a));
    for (const file of files) {
      const heaviest = (modulesOf.get(file) ?? [])
        .slice(0, 4)
        .map(([id, n]) => `${short(id)} ${(n / 1024).toFixed(0)}K`);
      console.log(`  ${kb(gzip(file)).padStart(9)}  ${file}  ${heaviest.join(', ')}`);
    }
  }
}
fs.rmSync(out, { recursive: true, force: true });
