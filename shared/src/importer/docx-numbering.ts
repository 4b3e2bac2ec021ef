import { chineseNumeral } from './proposal-summary.ts';

/** One level of a Word list: its number format (decimal, chineseCounting…), its text ("（%1）") and start. */
interface ListLevel {
  format: string;
  text: string;
  start: number;
}

/** Where a paragraph sits in a Word list. */
export interface ListRef {
  numId: string;
  level: number;
}

const TOKEN = /<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>/g;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
}

/**
 * Word's automatic list numbers, which the document text does not contain: read from numbering.xml
 * (and the lists that paragraph styles carry, from styles.xml) and counted paragraph by paragraph,
 * so that "一、", "（一）" and "1." reach the importer as if typed.
 */
export class ListNumbering {
  private readonly levels = new Map<string, Map<number, ListLevel>>();
  private readonly styles = new Map<string, ListRef>();
  private readonly counts = new Map<string, number[]>();

  constructor(numberingXml: string | undefined, stylesXml: string | undefined) {
    if (numberingXml) this.readNumbering(numberingXml);
    if (stylesXml) this.readStyles(stylesXml);
  }

  /** The list a paragraph style puts its paragraphs in, if any. */
  styleList(styleId: string): ListRef | null {
    return this.styles.get(styleId) ?? null;
  }

  /** Counts one more paragraph of a list level and returns its label ("（三）"); '' for bullets and unknown lists. */
  next(ref: ListRef): string {
    const levels = this.levels.get(ref.numId);
    const own = levels?.get(ref.level);
    if (!levels || !own || ref.numId === '0' || own.format === 'bullet') return '';
    const counts = this.counts.get(ref.numId) ?? [];
    counts[ref.level] = (counts[ref.level] ?? own.start - 1) + 1;
    counts.length = ref.level + 1;
    this.counts.set(ref.numId, counts);
    return own.text.replace(/%(\d)/g, (_m, k: string) => {
      const level = Number(k) - 1;
      return format(counts[level] ?? levels.get(level)?.start ?? 1, levels.get(level)?.format ?? 'decimal');
    });
  }

  private readNumbering(xml: string): void {
    const abstract = new Map<string, Map<number, ListLevel>>();
    let current: Map<number, ListLevel> | null = null;
    let level: ListLevel | null = null;
    let numId: string | null = null;
    for (const [, close, tag, attrs = ''] of xml.matchAll(TOKEN)) {
      if (close) continue;
      if (tag === 'w:abstractNum') abstract.set(attr(attrs, 'w:abstractNumId') ?? '', (current = new Map()));
      else if (tag === 'w:lvl' && current)
        current.set(Number(attr(attrs, 'w:ilvl') ?? 0), (level = { format: 'decimal', text: '%1.', start: 1 }));
      else if (tag === 'w:numFmt' && level) level.format = attr(attrs, 'w:val') ?? 'decimal';
      else if (tag === 'w:lvlText' && level) level.text = attr(attrs, 'w:val') ?? '';
      else if (tag === 'w:start' && level) level.start = Number(attr(attrs, 'w:val') ?? 1);
      else if (tag === 'w:num') numId = attr(attrs, 'w:numId') ?? null;
      else if (tag === 'w:abstractNumId' && numId !== null) {
        const defs = abstract.get(attr(attrs, 'w:val') ?? '');
        if (defs) this.levels.set(numId, defs);
      }
    }
  }

  private readStyles(xml: string): void {
    let style: string | null = null;
    let ref = null as ListRef | null;
    for (const [, close, tag, attrs = ''] of xml.matchAll(TOKEN)) {
      if (tag === 'w:style') {
        if (close && style && ref) this.styles.set(style, ref);
        [style, ref] = close ? [null, null] : [attr(attrs, 'w:styleId') ?? null, null];
      } else if (!close && style && tag === 'w:numId')
        ref = { numId: attr(attrs, 'w:val') ?? '0', level: ref?.level ?? 0 };
      else if (!close && style && tag === 'w:ilvl')
        ref = { numId: ref?.numId ?? '0', level: Number(attr(attrs, 'w:val') ?? 0) };
    }
  }
}

function format(n: number, fmt: string): string {
  if (/^(?:chinese|ideograph|japanese|taiwanese)/i.test(fmt)) return chineseNumeral(n);
  if (fmt === 'decimalEnclosedCircle' || fmt === 'decimalEnclosedCircleChinese') return CIRCLED[n - 1] ?? String(n);
  if (fmt === 'upperLetter' || fmt === 'lowerLetter') {
    const letter = String.fromCharCode(64 + (((n - 1) % 26) + 1));
    return fmt === 'upperLetter' ? letter : letter.toLowerCase();
  }
  if (fmt === 'bullet' || fmt === 'none') return '';
  return String(n);
}
