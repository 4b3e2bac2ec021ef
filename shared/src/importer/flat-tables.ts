/**
 * Task tables that lost their grid: a 任务分解表 pasted or converted to text, its cells separated by
 * spaces or one per line, a cell broken over several lines. Such a table is rewritten as Markdown
 * table rows, which the importer reads like any other task table.
 */

// A header cell names a column of a task table; a header needs 序号 and a task or content column.
const HEADER_CELL =
  /^(?:序号|编号|[\u4e00-\u9fa5（）]{0,6}(?:任务|内容|事项|措施|单位|部门|期限|时限|时间|节点|领导|备注|目标))$/;
const TEXT_COLUMN = /任务|内容|事项|措施/;
const SPLIT = /[ \t\u3000]+/;
// A cell that ends like this goes on in the next piece ("县经信局、" / "县税务局").
const CUT = /[，、；：,（(]$/;

interface Found {
  from: number;
  to: number;
  header: string[];
  rows: string[][];
}

/** The text with every flattened task table rewritten as Markdown rows; the same text when there is none. */
export function unflattenTables(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const found = tableAt(lines, i);
    if (!found) {
      out.push(lines[i] ?? '');
      i++;
      continue;
    }
    out.push(...markdown(found));
    i = found.to;
  }
  return out.join('\n');
}

function tokens(line: string): string[] {
  return line.trim() === '' ? [] : line.trim().split(SPLIT);
}

/** The header that starts at line `at`: several cells on one line, or one cell a line. */
function headerAt(lines: string[], at: number): { cells: string[]; next: number } | null {
  const first = tokens(lines[at] ?? '');
  if (first.length === 0 || !first.every((c) => HEADER_CELL.test(c))) return null;
  const cells = [...first];
  let next = at + 1;
  if (first.length === 1) {
    for (let j = at + 1; j < lines.length; j++) {
      const t = tokens(lines[j] ?? '');
      if (t.length === 0) continue;
      if (t.length !== 1 || !HEADER_CELL.test(t[0] ?? '')) break;
      cells.push(t[0] ?? '');
      next = j + 1;
    }
  }
  const ok = cells.length >= 3 && /序号|编号/.test(cells[0] ?? '') && cells.some((c) => TEXT_COLUMN.test(c));
  return ok ? { cells, next } : null;
}

function tableAt(lines: string[], at: number): Found | null {
  const header = headerAt(lines, at);
  if (!header) return null;
  const n = header.cells.length;
  const rows: string[][] = [];
  let row: string[] | null = null;
  let pending = false;
  let to = header.next;
  for (let j = header.next; j < lines.length; j++) {
    const t = tokens(lines[j] ?? '');
    if (t.length === 0) continue;
    const next = String(rows.length + 1);
    const full = row !== null && row.length >= n;
    if (!pending && (row === null || full) && t[0] !== next) break;
    for (const cell of t) {
      if (pending && row) row[row.length - 1] += cell;
      else if (cell === String(rows.length + 1) && (row === null || row.length >= n - 1)) {
        row = [cell];
        rows.push(row);
      } else if (row) row.push(cell);
      pending = CUT.test(cell);
    }
    to = j + 1;
  }
  if (rows.length === 0) return null;
  const text = header.cells.findIndex((c) => TEXT_COLUMN.test(c));
  return { from: at, to, header: header.cells, rows: rows.map((r) => fit(r, n, text)) };
}

/** A row with too many pieces had spaces inside its task text; too few, empty cells at the end. */
function fit(row: string[], n: number, text: number): string[] {
  const cells = [...row];
  while (cells.length > n) cells.splice(text, 2, `${cells[text] ?? ''}${cells[text + 1] ?? ''}`);
  while (cells.length < n) cells.push('');
  return cells;
}

function markdown(t: Found): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(t.header), line(t.header.map(() => '---')), ...t.rows.map(line)];
}
