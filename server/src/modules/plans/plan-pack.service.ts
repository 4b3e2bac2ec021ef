import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PACK_FORMAT_VERSION, planPackSchema, type PlanPack } from '@innocity/shared/plan-pack';
import type { FieldIssue } from '@innocity/shared/errors';
import type { Db } from '../../db/connection.ts';
import { ROOT_DIR } from '../../config.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { ensurePackUnits } from '../units/unit.service.ts';
import { ensureRegionPath } from '../regions/region.service.ts';
import { ClosedPlanError, writingToPlans } from '../regions/plan-write-guard.ts';
import { validationFailed } from '../../http/errors.ts';
import { findPlanByCode } from './plan.repo.ts';
import { insertPlan, insertRows } from './plan-pack.repo.ts';
import { storePackLedgerTypes } from '../ledgers/ledger-type.service.ts';
import { storePackIndicatorData } from '../indicators/indicator-pack.service.ts';
import { storePackCatalogueCodes } from '../indicators/indicator-catalogue.service.ts';
import { storePackWording } from './plan-settings.service.ts';
import { createDueWorkItems } from './task-due-items.ts';

export const PACKS_DIR = path.join(ROOT_DIR, 'shared/packs');
export const DEFAULT_PACK = 'jurong-2022-79.json';

/** Reads and validates a pack file; problems are named by their path inside the pack. */
export function readPackFile(file: string): PlanPack {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw validationFailed(`方案数据包无法读取：${path.basename(file)}（${(err as Error).message}）`, []);
  }
  return parsePack(raw);
}

export function parsePack(raw: unknown): PlanPack {
  const parsed = planPackSchema.safeParse(raw);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw validationFailed(
      `方案数据包有误：${issues
        .slice(0, 5)
        .map((i) => `${i.path} ${i.message}`)
        .join('；')}`,
      issues,
    );
  }
  return parsed.data;
}

/**
 * Loads a pack as a plan in force, all or nothing. A plan whose code is already present is
 * left untouched, so loading the same pack twice changes nothing.
 */
export async function loadPlanPack(
  db: Db,
  pack: PlanPack,
  ctx: AuditContext,
): Promise<{ planId: string; created: boolean }> {
  const existing = await findPlanByCode(db, pack.plan.code);
  if (existing) {
    // Ledger types, data elements and indicator definitions added to a pack after its plan was first
    // loaded are stored now (blanks filled, nothing overwritten); nothing else changes. Not in a
    // closed plan (archived, withdrawn): the write guard refuses the transaction, and a start that
    // loads the default pack again goes on with the plan as it was closed.
    await writingToPlans([existing.id], () => fillPackBlanks(db, existing.id, pack, ctx)).catch((err: unknown) => {
      if (!(err instanceof ClosedPlanError)) throw err;
    });
    return { planId: existing.id, created: false };
  }
  return db.transaction().execute((trx) => createPlanFromPack(trx, pack, ctx));
}

function fillPackBlanks(db: Db, planId: string, pack: PlanPack, ctx: AuditContext): Promise<void> {
  const existing = { id: planId };
  return db.transaction().execute(async (trx) => {
    // A plan loaded before regions existed is filed under the path its pack names now.
    const regionId = await ensureRegionPath(trx, packRegionPath(pack), ctx);
    const filed = await trx
      .selectFrom('plans')
      .select(['region_id', 'pack_json'])
      .where('id', '=', existing.id)
      .executeTakeFirstOrThrow();
    const planRegion = filed.region_id ?? regionId;
    // Plans loaded before packs were kept get their pack now, for export-pack.
    if (!filed.region_id || !filed.pack_json)
      await trx
        .updateTable('plans')
        .set({ region_id: planRegion, pack_json: filed.pack_json ?? JSON.stringify(pack) })
        .where('id', '=', existing.id)
        .execute();
    const units = () => ensurePackUnits(trx, pack.units, ctx, planRegion);
    await storePackLedgerTypes(trx, existing.id, pack.ledgerTypes, units, ctx);
    await storePackIndicatorData(trx, existing.id, pack, units, ctx);
  });
}

/**
 * Creates the pack's plan, in force, with the units the tree lacks, inside the caller's transaction
 * (the importer's confirm adds its own writes to the same transaction). The caller checks the code is free.
 */
export async function createPlanFromPack(
  trx: Db,
  pack: PlanPack,
  ctx: AuditContext,
): Promise<{ planId: string; regionId: string; created: true }> {
  const regionId = await ensureRegionPath(trx, packRegionPath(pack), ctx);
  const unitIds = await ensurePackUnits(trx, pack.units, ctx, regionId);
  const planId = randomUUID();
  const hash = createHash('sha256').update(JSON.stringify(pack)).digest('hex');
  const stamp = { created_at: ctx.now, updated_at: ctx.now };
  const p = pack.plan;
  await insertPlan(trx, {
    id: planId,
    code: p.code,
    title: p.title,
    document_number: p.documentNumber,
    issuer: p.issuer,
    region: p.region,
    issuing_date: p.issuingDate,
    baseline_year: p.baselineYear,
    target_year: p.targetYear,
    status: 'in_force',
    preamble: p.preamble,
    pack_format_version: PACK_FORMAT_VERSION,
    pack_hash: hash,
    region_id: regionId,
    pack_json: JSON.stringify(pack),
    ...stamp,
  });
  const part = () => ({ id: randomUUID(), plan_id: planId, ...stamp });
  const goals = pack.goals.map((g) => ({ ...part(), number: g.number, title: g.title, text: g.text }));
  await insertRows(trx, 'plan_goals', goals);
  const areas = pack.areas.map((a) => ({ ...part(), number: a.number, title: a.title }));
  await insertRows(trx, 'plan_areas', areas);
  const tasks = pack.areas.flatMap((a, i) =>
    a.tasks.map((t) => ({
      ...part(),
      area_id: areas[i]!.id,
      number: t.number,
      title: t.title,
      text: t.text,
      due_date: t.dueDate,
      due_text: t.dueText,
    })),
  );
  await insertRows(trx, 'plan_tasks', tasks);
  const groupIds = await insertGroups(trx, pack, planId, unitIds, stamp);
  await insertTaskUnits(trx, pack, planId, tasks, unitIds, groupIds);
  await createDueWorkItems(trx, pack, planId, tasks, unitIds, ctx);
  await insertIndicators(trx, pack, planId, { goals, tasks, unitIds, stamp });
  await insertRows(
    trx,
    'plan_phases',
    pack.phases.map((ph) => ({
      ...part(),
      number: ph.number,
      name: ph.name,
      start_year: ph.startYear,
      end_year: ph.endYear,
      text: ph.text,
    })),
  );
  await insertRows(
    trx,
    'plan_measures',
    pack.measures.map((m) => ({ ...part(), number: m.number, title: m.title, text: m.text })),
  );
  await storePackLedgerTypes(trx, planId, pack.ledgerTypes, async () => unitIds, ctx);
  await storePackIndicatorData(trx, planId, pack, async () => unitIds, ctx);
  await storePackWording(trx, planId, pack, ctx.now);
  await storePackCatalogueCodes(trx, planId, pack, ctx.now);
  await recordAudit(trx, ctx, {
    action: 'load_pack',
    entityType: 'plan',
    entityId: planId,
    planId,
    after: { code: p.code, title: p.title, documentNumber: p.documentNumber, packHash: hash },
  });
  return { planId, regionId, created: true };
}

/** Where the pack's county sits; a pack of the first format without a path names only its county. */
export const packRegionPath = (pack: PlanPack): string[] => pack.plan.regionPath ?? [pack.plan.region];

type Stamp = { created_at: string; updated_at: string };

const resolveUnit = (unitIds: Map<string, string>, name: string) => {
  const id = unitIds.get(name);
  if (!id) throw validationFailed(`方案数据包中的单位不在单位树中：${name}`, [{ path: 'units', message: name }]);
  return id;
};

async function insertGroups(trx: Db, pack: PlanPack, planId: string, unitIds: Map<string, string>, stamp: Stamp) {
  const groupIds = new Map<string, string>();
  for (const g of pack.unitGroups) {
    const id = randomUUID();
    groupIds.set(g.name, id);
    await insertRows(trx, 'unit_groups', [{ id, plan_id: planId, code: g.code, name: g.name, mode: g.mode, ...stamp }]);
    await insertRows(
      trx,
      'unit_group_members',
      // Two names of one unit (a name and its alias) make one member.
      [...new Set(g.members.map((m) => resolveUnit(unitIds, m)))].map((unit_id, position) => ({
        plan_id: planId,
        group_id: id,
        unit_id,
        position,
      })),
    );
  }
  return groupIds;
}

async function insertTaskUnits(
  trx: Db,
  pack: PlanPack,
  planId: string,
  tasks: { id: string; number: number }[],
  unitIds: Map<string, string>,
  groupIds: Map<string, string>,
) {
  const rows = pack.areas.flatMap((a) =>
    a.tasks.flatMap((t) => {
      const taskId = tasks.find((x) => x.number === t.number)!.id;
      return [t.leadUnit, ...t.coUnits].map((name, position) => {
        const groupId = groupIds.get(name) ?? null;
        return {
          id: randomUUID(),
          plan_id: planId,
          task_id: taskId,
          role: position === 0 ? 'lead' : 'co',
          position,
          unit_id: groupId ? null : resolveUnit(unitIds, name),
          group_id: groupId,
        };
      });
    }),
  );
  await insertRows(trx, 'task_units', rows);
}

async function insertIndicators(
  trx: Db,
  pack: PlanPack,
  planId: string,
  refs: {
    goals: { id: string; number: number }[];
    tasks: { id: string; number: number }[];
    unitIds: Map<string, string>;
    stamp: Stamp;
  },
) {
  const rows = pack.indicators.map((ind, position) => ({
    id: randomUUID(),
    plan_id: planId,
    code: ind.code,
    name: ind.name,
    comparator: ind.comparator,
    target_value: ind.value,
    target_min: ind.min,
    target_max: ind.max,
    unit: ind.unit,
    target_date: ind.targetDate,
    goal_id: ind.goal === null ? null : (refs.goals.find((g) => g.number === ind.goal)?.id ?? null),
    task_id: ind.task === null ? null : (refs.tasks.find((t) => t.number === ind.task)?.id ?? null),
    reporting_unit_id: ind.reportingUnit ? resolveUnit(refs.unitIds, ind.reportingUnit) : null,
    source_text: ind.sourceText,
    baseline_value: ind.baseline?.value ?? null,
    baseline_year: ind.baseline?.year ?? null,
    definition: ind.definition ? JSON.stringify(ind.definition) : null,
    position,
    ...refs.stamp,
  }));
  await insertRows(trx, 'indicators', rows);
}
