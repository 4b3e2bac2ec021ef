import { strToU8, zipSync } from 'fflate';

/**
 * A minimal .docx written by hand ([Content_Types].xml, _rels/.rels, word/document.xml), the way
 * Word stores text: paragraphs cut into several runs, bold runs, heading styles, tables, page breaks.
 */

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Runs of at most 23 characters, as Word splits text where formatting or editing changed. */
function runs(text: string, bold: boolean): string {
  const rPr = bold ? '<w:rPr><w:b/><w:rFonts w:eastAsia="黑体"/></w:rPr>' : '<w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr>';
  let out = '';
  for (let i = 0; i < text.length; i += 23) out += `<w:r>${rPr}<w:t xml:space="preserve">${escape(text.slice(i, i + 23))}</w:t></w:r>`;
  return out;
}

/** One Markdown line as a Word paragraph: # levels become heading styles, **bold** bold runs. */
function paragraph(line: string, pageBreakInside: boolean, pPr?: string): string {
  const heading = /^(#+)\s*/.exec(line);
  const style = pPr ?? (heading ? `<w:pPr><w:pStyle w:val="Heading${heading[1]?.length ?? 1}"/></w:pPr>` : '');
  const body = line.slice(heading?.[0].length ?? 0);
  const parts = body.split('**');
  let xml = parts.map((p, i) => (p ? runs(p, i % 2 === 1) : '')).join('');
  if (pageBreakInside) {
    const at = xml.indexOf('</w:r>', xml.length / 2);
    if (at !== -1) xml = `${xml.slice(0, at + 6)}<w:r><w:br w:type="page"/></w:r>${xml.slice(at + 6)}`;
  }
  return `<w:p>${style}${xml}</w:p>`;
}

function table(rows: string[][]): string {
  const tr = (cells: string[]): string =>
    `<w:tr>${cells.map((c) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${c ? '' : '<w:vMerge/>'}</w:tcPr>${paragraph(c, false)}</w:tc>`).join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>${rows.map(tr).join('')}</w:tbl>`;
}

const LIST_LINE = /^(#*\s*\**\s*)(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[)）]|(\d+)\.)\s*/;

/**
 * Word's automatic numbering instead of typed numbers: 一、 headings through a paragraph style that
 * carries list 1, （一） and 1. through lists of their own per section (tasks numbered on across areas).
 */
class AutoNumbers {
  readonly used = new Set<number>();
  private l1 = 0;
  private l2 = 0;
  private inTasks = false;

  /** The line without its typed number, and the paragraph properties that number it. */
  take(line: string): [string, string | undefined] {
    const m = LIST_LINE.exec(line);
    if (!m) return [line, undefined];
    const rest = (m[1] ?? '').replace(/^#+\s*/, '') + line.slice(m[0].length);
    if (m[2]) {
      [this.l1, this.l2, this.inTasks] = [this.l1 + 1, 0, rest.includes('重点领域与任务')];
      return [rest, '<w:pPr><w:pStyle w:val="CnTitle1"/></w:pPr>'];
    }
    if (m[3]) this.l2++;
    const numId = m[3] ? 10 + this.l1 : 100 + this.l1 * 10 + (this.inTasks ? 0 : this.l2);
    this.used.add(numId);
    return [rest, `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>`];
  }

  numberingXml(): string {
    const level = (fmt: string, text: string) =>
      `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const nums = [1, ...this.used].map((id) => `<w:num w:numId="${id}"><w:abstractNumId w:val="${id === 1 ? 0 : id < 100 ? 1 : 2}"/></w:num>`);
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0">${level('chineseCounting', '%1、')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${level('chineseCounting', '（%1）')}</w:abstractNum><w:abstractNum w:abstractNumId="2">${level('decimal', '%1.')}</w:abstractNum>${nums.join('')}</w:numbering>`;
  }
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="CnTitle1"><w:name w:val="一级标题"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style></w:styles>`;

/** A .docx of a Markdown text: one paragraph per line, pipe tables as Word tables. */
export function markdownToDocx(md: string, options: { pageBreakEvery?: number; autoNumbering?: boolean } = {}): Uint8Array {
  const auto = options.autoNumbering ? new AutoNumbers() : null;
  const body: string[] = [];
  let rows: string[][] = [];
  let n = 0;
  for (const raw of md.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('|')) {
      const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((c) => c.trim());
      if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells);
      continue;
    }
    if (rows.length > 0) body.push(table(rows));
    rows = [];
    if (!line) continue;
    n++;
    const [text, pPr] = auto ? auto.take(line) : [line, undefined];
    body.push(paragraph(text, options.pageBreakEvery !== undefined && n % options.pageBreakEvery === 0, pPr));
  }
  if (rows.length > 0) body.push(table(rows));
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
  const files: Record<string, Uint8Array> = { '[Content_Types].xml': strToU8(CONTENT_TYPES), '_rels/.rels': strToU8(RELS), 'word/document.xml': strToU8(document) };
  if (auto) {
    files['word/numbering.xml'] = strToU8(auto.numberingXml());
    files['word/styles.xml'] = strToU8(STYLES);
  }
  return zipSync(files);
}
