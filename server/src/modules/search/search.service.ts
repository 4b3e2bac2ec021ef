import type { SearchHit, SearchQuery, SearchResult } from '@innocity/shared/api/search';
import type { Db } from '../../db/connection.ts';
import { containsText } from '../../db/text-search.ts';
import { notFound } from '../../http/errors.ts';
import { canReadLedgers } from '../ledgers/ledger.policy.ts';
import { listPlans } from '../plans/plan.service.ts';
import { canReadWorkItem } from '../supervision/supervision.policy.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';

/** Hits listed per kind; one more is read to know whether there were more. */
export const PER_KIND = 8;

interface Found {
  hits: SearchHit[];
  more: boolean;
}
const cut = (hits: SearchHit[], limit = PER_KIND): Found => ({ hits: hits.slice(0, limit), more: hits.length > limit });

/**
 * One search box over what the user may see: units of their region, and in the plans they may
 * read, ledger rows (any field's text), work items they may read, key tasks and indicators.
 * Each kind answers through the same rules as its own screen.
 */
export async function search(db: Db, actor: Actor, q: SearchQuery): Promise<SearchResult> {
  let plans = await listPlans(db, actor);
  if (q.planId) {
    plans = plans.filter((p) => p.id === q.planId);
    if (plans.length === 0) throw notFound('方案');
  }
  const planName = new Map(plans.map((p) => [p.id, p.title]));
  const planIds = plans.length > 0 ? plans.map((p) => p.id) : [''];
  const ledgerPlans = plans.filter((p) => canReadLedgers(actor, p.status)).map((p) => p.id);
  const found = await Promise.all([
    units(db, actor, q.q),
    ledgerRows(db, ledgerPlans, q.q, planName, plans.length > 1),
    workItems(db, actor, planIds, q.q, planName, plans.length > 1),
    tasks(db, planIds, q.q, planName, plans.length > 1),
    indicators(db, planIds, q.q, planName, plans.length > 1),
  ]);
  return { items: found.flatMap((f) => f.hits), truncated: found.some((f) => f.more) };
}

const withPlan = (text: string, planId: string, names: Map<string, string>, many: boolean) =>
  many ? `${names.get(planId) ?? ''} · ${text}` : text;

async function units(db: Db, actor: Actor, text: string): Promise<Found> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'full_name', 'region_id'])
    .where('disabled', '=', 0)
    .where((eb) => eb.or([containsText('name', text), containsText('full_name', text), containsText('aliases', text)]))
    .orderBy('sort_order')
    .limit(PER_KIND * 4)
    .execute();
  return cut(
    rows
      .filter((r) => canReachRegion(actor, r.region_id))
      .map((r) => ({
        kind: 'unit' as const,
        id: r.id,
        title: r.name,
        context: r.full_name && r.full_name !== r.name ? r.full_name : '单位',
        planId: null,
        typeCode: null,
      })),
  );
}

async function ledgerRows(
  db: Db,
  planIds: string[],
  text: string,
  names: Map<string, string>,
  many: boolean,
): Promise<Found> {
  if (planIds.length === 0) return { hits: [], more: false };
  const rows = await db
    .selectFrom('ledger_rows as r')
    .innerJoin('ledger_types as t', 't.id', 'r.ledger_type_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.row_id',
      'r.plan_id',
      'r.data',
      't.code',
      't.name as typeName',
      't.definition',
      'u.name as unitName',
    ])
    .where('r.plan_id', 'in', planIds)
    .where('r.deleted_at', 'is', null)
    .where(containsText('r.search_text', text))
    .orderBy('t.position')
    .orderBy('r.natural_key')
    .limit(PER_KIND + 1)
    .execute();
  return cut(
    rows.map((r) => {
      const data = (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>;
      const fields = (JSON.parse(r.definition) as { fields: { key: string; label: string; type: string }[] }).fields;
      // The row's name is its 名称 field (企业名称, 项目名称 …), else its first text field; the field
      // that matched may be another.
      const named = fields.find((f) => f.label.endsWith('名称')) ?? fields.find((f) => f.type === 'text') ?? fields[0];
      const title = String(data[named?.key ?? ''] ?? '');
      return {
        kind: 'ledger_row' as const,
        id: r.row_id,
        title,
        context: withPlan(`${r.typeName} · ${r.unitName}`, r.plan_id, names, many),
        planId: r.plan_id,
        typeCode: r.code,
      };
    }),
  );
}

async function workItems(
  db: Db,
  actor: Actor,
  planIds: string[],
  text: string,
  names: Map<string, string>,
  many: boolean,
): Promise<Found> {
  const rows = await db
    .selectFrom('work_items as w')
    .innerJoin('units as u', 'u.id', 'w.lead_unit_id')
    .select(['w.id', 'w.title', 'w.plan_id', 'w.year', 'w.lead_unit_id', 'u.name as leadName'])
    .where('w.plan_id', 'in', planIds)
    .where(containsText('w.title', text))
    .orderBy('w.year', 'desc')
    .orderBy('w.due_date')
    .limit(PER_KIND * 6)
    .execute();
  const co = new Map<string, string[]>();
  if (rows.length > 0) {
    const links = await db
      .selectFrom('work_item_co_units')
      .select(['work_item_id', 'unit_id'])
      .where(
        'work_item_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const l of links) co.set(l.work_item_id, [...(co.get(l.work_item_id) ?? []), l.unit_id]);
  }
  return cut(
    rows
      .filter((r) => canReadWorkItem(actor, { leadUnitId: r.lead_unit_id, coUnitIds: co.get(r.id) ?? [] }))
      .map((r) => ({
        kind: 'work_item' as const,
        id: r.id,
        title: r.title,
        context: withPlan(`${r.year}年 · 牵头：${r.leadName}`, r.plan_id, names, many),
        planId: r.plan_id,
        typeCode: null,
      })),
  );
}

async function tasks(db: Db, planIds: string[], text: string, names: Map<string, string>, many: boolean) {
  const rows = await db
    .selectFrom('plan_tasks')
    .select(['id', 'plan_id', 'number', 'title'])
    .where('plan_id', 'in', planIds)
    .where((eb) => eb.or([containsText('title', text), containsText('text', text)]))
    .orderBy('number')
    .limit(PER_KIND + 1)
    .execute();
  return cut(
    rows.map((r) => ({
      kind: 'task' as const,
      id: r.id,
      title: `${r.number}. ${r.title}`,
      context: withPlan('重点任务', r.plan_id, names, many),
      planId: r.plan_id,
      typeCode: null,
    })),
  );
}

async function indicators(db: Db, planIds: string[], text: string, names: Map<string, string>, many: boolean) {
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'plan_id', 'name', 'unit'])
    .where('plan_id', 'in', planIds)
    .where(containsText('name', text))
    .orderBy('name')
    .limit(PER_KIND + 1)
    .execute();
  return cut(
    rows.map((r) => ({
      kind: 'indicator' as const,
      id: r.id,
      title: r.name,
      context: withPlan(`指标（${r.unit || '无单位'}）`, r.plan_id, names, many),
      planId: r.plan_id,
      typeCode: null,
    })),
  );
}
