import { REGION_LEVEL_LABELS, type Region } from '@innocity/shared/api/regions';

export interface RegionOption {
  value: string;
  title: string;
  children: RegionOption[];
}

/** The region table as a tree for TreeSelect / Tree, each name followed by its level (省, 设区市 …). */
export function regionOptions(regions: Region[], parentId: string | null = null): RegionOption[] {
  const ids = new Set(regions.map((r) => r.id));
  return regions
    .filter((r) => (parentId === null ? r.parentId === null || !ids.has(r.parentId) : r.parentId === parentId))
    .map((r) => ({
      value: r.id,
      title: `${r.name}（${REGION_LEVEL_LABELS[r.level]}）`,
      children: regionOptions(regions, r.id),
    }));
}
