import type { OutlineItem } from './outline.ts';
import { spanConcat, spanSlice, spanTrim, type Span } from './span.ts';

/** The parts of a numbered item: its title, the text after the title, and both together. */
export interface ItemParts {
  title: Span;
  text: Span;
  full: Span;
}

const TITLE_STOP = /[。！？：；]/;
const TRIM_TITLE = /[\s。！？：；，、]/;

/** Title and text of an item, its numbering removed; the text runs over the item's following paragraphs. */
export function itemParts(item: OutlineItem): ItemParts {
  const prefix = item.head.numbering?.length ?? 0;
  const head = spanSlice(item.head.span, prefix);
  const { title, rest } = splitTitle(head, item.head.boldEnd - prefix);
  const text = spanTrim(
    spanConcat(
      [rest, ...item.body.map((p) => p.span)].filter((s) => s.text !== ''),
      '\n',
    ),
  );
  const full = spanConcat([head, ...item.body.map((p) => p.span)], '\n');
  return { title, text, full };
}

/**
 * Splits "做强主导产业集群核心技术。坚持…" into title and rest: the bold run if the paragraph opens
 * with one, else the first sentence when it is short enough to be a title, else the first clause.
 */
export function splitTitle(s: Span, boldEnd: number): { title: Span; rest: Span } {
  if (boldEnd > 0 && boldEnd < s.text.length) return cut(s, boldEnd);
  const stop = firstStop(s.text);
  if (stop !== -1 && stop <= 60) return cut(s, stop + 1);
  if (stop === -1 && s.text.length <= 60) return cut(s, s.text.length);
  const comma = s.text.indexOf('，');
  return { title: spanTrim(spanSlice(s, 0, comma > 0 && comma <= 40 ? comma : 30), TRIM_TITLE), rest: s };
}

function cut(s: Span, at: number): { title: Span; rest: Span } {
  return { title: spanTrim(spanSlice(s, 0, at), TRIM_TITLE), rest: spanTrim(spanSlice(s, at)) };
}

/** First sentence stop outside brackets, so "组织创建（2022—2024年）：" ends at its colon. */
function firstStop(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '（' || ch === '《' || ch === '“') depth++;
    else if (ch === '）' || ch === '》' || ch === '”') depth = Math.max(0, depth - 1);
    else if (depth === 0 && TITLE_STOP.test(ch)) return i;
  }
  return -1;
}
