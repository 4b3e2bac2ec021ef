/** A list number at the start of a paragraph: 一、 is level 1, （一） 2, 1. 3, （1） 4. */
export interface Numbering {
  level: 1 | 2 | 3 | 4;
  number: number;
  /** Characters taken by the number and its punctuation. */
  length: number;
}

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN = '[一二三四五六七八九十]{1,3}';
const PATTERNS: { level: Numbering['level']; re: RegExp }[] = [
  { level: 1, re: new RegExp(`^(${CN})[、，.。]`) },
  { level: 1, re: new RegExp(`^第(${CN})(?:部分|章)`) },
  { level: 2, re: new RegExp(`^（(${CN})）`) },
  // 办法 and 若干措施 number their provisions 第一条, 第二条 … under 第一章 (running on across chapters).
  { level: 2, re: new RegExp(`^第(${CN})条[\\s\\u3000]*`) },
  // "2.8%" or "1.5 亿元" at the start of a line is a number, not a list item: no digit may follow.
  { level: 3, re: /^(\d{1,3})[.、，。](?!\d)/ },
  { level: 4, re: /^（(\d{1,3})）/ },
];

/** Value of a Chinese numeral below 1000 (十二 → 12, 二十 → 20, 一百零五 → 105); null if it is not one. */
export function chineseNumber(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else {
      digit = digit * 10 + (DIGITS[ch] ?? 0);
    }
  }
  return total + digit;
}

/** The list number that opens a cleaned paragraph, if any. */
export function parseNumbering(text: string): Numbering | null {
  for (const { level, re } of PATTERNS) {
    const m = re.exec(text);
    const token = m?.[1];
    if (!m || token === undefined) continue;
    const number = /^\d+$/.test(token) ? Number(token) : chineseNumber(token);
    if (number === null || number === 0) continue;
    return { level, number, length: m[0].length };
  }
  return null;
}

/** A number written in a table cell: "3", "第3项", "（三）", "三、". */
export function parseCellNumber(text: string): number | null {
  const t = text.replace(/^第|[项条、.。，）)（(\s]/g, '');
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return chineseNumber(t);
}
