import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Request counters of the rate limits, one row per bucket and caller, in the database so that
 * several server instances behind one proxy share them.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Builder): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
