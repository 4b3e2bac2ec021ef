import type { CountyOverview, LightCounts, ProvinceOverview, ProvinceQuery } from '@innocity/shared/api/province';
import type { Region } from '@innocity/shared/api/regions';
import { todayIn } from '@innocity/shared/indicators/calendar';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { endOfLocalDayUtc } from '../../time.ts';
import { listBulletins } from '../bulletins/bulletin.repo.ts';
import { evaluatePlan, type Evaluated } from '../indicators/indicator-engine.ts';
import { listRegions } from '../regions/region.repo.ts';
import { regionPath, subtreeIds } from '../regions/region-tree.ts';
import { getTimeliness } from '../reporting/timeliness.service.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { buildComparison, type CountyIndicatorValue } from './compare.ts';
import { canReadProvinceView } from './province.policy.ts';
import { catalogueCodes, countyPlans, type CountyPlan } from './province.repo.ts';

export interface ProvinceOptions {
  timeZone: string;
  demo: boolean;
}

/** Counties evaluated at once: PostgreSQL answers them in parallel; SQLite serialises them either way. */
const COUNTY_CONCURRENCY = 4;

/** The counties the view covers: below the chosen region (which the user must reach), or all it reaches. */
function coveredCounties(actor: Actor, regions: Region[], regionId: string | undefined): Region[] {
  let roots: string[];
  if (regionId) {
    if (!regions.some((r) => r.id === regionId)) throw notFound('地区');
    if (!canReachRegion(actor, regionId)) throw forbidden('不能查看其他地区的省级视图');
    roots = [regionId];
  } else {
    roots =
      actor.regionIds == null ? regions.filter((r) => r.parentId === null).map((r) => r.id) : [...actor.regionIds];
  }
  const ids = new Set(subtreeIds(regions, roots));
  const path = (r: Region) =>
    regionPath(regions, r.id)
      .map((x) => `${String(x.sortOrder).padStart(6, '0')}${x.name}`)
      .join('/');
  return regions
    .filter((r) => r.level === 'county' && ids.has(r.id) && canReachRegion(actor, r.id))
    .sort((a, b) => path(a).localeCompare(path(b)));
}

function countLights(evaluated: Evaluated[]): LightCounts {
  const counts: LightCounts = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const e of evaluated) counts[e.evaluation.light] += 1;
  return counts;
}

/** The latest round whose cut-off passed by the date: who reported on time, late, or not at all. */
async function timelinessOf(db: Db, planId: string, asOf: string, timeZone: string) {
  const standings = await getTimeliness(db, planId, { asOf, timeZone });
  // Rounds come newest cut-off first; a round still open by the date has pending units: the
  // latest round with none pending is the last one whose timeliness is settled.
  const rounds = [...new Set(standings.map((s) => s.roundId))];
  const latest = rounds.find((id) => standings.every((s) => s.roundId !== id || s.timeliness !== 'pending'));
  if (!latest) return null;
  const inRound = standings.filter((s) => s.roundId === latest);
  return {
    roundTitle: inRound[0]!.roundTitle,
    periodId: inRound[0]!.periodId,
    onTime: inRound.filter((s) => s.timeliness === 'on_time').length,
    late: inRound.filter((s) => s.timeliness === 'late').length,
    missing: inRound.filter((s) => s.timeliness === 'missing').length,
    total: inRound.length,
  };
}

/** The county's latest bulletin published by the end of the date (a bulletin published later was not yet out). */
async function latestBulletinOf(db: Db, planId: string, asOf: string, timeZone: string) {
  const at = endOfLocalDayUtc(asOf, timeZone);
  const published = (await listBulletins(db, planId))
    .filter((b) => b.status === 'published' && b.publishedAt !== null && b.publishedAt <= at)
    .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!));
  const b = published[0];
  return b ? { id: b.id, title: b.title, issueLabel: b.issueLabel, publishedAt: b.publishedAt!, asOf: b.asOf } : null;
}

interface CountyResult {
  overview: CountyOverview;
  values: CountyIndicatorValue[];
}

async function countyResult(
  db: Db,
  county: Region,
  cityName: string | null,
  plan: CountyPlan | undefined,
  codes: Map<string, string>,
  asOf: string,
  opts: ProvinceOptions,
): Promise<CountyResult> {
  const base = { regionId: county.id, regionName: county.name, cityName };
  if (!plan)
    return {
      overview: {
        ...base,
        plan: null,
        lights: { green: 0, yellow: 0, red: 0, grey: 0 },
        timeliness: null,
        latestBulletin: null,
      },
      values: [],
    };
  const [evaluated, timeliness, latestBulletin] = await Promise.all([
    evaluatePlan(db, plan, { asOf, timeZone: opts.timeZone }),
    timelinessOf(db, plan.id, asOf, opts.timeZone),
    latestBulletinOf(db, plan.id, asOf, opts.timeZone),
  ]);
  return {
    overview: {
      ...base,
      plan: {
        id: plan.id,
        code: plan.code,
        title: plan.title,
        documentNumber: plan.documentNumber,
        targetYear: plan.targetYear,
      },
      lights: countLights(evaluated),
      timeliness,
      latestBulletin,
    },
    values: evaluated
      .filter((e) => codes.has(e.indicator.id))
      .map((e) => ({
        countyId: county.id,
        indicatorName: e.indicator.name,
        catalogueCode: codes.get(e.indicator.id)!,
        unit: e.indicator.unit,
        value: e.current?.value ?? null,
        light: e.evaluation.light,
      })),
  };
}

/** 省级视图 as of a date (today by default): every county's standing and the comparable indicators ranked. */
export async function getProvinceOverview(
  db: Db,
  actor: Actor,
  query: ProvinceQuery,
  opts: ProvinceOptions,
): Promise<ProvinceOverview> {
  if (!canReadProvinceView(actor)) throw forbidden('只有省级（设区市）查看人员和系统管理员可以查看省级视图');
  const regions = await listRegions(db);
  const counties = coveredCounties(actor, regions, query.regionId);
  const asOf = query.asOf ?? todayIn(opts.timeZone);
  const plans = await countyPlans(
    db,
    counties.map((c) => c.id),
  );
  const codes = await catalogueCodes(
    db,
    [...plans.values()].map((p) => p.id),
  );
  const byId = new Map(regions.map((r) => [r.id, r]));
  const results: CountyResult[] = new Array(counties.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < counties.length; i = next++) {
      const c = counties[i]!;
      const parent = c.parentId ? byId.get(c.parentId) : undefined;
      results[i] = await countyResult(
        db,
        c,
        parent?.level === 'city' ? parent.name : null,
        plans.get(c.id),
        codes,
        asOf,
        opts,
      );
    }
  };
  await Promise.all(Array.from({ length: COUNTY_CONCURRENCY }, worker));
  const region = query.regionId ? byId.get(query.regionId)! : null;
  return {
    asOf,
    demo: opts.demo,
    region: region && { id: region.id, name: region.name, level: region.level },
    counties: results.map((r) => r.overview),
    columns: buildComparison(results.flatMap((r) => r.values)),
  };
}
