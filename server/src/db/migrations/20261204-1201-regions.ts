import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Regions (省 → 设区市 → 县（市、区）) and the region of every plan, unit and role grant, so that
 * one deployment holds many counties. A grant without a region (the deployment's admin) reaches
 * every region. `plans.pack_json` keeps the pack a plan was loaded from, for export-pack.
 *
 * Existing data: each distinct plans.region becomes a county region at the top of the tree (the
 * admin files it under its province later, or the next pack load does, since a pack names its
 * region's path); when the deployment holds one county, its units and the grants of every role
 * but admin move into it.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('regions.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('regions_parent_idx').on('regions').column('parent_id').execute();
  await db.schema
    .alterTable('units')
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .execute();
  await db.schema
    .alterTable('plans')
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .execute();
  await db.schema.alterTable('plans').addColumn('pack_json', 'text').execute();
  await db.schema
    .alterTable('user_roles')
    .addColumn('region_id', 'text', (c) => c.references('regions.id'))
    .execute();
  await db.schema.createIndex('units_region_idx').on('units').column('region_id').execute();

  const now = new Date().toISOString();
  const names = (await sql<{ region: string }>`select distinct region from plans order by region`.execute(db)).rows;
  for (const [index, { region }] of names.entries()) {
    const id = randomUUID();
    await db
      .insertInto('regions')
      .values({
        id,
        name: region,
        level: 'county',
        parent_id: null,
        sort_order: index,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.updateTable('plans').set({ region_id: id }).where('region', '=', region).execute();
    if (names.length === 1) {
      await db.updateTable('units').set({ region_id: id }).execute();
      await db.updateTable('user_roles').set({ region_id: id }).where('role', '!=', 'admin').execute();
    }
  }
}

export async function down(db: Builder): Promise<void> {
  await db.schema.dropIndex('units_region_idx').execute();
  await db.schema.alterTable('user_roles').dropColumn('region_id').execute();
  await db.schema.alterTable('plans').dropColumn('pack_json').execute();
  await db.schema.alterTable('plans').dropColumn('region_id').execute();
  await db.schema.alterTable('units').dropColumn('region_id').execute();
  await db.schema.dropTable('regions').execute();
}
