import { sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/** Units can be disabled; usernames are unique regardless of case; the audit log is searchable by actor. */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .alterTable('units')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('users_username_lower_unique')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();
  await db.schema.createIndex('audit_logs_actor_idx').on('audit_logs').columns(['actor_id', 'at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
