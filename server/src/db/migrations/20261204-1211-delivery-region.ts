import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * The county an outgoing message was sent for, so that the delivery log shows each county only its
 * own messages. Messages queued before this stay without one: only whole-deployment grants see them.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('region_id', 'text').execute();
  await db.schema.createIndex('deliveries_region_idx').on('deliveries').column('region_id').execute();
}

export async function down(db: Builder): Promise<void> {
  await db.schema.dropIndex('deliveries_region_idx').execute();
  await db.schema.alterTable('deliveries').dropColumn('region_id').execute();
}
