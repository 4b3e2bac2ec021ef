import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * A unit's mobile number for the SMS channel, beside its e-mail address. The digest needs no
 * column: a held delivery is a status ('held', then 'merged' into the day's digest).
 */
export async function up(db: Builder): Promise<void> {
  await db.schema.alterTable('unit_contacts').addColumn('phone', 'text').execute();
}

export async function down(db: Builder): Promise<void> {
  await db.schema.alterTable('unit_contacts').dropColumn('phone').execute();
}
