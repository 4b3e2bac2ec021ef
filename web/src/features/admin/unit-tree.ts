import type { UnitNode } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

/** A node for antd's TreeSelect. */
export interface UnitOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitOption[];
}

/**
 * The unit tree as TreeSelect data, without `exclude` and its subtree. Disabled units stay visible
 * (for the structure) but cannot be chosen unless `allowDisabled` (filters may pick them).
 */
export function unitOptions(nodes: UnitNode[], opts: { exclude?: string; allowDisabled?: boolean } = {}): UnitOption[] {
  return nodes
    .filter((n) => n.id !== opts.exclude)
    .map((n) => ({
      value: n.id,
      title: n.disabled ? `${n.name}（已停用）` : n.name,
      disabled: n.disabled && !opts.allowDisabled,
      children: unitOptions(n.children, opts),
    }));
}

/** Every unit of the tree, depth first. */
export function flattenUnits(nodes: UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flattenUnits(n.children)]);
}

/** The org tree (disabled units included), loaded once per page. */
export function useUnitTree() {
  const loaded = useApi(() => api<{ items: UnitNode[] }>('GET', '/api/units'), []);
  const items = loaded.data?.items ?? [];
  return { ...loaded, items, byId: new Map(flattenUnits(items).map((u) => [u.id, u])) };
}
