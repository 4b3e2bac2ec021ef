import type { PlanFacts, PlanWorkItemFact } from '../assessment/plan-facts.ts';

/** The facts a bulletin is written from: the plan's facts as of the round's date, the round, and the latest published ranking. */
export interface BulletinFacts extends PlanFacts {
  round: { id: string | null; title: string; periodId: string; cutoffDate: string | null };
  ranking: {
    label: string;
    scores: { unitName: string; total: number | null; rank: number | null; category?: string | null }[];
  } | null;
}

export interface ItemTally {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  /** Mean progress 0–100 (done counts 100), or null without items. */
  averageProgress: number | null;
}

/** The year a bulletin's work items belong to: the round's period year. */
export const yearOf = (facts: BulletinFacts) => Number(facts.round.periodId.slice(0, 4));

/** Work items of the year that still count (struck-off ones never do). */
export const itemsOfYear = (facts: BulletinFacts) =>
  facts.workItems.filter((w) => w.year === yearOf(facts) && w.status !== 'cancelled');

/** Whether an open item's due date has passed by the as-of date. */
export const isOverdue = (w: PlanWorkItemFact, asOf: string) => w.status === 'open' && w.dueDate < asOf;

/** Counts of work items by state on the as-of date, and their mean progress. */
export function tally(items: PlanWorkItemFact[], asOf: string): ItemTally {
  const done = items.filter((w) => w.status === 'done').length;
  const overdue = items.filter((w) => isOverdue(w, asOf)).length;
  const open = items.filter((w) => w.status === 'open' && !isOverdue(w, asOf));
  const progress = items.map((w) => (w.status === 'done' ? 100 : w.progress));
  return {
    total: items.length,
    done,
    overdue,
    inProgress: open.filter((w) => w.progress > 0).length,
    notStarted: open.filter((w) => w.progress === 0).length,
    averageProgress: items.length ? Math.round(progress.reduce((s, p) => s + p, 0) / items.length) : null,
  };
}

/** This round's standing of each unit, in the order of the facts' units. */
export function roundStanding(facts: BulletinFacts) {
  const names = new Map(facts.units.map((u) => [u.id, u.name]));
  const rows = facts.timeliness.filter((t) => t.roundId === facts.round.id);
  const order = (id: string) => facts.units.findIndex((u) => u.id === id);
  return rows
    .sort((a, b) => order(a.unitId) - order(b.unitId))
    .map((t) => ({ ...t, unitName: names.get(t.unitId) ?? t.unitId }));
}

/** Urgings of this round (or, without a round, of its period up to the as-of date). */
export function roundUrgings(facts: BulletinFacts) {
  const from = `${facts.round.periodId.slice(0, 4)}-01-01`;
  return facts.urgings
    .filter((u) => (facts.round.id ? u.roundId === facts.round.id : u.date >= from && u.date <= facts.asOf))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Names joined the Chinese way: 甲、乙、丙. */
export const joinNames = (names: string[]) => names.join('、');
