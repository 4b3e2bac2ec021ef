import type { PlanWording } from '@innocity/shared/api/plan-settings';
import type { Db } from '../../db/connection.ts';
import type { PlanSettingsTable } from './plan-settings.table.ts';

export type SettingsRow = PlanSettingsTable;

export const wordingOfRow = (r: SettingsRow): PlanWording => ({
  issuer: r.issuer,
  issuerShort: r.issuer_short,
  level: r.level as PlanWording['level'],
  programme: r.programme,
  recipients: r.recipients,
  cc: r.cc,
  printer: r.printer,
});

const columnsOf = (w: PlanWording) => ({
  issuer: w.issuer,
  issuer_short: w.issuerShort,
  level: w.level,
  programme: w.programme,
  recipients: w.recipients,
  cc: w.cc,
  printer: w.printer,
});

export async function findSettings(db: Db, planId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('plan_settings').selectAll().where('plan_id', '=', planId).executeTakeFirst();
}

/**
 * Takes the plan's settings row for this transaction (a no-op update: a row lock on PostgreSQL, the
 * write lock on SQLite), so a concurrent save waits and the audit's "before" is the row as replaced.
 */
export async function lockSettings(db: Db, planId: string): Promise<void> {
  await db
    .updateTable('plan_settings')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('plan_id', '=', planId)
    .execute();
}

/** Writes the plan's wording whether or not a row exists yet, in one statement (no read-then-insert race). */
export async function upsertSettings(
  db: Db,
  planId: string,
  wording: PlanWording,
  by: { id: string; displayName: string } | null,
  now: string,
): Promise<void> {
  const cols = { ...columnsOf(wording), updated_by: by?.id ?? null, updated_by_name: by?.displayName ?? null };
  await db
    .insertInto('plan_settings')
    .values({ plan_id: planId, ...cols, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ ...cols, updated_at: now }))
    .execute();
}
