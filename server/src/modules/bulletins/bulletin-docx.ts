import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Header,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import { issueLine, numberBlocks, type AnnexTable, type BulletinContent } from '@innocity/shared/api/bulletins';
import { formatDateZh } from '@innocity/shared/format';
import {
  CHAR,
  CHAR_SPACE,
  FONT,
  GRID_PACKING,
  LINE_PITCH,
  MARGIN,
  PAGE,
  RED,
  RULES,
  SIZE,
  blankLine,
  bodyParagraph,
  fonts,
  heading1,
  heading2,
  offGrid,
  run,
  signatureIndents,
  titleParagraph,
} from './gbt9704.ts';
import { recordPanel } from './bulletin-docx-record.ts';
import { OFF_GRID_STYLE, patchDocx } from './docx-patch.ts';

const mmTwips = (v: number) => Math.round((v / 25.4) * 1440);

/** 版头: the red 发文机关标志 35 mm below the top of the 版心, the issue line two lines below, then the red rule 4 mm under it. */
function masthead(content: BulletinContent, issueNumber: number | null): Paragraph[] {
  return [
    new Paragraph({
      style: OFF_GRID_STYLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: mmTwips(35), after: 2 * LINE_PITCH },
      children: [offGrid(content.issuer, FONT.xiaobiaosong, 60, { color: RED })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: RULES.red },
      children: [run(issueLine(issueNumber), FONT.fangsong, SIZE.san)],
    }),
    blankLine(),
  ];
}

/**
 * The body. For LibreOffice (the PDF) its paragraphs are set flush left, not justified: LibreOffice
 * 7.4 drops a comma or full stop that should hang after a full 28-character line when it justifies
 * any line but a paragraph's first. In a full-width text the two look alike, bar lines with digits.
 */
function body(content: BulletinContent, target: DocxTarget): Paragraph[] {
  const alignment = target === 'libreoffice' ? AlignmentType.LEFT : AlignmentType.JUSTIFIED;
  return numberBlocks(content.blocks).map(({ block, label }) => {
    if (block.kind === 'heading1') return heading1(label, block.text);
    if (block.kind === 'heading2') return heading2(label, block.text);
    return bodyParagraph(block.text, { alignment });
  });
}

/** 附件说明: 附件：1. … under the body, two characters in, later lines aligned after 附件：. */
function annexNote(annexes: AnnexTable[]): Paragraph[] {
  if (annexes.length === 0) return [];
  const lead = Math.round(2 * CHAR);
  const hang = Math.round(3 * CHAR);
  return [
    blankLine(),
    ...annexes.map(
      (a, i) =>
        new Paragraph({
          indent: { left: lead + hang, hanging: i === 0 ? hang : 0 },
          children: [
            run(
              `${i === 0 ? '附件：' : ''}${annexes.length > 1 ? `${i + 1}. ` : ''}${a.title}`,
              FONT.fangsong,
              SIZE.san,
            ),
          ],
        }),
    ),
  ];
}

/** 署名 and 成文日期 (Arabic numerals), one blank line under the body. */
function signature(content: BulletinContent): Paragraph[] {
  const date = formatDateZh(content.date);
  const indents = signatureIndents(content.signature, date);
  return [
    blankLine(),
    new Paragraph({ indent: { left: indents.signature }, children: [run(content.signature, FONT.fangsong, SIZE.san)] }),
    new Paragraph({ indent: { left: indents.date }, children: [run(date, FONT.fangsong, SIZE.san)] }),
  ];
}

// Annex tables in 五号 (10.5 pt): 黑体 for the header row, 仿宋 for the cells, lights in their colour.
const TABLE_SIZE = 21;
const CELL_MARGIN = 60;
const LIGHT_COLORS: Record<string, string> = { 绿灯: '2E7D32', 黄灯: 'B26A00', 红灯: 'C62828', 灰灯: '757575' };

const cellText = (text: string, header: boolean) =>
  new Paragraph({
    style: OFF_GRID_STYLE,
    alignment: header || text.length <= 6 ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 300, lineRule: 'exact' },
    children: [
      offGrid(text, header ? FONT.heiti : FONT.fangsong, TABLE_SIZE, {
        color: header ? undefined : LIGHT_COLORS[text],
      }),
    ],
  });

/** Column widths in twips: the annex's widths are relative, scaled to the 版心 width. */
function columnWidths(a: AnnexTable): number[] {
  const total = a.widths.reduce((s, w) => s + w, 0);
  const width = PAGE.width - MARGIN.left - MARGIN.right;
  return a.widths.map((w) => Math.floor((w / total) * width));
}

function annexTable(a: AnnexTable): Table {
  const widths = columnWidths(a);
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { top: 40, bottom: 40, left: CELL_MARGIN, right: CELL_MARGIN },
            children: [cellText(text, header)],
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(a.columns, true), ...a.rows.map((r) => row(r, false))],
  });
}

/** Each annex on a page of its own: 附件N in 3号黑体 at the left, its title centred, the table. */
function annexes(content: BulletinContent): FileChild[] {
  return content.annexes.flatMap((a, i) => [
    new Paragraph({
      children: [new PageBreak(), run(`附件${content.annexes.length > 1 ? i + 1 : ''}`, FONT.heiti, SIZE.san)],
    }),
    blankLine(),
    titleParagraph(a.title),
    blankLine(),
    annexTable(a),
    ...(a.note
      ? [
          new Paragraph({
            style: OFF_GRID_STYLE,
            spacing: { before: 120, line: 360, lineRule: 'exact' },
            children: [offGrid(`注：${a.note}`, FONT.fangsong, SIZE.xiaosi)],
          }),
        ]
      : []),
  ]);
}

/** Page numbers: "— 1 —" in 4号宋体, one character in from the outside edge (odd right, even left). */
function pageNumber(side: 'odd' | 'even'): Footer {
  const inset = Math.round(SIZE.si * 10);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: inset } : { left: inset },
        children: [
          new TextRun({ font: fonts(FONT.songti), size: SIZE.si, children: ['— ', PageNumber.CURRENT, ' —'] }),
        ],
      }),
    ],
  });
}

const demoHeader = () =>
  new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run('示例数据', FONT.heiti, SIZE.si, { color: '808080' })],
      }),
    ],
  });

/**
 * Who lays the file out. Word and WPS honour the line-and-character grid (28 characters of 3号 in
 * 156 mm, by packing them 0.2 pt closer). LibreOffice gives a 16 pt character two cells of a
 * 15.8 pt grid, so the file it renders to PDF uses a line grid and the same packing as letter spacing.
 */
export type DocxTarget = 'word' | 'libreoffice';

function grid(target: DocxTarget) {
  return target === 'word'
    ? { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: CHAR_SPACE }
    : { type: DocumentGridType.LINES, linePitch: LINE_PITCH };
}

/** The bulletin as a GB/T 9704-2012 Word document: 版头, title, body, signature, annexes, 版记. */
export async function renderBulletinDocx(
  content: BulletinContent,
  issueNumber: number | null,
  target: DocxTarget = 'word',
): Promise<Buffer> {
  const header = content.demo ? { default: demoHeader(), even: demoHeader() } : undefined;
  const doc = new Document({
    creator: content.signature,
    title: content.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fonts(FONT.fangsong), size: SIZE.san, characterSpacing: target === 'word' ? 0 : GRID_PACKING },
        },
      },
      paragraphStyles: [{ id: OFF_GRID_STYLE, name: OFF_GRID_STYLE, basedOn: 'Normal' }],
    },
    sections: [
      {
        properties: {
          page: { size: PAGE, margin: { ...MARGIN, header: mmTwips(15), footer: mmTwips(22) } },
          grid: grid(target),
        },
        headers: header,
        footers: { default: pageNumber('odd'), even: pageNumber('even') },
        children: [
          ...masthead(content, issueNumber),
          titleParagraph(content.title),
          blankLine(),
          new Paragraph({ children: [run(`${content.recipients}：`, FONT.fangsong, SIZE.san)] }),
          ...body(content, target),
          ...annexNote(content.annexes),
          ...signature(content),
          ...annexes(content),
          ...recordPanel(content, target),
        ],
      },
    ],
  });
  return patchDocx(await Packer.toBuffer(doc), content.date);
}
