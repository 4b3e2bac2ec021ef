import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import { suggestCatalogueCodes } from '@innocity/shared/catalogue/suggest';
import { preselectMapping } from '@innocity/shared/importer/unit-suggestions';
import type { PackDataElement } from '@innocity/shared/indicators/data-element';
import type { PackUnit, PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../db/connection.ts';
import { confirmPlanImport } from '../modules/importer/plan-import-confirm.service.ts';
import { createPlanImport, suggestPlanImportUnits } from '../modules/importer/plan-import.service.ts';
import { setCatalogueCode } from '../modules/indicators/indicator-catalogue.service.ts';
import { recordElementValues } from '../modules/indicators/element-entry.service.ts';
import * as indicatorRepo from '../modules/indicators/indicator.repo.ts';
import { exportPack } from '../modules/plans/plan-pack-transfer.ts';
import { loadPlanPack } from '../modules/plans/plan-pack.service.ts';
import { ensureRegionPath } from '../modules/regions/region.service.ts';
import { ensurePackUnits } from '../modules/units/unit.service.ts';
import { createUser } from '../modules/users/user.service.ts';
import { findUserById, findUserByUsername, loadActor, type Actor } from '../modules/users/user.repo.ts';
import type { DemoCounty } from './plans/county-plans.ts';
import { planText } from './plans/county-plans.ts';
import { Prng } from './prng.ts';
import { at, DEMO_PASSWORD } from './seed-demo.ts';

// Every demo county besides the built-in plan, the same way: its units, its office, its plan
// uploaded through the importer and confirmed, the office's catalogue mapping, a data element per
// quantitative target (the office would define how each is measured), a reporter per reporting
// unit, and its years of reported values (two at least). Nothing here names a county: the specs in
// plans/county-plans.ts do.

export interface SeededCounty {
  region: string;
  planId: string;
  code: string;
  office: string;
  reporters: string[];
}

async function ensureAccount(
  db: Db,
  admin: Actor,
  now: string,
  a: { username: string; displayName: string; roles: ('office' | 'reporter' | 'leader')[]; unitIds: string[] },
  regionId: string,
): Promise<Actor> {
  if (!(await findUserByUsername(db, a.username)))
    await createUser(db, admin, { ...a, phone: null, regionId, initialPassword: DEMO_PASSWORD }, at(now, admin));
  const record = await findUserByUsername(db, a.username);
  return loadActor(db, (await findUserById(db, record!.id))!);
}

/** The unit that reports a target: the lead of its task, else the county's statistics bureau. */
function reporterUnitOf(ind: PlanPack['indicators'][number], pack: PlanPack, tree: PackUnit[]): PackUnit {
  const byName = (name: string) => pack.units.find((u) => u.name === name) ?? tree.find((u) => u.name === name);
  const lead = ind.reportingUnit ? byName(ind.reportingUnit) : undefined;
  return lead ?? tree.find((u) => u.name.endsWith('统计局')) ?? tree[0]!;
}

const COUNT_UNITS = ['家', '个', '项', '件', '名', '人', '所', '座', '次'];

/** A value a year's way along from a start short of the target to around it, with noise; null for 方向性 targets. */
function yearValue(ind: PlanPack['indicators'][number], share: number, prng: Prng): number | null {
  const target = ind.comparator === 'range' ? ((ind.min ?? 0) + (ind.max ?? 0)) / 2 : ind.value;
  if (target === null) return null;
  const lower = ind.comparator === 'lte' || ind.comparator === 'lt';
  // A county starts 15–35 % short of its target and closes the gap at its own pace.
  const factor = lower ? 1 + (1 - share) * prng.amount(0.15, 0.35, 4) : 1 - (1 - share) * prng.amount(0.15, 0.35, 4);
  const v = target * factor * prng.amount(0.97, 1.04, 4);
  // Counts (家, 个, 项 …) are whole; shares and amounts keep two decimals, as a clerk types them.
  const digits = COUNT_UNITS.includes(ind.unit) ? 0 : 2;
  return Math.round(v * 10 ** digits) / 10 ** digits;
}

/** Loads one demo county: units, plan through the importer, catalogue mapping, accounts and two years of values. */
export async function seedCounty(
  db: Db,
  admin: Actor,
  county: DemoCounty,
  opts: { seed: number; log: (line: string) => void },
): Promise<SeededCounty> {
  const prng = new Prng(opts.seed);
  const code = county.units[0]!.code;
  const setup = '2023-01-05T01:00:00.000Z';
  const regionId = await db.transaction().execute(async (trx) => {
    const id = await ensureRegionPath(trx, ['江苏省', county.prefecture, county.region], at(setup, admin));
    await ensurePackUnits(trx, county.units, at(setup, admin), id);
    return id;
  });
  const office = await ensureAccount(
    db,
    admin,
    setup,
    { username: `${code}-office`, displayName: `${county.region}科创委办公室（示例）`, roles: ['office'], unitIds: [] },
    regionId,
  );
  const upload = { kind: 'text' as const, fileName: `${county.region}示例方案.md`, text: planText(county) };
  const draft = await createPlanImport(db, office, async () => upload, at(setup, office));
  const units = (await suggestPlanImportUnits(db, office, draft.id)).map(preselectMapping);
  const planCode = `${code}-${draft.proposal.plan.issuingDate?.slice(0, 4) ?? 'plan'}`;
  const review = { proposal: draft.proposal, settings: { ...draft.defaults, code: planCode }, units };
  const { planId } = await confirmPlanImport(db, office, draft.id, review, at(setup, office));

  // The office confirms the catalogue code the importer suggests where the unit of measure matches.
  const indicators = await indicatorRepo.listIndicators(db, planId);
  let mapped = 0;
  for (const ind of indicators) {
    const best = suggestCatalogueCodes(ind.name, ind.unit)[0];
    if (!best?.unitMatches) continue;
    await setCatalogueCode(db, office, planId, ind.id, { catalogueCode: best.code }, at(setup, office));
    mapped += 1;
  }

  // How each quantitative target is measured: a value its reporting unit reports once a year.
  const pack = await exportPack(db, planCode);
  const elements: PackDataElement[] = [];
  const extraUnits: PackUnit[] = [];
  const measured = pack.indicators.flatMap((ind) => {
    if (ind.comparator === 'increase' || ind.comparator === 'decrease') return [];
    const unit = reporterUnitOf(ind, pack, county.units);
    if (!pack.units.some((u) => u.name === unit.name) && !extraUnits.includes(unit))
      extraUnits.push({ ...unit, parent: undefined });
    const element = `${ind.code}-value`;
    elements.push({
      code: element,
      name: ind.name,
      unit: ind.unit,
      periodicity: 'year',
      reportingUnit: unit.name,
      validation: { ratio: ind.unit === '%', requiredWith: [] },
    });
    // The baseline the office enters from the base year's statistics (synthetic, and says so).
    const start = yearValue(ind, 0, prng);
    const baseline = start === null ? undefined : { value: start, year: pack.plan.baselineYear, note: '示例数据' };
    return [{ ind: { ...ind, definition: { kind: 'reported_level' as const, element }, baseline }, unit }];
  });
  const measuredCodes = new Set(measured.map((m) => m.ind.code));
  await loadPlanPack(
    db,
    {
      ...pack,
      units: [...pack.units, ...extraUnits],
      dataElements: [...pack.dataElements, ...elements],
      indicators: pack.indicators.map((ind) => measured.find((m) => m.ind.code === ind.code)?.ind ?? ind),
    },
    at(setup, office),
  );

  // A reporter per reporting unit, granted in the county, entering each year's figures in spring.
  const unitIds = new Map(
    (await db.selectFrom('units').select(['id', 'name']).where('region_id', '=', regionId).execute()).map((u) => [
      u.name,
      u.id,
    ]),
  );
  const reporters = new Map<string, Actor>();
  for (const [i, unitName] of [...new Set(measured.map((m) => m.unit.name))].entries())
    reporters.set(
      unitName,
      await ensureAccount(
        db,
        admin,
        setup,
        {
          username: `${code}-r${String(i + 1).padStart(2, '0')}`,
          displayName: `${unitName}填报员（示例）`,
          roles: ['reporter'],
          unitIds: [unitIds.get(unitName)!],
        },
        regionId,
      ),
    );
  // Every year since the base year up to 2025 (the demo's last full year), at least two.
  const last = Math.max(pack.plan.baselineYear + 2, Math.min(pack.plan.targetYear, 2025));
  const years = Array.from({ length: last - pack.plan.baselineYear }, (_, i) => pack.plan.baselineYear + 1 + i);
  let entered = 0;
  for (const year of years) {
    const share = (year - pack.plan.baselineYear) / Math.max(1, pack.plan.targetYear - pack.plan.baselineYear);
    for (const [unitName, reporter] of reporters) {
      const items = measured
        .filter((m) => m.unit.name === unitName && measuredCodes.has(m.ind.code))
        .flatMap((m) => {
          const value = yearValue(m.ind, share, prng);
          return value === null
            ? []
            : [{ element: `${m.ind.code}-value`, period: String(year), value, source: '示例数据' }];
        });
      if (items.length === 0) continue;
      const day = `${year + 1}-02-${String(prng.int(10, 27)).padStart(2, '0')}T02:00:00.000Z`;
      await recordElementValues(db, reporter, planId, recordValuesInputSchema.parse({ items }), at(day, reporter));
      entered += items.length;
    }
  }
  opts.log(
    `${county.region}：方案 ${planCode}（经方案导入），指标 ${indicators.length} 项，目录对应 ${mapped} 项，填报员 ${reporters.size} 人，报送 ${entered} 个数值`,
  );
  return {
    region: county.region,
    planId,
    code: planCode,
    office: office.username,
    reporters: [...reporters.values()].map((r) => r.username),
  };
}

/** The demo's 省级查看: reads every county of 江苏省, writes nothing. */
export const PROVINCE_VIEWER = 'province';

export async function seedProvinceViewer(db: Db, admin: Actor): Promise<void> {
  const now = '2023-01-05T01:00:00.000Z';
  if (await findUserByUsername(db, PROVINCE_VIEWER)) return;
  const province = await db
    .selectFrom('regions')
    .select('id')
    .where('name', '=', '江苏省')
    .where('level', '=', 'province')
    .executeTakeFirstOrThrow();
  await createUser(
    db,
    admin,
    {
      username: PROVINCE_VIEWER,
      displayName: '省科技厅（示例）',
      phone: null,
      roles: ['province_viewer'],
      unitIds: [],
      regionId: province.id,
      initialPassword: DEMO_PASSWORD,
    },
    at(now, admin),
  );
}
