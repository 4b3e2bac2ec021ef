import type { Db } from '../../db/connection.ts';

export interface CatalogueLink {
  indicatorId: string;
  catalogueCode: string;
  confirmedByName: string | null;
}

/** The plan's indicator → catalogue code links, by indicator id. */
export async function listLinks(db: Db, planId: string): Promise<Map<string, CatalogueLink>> {
  const rows = await db
    .selectFrom('indicator_catalogue_links')
    .select(['indicator_id', 'catalogue_code', 'confirmed_by_name'])
    .where('plan_id', '=', planId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.indicator_id,
      { indicatorId: r.indicator_id, catalogueCode: r.catalogue_code, confirmedByName: r.confirmed_by_name },
    ]),
  );
}

export async function findLink(db: Db, indicatorId: string): Promise<CatalogueLink | undefined> {
  return (await listLinksOf(db, [indicatorId]))[0];
}

async function listLinksOf(db: Db, ids: string[]): Promise<CatalogueLink[]> {
  const rows = await db
    .selectFrom('indicator_catalogue_links')
    .select(['indicator_id', 'catalogue_code', 'confirmed_by_name'])
    .where('indicator_id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    indicatorId: r.indicator_id,
    catalogueCode: r.catalogue_code,
    confirmedByName: r.confirmed_by_name,
  }));
}

/** Takes the indicator's link row for this transaction (a no-op update), so the audit's "before" is what the save replaces. */
export async function lockLink(db: Db, indicatorId: string): Promise<void> {
  await db
    .updateTable('indicator_catalogue_links')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('indicator_id', '=', indicatorId)
    .execute();
}

/** Sets (or replaces) an indicator's code in one statement. */
export async function upsertLink(
  db: Db,
  link: { indicatorId: string; planId: string; catalogueCode: string },
  by: { id: string; displayName: string } | null,
  now: string,
): Promise<void> {
  const cols = {
    catalogue_code: link.catalogueCode,
    confirmed_by: by?.id ?? null,
    confirmed_by_name: by?.displayName ?? null,
  };
  await db
    .insertInto('indicator_catalogue_links')
    .values({ indicator_id: link.indicatorId, plan_id: link.planId, ...cols, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('indicator_id').doUpdateSet({ ...cols, updated_at: now }))
    .execute();
}

export async function deleteLink(db: Db, indicatorId: string): Promise<void> {
  await db.deleteFrom('indicator_catalogue_links').where('indicator_id', '=', indicatorId).execute();
}
