/**
 * A task's 完成期限 as plans write it: a date ("2025-06-30", "2024年9月30日前"), a month or a period
 * ("2024年6月底", "2025年上半年", "2025年三季度", "2025年底") or no date at all ("长期坚持", "持续推进",
 * "每季度"). The rule: a date is derived where the phrase names one — the last day the phrase allows —
 * and the phrase itself is kept as text, so "长期坚持" is shown as written and never becomes a made-up
 * date. A phrase that names an impossible date ("2024年13月", "2025-02-30") is an error, not a phrase.
 */
export type Due = { ok: true; date: string | null; text: string | null } | { ok: false; message: string };

const QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function dateOf(year: number, month: number, day?: number): string | null {
  if (month < 1 || month > 12) return null;
  const last = lastDay(year, month);
  if (day !== undefined && (day < 1 || day > last)) return null;
  return `${year}-${pad(month)}-${pad(day ?? last)}`;
}

/** The last day a phrase allows; null when it names no date, 'bad' when it names an impossible one. */
export function dueDateOfPhrase(phrase: string): string | null | 'bad' {
  const s = phrase.replace(/\s+/g, '');
  const iso = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(s);
  if (iso) return dateOf(Number(iso[1]), Number(iso[2]), iso[3] ? Number(iso[3]) : undefined) ?? 'bad';
  // "2023—2025年", "2024年至2025年底": the range ends at its last year.
  const range = /(\d{4})年?[—–\-~～至到](\d{4})年/.exec(s);
  const at = range ? s.indexOf(range[2]!, range.index + 4) : s.search(/\d{4}年/);
  if (at === -1) return null;
  const rest = s.slice(at);
  const year = Number(rest.slice(0, 4));
  // "2024年起长期坚持": a start, not an end.
  if (/^\d{4}年(?:起|开始|以来)/.test(rest)) return null;
  const day = /^\d{4}年(\d{1,2})月(\d{1,2})日/.exec(rest);
  if (day) return dateOf(year, Number(day[1]), Number(day[2])) ?? 'bad';
  const month = /^\d{4}年(\d{1,2})月/.exec(rest);
  if (month) return dateOf(year, Number(month[1])) ?? 'bad';
  const quarter = /^\d{4}年(?:第)?([一二三四1-4])季度/.exec(rest);
  if (quarter) return dateOf(year, QUARTER[quarter[1]!]! * 3);
  if (/^\d{4}年上半年/.test(rest)) return dateOf(year, 6);
  return dateOf(year, 12);
}

/**
 * Normalizes a due date given as a date or a phrase (and, optionally, the phrase kept from before).
 * Empty input is no due date.
 */
export function normalizeDue(value: string | null | undefined, text?: string | null): Due {
  const v = value?.trim() ?? '';
  const t = text?.trim() || null;
  if (v === '') return t ? normalizeDue(t) : { ok: true, date: null, text: null };
  if (v.length > 60) return { ok: false, message: '完成期限不能超过 60 个字符' };
  const date = dueDateOfPhrase(v);
  if (date === 'bad') return { ok: false, message: `完成期限“${v}”不是有效日期` };
  const isIso = /^\d{4}-\d{2}-\d{2}$/.test(v);
  return { ok: true, date, text: isIso ? (t && t !== v ? t : null) : v };
}

/** How a due date reads on a page: "2025-12-31（2025年底）", "长期坚持", or an empty string. */
export function dueLabel(date: string | null | undefined, text: string | null | undefined): string {
  if (date && text && text !== date) return `${date}（${text}）`;
  return date ?? text ?? '';
}
