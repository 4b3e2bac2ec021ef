import { sourceOf, warn, type ImportContext } from './context.ts';
import { itemParts } from './items.ts';
import type { Outline, OutlineItem } from './outline.ts';
import type { ProposalArea, ProposalTask } from './proposal.ts';
import { spanConcat, spanSlice, spanTrim, type Span } from './span.ts';
import { dueDateOf, isIndicatorHeader, readTaskTable, tableCells, type TableTask } from './tables.ts';
import { findBlanketUnits, findUnitsClauses, looksWrongAsUnit, unique } from './units.ts';

type Units = { lead: string | null; coUnits: string[] };

/** A task as read, before its number is checked and its area resolved. */
interface RawTask {
  number: number | null;
  areaItem: OutlineItem | null;
  areaCell: TableTask['area'];
  title: Span;
  text: Span;
  units: Units | null;
  dueDate: string | null;
  dueText: string | null;
  note: string | null;
  whole: Span;
}

/** A proposed task with the text in which its targets are to be looked for. */
export interface BuiltTask {
  task: ProposalTask;
  body: Span;
}

/** Areas and tasks from the tasks section's paragraphs and task tables, with their units. */
export function buildTasks(outline: Outline, ctx: ImportContext): { areas: ProposalArea[]; tasks: BuiltTask[] } {
  const areas = outline.areas.map((a) => areaOf(a, ctx));
  const raws = [...outline.tasks.map(rawFromItem), ...outline.tables.flatMap((b) => rawsFromTable(b, ctx))];
  raws.sort((a, b) => (a.whole.offsets[0] ?? a.whole.anchor) - (b.whole.offsets[0] ?? b.whole.anchor));
  if (raws.length === 0) return { areas, tasks: [] };
  const numbers = checkNumbers(raws, ctx);
  const tasks = raws.map((raw, i): BuiltTask => {
    const number = numbers[i] ?? i + 1;
    const areaNumber = resolveArea(raw, areas, outline, ctx);
    const units = raw.units ?? { lead: null, coUnits: [] };
    const task: ProposalTask = {
      number,
      areaNumber,
      title: raw.title.text,
      text: [raw.text.text || raw.title.text, raw.note].filter((x) => x !== null).join('\n'),
      leadUnit: units.lead,
      coUnits: units.coUnits,
      ...(raw.dueDate ? { dueDate: raw.dueDate } : {}),
      ...(raw.dueText ? { dueText: raw.dueText } : {}),
      source: sourceOf(ctx, raw.whole),
    };
    // A one-cell table row is its own title and text: its figures are read once.
    const body = raw.text.text === raw.title.text ? raw.title : spanConcat([raw.title, raw.text], '\n');
    return { task, body };
  });
  addBlanketUnits(outline, tasks, ctx);
  tasks.forEach((t, i) => checkUnits(t.task, raws[i]?.whole ?? t.body, ctx));
  return { areas, tasks };
}

function areaOf(item: OutlineItem, ctx: ImportContext): ProposalArea {
  return {
    number: item.head.numbering?.number ?? 1,
    title: itemParts(item).title.text,
    source: sourceOf(ctx, item.head.span),
  };
}

// "完成时限：2024年12月底" written as a field of a task paragraph, as a table would have a column.
const DUE_FIELD = /(?:完成|办结)(?:时限|期限|时间)[：:]([^\n。；]{1,60})/;

function rawFromItem(item: OutlineItem): RawTask {
  const parts = itemParts(item);
  const { units, rest } = unitsInText(parts.text);
  const due = DUE_FIELD.exec(parts.text.text)?.[1]?.trim().slice(0, 60) || null;
  return {
    number: item.head.numbering?.number ?? null,
    areaItem: item.area,
    areaCell: null,
    title: parts.title,
    text: rest,
    units,
    dueDate: due ? dueDateOf(due) : null,
    dueText: due,
    note: null,
    whole: spanConcat([item.head.span, ...item.body.map((p) => p.span)], '\n'),
  };
}

function rawsFromTable(block: Outline['tables'][number], ctx: ImportContext): RawTask[] {
  const first = block.rows[0];
  if (!first) return [];
  const rows = readTaskTable(block);
  if (!rows && isIndicatorHeader(tableCells(first.span).map((c) => c.text))) return [];
  if (!rows) {
    warn(
      ctx,
      block.inTasks
        ? '表格未能识别为任务表（缺少“任务”或“内容”列），其内容未导入'
        : '表格不在重点任务部分，其内容未导入',
      first.span,
    );
    return [];
  }
  return rows.map((r) => {
    const found = r.units ? { units: r.units, rest: r.text } : unitsInText(r.text);
    return {
      number: r.number,
      areaItem: block.area,
      areaCell: r.area,
      title: r.title,
      text: found.rest,
      units: found.units,
      dueDate: r.dueDate,
      dueText: r.dueText,
      note: r.note,
      whole: r.row.span,
    };
  });
}

/** Finds and cuts "（责任单位：…）" and "牵头单位：…；配合单位：…" out of a task's text. */
function unitsInText(text: Span): { units: Units | null; rest: Span } {
  const clauses = findUnitsClauses(text.text);
  if (clauses.length === 0) return { units: null, rest: text };
  const pieces: Span[] = [];
  let at = 0;
  for (const c of clauses) {
    pieces.push(spanSlice(text, at, c.from));
    at = c.to;
  }
  pieces.push(spanSlice(text, at));
  const rest = spanTrim(spanConcat(pieces.filter((p) => p.text !== '')), /[\s；，]/);
  const lead = clauses.find((c) => c.lead !== null)?.lead ?? null;
  const others = clauses.flatMap((c) => [c.lead, ...c.coUnits]).filter((n): n is string => n !== null && n !== lead);
  return { units: { lead, coUnits: unique(others) }, rest };
}

/**
 * Task numbers as written, repaired where they repeat or are missing. Only breaks in the document's
 * own sequence are reported; tasks after a repaired one are renumbered silently to follow it.
 */
function checkNumbers(raws: RawTask[], ctx: ImportContext): number[] {
  const out: number[] = [];
  let prev = 0;
  let written = 0;
  for (const raw of raws) {
    const n = raw.number;
    if (n === null) warn(ctx, `任务缺少序号，已按顺序编为第 ${prev + 1} 项`, raw.whole);
    else if (n <= written) warn(ctx, `任务序号 ${n} 重复或倒序，已按顺序改为第 ${prev + 1} 项`, raw.whole);
    else if (n > prev + 1 && n > written + 1) warn(ctx, `任务序号不连续：第 ${prev} 项之后是第 ${n} 项`, raw.whole);
    const assigned = n !== null && n > prev ? n : prev + 1;
    out.push(assigned);
    prev = assigned;
    written = n ?? written + 1;
  }
  return out;
}

/** The area a task belongs to: a table's area column, else the area heading above it. */
function resolveArea(raw: RawTask, areas: ProposalArea[], outline: Outline, ctx: ImportContext): number {
  const cell = raw.areaCell;
  if (cell) {
    const known = areas.find((a) => a.title === cell.title || (cell.number !== null && a.number === cell.number));
    if (known) return known.number;
    const number = cell.number ?? Math.max(0, ...areas.map((a) => a.number)) + 1;
    areas.push({ number, title: cell.title, source: sourceOf(ctx, cell.span) });
    return number;
  }
  if (raw.areaItem) return raw.areaItem.head.numbering?.number ?? 1;
  if (areas.length === 0) {
    areas.push({ number: 1, title: outline.tasksTitle || '重点任务', source: sourceOf(ctx, raw.whole) });
    warn(ctx, '未找到重点领域标题，任务归入一个默认领域', raw.whole);
  }
  return areas[0]?.number ?? 1;
}

/** "以下任务均需市科技局配合，不再一一列出" adds its units to every task after it. */
function addBlanketUnits(outline: Outline, tasks: BuiltTask[], ctx: ImportContext): void {
  for (const p of outline.taskSection) {
    const found = findBlanketUnits(p.span.text);
    if (!found) continue;
    if (found.units.length === 0) warn(ctx, '“以下任务均需…”未能识别出单位', p.span, found.from, found.to);
    const at = p.span.offsets[found.from] ?? p.span.anchor;
    for (const { task } of tasks) {
      if (task.source.start <= at) continue;
      task.coUnits = unique([...task.coUnits, ...found.units.filter((u) => u !== task.leadUnit)]);
    }
  }
}

function checkUnits(task: ProposalTask, whole: Span, ctx: ImportContext): void {
  if (task.leadUnit === null) warn(ctx, `第 ${task.number} 项任务未找到牵头单位或责任单位`, whole);
  for (const name of [task.leadUnit ?? '', ...task.coUnits]) {
    if (name && looksWrongAsUnit(name)) warn(ctx, `第 ${task.number} 项任务的单位名称可能有误：“${name}”`, whole);
  }
}
