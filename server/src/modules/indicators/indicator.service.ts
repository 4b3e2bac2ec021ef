import type { z } from 'zod';
import type {
  IndicatorDetail,
  IndicatorList,
  IndicatorRows,
  IndicatorRowsQuery,
  IndicatorStatus,
  setMilestonesInputSchema,
  updateBaselineInputSchema,
} from '@innocity/shared/api/indicators';
import { asOfCutoff, todayIn } from '@innocity/shared/indicators/calendar';
import { elementsOf } from '@innocity/shared/indicators/definition';
import { STATUS_LABELS } from '@innocity/shared/indicators/status';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { listRowsAsOf } from '../ledgers/ledger-row.service.ts';
import { listLedgerTypes } from '../ledgers/ledger-type.service.ts';
import type { Actor } from '../users/user.repo.ts';
import * as elementRepo from './data-element.repo.ts';
import { readablePlan, toApiElement } from './data-element.service.ts';
import { withCurrentFlags } from './element-values.ts';
import { evaluatePlan, type Evaluated } from './indicator-engine.ts';
import { canEditTargets } from './indicator.policy.ts';
import * as repo from './indicator.repo.ts';
import type { IndicatorRecord, PlanInfo } from './indicator.repo.ts';

export interface IndicatorServiceOptions {
  timeZone: string;
  /** A demo deployment marks everything it serves as 示例数据. */
  demo: boolean;
}

/** The most row ids a detail lists; the total is always given. */
const MAX_ROW_IDS = 1000;

/** The API shape of an evaluated indicator. */
export function toApiStatus(e: Evaluated): IndicatorStatus {
  const i = e.indicator;
  return {
    id: i.id,
    code: i.code,
    name: i.name,
    unit: i.unit,
    target: { comparator: i.comparator, value: i.value, min: i.min, max: i.max, targetDate: i.targetDate },
    goalNumber: i.goalNumber,
    taskNumber: i.taskNumber,
    reportingUnit: i.reportingUnit,
    definition: i.definition,
    method: i.method,
    baseline: e.baseline && {
      value: e.baseline.value,
      year: e.baseline.year,
      source: e.baseline.source,
      note: e.baseline.note,
    },
    milestones: e.milestones,
    current: e.current,
    status: e.evaluation.status,
    statusLabel: STATUS_LABELS[e.evaluation.status],
    light: e.evaluation.light,
    progress: e.evaluation.progress,
    workings: e.evaluation.workings,
    series: e.series,
  };
}

async function ledgerLabels(db: Db, actor: Actor, planId: string) {
  const types = await listLedgerTypes(db, actor, planId);
  return new Map(types.map((t) => [t.code, { name: t.name, fields: new Map(t.fields.map((f) => [f.key, f.label])) }]));
}

/** Every indicator of the plan with value, status, light, workings, series and milestones as of a date (today by default). */
export async function listIndicatorStatuses(
  db: Db,
  actor: Actor,
  planId: string,
  query: { asOf?: string },
  opts: IndicatorServiceOptions,
): Promise<IndicatorList> {
  const plan = await readablePlan(db, actor, planId);
  const asOf = query.asOf ?? todayIn(opts.timeZone);
  const evaluated = await evaluatePlan(db, plan, {
    asOf,
    timeZone: opts.timeZone,
    labels: await ledgerLabels(db, actor, plan.id),
  });
  return { asOf, demo: opts.demo, items: evaluated.map(toApiStatus) };
}

/** One indicator as of a date, with the numbers behind it: element versions and who reported them, or the ledger rows counted. */
export async function getIndicatorDetail(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  query: { asOf?: string },
  opts: IndicatorServiceOptions,
): Promise<IndicatorDetail> {
  const plan = await readablePlan(db, actor, planId);
  const asOf = query.asOf ?? todayIn(opts.timeZone);
  const [e] = await evaluatePlan(db, plan, {
    asOf,
    timeZone: opts.timeZone,
    labels: await ledgerLabels(db, actor, plan.id),
    only: indicatorId,
  });
  if (!e) throw notFound('指标');
  return detailOf(db, plan, e, asOf, opts);
}

/** An evaluated indicator's detail: its status and the element versions or ledger rows behind it. */
export async function detailOf(
  db: Db,
  plan: PlanInfo,
  e: Evaluated,
  asOf: string,
  opts: IndicatorServiceOptions,
): Promise<IndicatorDetail> {
  const codes = e.indicator.definition ? elementsOf(e.indicator.definition) : [];
  const elements = (await elementRepo.listElements(db, plan.id)).filter((x) => codes.includes(x.code));
  const versions = await elementRepo.listValueVersions(db, plan.id, {
    cutoff: asOfCutoff(asOf, opts.timeZone),
    elementIds: elements.map((x) => x.id),
  });
  const sources = {
    elements: elements.map((el) => ({
      element: toApiElement(el),
      versions: withCurrentFlags(
        versions.filter((v) => v.elementId === el.id),
        () => el.code,
      ),
    })),
    ledger: e.ledgerRows && {
      code: e.ledgerRows.code,
      asOf: e.ledgerRows.asOf,
      total: e.ledgerRows.total,
      rowIds: e.ledgerRows.rowIds.slice(0, MAX_ROW_IDS),
    },
  };
  return { ...toApiStatus(e), asOf, demo: opts.demo, sources };
}

/** The field an indicator sums over its ledger rows, or null when it counts them. */
function summedField(d: IndicatorStatus['definition']): string | null {
  if (d?.kind === 'ledger_sum') return d.field;
  if (d?.kind === 'cumulative_flow') return d.field ?? null;
  return null;
}

/**
 * The ledger rows an indicator counts on the as-of date, as they stood then, a page at a time:
 * the same rows the engine counted (it names them), not a re-run of the filter.
 */
export async function listIndicatorRows(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  query: IndicatorRowsQuery,
  opts: IndicatorServiceOptions,
): Promise<IndicatorRows> {
  const plan = await readablePlan(db, actor, planId);
  const asOf = query.asOf ?? todayIn(opts.timeZone);
  const [e] = await evaluatePlan(db, plan, {
    asOf,
    timeZone: opts.timeZone,
    labels: await ledgerLabels(db, actor, plan.id),
    only: indicatorId,
  });
  if (!e) throw notFound('指标');
  const d = e.indicator.definition;
  if (d?.kind !== 'ledger_count' && d?.kind !== 'ledger_sum' && d?.kind !== 'cumulative_flow')
    throw notFound('该指标计入的台账记录（该指标不由台账计算）');
  // An empty ledger leaves the engine without rows: nothing counted, shown as an empty list.
  const rows = await listRowsAsOf(db, actor, plan.id, d.ledger, {
    rowIds: e.ledgerRows?.rowIds ?? [],
    // What was recorded by the end of the as-of day: the engine's own cut-off.
    cutoff: asOfCutoff(asOf, opts.timeZone),
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
    sumOf: summedField(e.indicator.definition),
  });
  return {
    asOf,
    ledger: { code: rows.type.code, name: rows.type.name, fields: rows.type.fields },
    field: summedField(e.indicator.definition),
    total: rows.total,
    sum: rows.sum,
    items: rows.items,
  };
}

/** The plan and indicator the office is about to edit; refuses everyone else before reading further. */
export async function editableIndicator(db: Db, actor: Actor, planId: string, indicatorId: string) {
  const plan = await readablePlan(db, actor, planId);
  if (!canEditTargets(actor)) throw forbidden('只有科创委办公室可以修改目标值、基期值和分年度目标');
  const [indicator] = await repo.listIndicators(db, plan.id, indicatorId);
  if (!indicator) throw notFound('指标');
  return { plan, indicator };
}

/** Sets an indicator's baseline (value and year) as the office's, audited in the same transaction. */
export async function updateBaseline(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: z.output<typeof updateBaselineInputSchema>,
  ctx: AuditContext,
): Promise<void> {
  const { plan, indicator } = await editableIndicator(db, actor, planId, indicatorId);
  if (input.year >= Number(indicator.targetDate.slice(0, 4))) {
    throw validationFailed('基期年份须早于目标年份', [
      { path: 'year', message: `基期年份须早于 ${indicator.targetDate.slice(0, 4)} 年` },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    await repo.updateBaseline(trx, indicator.id, { ...input, now: ctx.now });
    await recordAudit(trx, ctx, {
      action: 'update_baseline',
      entityType: 'indicator',
      entityId: indicator.id,
      planId: plan.id,
      before: indicator.baseline,
      after: { value: input.value, year: input.year, note: input.note },
    });
  });
}

/**
 * Milestones lie strictly between the baseline and the target year and, being levels on a path,
 * are never negative; an indicator judged by a threshold (a growth rate) has no path at all.
 */
function checkMilestones(plan: PlanInfo, indicator: IndicatorRecord, items: { year: number; value: number | null }[]) {
  if (indicator.method.kind === 'threshold')
    throw validationFailed('按阈值判断的指标不设分年度目标', [{ path: 'items', message: '此指标不设分年度目标' }]);
  const first = indicator.baseline?.year ?? plan.baselineYear;
  const last = Number(indicator.targetDate.slice(0, 4));
  const bad = items.findIndex((m) => m.year <= first || m.year >= last);
  if (bad >= 0)
    throw validationFailed(`分年度目标的年份须在 ${first + 1}–${last - 1} 年之间`, [
      { path: `items.${bad}.year`, message: `年份须在 ${first + 1}–${last - 1} 之间` },
    ]);
  const negative = items.findIndex((m) => m.value !== null && m.value < 0);
  if (negative >= 0)
    throw validationFailed(`${items[negative]!.year}年的分年度目标不能为负数`, [
      { path: `items.${negative}.value`, message: `${items[negative]!.year}年目标值不能为负数` },
    ]);
}

/** Sets or clears the office's milestones for some years, audited in the same transaction. */
export async function setMilestones(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: z.output<typeof setMilestonesInputSchema>,
  ctx: AuditContext,
): Promise<void> {
  const { plan, indicator } = await editableIndicator(db, actor, planId, indicatorId);
  checkMilestones(plan, indicator, input.items);
  await db.transaction().execute(async (trx) => {
    const before = (await repo.listMilestoneOverrides(trx, plan.id)).get(indicator.id) ?? [];
    for (const m of input.items) {
      if (m.value === null) await repo.deleteMilestone(trx, indicator.id, m.year);
      else
        await repo.upsertMilestone(trx, {
          planId: plan.id,
          indicatorId: indicator.id,
          year: m.year,
          value: m.value,
          note: input.note,
          setBy: actor.id,
          setByName: actor.displayName,
          now: ctx.now,
        });
    }
    const shape = (list: { year: number; value: number }[]) => list.map((m) => ({ year: m.year, value: m.value }));
    const after = (await repo.listMilestoneOverrides(trx, plan.id)).get(indicator.id) ?? [];
    await recordAudit(trx, ctx, {
      action: 'set_milestones',
      entityType: 'indicator',
      entityId: indicator.id,
      planId: plan.id,
      before: shape(before),
      after: { milestones: shape(after), note: input.note },
    });
  });
}
