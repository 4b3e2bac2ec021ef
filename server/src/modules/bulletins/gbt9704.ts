import { AlignmentType, BorderStyle, Paragraph, TextRun, type IParagraphOptions, type IRunOptions } from 'docx';
import { OFF_GRID_STYLE } from './docx-patch.ts';

// The page of GB/T 9704-2012 (党政机关公文格式), in twips (1/1440 inch; 1 mm = 56.69 twips).

const mm = (v: number) => Math.round((v / 25.4) * 1440);

/** A4, 210 × 297 mm. */
export const PAGE = { width: 11906, height: 16838 } as const;
/** §5.2.1: top 37 mm, bottom 35 mm, left (订口) 28 mm, right 26 mm, which leaves the 156 × 225 mm 版心. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** §5.2.3: 一般每面排22行，每行排28个字，并撑满版心. */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Font sizes in half-points (w:sz): 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt. */
export const SIZE = { er: 44, san: 32, si: 28, xiaosi: 24 } as const;
/** Font names as government PCs have them; the server's fontconfig maps them to Noto CJK for PDFs. */
export const FONT = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
} as const;
export const RED = 'FF0000';

const textWidth = PAGE.width - MARGIN.left - MARGIN.right;
const textHeight = PAGE.height - MARGIN.top - MARGIN.bottom;
/** One character of the grid: the 版心 width shared by 28 characters. */
export const CHAR = textWidth / CHARS_PER_LINE;
/** The line pitch that fits 22 lines into the 版心 height. */
export const LINE_PITCH = Math.floor(textHeight / LINES_PER_PAGE);
/**
 * w:docGrid charSpace: how far the grid's character pitch departs from the body font's size, in
 * 1/4096 pt. 3号 is 16 pt; 156 mm ÷ 28 ≈ 15.79 pt, so the grid packs characters slightly closer.
 */
export const CHAR_SPACE = Math.round((textWidth / 20 / CHARS_PER_LINE - SIZE.san / 2) * 4096);

/** The same packing as letter spacing in twips (rounded down so 28 characters always fit): 315.9 − 320 → −5. */
export const GRID_PACKING = Math.floor(CHAR - SIZE.san * 10);

/** w:rFonts for every script, so Latin digits and Chinese share the face (as 公文 are set). */
export const fonts = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name, hint: 'eastAsia' });

/** A run in a named face and size. */
export const run = (
  text: string,
  font: string,
  size: number,
  extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {},
) => new TextRun({ text, font: fonts(font), size, ...extra });

/** A run that ignores the character grid: titles, tables and the 版记 keep their own letter spacing. */
export const offGrid = (
  text: string,
  font: string,
  size: number,
  extra: Omit<IRunOptions, 'text' | 'font' | 'size'> = {},
) => run(text, font, size, { snapToGrid: false, characterSpacing: 0, ...extra });

/** A body paragraph: 3号仿宋, first line indented two characters. */
export const bodyParagraph = (text: string, options: Partial<IParagraphOptions> = {}) =>
  new Paragraph({
    indent: { firstLine: Math.round(2 * CHAR) },
    alignment: AlignmentType.JUSTIFIED,
    ...options,
    children: [run(text, FONT.fangsong, SIZE.san)],
  });

/** A first-level heading: 一、 in 3号黑体, indented like the body. */
export const heading1 = (label: string, text: string) =>
  new Paragraph({
    indent: { firstLine: Math.round(2 * CHAR) },
    keepNext: true,
    children: [run(`${label}${text}`, FONT.heiti, SIZE.san)],
  });

/** A second-level heading: （一） in 3号楷体. */
export const heading2 = (label: string, text: string) =>
  new Paragraph({
    indent: { firstLine: Math.round(2 * CHAR) },
    keepNext: true,
    children: [run(`${label}${text}`, FONT.kaiti, SIZE.san)],
  });

/** An empty line of the grid. */
export const blankLine = () => new Paragraph({ children: [run('', FONT.fangsong, SIZE.san)] });

/** The document title: 2号方正小标宋简体, centred, off the character grid so its size is its own. */
export const titleParagraph = (text: string) =>
  new Paragraph({
    style: OFF_GRID_STYLE,
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: 'exact' },
    children: [offGrid(text, FONT.xiaobiaosong, SIZE.er)],
  });

const rule = (size: number, color = '000000') => ({ style: BorderStyle.SINGLE, size, color, space: 1 });
/** Border widths in eighths of a point: 版记 outer rules 0.35 mm (≈1 pt), inner rule 0.25 mm (≈0.75 pt). */
export const RULES = { thick: rule(8), thin: rule(6), red: { ...rule(12, RED), space: 11 } } as const;

/** Width of text in grid characters: CJK and full-width count one, ASCII half. */
export function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/**
 * §7.3.5.2 (no seal): the signature two characters in from the right; the date below it, starting
 * two characters to the right of the signature's first character, but never closer than two
 * characters to the right edge (then the signature moves left to keep the offset).
 */
export function signatureIndents(signature: string, date: string): { signature: number; date: number } {
  let sig = CHARS_PER_LINE - 2 - charWidth(signature);
  let dt = sig + 2;
  if (dt + charWidth(date) > CHARS_PER_LINE - 2) {
    dt = CHARS_PER_LINE - 2 - charWidth(date);
    sig = dt - 2;
  }
  return { signature: Math.round(sig * CHAR), date: Math.round(dt * CHAR) };
}
