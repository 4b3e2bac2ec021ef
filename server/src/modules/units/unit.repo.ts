import type { Db } from '../../db/connection.ts';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { UnitKind } from '@innocity/shared/plan-pack';

export interface UnitRecord {
  id: string;
  code: string;
  name: string;
  fullName: string | null;
  aliases: string[];
  kind: UnitKind;
  parentId: string | null;
  sortOrder: number;
}

export async function listUnits(db: Db): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    fullName: r.full_name,
    aliases: JSON.parse(r.aliases) as string[],
    kind: r.kind as UnitKind,
    parentId: r.parent_id,
    sortOrder: r.sort_order,
  }));
}

export async function insertUnit(db: Db, u: UnitRecord, now: string): Promise<void> {
  await db
    .insertInto('units')
    .values({
      id: u.id,
      code: u.code,
      name: u.name,
      full_name: u.fullName,
      aliases: JSON.stringify(u.aliases),
      kind: u.kind,
      parent_id: u.parentId,
      sort_order: u.sortOrder,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Builds the nested tree from the flat list, children in sort order. */
export function toTree(units: UnitRecord[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) nodes.set(u.id, { id: u.id, code: u.code, name: u.name, fullName: u.fullName, kind: u.kind, children: [] });
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
