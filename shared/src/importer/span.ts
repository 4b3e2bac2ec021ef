/** Where an item came from: character offsets into the imported text and its 1-based line. */
export interface SourceRef {
  start: number;
  end: number;
  line: number;
}

/**
 * Cleaned text that remembers, for every character, its offset in the original input, so that
 * anything found in the cleaned text can be highlighted in the document the user uploaded.
 */
export interface Span {
  text: string;
  offsets: number[];
  /** Offset used when the span is empty (where it would have been). */
  anchor: number;
}

/** An empty span anchored at an original offset. */
export function emptySpan(anchor: number): Span {
  return { text: '', offsets: [], anchor };
}

/** Characters from..to of a span, keeping their original offsets. */
export function spanSlice(s: Span, from: number, to: number = s.text.length): Span {
  const a = Math.max(0, Math.min(from, s.text.length));
  const b = Math.max(a, Math.min(to, s.text.length));
  const anchor = a < s.offsets.length ? (s.offsets[a] ?? s.anchor) : spanEnd(s);
  return { text: s.text.slice(a, b), offsets: s.offsets.slice(a, b), anchor };
}

/** Original offset just past the span's last character. */
export function spanEnd(s: Span): number {
  const last = s.offsets[s.offsets.length - 1];
  return last === undefined ? s.anchor : last + 1;
}

/** Joins spans; the separator, if any, is mapped to the end of the span before it. */
export function spanConcat(parts: Span[], separator = ''): Span {
  const first = parts[0];
  if (!first) return emptySpan(0);
  let text = '';
  const offsets: number[] = [];
  parts.forEach((p, i) => {
    if (i > 0 && separator) {
      text += separator;
      const at = spanEnd(parts[i - 1] ?? p);
      for (let k = 0; k < separator.length; k++) offsets.push(at);
    }
    text += p.text;
    for (const o of p.offsets) offsets.push(o);
  });
  return { text, offsets, anchor: first.anchor };
}

/** Drops leading and trailing characters matching `strip` (whitespace and stray punctuation). */
export function spanTrim(s: Span, strip: RegExp = /[\s]/): Span {
  let a = 0;
  let b = s.text.length;
  while (a < b && strip.test(s.text[a] ?? '')) a++;
  while (b > a && strip.test(s.text[b - 1] ?? '')) b--;
  return spanSlice(s, a, b);
}

/** Maps original offsets to line numbers by binary search over the line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of an original offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Source reference of characters from..to of a span. */
  sourceOf(s: Span, from = 0, to: number = s.text.length): SourceRef {
    const part = spanSlice(s, from, to);
    const start = part.offsets[0] ?? part.anchor;
    return { start, end: Math.max(start, spanEnd(part)), line: this.lineOf(start) };
  }
}
