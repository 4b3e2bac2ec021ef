import { PACK_FORMAT_VERSION, type PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { listRegions } from '../regions/region.repo.ts';
import { regionPath } from '../regions/region-tree.ts';
import { loadPlanPack, parsePack } from './plan-pack.service.ts';
import { wordingOf } from './plan-settings.service.ts';

/**
 * Moving plans between deployments (`npm run cli -- load-pack FILE` / `export-pack CODE FILE`).
 * A pack carries its county's place in the region tree, so the receiving deployment files it there.
 */

export interface LoadedPack {
  planId: string;
  created: boolean;
  code: string;
  title: string;
  region: string;
}

/** Loads a pack (validated as every pack is); a plan whose code exists is left as it is. */
export async function loadPackFromJson(db: Db, raw: unknown, ctx: AuditContext): Promise<LoadedPack> {
  const pack = parsePack(raw);
  const { planId, created } = await loadPlanPack(db, pack, ctx);
  return { planId, created, code: pack.plan.code, title: pack.plan.title, region: await regionLabel(db, planId) };
}

/**
 * The pack a plan was loaded from, filed under the region it sits in now, with the documents' wording
 * and the indicators' catalogue codes as the office keeps them now (the next deployment prints and
 * compares the same). Other changes (targets, milestones, ledgers' rows) are the deployment's own data
 * and are not part of a pack.
 */
export async function exportPack(db: Db, code: string): Promise<PlanPack> {
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'pack_json', 'region', 'region_id'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!plan) throw notFound(`编码为“${code}”的方案`);
  if (!plan.pack_json) throw notFound(`方案“${code}”的数据包（该方案载入时未保存数据包，请重新载入后再导出）`);
  const pack = JSON.parse(plan.pack_json) as PlanPack;
  const path = plan.region_id ? regionPath(await listRegions(db), plan.region_id).map((r) => r.name) : [];
  const region = path.at(-1) ?? plan.region;
  const codes = await catalogueCodes(db, plan.id);
  return parsePack({
    ...pack,
    formatVersion: PACK_FORMAT_VERSION,
    plan: { ...pack.plan, region, regionPath: path.length > 0 ? path : [region] },
    indicators: pack.indicators.map(({ catalogueCode, ...ind }) => {
      const code = codes ? codes.get(ind.code) : catalogueCode;
      return code ? { ...ind, catalogueCode: code } : ind;
    }),
    wording: await wordingOf(db, { id: plan.id, region: plan.region }),
  });
}

/**
 * The office's catalogue codes by indicator code. Null when the plan has no link at all: it was loaded
 * before the catalogue existed and never mapped here, so the pack's own codes stand.
 */
async function catalogueCodes(db: Db, planId: string): Promise<Map<string, string> | null> {
  const rows = await db
    .selectFrom('indicator_catalogue_links')
    .innerJoin('indicators', 'indicators.id', 'indicator_catalogue_links.indicator_id')
    .select(['indicators.code', 'indicator_catalogue_links.catalogue_code'])
    .where('indicator_catalogue_links.plan_id', '=', planId)
    .execute();
  return rows.length === 0 ? null : new Map(rows.map((r) => [r.code, r.catalogue_code]));
}

async function regionLabel(db: Db, planId: string): Promise<string> {
  const plan = await db.selectFrom('plans').select(['region', 'region_id']).where('id', '=', planId).executeTakeFirst();
  if (!plan?.region_id) return plan?.region ?? '';
  return regionPath(await listRegions(db), plan.region_id)
    .map((r) => r.name)
    .join(' / ');
}
