// `npm run bench -- bundle`: builds the web app with a manifest and prints the gzip size of the
// JavaScript each route needs before it can render (entry + the route's chunk + their static
// imports), against the whole application's JavaScript measured in the same build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-bundle-'));
execFileSync('npx', ['vite', 'build', '--manifest', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
  cwd: path.join(root, 'web'),
  stdio: 'inherit',
});
const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Manifest;
const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(out, file))).length;
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
console.log('| route | initial JS (gzip) | share of the whole app |\n|---|---|---|');
for (const [name, suffix] of pages) {
  const key = keyOf(suffix);
  if (!key) continue;
  const keys = closure(key, closure(entry));
  if (!suffix.includes('LoginPage')) closure(layout, keys);
  console.log(`| ${name} | ${kb(size(keys))} | ${((size(keys) / all) * 100).toFixed(0)}% |`);
}
console.log(`| whole application (every chunk) | ${kb(all)} | 100% |`);
fs.rmSync(out, { recursive: true, force: true });
