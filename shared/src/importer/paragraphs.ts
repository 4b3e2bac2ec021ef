import { cleanLine, type CleanLine } from './normalize.ts';
import { parseNumbering, type Numbering } from './numbering.ts';
import { spanConcat, type Span } from './span.ts';

/** A paragraph of the plan after page breaks are mended: one logical block of text. */
export interface Paragraph {
  span: Span;
  heading: boolean;
  /** Where the bold run that opens the paragraph ends (a title in bold); -1 if none. */
  boldEnd: number;
  tableRow: boolean;
  numbering: Numbering | null;
}

interface Open extends Paragraph {
  openBold: boolean;
}

// Page numbers ("— 3 —", "- 12 -", "第 3 页") and rules that a converted document leaves between pages.
const PAGE_FOOTER =
  /^[\s\u3000]*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|([-*_])(?:\s*\1){2,})[\s\u3000]*$/;
const TERMINAL = /[。；：！？]$|[。！？][”’」』]$/;
const PROSE = /[，。；：！？]/;

/** Splits a text into paragraphs, joining lines that a page break or blank lines cut mid-sentence. */
export function buildParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let open: Open | null = null;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const line = PAGE_FOOTER.test(raw) ? null : cleanLine(raw, start);
    start = end + 1;
    if (!line || line.span.text === '') continue;
    if (open && continues(open, line)) {
      open = merge(open, line);
      continue;
    }
    if (open) out.push(close(open));
    open = { ...paragraphOf(line), openBold: line.openBold };
  }
  if (open) out.push(close(open));
  return out;
}

function paragraphOf(line: CleanLine): Paragraph {
  const numbering = line.tableRow ? null : parseNumbering(line.span.text);
  return { span: line.span, heading: line.heading, boldEnd: line.boldEnd, tableRow: line.tableRow, numbering };
}

function close(p: Open): Paragraph {
  return { span: p.span, heading: p.heading, boldEnd: p.boldEnd, tableRow: p.tableRow, numbering: p.numbering };
}

const FIELD_LINE = /^[\u4e00-\u9fa5（）]{2,10}[：:]/;

/** Whether the next line carries on the open paragraph rather than starting a new one. */
function continues(p: Open, next: CleanLine): boolean {
  if (p.tableRow || next.tableRow || p.heading || next.heading) return false;
  if (parseNumbering(next.span.text) !== null) return false;
  if (p.openBold) return true;
  const text = p.span.text;
  if (p.numbering && p.numbering.level >= 3 && isCutTitle(text, next.span.text)) return true;
  if (TERMINAL.test(text) || endsWithUnitsClause(text)) return false;
  // "完成时限：…", "责任单位：…" open a field of their own, never the rest of a cut sentence.
  if (FIELD_LINE.test(next.span.text)) return false;
  return PROSE.test(text) || unbalanced(text) || (text.includes('、') && text.length > 30);
}

function merge(p: Open, next: CleanLine): Open {
  const len = p.span.text.length;
  let boldEnd = p.boldEnd;
  // A bold title broken by the page ends at the first marker on the next line.
  if (p.openBold && p.boldEnd === len)
    boldEnd = len + (next.firstMarker >= 0 ? next.firstMarker : next.span.text.length);
  return { ...p, span: spanConcat([p.span, next.span]), boldEnd, openBold: p.openBold !== next.openBold };
}

/**
 * "18. 巩固农业" + "科技创新成果。构建…": a short numbered line without punctuation whose next line
 * opens with a few words, a full stop and more text is a title cut by a page break, not a heading.
 */
function isCutTitle(text: string, next: string): boolean {
  return text.length <= 24 && !PROSE.test(text) && /^[^，。！？；：、]{1,12}[。！？]./.test(next);
}

/** "…。（责任单位：…）" closes a task paragraph even though it ends with a bracket. */
function endsWithUnitsClause(text: string): boolean {
  if (!text.endsWith('）')) return false;
  const tail = text.slice(text.lastIndexOf('。') + 1);
  return /(?:单位|部门)：/.test(tail) && count(tail, '（') === count(tail, '）');
}

function unbalanced(text: string): boolean {
  return (
    count(text, '《') > count(text, '》') ||
    count(text, '“') > count(text, '”') ||
    count(text, '（') > count(text, '）')
  );
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
