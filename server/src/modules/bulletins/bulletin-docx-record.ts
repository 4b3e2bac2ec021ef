import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { BulletinContent } from '@innocity/shared/api/bulletins';
import { formatDateZh } from '@innocity/shared/format';
import { FONT, MARGIN, PAGE, RULES, SIZE, fonts, offGrid } from './gbt9704.ts';
import { OFF_GRID_STYLE } from './docx-patch.ts';
import type { DocxTarget } from './bulletin-docx.ts';

const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// LibreOffice floats a table only when it is clearly narrower than the text area (it lays a full-width
// one inline, in the flow), so its panel is 300 twips (5 mm) narrower; Word's keeps the 版心 width.
const panelWidth = (target: DocxTarget) => (target === 'word' ? TEXT_WIDTH : TEXT_WIDTH - 300);
// 版记 text is 4号 (14 pt) with one character of it (280 twips) left and right.
const inset = 280;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const spacing = { line: 440, lineRule: 'exact' as const };
// One row: the exact line, the cell's top and bottom margins, and its rules.
const ROW_HEIGHT = 440 + 2 * 60 + 20;

function row(
  width: number,
  paragraph: Paragraph,
  top: typeof RULES.thick | null,
  bottom: typeof RULES.thick,
): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: width, type: WidthType.DXA },
        margins: { top: 60, bottom: 60, left: 0, right: 0 },
        borders: { top: top ?? NONE, bottom, left: NONE, right: NONE },
        children: [paragraph],
      }),
    ],
  });
}

/**
 * 版记 (§7.4): 抄送 and 印发 between rules at the foot of the last page — the first and last rules
 * 0.35 mm, the one between 0.25 mm. A table floated to the bottom of the 版心 sits there however
 * much text precedes it: its top is placed the panel's height above the 版心's foot.
 */
export function recordPanel(content: BulletinContent, target: DocxTarget): (Table | Paragraph)[] {
  const width = panelWidth(target);
  const rows: TableRow[] = [];
  if (content.cc) {
    const cc = new Paragraph({
      style: OFF_GRID_STYLE,
      indent: { left: inset, right: inset },
      spacing,
      children: [offGrid(`抄送：${content.cc}。`, FONT.fangsong, SIZE.si)],
    });
    rows.push(row(width, cc, RULES.thick, RULES.thin));
  }
  const printed = new Paragraph({
    style: OFF_GRID_STYLE,
    indent: { left: inset, right: inset },
    spacing,
    // Tab stops count from the cell's edge, not from the indent.
    tabStops: [{ type: TabStopType.RIGHT, position: width - inset }],
    children: [
      offGrid(content.printer, FONT.fangsong, SIZE.si),
      new TextRun({
        font: fonts(FONT.fangsong),
        size: SIZE.si,
        snapToGrid: false,
        characterSpacing: 0,
        children: [new Tab(), `${formatDateZh(content.date)}印发`],
      }),
    ],
  });
  rows.push(row(width, printed, content.cc ? null : RULES.thick, RULES.thick));
  const table = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    alignment: AlignmentType.CENTER,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      verticalAnchor: TableAnchorType.MARGIN,
      absoluteVerticalPosition: PAGE.height - MARGIN.top - MARGIN.bottom - rows.length * ROW_HEIGHT,
    },
    rows,
  });
  // The table needs a paragraph after it to anchor to.
  return [table, new Paragraph({ style: OFF_GRID_STYLE, spacing: { line: 20, lineRule: 'exact' }, children: [] })];
}
