import type { LedgerTypeDefinition, LedgerTypeRecord } from '../ledgers/ledger-type.repo.ts';
import { selectLiveRows, type LoadedRow } from '../ledgers/ledger-stats.repo.ts';
import { recordingCutoff, statSeriesOfRows } from '../ledgers/ledger-stats.service.ts';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import type { LedgerContext, LedgerDefinition, LedgerStats } from './ledger-observe.ts';

/** The ledger data of one plan as of a date, loaded at once: statistics for any definition, in memory. */
export interface PlanLedgers {
  stats(d: LedgerDefinition, c: LedgerContext): LedgerStats;
}

/** The fields a definition reads: its filter's keys and the summed field. */
function keysOf(d: LedgerDefinition): string[] {
  const keys = Object.keys(d.filter ?? {});
  if (d.kind === 'ledger_sum') keys.push(d.field);
  if (d.kind === 'cumulative_flow' && d.field) keys.push(d.field);
  return keys;
}

/**
 * Loads, for several plans at once, every row version of the ledger types their definitions
 * read, recorded by the end of `asOf` and current then, with the fields the definitions filter
 * or sum: two queries in all (types, rows), however many plans, indicators and dates. The
 * engine then counts each series date in memory with the ledger service's own rules.
 */
export async function loadPlanLedgers(
  db: Db,
  definitions: Map<string, LedgerDefinition[]>,
  opts: { asOf: string; timeZone: string },
): Promise<Map<string, PlanLedgers>> {
  const planIds = [...definitions.keys()].filter((p) => definitions.get(p)!.length > 0);
  const out = new Map<string, PlanLedgers>();
  if (planIds.length === 0) return out;
  const types = await loadLedgerTypes(db, planIds);
  const typeIds = new Set<string>();
  const keys = new Set<string>();
  for (const planId of planIds)
    for (const d of definitions.get(planId)!) {
      const type = types.get(planId)?.get(d.ledger);
      if (type) typeIds.add(type.id);
      for (const k of keysOf(d)) keys.add(k);
    }
  const keyList = [...keys];
  const options = { timeZone: opts.timeZone, knownBy: opts.asOf };
  const cutoff = recordingCutoff(opts.asOf, options);
  const rows = await selectLiveRows(db, { planIds, typeIds: [...typeIds], cutoff, keys: keyList });
  const byType = new Map<string, LoadedRow[]>();
  for (const r of rows) {
    const list = byType.get(r.typeId);
    if (list) list.push(r);
    else byType.set(r.typeId, [r]);
  }
  for (const planId of planIds) {
    out.set(planId, {
      stats: (d) => async (spec, dates, filter) => {
        const type = types.get(planId)?.get(d.ledger);
        if (!type) throw notFound(`台账类型「${d.ledger}」`);
        const loaded = { rows: byType.get(type.id) ?? [], keys: keyList, cutoff };
        return statSeriesOfRows(db, type, loaded, spec, dates, filter, options);
      },
    });
  }
  return out;
}

/** The ledger types of several plans, by plan and code, read in one query. */
export async function loadLedgerTypes(db: Db, planIds: string[]): Promise<Map<string, Map<string, LedgerTypeRecord>>> {
  const typeRows = await db
    .selectFrom('ledger_types')
    .select(['id', 'plan_id', 'code', 'name', 'definition', 'position'])
    .where('plan_id', 'in', planIds)
    .execute();
  const types = new Map<string, Map<string, LedgerTypeRecord>>();
  for (const r of typeRows) {
    const def = JSON.parse(r.definition) as LedgerTypeDefinition;
    const record: LedgerTypeRecord = {
      id: r.id,
      planId: r.plan_id,
      planStatus: '',
      code: r.code,
      name: r.name,
      owners: [],
      fields: def.fields,
      naturalKey: def.naturalKey,
      validity: def.validity,
      position: r.position,
    };
    if (!types.has(r.plan_id)) types.set(r.plan_id, new Map());
    types.get(r.plan_id)!.set(r.code, record);
  }
  return types;
}
