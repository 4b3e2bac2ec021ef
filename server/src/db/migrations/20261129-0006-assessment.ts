import type { CreateTableBuilder, Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;
type Table = CreateTableBuilder<any, any>;

const stamps = (t: Table) =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
const planRef = (t: Table) =>
  t.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'));

/** Assessment schemes, bonus/deduction entries and frozen score sets; bulletins and their frozen files. */
export async function up(db: Builder): Promise<void> {
  await stamps(
    planRef(db.schema.createTable('assessment_schemes').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // JSON: items (measure, weight, rule, credits) and the caps on bonus and deduction points.
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addUniqueConstraint('assessment_schemes_plan_year_unique', ['plan_id', 'year']),
  ).execute();
  await stamps(
    planRef(db.schema.createTable('assessment_adjustments').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id').onDelete('cascade'))
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('points', 'double precision', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text'),
  ).execute();
  await db.schema
    .createIndex('assessment_adjustments_scheme_idx')
    .on('assessment_adjustments')
    .column('scheme_id')
    .execute();
  // A published score set never changes: the scheme, the inputs and the results are stored as they were.
  await stamps(
    planRef(db.schema.createTable('assessment_publications').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('scheme_id', 'text', (c) => c.notNull().references('assessment_schemes.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('round_id', 'text')
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('data_version', 'text', (c) => c.notNull())
      .addColumn('scheme_snapshot', 'text', (c) => c.notNull())
      .addColumn('inputs_snapshot', 'text', (c) => c.notNull())
      .addColumn('results', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text')
      .addColumn('published_by_name', 'text')
      .addColumn('published_at', 'text', (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex('assessment_publications_plan_idx')
    .on('assessment_publications')
    .columns(['plan_id', 'year', 'as_of'])
    .execute();
  await bulletins(db);
}

async function bulletins(db: Builder): Promise<void> {
  await stamps(
    planRef(db.schema.createTable('bulletins').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('round_id', 'text')
      .addColumn('period_id', 'text', (c) => c.notNull())
      .addColumn('round_title', 'text', (c) => c.notNull())
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('issue_number', 'integer')
      .addColumn('content', 'text', (c) => c.notNull())
      // The data the draft was written from, kept with it: a published bulletin shows what it was based on.
      .addColumn('facts', 'text', (c) => c.notNull())
      .addColumn('data_version', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('published_at', 'text')
      .addColumn('published_by', 'text')
      .addColumn('published_by_name', 'text')
      // Issue numbers run per plan and year; drafts have none (NULLs never clash).
      .addUniqueConstraint('bulletins_issue_unique', ['plan_id', 'year', 'issue_number']),
  ).execute();
  await db.schema
    .createTable('bulletin_files')
    .addColumn('bulletin_id', 'text', (c) => c.notNull().references('bulletins.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Base64 text keeps one portable column type on SQLite and PostgreSQL; files are tens to hundreds of KB.
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulletin_files_pk', ['bulletin_id', 'kind'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
