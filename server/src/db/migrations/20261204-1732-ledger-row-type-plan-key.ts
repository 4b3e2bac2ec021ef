import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * PostgreSQL: a ledger row's type and plan checked by one foreign key, (ledger_type_id, plan_id)
 * → ledger_types (id, plan_id), instead of one to ledger_types and one to plans.
 *
 * PostgreSQL checks a foreign key with one query per inserted row; a 100,000-row import ran
 * 300,000 of them (plan, type, unit), about as long as the insert itself with its four indexes
 * (EXPLAIN ANALYZE of a 2,000-row insert: insert 26 ms, each of the three checks 7–8 ms). The
 * plan's own check adds nothing the type's cannot say: a type belongs to exactly one plan, which
 * its own foreign key keeps existing. One check of the pair drops a third of them and is stricter
 * than before: a row can no longer name a type of another plan. Deleting a plan still removes its
 * rows (plan → its types → their rows, all ON DELETE CASCADE). The unit keeps its own key.
 *
 * SQLite is unchanged: its foreign-key checks are index probes inside the insert, not queries,
 * and changing a constraint there means rebuilding the table.
 */
export async function up(db: Builder): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE ledger_types ADD CONSTRAINT ledger_types_id_plan_unique UNIQUE (id, plan_id)`.execute(db);
  await sql`ALTER TABLE ledger_rows ADD CONSTRAINT ledger_rows_type_plan_fkey
    FOREIGN KEY (ledger_type_id, plan_id) REFERENCES ledger_types (id, plan_id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE ledger_rows DROP CONSTRAINT ledger_rows_ledger_type_id_fkey`.execute(db);
  await sql`ALTER TABLE ledger_rows DROP CONSTRAINT ledger_rows_plan_id_fkey`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
