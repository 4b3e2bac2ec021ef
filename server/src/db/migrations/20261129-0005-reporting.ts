import type { CreateTableBuilder, Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;
type Table = CreateTableBuilder<any, any>;

const stamps = (t: Table) =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());
const planRef = (t: Table) =>
  t.addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'));

/** Work items, meetings, inspections, instructions; rounds, duties, submissions, attachments; urgings, notifications, channels. */
export async function up(db: Builder): Promise<void> {
  await supervision(db);
  await reporting(db);
  await notifications(db);
}

async function supervision(db: Builder): Promise<void> {
  await stamps(
    planRef(db.schema.createTable('work_items').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('task_id', 'text', (c) => c.references('plan_tasks.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('lead_unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('milestones', 'text', (c) => c.notNull())
      .addColumn('expected_evidence', 'text', (c) => c.notNull())
      .addColumn('indicator_ids', 'text', (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('latest_progress', 'text')
      .addColumn('latest_progress_at', 'text')
      .addColumn('requires_verification', 'integer', (c) => c.notNull())
      .addColumn('awaiting_verification', 'integer', (c) => c.notNull())
      .addColumn('verified_at', 'text')
      .addColumn('verified_by', 'text')
      .addColumn('closed_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text'),
  ).execute();
  await db.schema.createIndex('work_items_plan_due_idx').on('work_items').columns(['plan_id', 'due_date']).execute();
  await db.schema.createIndex('work_items_source_idx').on('work_items').columns(['source_kind', 'source_id']).execute();
  await db.schema
    .createTable('work_item_co_units')
    .addColumn('work_item_id', 'text', (c) => c.notNull().references('work_items.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_item_co_units_pk', ['work_item_id', 'unit_id'])
    .execute();
  await stamps(
    db.schema
      .createTable('supervision_settings')
      .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id').onDelete('cascade'))
      .addColumn('yellow_days', 'integer', (c) => c.notNull()),
  ).execute();
  await stamps(
    planRef(db.schema.createTable('meetings').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('attendees', 'text', (c) => c.notNull())
      .addColumn('minutes', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text'),
  ).execute();
  await stamps(
    planRef(db.schema.createTable('inspections').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('held_on', 'text', (c) => c.notNull())
      .addColumn('organizer', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text'),
  ).execute();
  await stamps(
    planRef(db.schema.createTable('instructions').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('leader_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('leader_name', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('work_item_id', 'text', (c) => c.notNull().references('work_items.id')),
  ).execute();
}

async function reporting(db: Builder): Promise<void> {
  await stamps(
    planRef(db.schema.createTable('reporting_rounds').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('period_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('cutoff_at', 'text', (c) => c.notNull())
      .addColumn('remind_days_before', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addUniqueConstraint('reporting_rounds_plan_period_unique', ['plan_id', 'period_id']),
  ).execute();
  await db.schema
    .createTable('round_duties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('round_duties_unique', ['round_id', 'unit_id', 'kind', 'ref_id'])
    .execute();
  await stamps(
    planRef(db.schema.createTable('submissions').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id').onDelete('cascade'))
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('return_comment', 'text')
      .addColumn('first_submitted_at', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('updated_by', 'text')
      .addUniqueConstraint('submissions_round_unit_unique', ['round_id', 'unit_id']),
  ).execute();
  await db.schema
    .createTable('submission_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('duty_id', 'text', (c) => c.notNull().references('round_duties.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('submission_entries_unique', ['submission_id', 'duty_id'])
    .execute();
  await db.schema
    .createTable('submission_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addUniqueConstraint('submission_snapshots_unique', ['submission_id', 'revision'])
    .execute();
  await db.schema
    .createTable('submission_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('filled', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('submission_events_round_idx')
    .on('submission_events')
    .columns(['round_id', 'unit_id', 'at'])
    .execute();
  await stamps(
    planRef(db.schema.createTable('attachments').addColumn('id', 'text', (c) => c.primaryKey()))
      .addColumn('submission_id', 'text', (c) => c.references('submissions.id').onDelete('cascade'))
      .addColumn('duty_id', 'text')
      .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('deleted_at', 'text'),
  ).execute();
  await db.schema
    .createTable('urgings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.references('reporting_rounds.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('by_id', 'text')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('duties', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('urgings_unit_idx').on('urgings').columns(['unit_id', 'at']).execute();
}

async function notifications(db: Builder): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'created_at'])
    .execute();
  // One reminder per unit, round, kind and local day, however often the scheduler runs.
  await db.schema
    .createTable('reminder_log')
    .addColumn('round_id', 'text', (c) => c.notNull().references('reporting_rounds.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_log_pk', ['round_id', 'unit_id', 'day', 'kind'])
    .execute();
  await stamps(
    db.schema
      .createTable('channel_settings')
      .addColumn('channel', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('secret', 'text')
      .addColumn('updated_by', 'text'),
  ).execute();
  await stamps(
    db.schema
      .createTable('unit_contacts')
      .addColumn('unit_id', 'text', (c) => c.primaryKey().references('units.id'))
      .addColumn('email', 'text'),
  ).execute();
  await stamps(
    db.schema
      .createTable('deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_error', 'text')
      .addColumn('sent_at', 'text'),
  ).execute();
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['status', 'next_attempt_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
