import type { Db } from '../../db/connection.ts';
import type { LedgerField, LedgerValidity } from '@innocity/shared/ledger-type';

/** A ledger type as stored for one plan, with its owning units resolved. */
export interface LedgerTypeRecord {
  id: string;
  planId: string;
  planStatus: string;
  code: string;
  name: string;
  owners: { id: string; name: string }[];
  fields: LedgerField[];
  naturalKey: string[];
  validity: LedgerValidity;
  position: number;
}

export interface LedgerTypeDefinition {
  fields: LedgerField[];
  naturalKey: string[];
  validity: LedgerValidity;
}

const typeColumns = [
  'ledger_types.id',
  'ledger_types.plan_id',
  'ledger_types.code',
  'ledger_types.name',
  'ledger_types.definition',
  'ledger_types.position',
  'plans.status as plan_status',
] as const;

type TypeRow = {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  definition: string;
  position: number;
  plan_status: string;
};

async function withOwners(db: Db, rows: TypeRow[]): Promise<LedgerTypeRecord[]> {
  if (rows.length === 0) return [];
  const owners = await db
    .selectFrom('ledger_type_owners')
    .innerJoin('units', 'units.id', 'ledger_type_owners.unit_id')
    .select(['ledger_type_owners.ledger_type_id', 'units.id', 'units.name'])
    .where(
      'ledger_type_owners.ledger_type_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('ledger_type_owners.position')
    .execute();
  return rows.map((r) => {
    const def = JSON.parse(r.definition) as LedgerTypeDefinition;
    return {
      id: r.id,
      planId: r.plan_id,
      planStatus: r.plan_status,
      code: r.code,
      name: r.name,
      owners: owners.filter((o) => o.ledger_type_id === r.id).map((o) => ({ id: o.id, name: o.name })),
      fields: def.fields,
      naturalKey: def.naturalKey,
      validity: def.validity,
      position: r.position,
    };
  });
}

/** The plan's ledger types in pack order. `plan` is the plan's id or code. */
export async function listLedgerTypes(db: Db, plan: string): Promise<LedgerTypeRecord[]> {
  const rows = await db
    .selectFrom('ledger_types')
    .innerJoin('plans', 'plans.id', 'ledger_types.plan_id')
    .select(typeColumns)
    .where((eb) => eb.or([eb('plans.id', '=', plan), eb('plans.code', '=', plan)]))
    .orderBy('ledger_types.position')
    .execute();
  return withOwners(db, rows);
}

/** One ledger type of a plan by its code, or undefined. `plan` is the plan's id or code. */
export async function findLedgerType(db: Db, plan: string, code: string): Promise<LedgerTypeRecord | undefined> {
  const rows = await db
    .selectFrom('ledger_types')
    .innerJoin('plans', 'plans.id', 'ledger_types.plan_id')
    .select(typeColumns)
    .where((eb) => eb.or([eb('plans.id', '=', plan), eb('plans.code', '=', plan)]))
    .where('ledger_types.code', '=', code)
    .execute();
  return (await withOwners(db, rows))[0];
}

export interface NewLedgerType {
  id: string;
  planId: string;
  code: string;
  name: string;
  ownerUnitIds: string[];
  definition: LedgerTypeDefinition;
  position: number;
}

/** Stores ledger types and their owners; call inside the caller's transaction. */
export async function insertLedgerTypes(db: Db, types: NewLedgerType[], now: string): Promise<void> {
  for (const t of types) {
    await db
      .insertInto('ledger_types')
      .values({
        id: t.id,
        plan_id: t.planId,
        code: t.code,
        name: t.name,
        definition: JSON.stringify(t.definition),
        position: t.position,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (t.ownerUnitIds.length === 0) continue;
    await db
      .insertInto('ledger_type_owners')
      .values(
        t.ownerUnitIds.map((unit_id, position) => ({ plan_id: t.planId, ledger_type_id: t.id, unit_id, position })),
      )
      .execute();
  }
}
