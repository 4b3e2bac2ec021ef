import type { Comparator } from '../plan-pack.ts';
import {
  comparatorBefore,
  isComparisonWord,
  isCountUnit,
  stripNameLead,
  NOT_A_QUANTITY,
  suffixAt,
  unitAt,
} from './target-words.ts';

/** goal and task text is read for targets; loose prose only for targets that belong nowhere. */
export type ScanMode = 'goal' | 'task' | 'loose';

/** A quantitative target found in a text; from/to index the scanned text. */
export interface FoundTarget {
  name: string;
  comparator: Comparator;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  targetYear: number | null;
  sentence: string;
  from: number;
  to: number;
}

/** Something that looks like a target but cannot be read; from/to index the scanned text. */
export interface TargetProblem {
  message: string;
  from: number;
  to: number;
}

interface Hit {
  from: number;
  numEnd: number;
  low: number;
  high: number | null;
  unit: string | null;
  end: number;
  before: ReturnType<typeof comparatorBefore>;
  after: ReturnType<typeof suffixAt>;
}

const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)(?:([-~～—–至到])(\d+(?:\.\d+)?))?/g;
const CLAUSE_STOP = /[，。；：！？（）“”\n]/;
const NOUN_STOP = /[，。；：、！？（）\n]/;
const CJK = /[\u4e00-\u9fa5]/;
const MILESTONE = /^(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}月(?:底|份|前|中旬|上旬|下旬)?[：，])/;
const REDUCTION = /^(?:下降|降低|压减|压缩|减少)$/;
const EXISTING = /现有|已有|目前|现已|已建成|原有|截至目前/;

/** Every target in a text, with what could not be read. */
export function scanTargets(
  text: string,
  mode: ScanMode,
  defaultYear: number | null,
): { found: FoundTarget[]; problems: TargetProblem[]; unread: FoundTarget[] } {
  const found: FoundTarget[] = [];
  const problems: TargetProblem[] = [];
  const unread: FoundTarget[] = [];
  for (const s of sentences(text)) {
    // "二季度：组织培训2场" is a milestone of the task, not a target of its own (listed as unread).
    const milestone = MILESTONE.test(text.slice(s.from, s.to).trim());
    const sentenceYear = yearContext(text.slice(s.from, s.to));
    let clauseFloor = s.from;
    for (const m of text.slice(s.from, s.to).matchAll(NUMBER)) {
      const hit = readHit(text, s.from + m.index, m);
      if (!hit) continue;
      const verdict = milestone ? 'skip' : judge(text, hit, mode, sentenceYear !== null, clauseFloor);
      // "到2019年…达到30家，2020年达到40家": each figure takes the year named last before it.
      const year = yearBefore(text, s.from, hit.from) ?? sentenceYear ?? defaultYear;
      const target = toTarget(text, hit, clauseFloor, year, s);
      if (verdict === 'skip') {
        if (hit.unit && hit.high === null) unread.push(target);
        continue;
      }
      if (verdict === 'target') found.push(target);
      else problems.push({ message: verdict, ...problemRange(text, hit, clauseFloor) });
      clauseFloor = target.to;
    }
  }
  return { found, problems, unread };
}

function readHit(text: string, from: number, m: RegExpMatchArray): Hit | null {
  const numEnd = from + m[0].length;
  // G312, S6, "4+1+1": parts of names, not quantities.
  if (/[A-Za-z+\-.\d]/.test(text[from - 1] ?? '') || text[numEnd] === '+') return null;
  if (NOT_A_QUANTITY.test(text.slice(numEnd, numEnd + 2))) return null;
  const unit = unitAt(text, numEnd);
  const unitEnd = numEnd + (unit?.length ?? 0);
  const after = unit ? suffixAt(text, unitEnd) : null;
  const low = Number((m[1] ?? '').replace(/,/g, ''));
  const high = m[3] !== undefined ? Number(m[3]) : null;
  return {
    from,
    numEnd,
    low,
    high,
    unit,
    end: unitEnd + (after?.word.length ?? 0),
    before: comparatorBefore(text, from),
    after,
  };
}

const GRANT = /(?:给予|奖励|补助|补贴|资助|奖补)[^，。；]{0,12}$/;

/** Whether a number is a target, not one, or a target that cannot be read (the warning to give). */
function judge(text: string, hit: Hit, mode: ScanMode, hasYear: boolean, floor: number): string {
  if (!hit.unit) return hit.before && isComparisonWord(hit.before.word) ? '目标值缺少可识别的计量单位' : 'skip';
  if (text[hit.from - 1] === '等' || EXISTING.test(clauseBefore(text, hit.from, floor))) return 'skip';
  // "研发投入超过500万元的企业": a threshold that picks out whom a measure is for, not an aim.
  if (text[hit.end] === '的') return 'skip';
  // "给予一次性奖励20万元": money a policy pays out, not an amount the plan is to reach
  // ("每年资助科技项目20项" still is one: only sums of money are grants).
  if (!hit.before && /元$/.test(hit.unit) && GRANT.test(clauseBefore(text, hit.from, floor))) return 'skip';
  // "5 公里创新圈": a measure that describes the noun after it, not an amount to reach.
  const describes = !hit.after && !isCountUnit(hit.unit) && CJK.test(text[hit.end] ?? '');
  if (describes && !hit.before) return 'skip';
  if (mode === 'goal') return 'target';
  if (mode === 'task') return hasYear || hit.before || hit.after || endsClause(text, hit.end) ? 'target' : 'skip';
  // Prose outside goals and tasks states the plan's headline targets: they go to the plan-level goal.
  return hit.before || hit.after ? 'target' : 'skip';
}

/** "创建省级研发机构12家。": an amount that closes its clause is what the task is to reach. */
function endsClause(text: string, at: number): boolean {
  return at >= text.length || /[，。；、）\n]/.test(text[at] ?? '');
}

/** The year named last before a figure in its sentence, not a base year ("较2020年"). */
function yearBefore(text: string, from: number, to: number): number | null {
  let year: number | null = null;
  for (const m of text.slice(from, to).matchAll(/(\d{4})年(?!以来|起|度)/g)) {
    if (/[较比从自]$/.test(text.slice(from, from + m.index))) continue;
    const y = Number(m[1]);
    if (y >= 1990 && y <= 2100) year = y;
  }
  return year;
}

function toTarget(
  text: string,
  hit: Hit,
  floor: number,
  year: number | null,
  s: { from: number; to: number },
): FoundTarget {
  const range = hit.high !== null;
  const named = nameOf(text, hit, floor);
  // "二氧化碳排放下降18%": the name keeps the word that makes the figure a cut.
  const cut = hit.before && REDUCTION.test(hit.before.word) && hit.before.comparator === 'gte' ? hit.before.word : '';
  return {
    name: named.name ? named.name + cut : `${hit.low}${hit.unit ?? ''}`,
    comparator: comparatorOf(hit),
    value: range ? null : hit.low,
    min: range ? hit.low : null,
    max: range ? hit.high : null,
    unit: hit.unit ?? '',
    targetYear: year,
    sentence: text.slice(s.from, s.to).trim(),
    from: named.from,
    to: Math.max(hit.end, named.to),
  };
}

/** The clause around a figure that cannot be read, up to the next punctuation mark. */
function problemRange(text: string, hit: Hit, floor: number): { from: number; to: number } {
  let to = hit.end;
  while (to < text.length && !NOUN_STOP.test(text[to] ?? '')) to++;
  let from = clauseStart(text, hit.from - (hit.before?.word.length ?? 0), floor);
  while (/[、，]/.test(text[from] ?? '') && from < hit.from) from++;
  return { from, to };
}

function comparatorOf(hit: Hit): Comparator {
  if (hit.high !== null) return 'range';
  if (hit.after && hit.after.comparator !== 'gte') return hit.after.comparator;
  return hit.before?.comparator ?? 'gte';
}

/** "3-5 个专业孵化器" is named by the noun after it; "在孵企业达 450 家以上" by the words before. */
function nameOf(text: string, hit: Hit, floor: number): { name: string; from: number; to: number } {
  const head = hit.from - (hit.before?.word.length ?? 0);
  if (!hit.after && CJK.test(text[hit.end] ?? '')) {
    let e = hit.end;
    while (e < text.length && !NOUN_STOP.test(text[e] ?? '')) e++;
    return { name: text.slice(hit.end, e), from: head, to: e };
  }
  let start = clauseStart(text, head, floor);
  while (/[、，]/.test(text[start] ?? '') && start < head) start++;
  return { name: stripNameLead(text.slice(start, head)), from: start, to: hit.end };
}

function clauseStart(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && !CLAUSE_STOP.test(text[i - 1] ?? '')) i--;
  return i;
}

function clauseBefore(text: string, at: number, floor: number): string {
  return text.slice(clauseStart(text, at, floor), at);
}

/** "到 2025 年", "2025 年末": the year a sentence's targets are due. */
export function yearContext(sentence: string): number | null {
  const m = /(?:到|至|截至|截止)(\d{4})年|(\d{4})年(?:底|末|前)/.exec(sentence);
  const y = m ? Number(m[1] ?? m[2]) : NaN;
  return y >= 1990 && y <= 2100 ? y : null;
}

function sentences(text: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (/[。！？\n]/.test(text[i] ?? '')) {
      out.push({ from, to: i + 1 });
      from = i + 1;
    }
  }
  if (from < text.length) out.push({ from, to: text.length });
  return out;
}
