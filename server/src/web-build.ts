import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What `npm start` decides before the server starts: whether the web app must be rebuilt. A digest
 * of the sources the bundle is made from is kept beside the bundle; when it matches, the build (a
 * minute and a hundred lines of output) is skipped.
 */

/** The files and folders the web bundle is built from, relative to the repository root. */
export const WEB_SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'web/tsconfig.json',
  'shared/src',
  'shared/packs',
  'package-lock.json',
];
export const STAMP_FILE = '.source-digest';

function listFiles(abs: string): string[] {
  const info = fs.statSync(abs, { throwIfNoEntry: false });
  if (!info) return [];
  if (info.isFile()) return [abs];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => listFiles(path.join(abs, e.name)));
}

/** A digest of the sources' paths and contents (not their times: a fresh checkout changes every time). */
export function sourcesDigest(root: string, sources: string[] = WEB_SOURCES): string {
  const hash = createHash('sha256');
  const files = sources.flatMap((s) => listFiles(path.join(root, s))).sort();
  for (const f of files) {
    hash.update(`${path.relative(root, f)}\0`);
    hash.update(fs.readFileSync(f));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when there is no bundle, or it was built from other sources than those present now. */
export function needsBuild(root: string, dist: string, sources: string[] = WEB_SOURCES): boolean {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return true;
  const stampFile = path.join(dist, STAMP_FILE);
  if (!fs.existsSync(stampFile)) return true;
  return fs.readFileSync(stampFile, 'utf8').trim() !== sourcesDigest(root, sources);
}

/** Records, after a successful build, which sources the bundle was made from. */
export function markBuilt(root: string, dist: string, sources: string[] = WEB_SOURCES): void {
  fs.writeFileSync(path.join(dist, STAMP_FILE), `${sourcesDigest(root, sources)}\n`);
}
