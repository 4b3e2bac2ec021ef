import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * A task's 完成期限: the date where the plan names one (its last day), and the plan's phrase as
 * written ("2025年底", "长期坚持"). Both null for a task the plan gives no deadline.
 */
export async function up(db: Builder): Promise<void> {
  await db.schema.alterTable('plan_tasks').addColumn('due_date', 'text').execute();
  await db.schema.alterTable('plan_tasks').addColumn('due_text', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
