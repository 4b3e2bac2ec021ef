import type { Paragraph } from './paragraphs.ts';
import { readTaskTable } from './tables.ts';
import { findUnitsClauses } from './units.ts';

/** What a part of the plan holds, told from its heading's words. */
export type SectionKind = 'other' | 'goals' | 'tasks' | 'phases' | 'measures';

/** A numbered paragraph of the plan and the unnumbered paragraphs that carry on its text. */
export interface OutlineItem {
  head: Paragraph;
  body: Paragraph[];
  /** For a task: the area item it sits under, if any. */
  area: OutlineItem | null;
}

/** A run of table rows; `area` is the area heading above it, for tables listed per area. */
export interface TableBlock {
  rows: Paragraph[];
  area: OutlineItem | null;
  inTasks: boolean;
}

/** The plan cut into its parts, before any part is interpreted. */
export interface Outline {
  preamble: Paragraph[];
  goalsIntro: Paragraph[];
  goals: OutlineItem[];
  areas: OutlineItem[];
  tasks: OutlineItem[];
  tables: TableBlock[];
  phases: OutlineItem[];
  measures: OutlineItem[];
  /** Every paragraph of the tasks section, for sentences that apply to all later tasks. */
  taskSection: Paragraph[];
  tasksTitle: string;
  /** Prose outside goals and tasks, checked for targets that belong nowhere. */
  loose: Paragraph[];
}

// Phases first: "年度任务与进度安排" names tasks but lists phases.
const KINDS: [SectionKind, RegExp][] = [
  ['phases', /阶段|步骤|进度安排|时间安排|实施安排|时序/],
  ['measures', /保障|措施/],
  ['tasks', /任务|重点领域|重点工程|重点工作|举措|重点行动/],
  ['goals', /目标|指标/],
];

/** The kind of section a heading opens. */
export function classifyHeading(title: string): SectionKind {
  return KINDS.find(([, re]) => re.test(title))?.[0] ?? 'other';
}

interface Walk {
  out: Outline;
  started: boolean;
  l1: SectionKind;
  l2: SectionKind | null;
  itemLevel: number | null;
  item: OutlineItem | null;
  area: OutlineItem | null;
}

/**
 * Walks the paragraphs once, placing each under the section and item it belongs to. A document with
 * no tasks section (a list that starts at （一） or 1、, a news item, a task list whose headings are
 * the tasks) is walked again as one tasks section, its task level told from where units are named.
 */
export function readOutline(paragraphs: Paragraph[]): Outline {
  const out = walk(paragraphs, null);
  if (out.tasks.length > 0 || out.tables.some((b) => readTaskTable(b) !== null)) return out;
  const level = taskLevel(paragraphs);
  if (level === null) return out;
  const flat = walk(paragraphs, level);
  // Headings such as 出台背景 or 联系方式 open no tasks: they are not areas of the plan.
  flat.areas = flat.areas.filter((a) => flat.tasks.some((t) => t.area === a));
  return flat;
}

const CLOSING = /^(?:附则|附件|附录)$/;
const UNITS_KEY = /(?:牵头|主办|主责|责任|配合|协办|协助)(?:单位|部门|科室|处室)/;

/**
 * The list level whose items name their units in their own text or in the unnumbered lines under
 * them (the shallowest such level); else the shallowest level used. Null when nothing is numbered.
 */
export function taskLevel(paragraphs: Paragraph[]): number | null {
  let withUnits: number | null = null;
  let shallowest: number | null = null;
  paragraphs.forEach((p, i) => {
    const level = p.numbering?.level;
    if (level === undefined) return;
    shallowest = Math.min(shallowest ?? level, level);
    let text = p.span.text;
    for (let j = i + 1; j < paragraphs.length && !paragraphs[j]?.numbering; j++) text += paragraphs[j]?.span.text ?? '';
    if (UNITS_KEY.test(text)) withUnits = Math.min(withUnits ?? level, level);
  });
  return withUnits ?? shallowest;
}

function walk(paragraphs: Paragraph[], flatTaskLevel: number | null): Outline {
  const out: Outline = {
    preamble: [],
    goalsIntro: [],
    goals: [],
    areas: [],
    tasks: [],
    tables: [],
    phases: [],
    measures: [],
    taskSection: [],
    tasksTitle: '',
    loose: [],
  };
  const w: Walk = { out, started: false, l1: 'other', l2: null, itemLevel: null, item: null, area: null };
  paragraphs.forEach((p, i) => {
    if (w.started && w.l1 === 'tasks') out.taskSection.push(p);
    if (p.tableRow) addTableRow(w, p, paragraphs[i - 1]);
    else if (p.numbering && flatTaskLevel !== null) addFlat(w, p, flatTaskLevel);
    else if (p.numbering) addNumbered(w, p);
    else addPlain(w, p);
    // Whatever is neither a goal nor a task is still read, for targets that belong nowhere.
    const kind = section(w);
    if (w.started && !p.tableRow && kind !== 'tasks' && !(kind === 'goals' && w.item)) out.loose.push(p);
  });
  return out;
}

function section(w: Walk): SectionKind {
  return w.l2 ?? w.l1;
}

function addTableRow(w: Walk, p: Paragraph, prev: Paragraph | undefined): void {
  const last = w.out.tables[w.out.tables.length - 1];
  if (last && prev?.tableRow) last.rows.push(p);
  else w.out.tables.push({ rows: [p], area: w.area, inTasks: section(w) === 'tasks' });
  w.item = null;
}

function addNumbered(w: Walk, p: Paragraph): void {
  const n = p.numbering;
  if (!n) return;
  const title = p.span.text.slice(n.length);
  if (n.level === 1) {
    Object.assign(w, { started: true, l1: classifyHeading(title), l2: null, itemLevel: null, item: null, area: null });
    if (w.l1 === 'tasks') w.out.tasksTitle = title;
    return;
  }
  if (!w.started) {
    w.out.preamble.push(p);
    return;
  }
  const kind = section(w);
  if (kind === 'tasks') return addTaskLevel(w, p);
  if (n.level === 2 && (kind === 'other' || w.l2 !== null)) {
    Object.assign(w, { l2: classifyHeading(title), itemLevel: null, item: null });
    return;
  }
  addListItem(w, p, kind);
}

/** One tasks section from the first numbered paragraph on: shallower levels are areas, deeper ones text. */
function addFlat(w: Walk, p: Paragraph, taskLevel: number): void {
  const level = p.numbering?.level ?? 4;
  if (!w.started) Object.assign(w, { started: true, l1: 'tasks', l2: null });
  const title = p.span.text.slice(p.numbering?.length ?? 0);
  const kind = classifyHeading(title);
  // 主要目标, 保障措施 and 实施步骤 keep their meaning in a plan whose tasks section has no name;
  // a 附则 (when the rules take effect, who interprets them) holds no tasks either.
  if (level < taskLevel && ((kind !== 'other' && kind !== 'tasks') || CLOSING.test(title))) {
    Object.assign(w, { l1: kind, l2: null, itemLevel: null, item: null, area: null });
    return;
  }
  if (w.l1 !== 'tasks' && level >= taskLevel) return addListItem(w, p, w.l1);
  if (level < taskLevel) w.l1 = 'tasks';
  if (level < taskLevel) {
    w.area = { head: p, body: [], area: null };
    w.out.areas.push(w.area);
    w.item = null;
  } else if (level === taskLevel) {
    w.item = { head: p, body: [], area: w.area };
    w.out.tasks.push(w.item);
  } else if (w.item) w.item.body.push(p);
}

/** Goals, phases and measures: the first list level met holds the items, deeper ones their text. */
function addListItem(w: Walk, p: Paragraph, kind: SectionKind): void {
  const level = p.numbering?.level ?? 4;
  w.itemLevel ??= level;
  if (level > w.itemLevel && w.item) return void w.item.body.push(p);
  const list =
    kind === 'goals' ? w.out.goals : kind === 'phases' ? w.out.phases : kind === 'measures' ? w.out.measures : null;
  if (!list || level !== w.itemLevel) {
    w.item = null;
    return;
  }
  w.item = { head: p, body: [], area: null };
  list.push(w.item);
}

/** Tasks: （一） opens an area and 1. a task, unless a （一） paragraph is itself a whole task. */
function addTaskLevel(w: Walk, p: Paragraph): void {
  const level = p.numbering?.level ?? 4;
  if (level === 2 && !isWholeTask(p)) {
    w.area = { head: p, body: [], area: null };
    w.out.areas.push(w.area);
    w.item = null;
  } else if (level <= 3) {
    w.item = { head: p, body: [], area: w.area };
    w.out.tasks.push(w.item);
  } else if (w.item) w.item.body.push(p);
}

function isWholeTask(p: Paragraph): boolean {
  const text = p.span.text;
  return /(?:单位|部门)：/.test(text) || findUnitsClauses(text).length > 0 || (text.includes('。') && text.length > 40);
}

function addPlain(w: Walk, p: Paragraph): void {
  const prose = /[，。；：！？]/.test(p.span.text) && !p.heading;
  if (!w.started) return void w.out.preamble.push(p);
  if (!prose) {
    // An unnumbered heading or a signature line ("中共句容市委办公室") ends the item above it.
    w.item = null;
    const kind = classifyHeading(p.span.text);
    if (p.heading && kind !== 'other') Object.assign(w, { l1: kind, l2: null, itemLevel: null, area: null });
    w.out.preamble.push(p);
    return;
  }
  if (w.item) w.item.body.push(p);
  else if (section(w) === 'goals') w.out.goalsIntro.push(p);
}
