import type { Db } from '../../db/connection.ts';

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
