import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * Tables whose rows can change a figure a plan's readers see (cockpit, indicators, work,
 * reporting, assessment, bulletins), each holding its plan's id: a write bumps that plan's version.
 */
export const PLAN_TABLES = [
  'plan_goals',
  'plan_areas',
  'plan_tasks',
  'plan_phases',
  'plan_measures',
  'unit_groups',
  'unit_group_members',
  'task_units',
  'indicators',
  'indicator_milestones',
  'indicator_catalogue_links',
  'data_elements',
  'data_element_values',
  'ledger_types',
  'ledger_type_owners',
  'ledger_rows',
  'work_items',
  'supervision_settings',
  'meetings',
  'inspections',
  'instructions',
  'reporting_rounds',
  'submissions',
  'attachments',
  'urgings',
  'assessment_schemes',
  'assessment_adjustments',
  'assessment_publications',
  'bulletins',
  'plan_settings',
];

/**
 * Tables without a plan id whose rows a plan's readers still see (plans, units, regions, who
 * holds which role and unit, a plan row's children): a write bumps the version every plan's
 * answers also carry, `*`.
 */
export const GLOBAL_TABLES = [
  'plans',
  'units',
  'regions',
  'user_roles',
  'user_units',
  'round_duties',
  'submission_entries',
  'submission_snapshots',
  'submission_events',
  'work_item_co_units',
  'bulletin_files',
];

/**
 * A data version per plan (and one, `*`, for data every plan shows), bumped by triggers in the
 * same transaction as the write itself: no write path can forget it, and a cached answer keyed
 * by the version is stale the moment the write commits, on every app instance. On PostgreSQL one
 * bump per statement (a 500-row insert takes one row lock, not 500 updates); SQLite has only row
 * triggers, each a single-row update on a table that stays in the page cache. (Not INSERT OR
 * IGNORE there: inside a trigger fired by an upsert SQLite applies the outer statement's conflict
 * handling, and the ignore turns into a UNIQUE failure.)
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('data_versions')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    // The changed rows come in as the transition table `changed`; sorted so two writers lock plans in one order.
    await sql`
      CREATE FUNCTION bump_plan_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE 'INSERT INTO data_versions AS d (scope, version)
                 SELECT DISTINCT plan_id, 1 FROM changed WHERE plan_id IS NOT NULL ORDER BY 1
                 ON CONFLICT (scope) DO UPDATE SET version = d.version + 1';
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE FUNCTION bump_global_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO data_versions AS d (scope, version) VALUES ('*', 1)
          ON CONFLICT (scope) DO UPDATE SET version = d.version + 1;
        RETURN NULL;
      END $$`.execute(db);
  }
  for (const table of PLAN_TABLES) {
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      const name = sql.id(`${table}_dv_${event.toLowerCase()}`);
      const t = sql.id(table);
      if (postgres)
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t}
          REFERENCING ${sql.raw(row === 'NEW' ? 'NEW' : 'OLD')} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION bump_plan_versions()`.execute(db);
      else
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t} FOR EACH ROW BEGIN
          INSERT INTO data_versions (scope, version) SELECT ${sql.raw(row)}.plan_id, 0
            WHERE NOT EXISTS (SELECT 1 FROM data_versions WHERE scope = ${sql.raw(row)}.plan_id);
          UPDATE data_versions SET version = version + 1 WHERE scope = ${sql.raw(row)}.plan_id;
        END`.execute(db);
    }
  }
  for (const table of GLOBAL_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const name = sql.id(`${table}_dv_${event.toLowerCase()}`);
      const t = sql.id(table);
      if (postgres)
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t}
          FOR EACH STATEMENT EXECUTE FUNCTION bump_global_version()`.execute(db);
      else
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t} FOR EACH ROW BEGIN
          INSERT INTO data_versions (scope, version) SELECT '*', 0
            WHERE NOT EXISTS (SELECT 1 FROM data_versions WHERE scope = '*');
          UPDATE data_versions SET version = version + 1 WHERE scope = '*';
        END`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
