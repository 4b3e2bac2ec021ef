import { describe, expect, it } from 'vitest';
import { etagOf, matchesEtag, VersionedCache } from './response-cache.ts';

describe('versioned cache', () => {
  it('computes a key once, even for callers arriving while it is computed', async () => {
    const cache = new VersionedCache<number>(4);
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 5));
      return 42;
    };
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)])).toEqual([
      42, 42, 42,
    ]);
    expect(runs).toBe(1);
  });

  it('keeps the most recently used keys within its bound, and forgets a failed computation', async () => {
    const cache = new VersionedCache<string>(2);
    await cache.get('a', async () => 'A');
    await cache.get('b', async () => 'B');
    await cache.get('a', async () => 'never');
    await cache.get('c', async () => 'C'); // evicts b, the least recently used
    expect(cache.size).toBe(2);
    expect(await cache.get('b', async () => 'B2')).toBe('B2');
    expect(await cache.get('c', async () => 'never')).toBe('C');
    await expect(cache.get('x', () => Promise.reject(new Error('失败')))).rejects.toThrow('失败');
    expect(await cache.get('x', async () => 'X')).toBe('X');
  });
});

describe('ETag matching', () => {
  const tag = etagOf('list|plan|2026-12-04|3.1|L|');
  it('matches the tag, weak or in a list, and * ; not another version', () => {
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(`W/${tag}`, tag)).toBe(true);
    expect(matchesEtag(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag(undefined, tag)).toBe(false);
    expect(matchesEtag(etagOf('list|plan|2026-12-04|4.1|L|'), tag)).toBe(false);
  });

  it('names a key by the same tag every time, also after thousands of other keys were named', () => {
    const others = Array.from({ length: 10_000 }, (_, i) => etagOf(`list|plan|2026-12-04|${i}.1|L|`));
    expect(new Set(others).size).toBe(others.length);
    expect(etagOf('list|plan|2026-12-04|3.1|L|')).toBe(tag);
    expect(etagOf('list|plan|2026-12-04|17.1|L|')).toBe(others[17]);
  });
});
