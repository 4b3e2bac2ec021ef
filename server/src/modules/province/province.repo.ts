import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { GLOBAL_SCOPE } from '../indicators/data-version.repo.ts';

export interface CountyPlan {
  id: string;
  code: string;
  title: string;
  documentNumber: string;
  regionId: string;
  baselineYear: number;
  targetYear: number;
  status: string;
}

/**
 * The plan each county runs: its newest plan in force (or closed), by 印发日期. Drafts and withdrawn
 * plans are the county office's own business and never shown across counties.
 */
export async function countyPlans(db: Db, countyIds: string[]): Promise<Map<string, CountyPlan>> {
  if (countyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'code', 'title', 'document_number', 'region_id', 'baseline_year', 'target_year', 'status'])
    .where('region_id', 'in', countyIds)
    .where('status', 'in', ['in_force', 'closed'])
    .orderBy('issuing_date', 'desc')
    .orderBy('code')
    .execute();
  const out = new Map<string, CountyPlan>();
  for (const r of rows) {
    if (out.has(r.region_id!)) continue;
    out.set(r.region_id!, {
      id: r.id,
      code: r.code,
      title: r.title,
      documentNumber: r.document_number,
      regionId: r.region_id!,
      baselineYear: r.baseline_year,
      targetYear: r.target_year,
      status: r.status,
    });
  }
  return out;
}

/** Every catalogue link of the plans, by indicator id, in one query. */
export async function catalogueCodes(db: Db, planIds: string[]): Promise<Map<string, string>> {
  if (planIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('indicator_catalogue_links')
    .select(['indicator_id', 'catalogue_code'])
    .where('plan_id', 'in', planIds)
    .execute();
  return new Map(rows.map((r) => [r.indicator_id, r.catalogue_code]));
}

/** A county's latest published bulletin by an instant, as the view shows it. */
export interface LatestBulletin {
  id: string;
  title: string;
  issueLabel: string;
  publishedAt: string;
  asOf: string;
}

/**
 * Each plan's latest bulletin published by `at` (a bulletin published later was not yet out), for
 * all plans in one query: the view would otherwise read every county's bulletins one by one.
 */
export async function latestBulletins(db: Db, planIds: string[], at: string): Promise<Map<string, LatestBulletin>> {
  const out = new Map<string, LatestBulletin>();
  if (planIds.length === 0) return out;
  const rows = await db
    .selectFrom('bulletins')
    .select(['id', 'plan_id', 'year', 'issue_number', 'content', 'published_at', 'as_of'])
    .where('plan_id', 'in', planIds)
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', at)
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    if (out.has(r.plan_id)) continue;
    out.set(r.plan_id, {
      id: r.id,
      title: (JSON.parse(r.content) as { title: string }).title,
      // As the bulletin module labels an issue (a published bulletin always has its number).
      issueLabel: r.issue_number === null ? '草稿' : `${r.year}年第${r.issue_number}期`,
      publishedAt: r.published_at!,
      asOf: r.as_of,
    });
  }
  return out;
}

/**
 * The data versions of the plans and the global one, in one query, as one text (the province
 * view's cache key) and by scope (each plan's evaluation's key). Each scope's version is the sum of its weights in `data_version_log`, as
 * `findVersionedPlan` reads one plan's, so a change of how versions are stored touches only here.
 */
export async function dataVersionsOf(
  db: Db,
  planIds: string[],
): Promise<{ text: string; byScope: Map<string, string> }> {
  const rows = await db
    .selectFrom('data_version_log')
    .select(['scope', sql<string | number>`sum(weight)`.as('version')])
    .where('scope', 'in', [GLOBAL_SCOPE, ...planIds])
    .groupBy('scope')
    .execute();
  const v = new Map(rows.map((r) => [r.scope, String(r.version)]));
  return { text: [GLOBAL_SCOPE, ...planIds].map((s) => `${s}=${v.get(s) ?? 0}`).join(','), byScope: v };
}
