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
  disabled: boolean;
  /** The county whose tree the unit belongs to (null: not filed under a region). */
  regionId?: string | null;
}

type Row = {
  id: string;
  code: string;
  name: string;
  full_name: string | null;
  aliases: string;
  kind: string;
  parent_id: string | null;
  sort_order: number;
  disabled: number;
  region_id: string | null;
};

const toRecord = (r: Row): UnitRecord => ({
  id: r.id,
  code: r.code,
  name: r.name,
  fullName: r.full_name,
  aliases: JSON.parse(r.aliases) as string[],
  kind: r.kind as UnitKind,
  parentId: r.parent_id,
  sortOrder: r.sort_order,
  disabled: r.disabled === 1,
  regionId: r.region_id,
});

/** Every unit, in tree order among siblings. */
export async function listUnits(db: Db): Promise<UnitRecord[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('name').execute();
  return rows.map(toRecord);
}

export async function findUnit(db: Db, id: string): Promise<UnitRecord | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The units among the ids; missing ids are simply absent. */
export async function findUnits(db: Db, ids: string[]): Promise<UnitRecord[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('units').selectAll().where('id', 'in', ids).execute()).map(toRecord);
}

/** Another unit with the same code or name, if any. */
export async function findClash(
  db: Db,
  code: string,
  name: string,
  exceptId?: string,
  regionId: string | null = null,
): Promise<UnitRecord | undefined> {
  // Codes are unique across the deployment (a column constraint); names only within a county,
  // since every county has its 科技局.
  let q = db
    .selectFrom('units')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('code', '=', code),
        eb.and([eb('name', '=', name), eb('region_id', regionId === null ? 'is' : '=', regionId)]),
      ]),
    );
  if (exceptId) q = q.where('id', '!=', exceptId);
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The largest sort order among a parent's children (or roots), -1 when there are none. */
export async function maxSortOrder(db: Db, parentId: string | null): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max<number | null>('sort_order').as('m'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? -1 : Number(row.m);
}

export async function insertUnit(
  db: Db,
  u: Omit<UnitRecord, 'disabled'> & { disabled?: boolean },
  now: string,
): Promise<void> {
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
      disabled: u.disabled ? 1 : 0,
      region_id: u.regionId ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Writes every field of the unit as given. */
export async function updateUnit(db: Db, u: UnitRecord, now: string): Promise<void> {
  await db
    .updateTable('units')
    .set({
      code: u.code,
      name: u.name,
      full_name: u.fullName,
      aliases: JSON.stringify(u.aliases),
      kind: u.kind,
      parent_id: u.parentId,
      sort_order: u.sortOrder,
      disabled: u.disabled ? 1 : 0,
      ...(u.regionId !== undefined && { region_id: u.regionId }),
      updated_at: now,
    })
    .where('id', '=', u.id)
    .execute();
}

/** Builds the nested tree from the flat list, children in sort order. */
export function toTree(units: UnitRecord[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) nodes.set(u.id, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const u of units) {
    const node = nodes.get(u.id)!;
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}
