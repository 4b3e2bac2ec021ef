import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { AuditRecord } from './audit.repo.ts';

/**
 * Names for the ids an audit page mentions — the rows' objects and the ids inside their before and
 * after (planId, unitId …) — so the log says 市科技局 and 推进重大科技创新项目建设, not a hash.
 * Ids of things since deleted keep no name and show as they are.
 */

/** How to name a row of each kind: its table and the SQL expression that names it. */
const NAMERS: Record<string, { table: string; name: string }> = {
  user: { table: 'users', name: 'display_name' },
  unit: { table: 'units', name: 'name' },
  plan: { table: 'plans', name: 'title' },
  work_item: { table: 'work_items', name: 'title' },
  plan_task: { table: 'plan_tasks', name: 'title' },
  reporting_round: { table: 'reporting_rounds', name: 'title' },
  indicator: { table: 'indicators', name: 'name' },
  data_element: { table: 'data_elements', name: 'name' },
  ledger_type: { table: 'ledger_types', name: 'name' },
  meeting: { table: 'meetings', name: 'title' },
  inspection: { table: 'inspections', name: 'title' },
  assessment_scheme: { table: 'assessment_schemes', name: 'name' },
  bulletin: { table: 'bulletins', name: 'round_title' },
  notification: { table: 'notifications', name: 'title' },
};

/** Fields inside before/after that hold ids, and the kind of thing they point at. */
const ID_FIELDS: Record<string, string> = {
  planId: 'plan',
  unitId: 'unit',
  unitIds: 'unit',
  parentId: 'unit',
  leadUnitId: 'unit',
  coUnitIds: 'unit',
  reportingUnitId: 'unit',
  userId: 'user',
  workItemId: 'work_item',
  taskId: 'plan_task',
  roundId: 'reporting_round',
  indicatorId: 'indicator',
  indicatorIds: 'indicator',
  ledgerTypeId: 'ledger_type',
  schemeId: 'assessment_scheme',
  submissionId: 'submission',
};

const collect = (want: Map<string, Set<string>>, kind: string, v: unknown) => {
  for (const id of [v].flat())
    if (typeof id === 'string' && id.length > 0) (want.get(kind) ?? want.set(kind, new Set()).get(kind)!).add(id);
};

export async function auditNames(db: Db, rows: AuditRecord[]): Promise<Record<string, string>> {
  const want = new Map<string, Set<string>>();
  for (const r of rows) {
    if (r.entityId) collect(want, r.entityType, r.entityId);
    if (r.planId) collect(want, 'plan', r.planId);
    for (const side of [r.before, r.after])
      if (side && typeof side === 'object' && !Array.isArray(side))
        for (const [k, v] of Object.entries(side as Record<string, unknown>))
          if (ID_FIELDS[k]) collect(want, ID_FIELDS[k], v);
  }
  const names: Record<string, string> = {};
  for (const [kind, idSet] of want) {
    const ids = [...idSet];
    if (kind === 'submission') {
      if (ids.length > 500) continue; // an export's thousands of submissions keep their ids
      // A submission is known by its unit and round: 市发改委《2025年第三季度》.
      const subs = await db
        .selectFrom('submissions as s')
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .innerJoin('reporting_rounds as r', 'r.id', 's.round_id')
        .select(['s.id', 'u.name as unit', 'r.title as round'])
        .where('s.id', 'in', ids)
        .execute();
      for (const s of subs) names[s.id] = `${s.unit}《${s.round}》`;
      continue;
    }
    const namer = NAMERS[kind];
    if (!namer) continue;
    // In slices: an export names up to 50,000 rows, more ids than a statement should carry.
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const found = await sql<{ id: string; name: string | null }>`select id, ${sql.ref(namer.name)} as name
        from ${sql.table(namer.table)} where id in (${sql.join(slice)})`.execute(db);
      for (const f of found.rows) if (f.name) names[f.id] = kind === 'bulletin' ? `${f.name}情况通报` : f.name;
    }
  }
  return names;
}
