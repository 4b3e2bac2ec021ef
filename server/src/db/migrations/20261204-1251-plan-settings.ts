import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Per-plan wording (issuer, level word, programme name, 主送, 抄送, 印发) that bulletins and
 * exports print instead of one county's words, and each plan indicator's link to the shared
 * catalogue of standard indicator codes. A plan without a settings row reads the wording derived
 * from its region; an indicator without a link is compared with nothing.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('plan_settings')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issuer_short', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('cc', 'text')
    .addColumn('printer', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('indicator_catalogue_links')
    .addColumn('indicator_id', 'text', (c) => c.primaryKey().references('indicators.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('catalogue_code', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('confirmed_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('indicator_catalogue_links_code_idx')
    .on('indicator_catalogue_links')
    .columns(['catalogue_code', 'plan_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
