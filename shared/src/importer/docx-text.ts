import { unzipSync } from 'fflate';
import { ListNumbering, type ListRef } from './docx-numbering.ts';

/** A document the importer cannot read at all; the message is for the user. */
export class PlanImportError extends Error {
  override readonly name = 'PlanImportError';
}

const TOKEN = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>|([^<]+)/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * The text of a .docx: one line per paragraph with its automatic list number, tables as
 * "| cell | cell |" rows, headings marked with #.
 */
export async function docxToText(bytes: Uint8Array): Promise<string> {
  const parts = readParts(bytes);
  const reader = new DocumentReader(new ListNumbering(parts.numbering, parts.styles));
  for (const m of parts.document.matchAll(TOKEN)) {
    if (m[5] !== undefined) reader.text(m[5]);
    else if (m[1] === '/') reader.close(m[2] ?? '');
    else {
      reader.open(m[2] ?? '', m[3] ?? '');
      if (m[4] === '/') reader.close(m[2] ?? '');
    }
  }
  return reader.lines.join('\n');
}

const PARTS = ['word/document.xml', 'word/numbering.xml', 'word/styles.xml'];

/** The parts the text needs; unzipped in-thread, as a plan's few hundred kilobytes take milliseconds. */
function readParts(bytes: Uint8Array): { document: string; numbering?: string; styles?: string } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => PARTS.includes(f.name) });
  } catch {
    throw new PlanImportError('无法读取 .docx 文件：文件已损坏或不是 Word 文档（.docx）');
  }
  const decode = (name: string): string | undefined => {
    const data = files[name];
    return data ? new TextDecoder('utf-8').decode(data) : undefined;
  };
  const document = decode('word/document.xml');
  if (document === undefined)
    throw new PlanImportError('无法读取 .docx 文件：缺少 word/document.xml，可能不是 Word 文档');
  return { document, numbering: decode('word/numbering.xml'), styles: decode('word/styles.xml') };
}

interface Table {
  rows: string[][];
  row: string[] | null;
  cell: string[] | null;
}

/** Follows document.xml's elements and collects paragraph and table text. */
class DocumentReader {
  readonly lines: string[] = [];
  private paragraph: string | null = null;
  private prefix = '';
  private styleList: ListRef | null = null;
  private ownList: ListRef | null = null;
  private inText = false;
  private readonly tables: Table[] = [];

  constructor(private readonly lists: ListNumbering) {}

  open(tag: string, attrs: string): void {
    if (tag === 'w:p') {
      this.paragraph = '';
      this.prefix = '';
      this.styleList = null;
      this.ownList = null;
    } else if (tag === 'w:t') this.inText = true;
    else if (tag === 'w:numId' || tag === 'w:ilvl') this.readListRef(tag, attrs);
    else if (tag === 'w:tab') this.append('\t');
    else if (tag === 'w:br' || tag === 'w:cr') this.append(/w:type="page"|w:type="column"/.test(attrs) ? '' : '\n');
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
    if (this.inText) this.append(decodeEntities(raw));
  }

  private readStyle(attrs: string): void {
    const id = /w:val="([^"]*)"/.exec(attrs)?.[1] ?? '';
    this.prefix = headingPrefix(id);
    this.styleList = this.lists.styleList(id);
  }

  /** w:numPr's numId and ilvl: the paragraph's own list, which overrides its style's. */
  private readListRef(tag: string, attrs: string): void {
    const value = /w:val="([^"]*)"/.exec(attrs)?.[1] ?? '0';
    const ref = this.ownList ?? { numId: '0', level: 0 };
    this.ownList = tag === 'w:numId' ? { ...ref, numId: value } : { ...ref, level: Number(value) };
  }

  private get table(): Table | undefined {
    return this.tables[this.tables.length - 1];
  }

  private append(s: string): void {
    if (this.paragraph !== null) this.paragraph += s;
  }

  private endParagraph(): void {
    const list = this.ownList ?? this.styleList;
    // Word counts a numbered paragraph even when it is empty, so the label is taken either way.
    const label = list ? this.lists.next(list) : '';
    const text = this.paragraph?.trim() ? label + (this.paragraph ?? '') : '';
    this.paragraph = null;
    const cell = this.table?.cell;
    if (cell) cell.push(text);
    else this.lines.push(text.trim() ? this.prefix + text : '');
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

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}
