import type { Region } from '@innocity/shared/api/regions';

// Pure tree arithmetic over the (small) region table: no I/O.

/** The ids of the roots and everything below them. */
export function subtreeIds(regions: readonly Region[], rootIds: readonly string[]): string[] {
  const children = new Map<string | null, string[]>();
  for (const r of regions) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r.id]);
  const out = new Set<string>();
  const stack = rootIds.filter((id) => regions.some((r) => r.id === id));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** True when `candidate` is `id` itself or one of its ancestors' descendants would loop: moving id under it is refused. */
export function isInSubtree(regions: readonly Region[], rootId: string, candidate: string): boolean {
  return subtreeIds(regions, [rootId]).includes(candidate);
}

/** The names from the top of the tree down to the region, e.g. 江苏省 / 镇江市 / 句容市. */
export function regionPath(regions: readonly Region[], id: string): Region[] {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const path: Region[] = [];
  for (let r = byId.get(id); r && !path.includes(r); r = r.parentId ? byId.get(r.parentId) : undefined) path.unshift(r);
  return path;
}

/** Levels from the top for a path of n names: the last is the county; a first of two or more is the province. */
export function levelsForPath(n: number): Region['level'][] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? 'county' : i === 0 ? 'province' : 'city'));
}
