import type { UnitKind } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';

/**
 * For each field that names a unit (`unitKinds`), the names of the plan's own region's units of
 * those kinds, in the tree's order: the template's dropdown. Disabled units are left out.
 */
export async function unitChoicesOf(db: Db, type: LedgerTypeRecord): Promise<Map<string, string[]>> {
  const fields = type.fields.filter((f) => f.unitKinds && f.unitKinds.length > 0);
  const choices = new Map<string, string[]>();
  if (fields.length === 0) return choices;
  const kinds = [...new Set(fields.flatMap((f) => f.unitKinds!))];
  const units = await db
    .selectFrom('units')
    .innerJoin('plans', 'plans.region_id', 'units.region_id')
    .select(['units.name', 'units.kind'])
    .where('plans.id', '=', type.planId)
    .where('units.kind', 'in', kinds)
    .where('units.disabled', '=', 0)
    .orderBy('units.sort_order')
    .orderBy('units.name')
    .execute();
  for (const f of fields) {
    const wanted = new Set<string>(f.unitKinds as UnitKind[]);
    choices.set(
      f.key,
      units.filter((u) => wanted.has(u.kind)).map((u) => u.name),
    );
  }
  return choices;
}
