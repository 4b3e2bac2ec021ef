import type { PlanProposal, ProposalIndicator, ProposalTask, SourceRef } from './proposal.ts';
import { unique } from './units.ts';

/**
 * The office's corrections to a proposal, as pure functions: each returns a new proposal with
 * numbers kept consecutive and every reference (a task's area, an indicator's goal or task) following.
 */

/** The parts of a proposal that the review lists and edits. */
export const ITEM_KINDS = ['tasks', 'indicators', 'goals', 'areas', 'phases', 'measures'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export type ItemOf<K extends ItemKind> = PlanProposal[K][number];

/** Every unit name the tasks use, lead units first as they appear. */
export function proposalUnitNames(p: PlanProposal): string[] {
  return unique(p.tasks.flatMap((t) => [t.leadUnit ?? '', ...t.coUnits]).filter((n) => n.trim() !== ''));
}

/** Replaces fields of one item; a task moved to another area takes its place among that area's tasks. */
export function updateItem<K extends ItemKind>(
  p: PlanProposal,
  kind: K,
  index: number,
  patch: Partial<ItemOf<K>>,
): PlanProposal {
  const items = p[kind].map((item, i) => (i === index ? { ...item, ...patch } : item));
  return renumber({ ...p, [kind]: items });
}

/** Removes one item. A task or goal takes its indicators with it; an area must be empty first. */
export function deleteItem(p: PlanProposal, kind: ItemKind, index: number): PlanProposal {
  if (kind === 'tasks') {
    const number = p.tasks[index]?.number;
    return renumber({
      ...p,
      tasks: p.tasks.filter((_, i) => i !== index),
      indicators: p.indicators.filter((ind) => ind.task !== number),
    });
  }
  if (kind === 'goals') {
    const number = p.goals[index]?.number;
    return renumber({
      ...p,
      goals: p.goals.filter((_, i) => i !== index),
      indicators: p.indicators.filter((ind) => ind.goal !== number),
    });
  }
  if (kind === 'areas' && p.tasks.some((t) => t.areaNumber === p.areas[index]?.number)) return p;
  return renumber({ ...p, [kind]: p[kind].filter((_, i) => i !== index) });
}

/** Inserts a blank item after `after` (or at the end), its source an empty point where it was added. */
export function addItem(p: PlanProposal, kind: ItemKind, after?: number): PlanProposal {
  const list = p[kind] as ItemOf<ItemKind>[];
  const at = after === undefined ? list.length : Math.min(after + 1, list.length);
  const previous = list[at - 1];
  const end = previous?.source.end ?? 0;
  const source: SourceRef = { start: end, end, line: previous?.source.line ?? 1 };
  const blank = blankItem(p, kind, source, previous);
  return renumber({ ...p, [kind]: [...list.slice(0, at), blank, ...list.slice(at)] });
}

function blankItem(p: PlanProposal, kind: ItemKind, source: SourceRef, previous: unknown): ItemOf<ItemKind> {
  const year = p.plan.targetYear ?? new Date().getFullYear();
  switch (kind) {
    case 'tasks': {
      const area = (previous as ProposalTask | undefined)?.areaNumber ?? p.areas[0]?.number ?? 1;
      return { number: 0, areaNumber: area, title: '', text: '', leadUnit: null, coUnits: [], source };
    }
    case 'indicators':
      return {
        ...{ name: '', comparator: 'gte', value: null, min: null, max: null, unit: '' },
        ...{
          targetYear: year,
          targetDate: `${year}-12-31`,
          goal: null,
          task: null,
          sentence: '',
          source,
          alsoStatedAt: [],
        },
      };
    case 'areas':
      return { number: 0, title: '', source };
    case 'phases':
      return { number: 0, name: '', startYear: null, endYear: null, text: '', source };
    default:
      return { number: 0, title: '', text: '', source };
  }
}

/**
 * Merges items into the first of them. Tasks: texts joined, units pooled (the first lead stays
 * lead), indicators follow. Areas: tasks move to the first. Goals, phases, measures: texts joined.
 */
export function mergeItems(p: PlanProposal, kind: Exclude<ItemKind, 'indicators'>, indices: number[]): PlanProposal {
  const order = [...new Set(indices)].filter((i) => i >= 0 && i < p[kind].length).sort((a, b) => a - b);
  const [keep, ...rest] = order;
  if (keep === undefined || rest.length === 0) return p;
  const items = p[kind] as ItemOf<typeof kind>[];
  const merged = mergedItem(
    kind,
    order.map((i) => items[i]!),
  );
  const numbers = new Map(rest.map((i) => [items[i]!.number, items[keep]!.number]));
  const next = { ...p, [kind]: items.map((it, i) => (i === keep ? merged : it)).filter((_, i) => !rest.includes(i)) };
  if (kind === 'tasks') next.indicators = p.indicators.map((ind) => ({ ...ind, task: follow(ind.task, numbers) }));
  if (kind === 'goals') next.indicators = p.indicators.map((ind) => ({ ...ind, goal: follow(ind.goal, numbers) }));
  if (kind === 'areas') next.tasks = p.tasks.map((t) => ({ ...t, areaNumber: follow(t.areaNumber, numbers) }));
  return renumber(next);
}

function mergedItem(kind: Exclude<ItemKind, 'indicators'>, parts: ItemOf<ItemKind>[]): ItemOf<ItemKind> {
  const first = parts[0] as ItemOf<ItemKind> & { text?: string };
  const source = unionSource(parts.map((x) => x.source));
  if (kind === 'areas') return { ...first, source };
  const text = parts
    .map((x) => (x as { text: string }).text.trim())
    .filter((t) => t !== '')
    .join('\n');
  if (kind === 'phases') {
    const ph = parts as PlanProposal['phases'];
    const starts = ph.map((x) => x.startYear).filter(isItem);
    const ends = ph.map((x) => x.endYear).filter(isItem);
    return {
      ...(first as PlanProposal['phases'][number]),
      text,
      source,
      startYear: starts.length ? Math.min(...starts) : null,
      endYear: ends.length ? Math.max(...ends) : null,
    };
  }
  if (kind !== 'tasks') return { ...first, text, source } as ItemOf<ItemKind>;
  const tasks = parts as ProposalTask[];
  const lead = tasks[0]?.leadUnit ?? null;
  const pooled = unique(tasks.flatMap((t) => [t.leadUnit ?? '', ...t.coUnits])).filter((n) => n && n !== lead);
  return { ...(first as ProposalTask), text, source, leadUnit: lead, coUnits: pooled };
}

/**
 * Splits a task's text at `at` into two tasks with the same units; the second is titled after the
 * first until the office renames it. With the source text, each half points at its own part of it.
 */
export function splitTask(p: PlanProposal, index: number, at: number, sourceText?: string): PlanProposal {
  const task = p.tasks[index];
  if (!task) return p;
  const head = task.text.slice(0, at).trim();
  const tail = task.text.slice(at).trim();
  if (head === '' || tail === '') return p;
  const cut = sourceText ? findCut(sourceText, task.source, tail) : -1;
  const first: ProposalTask = { ...task, text: head, source: cut > 0 ? { ...task.source, end: cut } : task.source };
  const second: ProposalTask = {
    ...task,
    title: `${task.title}（拆分）`,
    text: tail,
    source: cut > 0 && sourceText ? { start: cut, end: task.source.end, line: lineAt(sourceText, cut) } : task.source,
  };
  // Numbered after the first for now; renumber() makes the numbers consecutive again.
  const secondNumber = task.number + 0.5;
  const moved = (ind: ProposalIndicator) => ind.task === task.number && cut > 0 && ind.source.start >= cut;
  return renumber({
    ...p,
    tasks: [...p.tasks.slice(0, index), first, { ...second, number: secondNumber }, ...p.tasks.slice(index + 1)],
    indicators: p.indicators.map((ind) => (moved(ind) ? { ...ind, task: secondNumber } : ind)),
  });
}

/** Where in the source the tail of a split task begins: its first characters, searched within the task's span. */
function findCut(sourceText: string, span: SourceRef, tail: string): number {
  const probe = tail.slice(0, Math.min(12, tail.length));
  const at = sourceText.slice(span.start, span.end).indexOf(probe);
  return at === -1 ? -1 : span.start + at;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Makes every list's numbers consecutive in list order (tasks ordered by area first) and carries the
 * new numbers into the references: tasks' areas, indicators' goals and tasks.
 */
export function renumber(p: PlanProposal): PlanProposal {
  const areaMap = new Map(p.areas.map((a, i) => [a.number, i + 1]));
  const areas = p.areas.map((a, i) => ({ ...a, number: i + 1 }));
  const areaRank = (n: number) => areaMap.get(n) ?? Number.MAX_SAFE_INTEGER;
  const sorted = p.tasks
    .map((t, i) => ({ t, i }))
    .sort((a, b) => areaRank(a.t.areaNumber) - areaRank(b.t.areaNumber) || a.i - b.i)
    .map(({ t }) => t);
  const taskMap = new Map(sorted.map((t, i) => [t.number, i + 1]));
  const goalMap = new Map(p.goals.map((g, i) => [g.number, i + 1]));
  return {
    ...p,
    areas,
    tasks: sorted.map((t, i) => ({ ...t, number: i + 1, areaNumber: areaMap.get(t.areaNumber) ?? t.areaNumber })),
    goals: p.goals.map((g, i) => ({ ...g, number: i + 1 })),
    phases: p.phases.map((ph, i) => ({ ...ph, number: i + 1 })),
    measures: p.measures.map((m, i) => ({ ...m, number: i + 1 })),
    indicators: p.indicators.map((ind) => ({
      ...ind,
      goal: ind.goal === null ? null : (goalMap.get(ind.goal) ?? ind.goal),
      task: ind.task === null ? null : (taskMap.get(ind.task) ?? ind.task),
    })),
    unitNames: proposalUnitNames({ ...p, tasks: sorted }),
  };
}

function unionSource(sources: SourceRef[]): SourceRef {
  const real = sources.filter((s) => s.end > s.start);
  const pool = real.length > 0 ? real : sources;
  const first = pool.reduce((a, b) => (b.start < a.start ? b : a));
  return { start: first.start, end: Math.max(...pool.map((s) => s.end)), line: first.line };
}

function follow<T extends number | null>(n: T, numbers: Map<number, number>): T {
  return (n === null ? n : (numbers.get(n) ?? n)) as T;
}

function isItem<T>(x: T | null | undefined): x is T {
  return x !== null && x !== undefined;
}
