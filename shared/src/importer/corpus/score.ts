import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanProposal } from '../proposal.ts';

/** A hand-labelled answer: what a person reading the fixture finds. */
export interface Gold {
  header?: { documentNumber?: string; title?: string };
  tasks: { key: string; lead: string | null; co: string[]; due?: string }[];
  targets: { comparator: string; value: number; unit: string; year: number; reduction?: boolean }[];
}

export interface Count {
  tp: number;
  proposed: number;
  gold: number;
}

export type Category = 'tasks' | 'leads' | 'coUnits' | 'targets';
export const CATEGORIES: Category[] = ['tasks', 'leads', 'coUnits', 'targets'];

export interface FixtureScore {
  name: string;
  counts: Record<Category, Count>;
  /** 完成期限 read as due dates, where the gold file gives them (not pooled with the four above). */
  dueDates: Count;
}

export interface Fixture {
  name: string;
  text: string;
  gold: Gold;
}

const DIR = path.dirname(fileURLToPath(import.meta.url));

/** Every fixture of the corpus folder, in name order. */
export function loadCorpus(): Fixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => ({
      name: f.slice(0, -3),
      text: readFileSync(path.join(DIR, f), 'utf8'),
      gold: JSON.parse(readFileSync(path.join(DIR, `${f.slice(0, -3)}.gold.json`), 'utf8')) as Gold,
    }));
}

const squash = (s: string) => s.replace(/\s/g, '');

/**
 * Counts of one fixture. A proposed task is the gold task whose key its title or text contains; its
 * lead and co-units are then compared name by name. Targets match on comparator, value, unit and year.
 */
export function scoreFixture(name: string, p: PlanProposal, gold: Gold): FixtureScore {
  const taken = new Set<number>();
  const pairs: { gold: Gold['tasks'][number]; task: PlanProposal['tasks'][number] }[] = [];
  for (const g of gold.tasks) {
    const i = p.tasks.findIndex((t, j) => !taken.has(j) && squash(t.title + t.text).includes(squash(g.key)));
    const task = p.tasks[i];
    if (task === undefined) continue;
    taken.add(i);
    pairs.push({ gold: g, task });
  }
  const leads = pairs.filter((m) => m.gold.lead !== null && m.gold.lead === m.task.leadUnit).length;
  const co = pairs.reduce((n, m) => n + m.task.coUnits.filter((c) => m.gold.co.includes(c)).length, 0);
  const used = new Set<number>();
  let targets = 0;
  for (const g of gold.targets) {
    const i = p.indicators.findIndex(
      (t, j) =>
        !used.has(j) &&
        t.comparator === g.comparator &&
        t.value === g.value &&
        t.unit === g.unit &&
        t.targetYear === g.year,
    );
    if (i === -1) continue;
    used.add(i);
    targets++;
  }
  return {
    name,
    counts: {
      tasks: { tp: pairs.length, proposed: p.tasks.length, gold: gold.tasks.length },
      leads: {
        tp: leads,
        proposed: p.tasks.filter((t) => t.leadUnit !== null).length,
        gold: gold.tasks.filter((t) => t.lead !== null).length,
      },
      coUnits: {
        tp: co,
        proposed: p.tasks.reduce((n, t) => n + t.coUnits.length, 0),
        gold: gold.tasks.reduce((n, t) => n + t.co.length, 0),
      },
      targets: { tp: targets, proposed: p.indicators.length, gold: gold.targets.length },
    },
    dueDates: {
      tp: pairs.filter((m) => m.gold.due !== undefined && m.gold.due === m.task.dueDate).length,
      proposed: p.tasks.filter((t) => t.dueDate).length,
      gold: gold.tasks.filter((t) => t.due !== undefined).length,
    },
  };
}

export function sum(counts: Count[]): Count {
  return counts.reduce((a, c) => ({ tp: a.tp + c.tp, proposed: a.proposed + c.proposed, gold: a.gold + c.gold }), {
    tp: 0,
    proposed: 0,
    gold: 0,
  });
}

export function precision(c: Count): number {
  return c.proposed === 0 ? (c.gold === 0 ? 1 : 0) : c.tp / c.proposed;
}

export function recall(c: Count): number {
  return c.gold === 0 ? 1 : c.tp / c.gold;
}

/** All four categories of one fixture (or of the whole corpus) pooled. */
export function pooled(scores: FixtureScore[], only?: Category): Count {
  return sum(scores.flatMap((s) => (only ? [s.counts[only]] : CATEGORIES.map((c) => s.counts[c]))));
}
