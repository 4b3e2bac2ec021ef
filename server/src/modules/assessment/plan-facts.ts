import type { Area, UnitNode } from '@innocity/shared/api/plans';
import type { IndicatorFact, RoundFact, TimelinessFact, WorkItemFact } from '@innocity/shared/assessment/inputs';
import { formatFigure, formatTarget, type TargetNumbers } from '@innocity/shared/format';
import type { UnitKind } from '@innocity/shared/plan-pack';
import type { SourceKind } from '@innocity/shared/supervision/work-item-state';
import type { Db } from '../../db/connection.ts';
import { endOfLocalDayUtc, localDateOf } from '../../time.ts';
import { listIndicatorStatuses } from '../indicators/indicator.service.ts';
import { getPlan } from '../plans/plan.service.ts';
import { getUnitTree } from '../units/unit.service.ts';
import { listWorkItems } from '../supervision/work-item.service.ts';
import { listRounds } from '../reporting/round.service.ts';
import { listUrgingsFor } from '../reporting/standing.service.ts';
import { getTimeliness } from '../reporting/timeliness.service.ts';
import type { Actor } from '../users/user.repo.ts';

// Everything assessment and bulletins read from other modules, gathered through their services
// into one plain object as of a date. Assessment scores from it; a bulletin is written from it;
// both store it when they publish, so what they froze can always be shown again.

export interface PlanIndicatorFact extends IndicatorFact {
  code: string;
  goalNumber: number | null;
  taskNumber: number | null;
  reportingUnitName: string | null;
  /** The current value as a number, for the Excel annex (a number with a number format, not text). */
  figure?: { value: number; unit: string; target: TargetNumbers } | null;
}
export interface PlanWorkItemFact extends WorkItemFact {
  leadUnitName: string;
  taskId: string | null;
  /** Where the item came from: the yearly decomposition, a meeting, a leader's instruction or an inspection. */
  sourceKind: SourceKind;
}
export interface UrgingFact {
  roundId: string | null;
  unitId: string;
  unitName: string;
  date: string;
  byName: string;
  message: string;
}

export interface PlanFacts {
  plan: { id: string; title: string; documentNumber: string; region: string };
  asOf: string;
  demo: boolean;
  /** Units with any duty: leading a work item, reporting an indicator, or reporting in a round. */
  /** `kind` places a unit in a category of 分类考核. */
  units: { id: string; name: string; kind?: UnitKind }[];
  areas: Area[];
  indicators: PlanIndicatorFact[];
  workItems: PlanWorkItemFact[];
  rounds: RoundFact[];
  timeliness: TimelinessFact[];
  urgings: UrgingFact[];
}

/** What the reporting module answers about rounds; wired to its services in reportingSource. */
export interface ReportingSource {
  listRounds(db: Db, actor: Actor, planId: string): Promise<RoundFact[]>;
  getTimeliness(
    db: Db,
    actor: Actor,
    planId: string,
    q: { asOf: string; roundIds: string[] },
  ): Promise<TimelinessFact[]>;
  listUrgings(db: Db, actor: Actor, planId: string, q: { asOf: string }): Promise<UrgingFact[]>;
}

/** Rounds, timeliness and urgings through the reporting module's services. */
export function reportingSource(timeZone: string): ReportingSource {
  // A cut-off is stored as the instant the next local day begins; its date is the day before that instant.
  const cutoffDate = (iso: string) => localDateOf(new Date(Date.parse(iso) - 1).toISOString(), timeZone);
  return {
    listRounds: async (db, actor, planId) =>
      (await listRounds(db, actor, planId, timeZone)).map((r) => ({
        id: r.id,
        title: r.title,
        periodId: r.periodId,
        cutoffDate: cutoffDate(r.cutoffAt),
      })),
    getTimeliness: async (db, _actor, planId, q) =>
      (await getTimeliness(db, planId, { asOf: q.asOf, roundIds: q.roundIds, timeZone })).map((t) => ({
        roundId: t.roundId,
        unitId: t.unit.id,
        timeliness: t.timeliness,
        completeness: t.completeness,
        changesAfterAcceptance: t.changesAfterAcceptance,
        lateDays: t.lateMinutes === null ? null : Math.ceil(t.lateMinutes / 1440),
      })),
    listUrgings: async (db, actor, planId, q) => {
      const end = endOfLocalDayUtc(q.asOf, timeZone);
      return (await listUrgingsFor(db, actor, { planId }))
        .filter((u) => u.at < end)
        .map((u) => ({
          roundId: u.roundId,
          unitId: u.unit.id,
          unitName: u.unit.name,
          date: localDateOf(u.at, timeZone),
          byName: u.byName,
          message: u.message,
        }));
    },
  };
}

export interface FactOptions {
  timeZone: string;
  demo: boolean;
  reporting?: ReportingSource;
}

/** Where assessment and bulletins read the plan's state; tests give their own. */
export interface FactsSource {
  timeZone: string;
  /** The plan's reporting rounds, to resolve a round to its cut-off date. */
  listRounds(db: Db, actor: Actor, planId: string): Promise<RoundFact[]>;
  /** Every fact as of a local date, read with the actor's rights. */
  load(db: Db, actor: Actor, planId: string, asOf: string): Promise<PlanFacts>;
}

async function indicatorFacts(
  db: Db,
  actor: Actor,
  planId: string,
  asOf: string,
  opts: FactOptions,
): Promise<PlanIndicatorFact[]> {
  const list = await listIndicatorStatuses(db, actor, planId, { asOf }, { timeZone: opts.timeZone, demo: opts.demo });
  return list.items.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    reportingUnitId: i.reportingUnit?.id ?? null,
    reportingUnitName: i.reportingUnit?.name ?? null,
    status: i.status,
    statusLabel: i.statusLabel,
    light: i.light,
    valueText: i.current ? formatFigure(i.current.value, i.unit, i.target) : null,
    figure: i.current ? { value: i.current.value, unit: i.unit, target: i.target } : null,
    targetText: formatTarget({ ...i.target, unit: i.unit }),
    goalNumber: i.goalNumber,
    taskNumber: i.taskNumber,
  }));
}

async function workItemFacts(
  db: Db,
  actor: Actor,
  planId: string,
  asOf: string,
  opts: FactOptions,
): Promise<PlanWorkItemFact[]> {
  // Each item as it stood at the end of the as-of day: progress accepted by then, done only if done by then.
  const clock = {
    now: new Date(Date.parse(endOfLocalDayUtc(asOf, opts.timeZone)) - 1).toISOString(),
    timeZone: opts.timeZone,
  };
  const items = await listWorkItems(db, actor, { planId, asOf }, clock);
  return items.map((w) => ({
    id: w.id,
    title: w.title,
    leadUnitId: w.leadUnit.id,
    leadUnitName: w.leadUnit.name,
    year: w.year,
    dueDate: w.dueDate,
    status: w.status,
    progress: w.progress,
    // The day the last accepted progress (or the office's verification) marked it done.
    doneDate:
      w.status === 'done' ? localDateOf(w.verifiedAt ?? w.latestProgressAt ?? w.updatedAt, opts.timeZone) : null,
    taskNumber: w.task?.number ?? null,
    taskId: w.task?.id ?? null,
    sourceKind: w.sourceKind,
  }));
}

const flatten = (nodes: UnitNode[]): UnitNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Units with a duty, in the org tree's order (the order tied units are listed in). */
function unitsWithDuties(facts: Omit<PlanFacts, 'units'>, tree: UnitNode[]): PlanFacts['units'] {
  const ids = new Set<string>();
  facts.workItems.forEach((w) => ids.add(w.leadUnitId));
  facts.indicators.forEach((i) => i.reportingUnitId && ids.add(i.reportingUnitId));
  facts.timeliness.forEach((t) => ids.add(t.unitId));
  return flatten(tree)
    .filter((u) => ids.has(u.id))
    .map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
}

async function loadPlanFacts(
  db: Db,
  actor: Actor,
  planId: string,
  asOf: string,
  opts: FactOptions,
): Promise<PlanFacts> {
  const reporting = opts.reporting ?? reportingSource(opts.timeZone);
  const plan = await getPlan(db, actor, planId);
  const [indicators, workItems, rounds] = await Promise.all([
    indicatorFacts(db, actor, plan.id, asOf, opts),
    workItemFacts(db, actor, plan.id, asOf, opts),
    reporting.listRounds(db, actor, plan.id),
  ]);
  const past = rounds.filter((r) => r.cutoffDate <= asOf);
  const timeliness = await reporting.getTimeliness(db, actor, plan.id, { asOf, roundIds: past.map((r) => r.id) });
  const urgings = await reporting.listUrgings(db, actor, plan.id, { asOf });
  const base = {
    plan: { id: plan.id, title: plan.title, documentNumber: plan.documentNumber, region: plan.region },
    asOf,
    demo: opts.demo,
    areas: plan.areas,
    indicators,
    workItems,
    rounds,
    timeliness,
    urgings,
  };
  return { ...base, units: unitsWithDuties(base, await getUnitTree(db, actor)) };
}

/** The source over the other modules' services. */
export function planFactsSource(opts: FactOptions): FactsSource {
  const reporting = opts.reporting ?? reportingSource(opts.timeZone);
  return {
    timeZone: opts.timeZone,
    listRounds: (db, actor, planId) => reporting.listRounds(db, actor, planId),
    load: (db, actor, planId, asOf) => loadPlanFacts(db, actor, planId, asOf, opts),
  };
}
