import type { Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

const ts = (t: any) =>
  t.addColumn('created_at', 'text', (c: any) => c.notNull()).addColumn('updated_at', 'text', (c: any) => c.notNull());

export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('data_elements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('periodicity', 'text', (c) => c.notNull())
    .addColumn('reporting_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('lag_days', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    // The pack's validation rules as JSON: partOf, ratio, requiredWith, jumpThreshold.
    .addColumn('validation', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('data_elements_plan_code_unique', ['plan_id', 'code'])
    .$call(ts)
    .execute();

  // Values are never updated: a correction is the next version, and created_at says when each was known.
  await db.schema
    .createTable('data_element_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('element_id', 'text', (c) => c.notNull().references('data_elements.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('reported_by_name', 'text')
    // Hook for reporting rounds: the submission a value arrived with, when it did.
    .addColumn('submission_id', 'text')
    .addUniqueConstraint('data_element_values_version_unique', ['element_id', 'period', 'unit_id', 'version'])
    .$call(ts)
    .execute();
  await db.schema
    .createIndex('data_element_values_plan_idx')
    .on('data_element_values')
    .columns(['plan_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('indicator_milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('set_by', 'text', (c) => c.references('users.id'))
    .addColumn('set_by_name', 'text')
    .addUniqueConstraint('indicator_milestones_year_unique', ['indicator_id', 'year'])
    .$call(ts)
    .execute();

  // SQLite adds one column per statement.
  await db.schema.alterTable('indicators').addColumn('method', 'text').execute();
  await db.schema.alterTable('indicators').addColumn('baseline_source', 'text').execute();
  await db.schema.alterTable('indicators').addColumn('baseline_note', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
