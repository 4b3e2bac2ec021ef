import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/**
 * SQLite: a ledger import counts its plan's data version once, not once per row.
 *
 * SQLite has only row triggers, so 1702's `ledger_rows` triggers ran two statements for every
 * row an import wrote: 200,000 statements for a 100,000-row file, about a fifth of SQLite's work
 * in the import, to add 100,000 to a version that only needs to move once (the version changes
 * when the transaction commits, however many rows it wrote).
 *
 * Now the insert and update triggers of `ledger_rows` skip a row whose plan has a row in
 * `data_version_holds`. An import inserts that row at the start of its transaction and, before
 * it commits, deletes it and bumps the plan's version once itself (ledger-bulk.repo.ts,
 * `withPlanVersionHeld`). The row never commits: a failed import rolls back with it (the version
 * does not move, as before), and SQLite's one writer means no other write can run while it exists;
 * readers never see it (they read the last commit). The delete trigger is unchanged (an import
 * deletes nothing).
 *
 * Not a TEMP table: a trigger of the main schema cannot read the temp schema in SQLite.
 * PostgreSQL's triggers are unchanged: they run once per statement (a 2,000-row insert logs one
 * row). The table is created there too, always empty, so that both databases hold the same tables
 * (a backup moves between them table by table).
 */
export async function up(db: Builder): Promise<void> {
  await db.schema
    .createTable('data_version_holds')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const event of ['insert', 'update']) {
    const name = sql.id(`ledger_rows_dv_${event}`);
    await sql`DROP TRIGGER ${name}`.execute(db);
    // As 1702 wrote it, with the hold test added to its WHEN.
    await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event.toUpperCase())} ON ledger_rows FOR EACH ROW
      WHEN NEW.plan_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM data_version_holds WHERE scope = NEW.plan_id)
      BEGIN
        INSERT INTO data_version_log (scope, txid, weight) SELECT NEW.plan_id, 0, 0
          WHERE NOT EXISTS (SELECT 1 FROM data_version_log WHERE scope = NEW.plan_id AND txid = 0);
        UPDATE data_version_log SET weight = weight + 1 WHERE scope = NEW.plan_id AND txid = 0;
      END`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
