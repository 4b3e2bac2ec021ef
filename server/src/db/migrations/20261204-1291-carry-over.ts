import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * A ledger row carried over from a county's earlier plan (沿用上一轮方案) keeps where it came from:
 * the source plan and the source row's stable id, so its history stays readable in the old plan.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema.alterTable('ledger_rows').addColumn('carried_from_plan_id', 'text').execute();
  await db.schema.alterTable('ledger_rows').addColumn('carried_from_row_id', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
