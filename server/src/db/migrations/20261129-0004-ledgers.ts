import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('ledger_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ledger_types_plan_code_unique', ['plan_id', 'code'])
    .execute();
  await db.schema
    .createTable('ledger_type_owners')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('ledger_type_id', 'text', (c) => c.notNull().references('ledger_types.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_type_owners_pk', ['ledger_type_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('ledger_rows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('ledger_type_id', 'text', (c) => c.notNull().references('ledger_types.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // jsonb on PostgreSQL so field filters and sums read it without re-parsing text; JSON text on SQLite.
    .addColumn('data', db.getExecutor().adapter instanceof PostgresAdapter ? 'jsonb' : 'text', (c) => c.notNull())
    .addColumn('natural_key', 'text', (c) => c.notNull())
    // The values' text without the JSON keys, so a search for 「p」 does not match every "company".
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Few indexes on purpose: each one costs every row of a 100,000-row import.
  // Current versions: one per natural key; listing and export walk it in key order.
  await db.schema
    .createIndex('ledger_rows_live_key_unique')
    .on('ledger_rows')
    .columns(['ledger_type_id', 'natural_key'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
  // As-of counts scan every version of a type whose validity began by the date.
  await db.schema
    .createIndex('ledger_rows_type_valid_idx')
    .on('ledger_rows')
    .columns(['ledger_type_id', 'valid_from'])
    .execute();
  // A row's versions, for reading the current one and its history.
  await db.schema.createIndex('ledger_rows_row_idx').on('ledger_rows').columns(['row_id', 'version']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
