import type { CountyOverview, LightCounts, ProvinceOverview, ProvinceQuery } from '@innocity/shared/api/province';
import type { Region } from '@innocity/shared/api/regions';
import { todayIn } from '@innocity/shared/indicators/calendar';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { endOfLocalDayUtc } from '../../time.ts';
import { listRegions } from '../regions/region.repo.ts';
import { regionPath, subtreeIds } from '../regions/region-tree.ts';
import { getTimeliness } from '../reporting/timeliness.service.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { buildComparison, type CountyIndicatorValue } from './compare.ts';
import { canReadProvinceView } from './province.policy.ts';
import { cachedOverview } from './province-cache.ts';
import { countyEvaluations, type CountyFigure } from './province-evaluations.ts';
import {
  catalogueCodes,
  countyPlans,
  dataVersionsOf,
  latestBulletins,
  type CountyPlan,
  type LatestBulletin,
} from './province.repo.ts';

export interface ProvinceOptions {
  timeZone: string;
  demo: boolean;
  /** Where a failed store of computed figures is reported (the view still answers). */
  onStoreError?: (err: unknown) => void;
}

/** Counties whose reporting timeliness is read at once: PostgreSQL answers them in parallel. */
const TIMELINESS_CONCURRENCY = 4;

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

function countLights(figures: CountyFigure[]): LightCounts {
  const counts: LightCounts = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const f of figures) counts[f.light] += 1;
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

interface CountyResult {
  overview: CountyOverview;
  values: CountyIndicatorValue[];
}

/** What the view reads of a county's plan, all counties' at once. */
interface CountyData {
  figures: CountyFigure[];
  timeliness: CountyOverview['timeliness'];
  latestBulletin: LatestBulletin | null;
}

function countyResult(
  county: Region,
  cityName: string | null,
  plan: CountyPlan | undefined,
  data: CountyData | undefined,
  codes: Map<string, string>,
): CountyResult {
  const base = { regionId: county.id, regionName: county.name, cityName };
  if (!plan || !data)
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
  const { figures, timeliness, latestBulletin } = data;
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
      lights: countLights(figures),
      timeliness,
      latestBulletin,
    },
    values: figures
      .filter((f) => codes.has(f.id))
      .map((f) => ({
        countyId: county.id,
        indicatorName: f.name,
        catalogueCode: codes.get(f.id)!,
        unit: f.unit,
        value: f.value,
        light: f.light,
      })),
  };
}

/**
 * Every county plan's figures, reporting timeliness and latest bulletin: the figures held or
 * stored per plan and data version, the others evaluated in batches (province-evaluations.ts), the
 * bulletins in one query, the timeliness a few plans at a time while the engine computes.
 */
async function readCounties(
  db: Db,
  plans: CountyPlan[],
  versions: Map<string, string>,
  asOf: string,
  opts: ProvinceOptions,
) {
  const { timeZone } = opts;
  const evaluations = countyEvaluations(db, plans, versions, asOf, timeZone, { onStoreError: opts.onStoreError });
  const timeliness = new Map<string, CountyOverview['timeliness']>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < plans.length; i = next++)
      timeliness.set(plans[i]!.id, await timelinessOf(db, plans[i]!.id, asOf, timeZone));
  };
  const [evaluated, bulletins] = await Promise.all([
    evaluations,
    latestBulletins(
      db,
      plans.map((p) => p.id),
      endOfLocalDayUtc(asOf, timeZone),
    ),
    ...Array.from({ length: TIMELINESS_CONCURRENCY }, worker),
  ]);
  return new Map(
    plans.map((p): [string, CountyData] => [
      p.id,
      {
        figures: evaluated.get(p.id) ?? [],
        timeliness: timeliness.get(p.id) ?? null,
        latestBulletin: bulletins.get(p.id) ?? null,
      },
    ]),
  );
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
  const planList = counties.flatMap((c) => plans.get(c.id) ?? []);
  // The answer is a function of the counties covered, the date and the data: cached under the
  // data versions of their plans, read here before anything else, so a write committed in any
  // county (on any instance) changes the key of the very next request.
  const versions = await dataVersionsOf(
    db,
    planList.map((p) => p.id),
  );
  const key = JSON.stringify([
    query.regionId ?? null,
    counties.map((c) => c.id),
    planList.map((p) => p.id),
    asOf,
    opts.demo,
    versions.text,
  ]);
  return cachedOverview(db, key, async () => {
    const [codes, data] = await Promise.all([
      catalogueCodes(
        db,
        planList.map((p) => p.id),
      ),
      readCounties(db, planList, versions.byScope, asOf, opts),
    ]);
    const byId = new Map(regions.map((r) => [r.id, r]));
    const results = counties.map((c) => {
      const parent = c.parentId ? byId.get(c.parentId) : undefined;
      const plan = plans.get(c.id);
      return countyResult(c, parent?.level === 'city' ? parent.name : null, plan, plan && data.get(plan.id), codes);
    });
    const region = query.regionId ? byId.get(query.regionId)! : null;
    return {
      asOf,
      demo: opts.demo,
      region: region && { id: region.id, name: region.name, level: region.level },
      counties: results.map((r) => r.overview),
      columns: buildComparison(results.flatMap((r) => r.values)),
    };
  });
}
