import { dueDateOfPhrase } from '../due-date.ts';
import { splitTitle } from './items.ts';
import { parseCellNumber, parseNumbering } from './numbering.ts';
import type { TableBlock } from './outline.ts';
import type { Paragraph } from './paragraphs.ts';
import { spanSlice, spanTrim, type Span } from './span.ts';
import { markedLead, splitUnitList } from './units.ts';

/** One row of a task table, read into the same parts a task paragraph has. */
export interface TableTask {
  row: Paragraph;
  number: number | null;
  area: { number: number | null; title: string; span: Span } | null;
  title: Span;
  text: Span;
  /** "牵头县领导：张伟": a person named in the row, kept as a note in the task's text. */
  note: string | null;
  /** The 完成期限 cell as a date, if the table has one and it names a month or a day. */
  dueDate: string | null;
  /** The 完成期限 cell as written ("2025年底", "长期坚持"), kept beside the date; null when empty. */
  dueText: string | null;
  /** Units from the table's own columns; null when the table has none (units are in the text). */
  units: { lead: string | null; coUnits: string[] } | null;
}

type Column = 'number' | 'area' | 'title' | 'text' | 'leader' | 'lead' | 'co' | 'resp' | 'due';

// Order matters: 牵头单位 is lead before it could be read as 责任; 任务名称 is a title before a text.
const HEADERS: [Column, RegExp][] = [
  ['number', /序号|编号/],
  // 牵头县领导, 责任人: a person, never a unit.
  ['leader', /领导|负责人|联系人|责任人/],
  ['area', /领域|类别|板块|方向/],
  ['due', /期限|时限|完成时间|时间节点|完成日期/],
  ['lead', /牵头/],
  ['co', /配合|协办|协助|参与/],
  ['resp', /责任|单位|部门/],
  ['title', /名称|事项|项目/],
  ['text', /任务|内容|措施|举措|要求|目标/],
];

/** Reads a table whose header names task columns; null when the table is not a task table. */
export function readTaskTable(block: TableBlock): TableTask[] | null {
  const rows = block.rows.map((r) => ({ row: r, cells: cellsOf(r.span) })).filter((r) => !isRule(r.cells));
  const header = rows[0];
  if (!header) return null;
  // A table of targets is read by indicator-tables.ts, not as tasks.
  if (isIndicatorHeader(header.cells.map((c) => c.text))) return null;
  const columns = header.cells.map((c) => HEADERS.find(([, re]) => re.test(c.text))?.[0] ?? null);
  if (!columns.includes('text') && !columns.includes('title')) return null;
  const out: TableTask[] = [];
  let area: TableTask['area'] = null;
  for (const { row, cells } of rows.slice(1)) {
    const get = (col: Column): Span | undefined => cells[columns.indexOf(col)];
    area = readArea(get('area')) ?? area;
    out.push({
      row,
      ...readCells(get, row),
      area: columns.includes('area') ? area : null,
      units: readUnits(get, columns),
      dueDate: dueDateOf(get('due')?.text ?? ''),
      dueText: get('due')?.text.replace(/\s+/g, '').slice(0, 60) || null,
      note: noteOf(header.cells[columns.indexOf('leader')]?.text, get('leader')?.text),
    });
  }
  return out;
}

function readCells(
  get: (col: Column) => Span | undefined,
  row: Paragraph,
): Pick<TableTask, 'number' | 'title' | 'text'> {
  let body = get('text') ?? get('title') ?? row.span;
  const numbering = parseNumbering(body.text);
  const number = parseCellNumber(get('number')?.text ?? '') ?? numbering?.number ?? null;
  if (numbering) body = spanSlice(body, numbering.length);
  const titleCell = get('title');
  if (titleCell && get('text')) return { number, title: spanTrim(titleCell, /[\s。：]/), text: body };
  const { title, rest } = splitTitle(body, -1);
  return { number, title, text: rest.text ? rest : title };
}

function readUnits(get: (col: Column) => Span | undefined, columns: (Column | null)[]): TableTask['units'] {
  if (!columns.some((c) => c === 'lead' || c === 'co' || c === 'resp')) return null;
  const list = (col: Column): string[] => splitUnitList(get(col)?.text ?? '');
  // "区科技局（牵头）、区统计局" in one 责任单位 cell: the marked unit leads.
  const leads = markedLead(list('lead'));
  const resp = markedLead(list('resp'));
  const lead = leads.lead ?? resp.lead;
  const all = [...(leads.lead ? [leads.lead] : []), ...leads.rest, ...(resp.lead ? [resp.lead] : []), ...resp.rest];
  const coUnits = [...all, ...list('co')].filter((n) => n !== lead);
  return { lead, coUnits: [...new Set(coUnits)] };
}

function noteOf(label: string | undefined, person: string | undefined): string | null {
  return label && person ? `${label}：${person}` : null;
}

/** "2024年12月底", "2024年6月", "2024年9月30日", "2024年底" as the last day they allow; "长期坚持" as none. */
export function dueDateOf(cell: string): string | null {
  const date = dueDateOfPhrase(cell);
  // An impossible date in a cell is left for the office to fix on the review screen.
  return date === 'bad' ? null : date;
}

/** "（一）推动主导产业跨越升级" in an area column; an empty cell (a merged cell) keeps the area above. */
function readArea(cell: Span | undefined): TableTask['area'] {
  if (!cell || cell.text === '') return null;
  const n = parseNumbering(cell.text);
  const title = n ? spanSlice(cell, n.length) : cell;
  return { number: n?.number ?? null, title: title.text, span: cell };
}

/** A header of a table of targets (序号 | 指标名称 | 单位 | 2022年基数 | 2025年目标). */
export function isIndicatorHeader(cells: string[]): boolean {
  return (
    cells.some((c) => /指标/.test(c)) && cells.some((c) => /^(?:计量)?单位$/.test(c)) && targetColumn(cells) !== -1
  );
}

/** The column of the target value: the one that says 目标, else the latest year. */
export function targetColumn(cells: string[]): number {
  const target = cells.findIndex((c) => /目标/.test(c) && !/指标/.test(c));
  if (target !== -1) return target;
  let best = -1;
  let year = 0;
  cells.forEach((c, i) => {
    const y = Number(/(\d{4})\s*年/.exec(c)?.[1] ?? 0);
    if (y > year) [best, year] = [i, y];
  });
  return best;
}

/** The cells of a "| a | b |" row. */
export function tableCells(row: Span): Span[] {
  return cellsOf(row);
}

function cellsOf(row: Span): Span[] {
  let s = row.text.startsWith('|') ? spanSlice(row, 1) : row;
  if (s.text.endsWith('|')) s = spanSlice(s, 0, s.text.length - 1);
  const cells: Span[] = [];
  let from = 0;
  for (let i = 0; i <= s.text.length; i++) {
    if (i < s.text.length && s.text[i] !== '|') continue;
    cells.push(spanTrim(spanSlice(s, from, i)));
    from = i + 1;
  }
  return cells;
}

/** The |---|---| line under a Markdown table header. */
function isRule(cells: Span[]): boolean {
  return cells.length > 0 && cells.every((c) => /^[:：]?-+[:：]?$/.test(c.text) || c.text === '');
}
