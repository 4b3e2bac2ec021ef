import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markBuilt, needsBuild } from './web-build.ts';

// `npm start` rebuilds the web app only when what it is built from has changed.
describe('building the web app only when its sources changed', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-webbuild-'));
  const dist = path.join(root, 'dist');
  const sources = ['src', 'index.html'];
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  fs.mkdirSync(path.join(root, 'src/pages'), { recursive: true });
  fs.writeFileSync(path.join(root, 'src/pages/a.tsx'), 'export const a = 1;');
  fs.writeFileSync(path.join(root, 'index.html'), '<html></html>');

  it('builds when there is no bundle yet', () => {
    expect(needsBuild(root, dist, sources)).toBe(true);
  });

  it('skips the build once the bundle was made from the same sources, even after their times change', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'index.html'), 'built');
    // A bundle without a record of its sources (built by hand) is rebuilt once.
    expect(needsBuild(root, dist, sources)).toBe(true);
    markBuilt(root, dist, sources);
    expect(needsBuild(root, dist, sources)).toBe(false);
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'src/pages/a.tsx'), later, later);
    expect(needsBuild(root, dist, sources)).toBe(false);
  });

  it('builds again when a source is edited, added or removed', () => {
    fs.writeFileSync(path.join(root, 'src/pages/a.tsx'), 'export const a = 2;');
    expect(needsBuild(root, dist, sources)).toBe(true);
    markBuilt(root, dist, sources);
    fs.writeFileSync(path.join(root, 'src/pages/b.tsx'), '');
    expect(needsBuild(root, dist, sources)).toBe(true);
    markBuilt(root, dist, sources);
    fs.rmSync(path.join(root, 'src/pages/b.tsx'));
    expect(needsBuild(root, dist, sources)).toBe(true);
  });
});
