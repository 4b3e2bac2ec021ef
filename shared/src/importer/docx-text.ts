import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { ListNumbering, type ListRef } from './docx-numbering.ts';

/** A document the importer cannot read at all; the message is for the user. */
export class PlanImportError extends Error {
  override readonly name = 'PlanImportError';
}

/**
 * The text of a .docx: one line per paragraph with its automatic list number, tables as
 * "| cell | cell |" rows, headings marked with #. Read with a streaming XML parser (saxes): of an
 * mc:AlternateContent only the Choice branch (a text box's Fallback repeats it), of tracked
 * changes the text as it now stands (deleted and moved-away runs left out).
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const parts = readParts(bytes);
  const reader = new DocumentReader(new ListNumbering(parts.numbering, parts.styles));
  const parser = new SaxesParser();
  let skipped = 0;
  parser.on('opentag', (tag) => {
    if (skipped > 0 || SKIP.has(tag.name)) skipped++;
    else reader.open(tag.name, tag.attributes as Record<string, string>);
    if (tag.isSelfClosing) close(tag.name);
  });
  const close = (name: string) => {
    if (skipped > 0) skipped--;
    else reader.close(name);
  };
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) close(tag.name);
  });
  parser.on('text', (t) => {
    if (skipped === 0) reader.text(t);
  });
  try {
    parser.write(parts.document).close();
  } catch {
    throw new PlanImportError('无法读取 .docx 文件：文档内容（document.xml）不是完整的 XML，文件可能已损坏');
  }
  return reader.lines.join('\n');
}

// Elements whose whole content is not the document's current text.
const SKIP = new Set(['mc:Fallback', 'w:del', 'w:moveFrom', 'w:instrText']);

const PARTS = ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'];

/** The parts the text needs; unzipped in-thread, as a plan's few hundred kilobytes take milliseconds. */
function readParts(bytes: Uint8Array): { document: string; numbering?: string; styles?: string } {
  let files: Record<string, Uint8Array>;
  let spreadsheet = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name === 'xl/workbook.xml') spreadsheet = true;
        return PARTS.includes(f.name);
      },
    });
  } catch {
    throw new PlanImportError('无法读取 .docx 文件：文件已损坏或不是 Word 文档（.docx）');
  }
  const decode = (name: string): string | undefined => {
    const data = files[name];
    return data ? new TextDecoder('utf-8').decode(data) : undefined;
  };
  const document = decode('word/document.xml');
  if (document === undefined && spreadsheet)
    throw new PlanImportError('文件是 Excel 表格（.xlsx）改了扩展名，不是 Word 文档；请上传方案的 Word 文档');
  if (document === undefined)
    throw new PlanImportError('无法读取 .docx 文件：缺少 word/document.xml，可能不是 Word 文档');
  return { document, numbering: decode('word/numbering.xml'), styles: decode('word/styles.xml') };
}

interface Table {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
}

interface Para {
  text: string;
  prefix: string;
  styleList: ListRef | null;
  ownList: ListRef | null;
}

/** Follows document.xml's elements and collects paragraph and table text. */
class DocumentReader {
  readonly lines: string[] = [];
  // A text box's paragraphs sit inside a run of the paragraph that anchors it: a stack, not one.
  private readonly paras: Para[] = [];
  private inText = false;
  private readonly tables: Table[] = [];

  constructor(private readonly lists: ListNumbering) {}

  private get para(): Para | undefined {
    return this.paras[this.paras.length - 1];
  }

  open(tag: string, attrs: Record<string, string>): void {
    if (tag === 'w:p') this.paras.push({ text: '', prefix: '', styleList: null, ownList: null });
    else if (tag === 'w:t') this.inText = true;
    else if (tag === 'w:numId' || tag === 'w:ilvl') this.readListRef(tag, attrs);
    else if (tag === 'w:tab') this.append('\t');
    else if (tag === 'w:br' || tag === 'w:cr') this.append(/^(?:page|column)$/.test(attrs['w:type'] ?? '') ? '' : '\n');
    else if (tag === 'w:pStyle') this.readStyle(attrs);
    else if (tag === 'w:tbl') this.tables.push({ rows: [], row: null, cell: null });
    else if (tag === 'w:tr' && this.table) this.table.row = [];
    else if (tag === 'w:tc' && this.table) this.table.cell = [];
  }

  close(tag: string): void {
    const table = this.table;
    if (tag === 'w:t') this.inText = false;
    else if (tag === 'w:p') this.endParagraph();
    else if (tag === 'w:tc' && table?.cell && table.row) {
      table.row.push(table.cell.join(' ').replace(/\|/g, '/').replace(/\s+/g, ' ').trim());
      table.cell = null;
    } else if (tag === 'w:tr' && table?.row) {
      table.rows.push(table.row);
      table.row = null;
    } else if (tag === 'w:tbl' && table) this.endTable(table);
  }

  text(raw: string): void {
    if (this.inText) this.append(raw);
  }

  private readStyle(attrs: Record<string, string>): void {
    const p = this.para;
    if (!p) return;
    const id = attrs['w:val'] ?? '';
    p.prefix = headingPrefix(id);
    p.styleList = this.lists.styleList(id);
  }

  /** w:numPr's numId and ilvl: the paragraph's own list, which overrides its style's. */
  private readListRef(tag: string, attrs: Record<string, string>): void {
    const p = this.para;
    if (!p) return;
    const value = attrs['w:val'] ?? '0';
    const ref = p.ownList ?? { numId: '0', level: 0 };
    p.ownList = tag === 'w:numId' ? { ...ref, numId: value } : { ...ref, level: Number(value) };
  }

  private get table(): Table | undefined {
    return this.tables[this.tables.length - 1];
  }

  private append(s: string): void {
    const p = this.para;
    if (p) p.text += s;
  }

  private endParagraph(): void {
    const p = this.paras.pop();
    if (!p) return;
    const list = p.ownList ?? p.styleList;
    // Word counts a numbered paragraph even when it is empty, so the label is taken either way.
    const label = list ? this.lists.next(list) : '';
    const text = p.text.trim() ? label + p.text : '';
    const cell = this.table?.cell;
    if (cell) cell.push(text);
    else this.lines.push(text.trim() ? p.prefix + text : '');
  }

  /** A table becomes one "| a | b |" line per row; a table inside a cell becomes that cell's text. */
  private endTable(table: Table): void {
    this.tables.pop();
    const rows = table.rows.map((r) => `| ${r.join(' | ')} |`);
    const outer = this.table?.cell;
    if (outer) outer.push(table.rows.map((r) => r.join(' ')).join(' '));
    else this.lines.push('', ...rows, '');
  }
}

/** Heading styles ("Heading1", "标题 2", "Title") become Markdown markers, so headings stay headings. */
function headingPrefix(id: string): string {
  const level = /^(?:heading|标题)\s*(\d)$/i.exec(id)?.[1];
  if (level) return `${'#'.repeat(Number(level))} `;
  return /^title$/i.test(id) ? '# ' : '';
}
