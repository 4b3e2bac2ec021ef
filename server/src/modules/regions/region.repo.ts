import type { Region, RegionLevel } from '@innocity/shared/api/regions';
import type { Db } from '../../db/connection.ts';

type Row = { id: string; name: string; level: string; parent_id: string | null; sort_order: number };
const toRegion = (r: Row): Region => ({
  id: r.id,
  name: r.name,
  level: r.level as RegionLevel,
  parentId: r.parent_id,
  sortOrder: r.sort_order,
});

/** Every region, parents before their order among siblings; the table is small (one row per county). */
export async function listRegions(db: Db): Promise<Region[]> {
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'parent_id', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map(toRegion);
}

export async function findRegion(db: Db, id: string): Promise<Region | undefined> {
  const row = await db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'parent_id', 'sort_order'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRegion(row) : undefined;
}

export async function insertRegion(db: Db, r: Region, now: string): Promise<void> {
  await db
    .insertInto('regions')
    .values({
      id: r.id,
      name: r.name,
      level: r.level,
      parent_id: r.parentId,
      sort_order: r.sortOrder,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function updateRegionRow(db: Db, r: Region, now: string): Promise<void> {
  await db
    .updateTable('regions')
    .set({ name: r.name, parent_id: r.parentId, updated_at: now })
    .where('id', '=', r.id)
    .execute();
}

/** The region of a plan, or undefined for no such plan (null: a plan not yet filed under a region). */
export async function regionOfPlan(db: Db, planId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('plans').select('region_id').where('id', '=', planId).executeTakeFirst();
  return row ? row.region_id : undefined;
}

export async function regionOfUnit(db: Db, unitId: string): Promise<string | null | undefined> {
  const row = await db.selectFrom('units').select('region_id').where('id', '=', unitId).executeTakeFirst();
  return row ? row.region_id : undefined;
}
