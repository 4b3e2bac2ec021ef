/** 责任单位 read from a task: the lead unit first, then the co-operating units. */
export interface UnitsClause {
  lead: string | null;
  coUnits: string[];
  /** Cleaned-text range of the whole clause, brackets included, so it can be cut from the task text. */
  from: number;
  to: number;
}

type Role = 'lead' | 'co' | 'resp';

// "牵头科室（单位）：", "主要责任单位：", "协同配合单位：": the role word, then what kind of body it names.
const KEY =
  /(牵头|主办|主责|主要责任|责任|协同配合|配合|协办|协助|参与)(?:单位|部门|科室|处室)(?:（[^）：]{1,6}）)?：/g;
const ROLE: Record<string, Role> = { 牵头: 'lead', 主办: 'lead', 主责: 'lead', 主要责任: 'lead', 责任: 'resp' };
// "县科技局，县工信局配合": a name that says it only helps.
const HELPS = /(?:配合|参与|协助|协同)$/;
const LEAD_MARK = /[（(]牵头[）)]$/;

// "（县科技局牵头，县财政局、县税务局配合）", "（县农业农村局负责）": names, each list closed by its role.
const VERB_CLAUSE = /（([^（）]{2,120})）/g;
const VERB_PART = /^(.+?)(牵头|按职责分工负责|分工负责|负责|配合|协助|参与)$/;

/** Bracketed clauses that name units by a verb after them rather than a key before. */
function verbClauses(text: string): UnitsClause[] {
  const out: UnitsClause[] = [];
  for (const m of text.matchAll(VERB_CLAUSE)) {
    const parts = (m[1] ?? '').split(/[，；]/).map((x) => VERB_PART.exec(x));
    if (parts.length === 0 || parts.some((x) => x === null)) continue;
    const named: Record<Role, string[]> = { lead: [], co: [], resp: [] };
    for (const x of parts) {
      const role: Role = x?.[2] === '牵头' ? 'lead' : /负责$/.test(x?.[2] ?? '') ? 'resp' : 'co';
      named[role].push(...splitUnitList(x?.[1] ?? ''));
    }
    const all = [...named.lead, ...named.resp, ...named.co];
    if (all.length === 0 || all.some(looksWrongAsUnit) || all.some((n) => n.length > 20)) continue;
    const lead = named.lead[0] ?? named.resp[0] ?? null;
    const coUnits = unique([...named.lead.slice(1), ...named.resp, ...named.co].filter((n) => n !== lead));
    out.push({ lead, coUnits, from: m.index, to: m.index + m[0].length });
  }
  return out;
}

/** Every units clause in a task's cleaned text: "（责任单位：…）", "牵头单位：…；配合单位：…" and the like. */
export function findUnitsClauses(text: string): UnitsClause[] {
  const out: UnitsClause[] = [];
  if (!KEY.test(text)) return verbClauses(text);
  KEY.lastIndex = 0;
  for (const m of text.matchAll(KEY)) {
    const at = m.index;
    if (out.some((c) => at >= c.from && at < c.to)) continue;
    const bracketed = text[at - 1] === '（';
    const from = bracketed ? at - 1 : at;
    const to = bracketed ? closingBracket(text, from) : clauseEnd(text, at);
    const inner = text.slice(bracketed ? from + 1 : from, bracketed && text[to - 1] === '）' ? to - 1 : to);
    out.push({ ...readRoles(inner), from, to });
  }
  return out;
}

/** Lead and co-units of one clause's inside, e.g. "牵头单位：A；责任单位：A、B、C". */
function readRoles(inner: string): { lead: string | null; coUnits: string[] } {
  const keys = [...inner.matchAll(KEY)];
  const named: Record<Role, string[]> = { lead: [], co: [], resp: [] };
  keys.forEach((k, i) => {
    const listEnd = keys[i + 1]?.index ?? inner.length;
    const role = ROLE[k[1] ?? ''] ?? 'co';
    for (const name of splitUnitList(inner.slice(k.index + k[0].length, listEnd))) {
      if (HELPS.test(name) && name.length > 4) named.co.push(name.replace(HELPS, ''));
      else named[role].push(name);
    }
  });
  const marked = named.resp.find((n) => LEAD_MARK.test(n));
  const resp = named.resp.map((n) => n.replace(LEAD_MARK, ''));
  const lead = named.lead[0] ?? (marked ? marked.replace(LEAD_MARK, '') : resp[0]) ?? null;
  const rest = [...named.lead.slice(1), ...resp, ...named.co];
  return { lead, coUnits: unique(rest.filter((n) => n !== lead)) };
}

/** Splits "A、B、各相关镇（街道、园区）" on 、，；/ but never inside brackets, so unit groups stay whole. */
export function splitUnitList(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '（' || ch === '(') depth++;
    if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[、，,；;/]/.test(ch)) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names.map(canonicalUnitName).filter((n) => n !== '');
}

/** One spelling per unit name: full-width brackets, 、 inside them, no spaces or trailing 等. */
export function canonicalUnitName(name: string): string {
  let depth = 0;
  let out = '';
  for (const raw of name.replace(/\s/g, '')) {
    const ch = raw === '(' ? '（' : raw === ')' ? '）' : raw;
    if (ch === '（') depth++;
    if (ch === '）') depth = Math.max(0, depth - 1);
    out += depth > 0 && /[，,；;]/.test(ch) ? '、' : ch;
  }
  return out.replace(/^[。：，]+|[。：，；]+$/g, '').replace(/等(?:单位|部门)?$/, '');
}

/** A unit name that does not look like one (too long, or a sentence). */
export function looksWrongAsUnit(name: string): boolean {
  return name.length > 24 || /[。：；！？]/.test(name);
}

/** "以下任务均需市科技局配合，不再一一列出": the units that every later task takes as co-units. */
export function findBlanketUnits(text: string): { units: string[]; from: number; to: number } | null {
  const m =
    /以下(?:各项|所有|全部)?(?:重点)?任务(?:均|都|皆)(?:需要?|须|由|请)?(.+?)(?:共同)?(?:配合|参与|协同|协助)/.exec(
      text,
    );
  if (!m?.[1]) return null;
  const stop = text.indexOf('。', m.index);
  return { units: splitUnitList(m[1]), from: m.index, to: stop === -1 ? text.length : stop + 1 };
}

function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '（') depth++;
    if (text[i] === '）' && --depth === 0) return i + 1;
  }
  return text.length;
}

function clauseEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '（') depth++;
    if (text[i] === '）') depth--;
    if (depth < 0) return i;
    if (depth === 0 && text[i] === '。') return i + 1;
    // "完成时限：…" on the next line is another field of the task, not more units.
    if (depth === 0 && text[i] === '\n' && isOtherField(text.slice(i + 1))) return i;
  }
  return text.length;
}

const FIELD_LABEL = /^[\u4e00-\u9fa5]{2,8}[：:]/;
const UNITS_LABEL = /^(?:牵头|主办|主责|主要责任|责任|协同配合|配合|协办|协助|参与)(?:单位|部门|科室|处室)/;
const isOtherField = (line: string) => FIELD_LABEL.test(line) && !UNITS_LABEL.test(line);

/**
 * A list of units where the lead is marked rather than placed first ("区工信局（牵头）、区科技局"):
 * the marked one leads, its mark dropped; without a mark the first named leads.
 */
export function markedLead(names: string[]): { lead: string | null; rest: string[] } {
  const marked = names.find((n) => LEAD_MARK.test(n));
  const clean = names.map((n) => n.replace(LEAD_MARK, ''));
  const lead = marked ? marked.replace(LEAD_MARK, '') : (clean[0] ?? null);
  return { lead, rest: clean.filter((n) => n !== lead) };
}

/** Names without repeats, first spelling kept. */
export function unique(names: string[]): string[] {
  return [...new Set(names)];
}
