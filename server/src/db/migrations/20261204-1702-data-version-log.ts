import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { GLOBAL_TABLES, PLAN_TABLES } from './20261204-1701-data-versions.ts';

// Frozen once landed: a later change is a new migration.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Builder = Kysely<any>;

/** The advisory lock key that keeps two compactions apart (any constant no other code takes). */
const COMPACT_LOCK = 1702_0001;

/**
 * The data versions without a shared row lock.
 *
 * Before (1701) every writing transaction UPDATEd its plan's row in `data_versions`, and a write
 * to a table without a plan id the shared `*` row; the row locks were held until commit, so the
 * writers of every plan queued on `*`, and two transactions bumping the same two rows in
 * opposite order deadlocked (PostgreSQL aborts one: a 500 to its user).
 *
 * Now a write INSERTs a row (scope, its transaction id) into `data_version_log`, `ON CONFLICT DO
 * NOTHING` for the transaction's further statements; a scope's version is the SUM of its rows'
 * weights. Inserts of distinct keys never wait for each other, and the only key two transactions
 * could share is their own transaction id, which they do not. The version changes exactly when
 * the writer commits (an uncommitted row is invisible to readers), so a reader can never cache
 * old data under a new version; a count is used, never max(id), because ids are taken before
 * commit and a later id can commit first.
 *
 * The log is compacted by about one writing transaction in 64 (by its transaction id, no clock),
 * inside its own transaction and under a try-advisory lock so two compactions never overlap and
 * none waits: one statement deletes the committed rows it sees and inserts their sum as one
 * weighted row per scope (keyed by the negated transaction id), so every reader's sum, taken in
 * one snapshot, is the same before and after. Rows written meanwhile by open transactions are
 * invisible to the delete and stay.
 *
 * Rejected: mapping child tables (submission entries, co-units …) to their plan. It narrows `*`
 * but keeps a row lock per plan, so two writers of one plan still queue and can still deadlock.
 *
 * SQLite has one writer at a time: its row triggers add to a single row (scope, 0) per scope, so
 * both dialects are read by the same query. The versions carry on from 1701's (seeded as weights).
 */
export async function up(db: Builder): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('data_version_log')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('txid', 'bigint', (c) => c.notNull())
    .addColumn('weight', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('data_version_log_pk', ['scope', 'txid'])
    .execute();
  await sql`INSERT INTO data_version_log (scope, txid, weight)
    SELECT scope, 0, version FROM data_versions WHERE scope IS NOT NULL`.execute(db);

  for (const table of [...PLAN_TABLES, ...GLOBAL_TABLES])
    for (const event of ['insert', 'update', 'delete']) {
      const name = sql.id(`${table}_dv_${event}`);
      if (postgres) await sql`DROP TRIGGER ${name} ON ${sql.id(table)}`.execute(db);
      else await sql`DROP TRIGGER ${name}`.execute(db);
    }
  if (postgres) {
    await sql`DROP FUNCTION bump_plan_versions()`.execute(db);
    await sql`DROP FUNCTION bump_global_version()`.execute(db);
    // Own compacted row excluded from the delete: a second compaction in one transaction adds to it.
    await sql`
      CREATE FUNCTION compact_data_versions() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF txid_current() % 64 <> 0 OR NOT pg_try_advisory_xact_lock(${sql.lit(COMPACT_LOCK)}) THEN RETURN; END IF;
        WITH gone AS (DELETE FROM data_version_log WHERE txid <> -txid_current() RETURNING scope, weight)
        INSERT INTO data_version_log AS l (scope, txid, weight)
          SELECT scope, -txid_current(), SUM(weight) FROM gone GROUP BY scope
          ON CONFLICT (scope, txid) DO UPDATE SET weight = l.weight + excluded.weight;
      END $$`.execute(db);
    await sql`
      CREATE FUNCTION log_plan_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE 'INSERT INTO data_version_log (scope, txid, weight)
                 SELECT DISTINCT plan_id, txid_current(), 1 FROM changed WHERE plan_id IS NOT NULL
                 ON CONFLICT (scope, txid) DO NOTHING';
        PERFORM compact_data_versions();
        RETURN NULL;
      END $$`.execute(db);
    await sql`
      CREATE FUNCTION log_global_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO data_version_log (scope, txid, weight) VALUES ('*', txid_current(), 1)
          ON CONFLICT (scope, txid) DO NOTHING;
        PERFORM compact_data_versions();
        RETURN NULL;
      END $$`.execute(db);
  }
  const scoped = [...PLAN_TABLES.map((t) => [t, true] as const), ...GLOBAL_TABLES.map((t) => [t, false] as const)];
  for (const [table, plan] of scoped)
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ] as const) {
      const name = sql.id(`${table}_dv_${event.toLowerCase()}`);
      const t = sql.id(table);
      if (postgres && plan)
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t}
          REFERENCING ${sql.raw(row)} TABLE AS changed
          FOR EACH STATEMENT EXECUTE FUNCTION log_plan_versions()`.execute(db);
      else if (postgres)
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t}
          FOR EACH STATEMENT EXECUTE FUNCTION log_global_version()`.execute(db);
      else {
        // Not INSERT OR IGNORE: inside a trigger fired by an upsert SQLite applies the outer conflict handling.
        const scope = plan ? sql.raw(`${row}.plan_id`) : sql.lit('*');
        await sql`CREATE TRIGGER ${name} AFTER ${sql.raw(event)} ON ${t} FOR EACH ROW WHEN ${scope} IS NOT NULL BEGIN
          INSERT INTO data_version_log (scope, txid, weight) SELECT ${scope}, 0, 0
            WHERE NOT EXISTS (SELECT 1 FROM data_version_log WHERE scope = ${scope} AND txid = 0);
          UPDATE data_version_log SET weight = weight + 1 WHERE scope = ${scope} AND txid = 0;
        END`.execute(db);
      }
    }
  await db.schema.dropTable('data_versions').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore from a backup instead.');
}
