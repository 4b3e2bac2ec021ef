import { PostgresAdapter, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

const ts = (t: any) =>
  t.addColumn('created_at', 'text', (c: any) => c.notNull()).addColumn('updated_at', 'text', (c: any) => c.notNull());

export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('units.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .$call(ts)
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('issuing_date', 'text', (c) => c.notNull())
    .addColumn('baseline_year', 'integer', (c) => c.notNull())
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('preamble', 'text', (c) => c.notNull())
    .addColumn('pack_format_version', 'integer', (c) => c.notNull())
    .addColumn('pack_hash', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();

  const planPart = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('number', 'integer', (c) => c.notNull())
      .addUniqueConstraint(`${name}_plan_number_unique`, ['plan_id', 'number']);

  await planPart('plan_goals')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();
  await planPart('plan_areas')
    .addColumn('title', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();
  await planPart('plan_tasks')
    .addColumn('area_id', 'text', (c) => c.notNull().references('plan_areas.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();
  await planPart('plan_phases')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();
  await planPart('plan_measures')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();

  await db.schema
    .createTable('unit_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addUniqueConstraint('unit_groups_plan_code_unique', ['plan_id', 'code'])
    .$call(ts)
    .execute();
  await db.schema
    .createTable('unit_group_members')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('unit_groups.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_group_members_pk', ['group_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('task_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('plan_tasks.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('group_id', 'text', (c) => c.references('unit_groups.id'))
    .execute();
  await db.schema.createIndex('task_units_task_idx').on('task_units').columns(['task_id', 'position']).execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').column('unit_id').execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('comparator', 'text', (c) => c.notNull())
    .addColumn('target_value', 'double precision')
    .addColumn('target_min', 'double precision')
    .addColumn('target_max', 'double precision')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text', (c) => c.notNull())
    .addColumn('goal_id', 'text', (c) => c.references('plan_goals.id'))
    .addColumn('task_id', 'text', (c) => c.references('plan_tasks.id'))
    .addColumn('reporting_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('baseline_value', 'double precision')
    .addColumn('baseline_year', 'integer')
    .addColumn('definition', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('indicators_plan_code_unique', ['plan_id', 'code'])
    .$call(ts)
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .$call(ts)
    .execute();
  await db.schema
    .createTable('user_units')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('user_units_pk', ['user_id', 'unit_id'])
    .execute();
  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();
  await db.schema
    .createTable('login_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('audit_logs')
    .$call((t) =>
      db.getExecutor().adapter instanceof PostgresAdapter
        ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
        : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('plan_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_logs_entity_idx').on('audit_logs').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_logs_at_idx').on('audit_logs').column('at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
