import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Each county plan's figures for the province view, kept in the database so that a restarted or
 * second app instance finds them (evaluating 100 plans cold takes seconds). Derived data: a row is
 * valid only under its key — the plan's data version and the plan fields its figures depend on —
 * so a write never has to delete anything; a stale row is simply never asked for again.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('province_evaluations')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('province_evaluations_pk', ['plan_id', 'as_of', 'time_zone', 'version'])
    .execute();
}

export async function down(db: Builder): Promise<void> {
  await db.schema.dropTable('province_evaluations').execute();
}
