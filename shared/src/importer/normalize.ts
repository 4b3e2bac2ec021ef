import type { Span } from './span.ts';

/** One input line with its Markdown markup removed and its punctuation made uniform. */
export interface CleanLine {
  span: Span;
  /** The line carried Markdown heading markup (#). */
  heading: boolean;
  /** Cleaned index where a bold run that opens the line ends; -1 when the line does not open bold. */
  boldEnd: number;
  /** An odd number of bold markers: the bold run goes on in the next line (a broken title). */
  openBold: boolean;
  /** Cleaned index of the first bold marker; -1 when there is none (where a broken title closes). */
  firstMarker: number;
  tableRow: boolean;
}

// Half-width punctuation that Chinese documents write full-width; mapping it keeps one grammar.
const TO_FULL: Record<string, string> = { '(': '（', ')': '）', ':': '：', ';': '；', ',': '，', '!': '！', '?': '？' };
// Full-width forms that carry numbers: folded to ASCII so that numbers parse one way.
const TO_ASCII: Record<string, string> = { '％': '%', '．': '.', '－': '-', '＋': '+', '｜': '|' };
const LEADING_MARKUP = /^[\s\u3000]*(?:(#{1,6})[ \t\u3000]*|>[ \t]*|[-+][ \t]+|\*[ \t]+)?/;
const SPACE = /[\s\u3000\u00a0\ufeff]/;
const ASCII_ALNUM = /[A-Za-z0-9]/;
const ESCAPABLE = /[!-/:-@[-`{-~]/;

interface State {
  text: string;
  offsets: number[];
  markers: number;
  startsBold: boolean;
  boldEnd: number;
  firstMarker: number;
  pendingSpace: boolean;
}

/** Cleans one raw line that starts at `rawStart` in the original text. */
export function cleanLine(raw: string, rawStart: number): CleanLine {
  const lead = LEADING_MARKUP.exec(raw)?.[0] ?? '';
  const heading = /#/.test(lead);
  const st: State = {
    text: '',
    offsets: [],
    markers: 0,
    startsBold: false,
    boldEnd: -1,
    firstMarker: -1,
    pendingSpace: false,
  };
  for (let i = lead.length; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '*' || (c === '_' && raw[i + 1] === '_')) {
      i = readMarker(raw, i, st);
      continue;
    }
    if (c === '\\' && ESCAPABLE.test(raw[i + 1] ?? '')) continue;
    if (SPACE.test(c)) {
      st.pendingSpace = true;
      continue;
    }
    emit(st, mapChar(raw, i, st.text), rawStart + i);
  }
  const boldEnd = st.startsBold && st.boldEnd === -1 ? st.text.length : st.boldEnd;
  const span = { text: st.text, offsets: st.offsets, anchor: rawStart + lead.length };
  const openBold = st.markers % 2 === 1;
  return { span, heading, boldEnd, openBold, firstMarker: st.firstMarker, tableRow: st.text.startsWith('|') };
}

/** Consumes a run of * or __ markers; a double marker toggles bold, a single one is dropped. */
function readMarker(raw: string, i: number, st: State): number {
  const c = raw[i];
  let j = i;
  while (raw[j] === c) j++;
  if (j - i >= 2) {
    if (st.firstMarker === -1) st.firstMarker = st.text.length;
    st.markers++;
    if (st.text === '' && st.markers === 1) st.startsBold = true;
    else if (st.startsBold && st.markers === 2 && st.boldEnd === -1) st.boldEnd = st.text.length;
  }
  return j - 1;
}

function emit(st: State, ch: string, offset: number): void {
  const prev = st.text[st.text.length - 1] ?? '';
  // Spaces matter only between two ASCII words or numbers ("Open SDG"); Chinese text ignores them.
  if (st.pendingSpace && ASCII_ALNUM.test(prev) && ASCII_ALNUM.test(ch)) {
    st.text += ' ';
    st.offsets.push(offset - 1);
  }
  st.pendingSpace = false;
  st.text += ch;
  st.offsets.push(offset);
}

/** The cleaned form of raw[i], given what has been emitted so far. */
function mapChar(raw: string, i: number, before: string): string {
  const original = raw[i] ?? '';
  const c = foldWidth(original);
  if (c.charCodeAt(0) >= 128) return c;
  if (c !== original && ASCII_ALNUM.test(c)) return c;
  const prev = before[before.length - 1] ?? '';
  if (c === ',' || c === ':') return /\d/.test(prev) && /\d/.test(nextVisible(raw, i + 1)) ? c : (TO_FULL[c] ?? c);
  if (c === '.') return keepsPeriod(before, prev, nextVisible(raw, i + 1)) ? '.' : '。';
  // Straight quotes pair up as Chinese ones, so a title reads the same however it was typed.
  if (c === '"') return count(before, '“') > count(before, '”') ? '”' : '“';
  return TO_FULL[c] ?? c;
}

/** A period stays ASCII in a decimal (2.8), a list number (1.) or an ASCII word (www.gov.cn). */
function keepsPeriod(before: string, prev: string, next: string): boolean {
  if (/\d/.test(prev) && /\d/.test(next)) return true;
  if (/^[（(]?\d{1,3}$/.test(before)) return true;
  return /[A-Za-z]/.test(prev) && ASCII_ALNUM.test(next);
}

function nextVisible(raw: string, from: number): string {
  for (let j = from; j < raw.length; j++) {
    const c = raw[j] ?? '';
    if (!SPACE.test(c) && c !== '*') return foldWidth(c);
  }
  return '';
}

/** Full-width digits, letters and number signs folded to ASCII. */
function foldWidth(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0xff00 || code > 0xffef) return c;
  if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
    return String.fromCharCode(code - 0xfee0);
  }
  return TO_ASCII[c] ?? c;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
