import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Evidence file contents in the database, so every app instance can serve what any one received
 * (they were on the receiving instance's disk). A file is stored as numbered chunks of at most
 * 1 MB: a download streams chunk by chunk and a backup pages through them, so neither ever holds
 * a 20 MB file, let alone the table, in memory. bytea on PostgreSQL, blob on SQLite.
 */
export async function up(db: Builder): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('evidence_blobs')
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('content', postgres ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('evidence_blobs_pk', ['storage_key', 'seq'])
    .execute();
}

export async function down(db: Builder): Promise<void> {
  await db.schema.dropTable('evidence_blobs').execute();
}
