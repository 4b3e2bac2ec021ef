import { sourceOf, warn, type ImportContext } from './context.ts';
import { scanTargets, type ScanMode } from './indicators.ts';
import type { ProposalIndicator, UnreadNumber } from './proposal.ts';
import type { Span } from './span.ts';

/** A text to read targets from, and what they belong to. */
export interface TargetSource {
  span: Span;
  mode: ScanMode;
  goal: number | null;
  task: number | null;
  /** Year of the section, e.g. the goals section's "2025 年底". */
  year: number | null;
}

const BROAD = /^(?:全市|全县|全区|全社会|市级及以上|市级以上|省级以上)/;

/**
 * Every quantitative target in the given texts, a task's repeat of a goal's target merged into it;
 * and every other figure with a unit of measure, so that none is dropped unseen.
 */
export function collectIndicators(
  sources: TargetSource[],
  planYear: number,
  ctx: ImportContext,
): { indicators: ProposalIndicator[]; unread: UnreadNumber[] } {
  const out: ProposalIndicator[] = [];
  const unread: UnreadNumber[] = [];
  for (const src of sources) {
    const scan = scanTargets(src.span.text, src.mode, src.year ?? planYear);
    const { found, problems } = scan;
    for (const p of problems) warn(ctx, `${p.message}：“${src.span.text.slice(p.from, p.to)}”`, src.span, p.from, p.to);
    for (const t of scan.unread) {
      if (t.value === null) continue;
      const { name, comparator, value, unit, targetYear, sentence } = t;
      const at = { goal: src.goal, task: src.task, source: sourceOf(ctx, src.span, t.from, t.to) };
      unread.push({ name, comparator, value, unit, targetYear, sentence, ...at });
    }
    for (const t of found) {
      const year = t.targetYear ?? planYear;
      out.push({
        name: t.name,
        comparator: t.comparator,
        value: t.value,
        min: t.min,
        max: t.max,
        unit: t.unit,
        targetYear: year,
        targetDate: `${year}-12-31`,
        goal: src.goal,
        task: src.task,
        sentence: t.sentence,
        source: sourceOf(ctx, src.span, t.from, t.to),
        alsoStatedAt: [],
      });
    }
  }
  return { indicators: mergeRepeats(out), unread };
}

/** Task 18 repeats goal 4's "农业科技进步贡献率达到 72%": one indicator, tied to both. */
function mergeRepeats(list: ProposalIndicator[]): ProposalIndicator[] {
  const out: ProposalIndicator[] = [];
  for (const ind of list) {
    const twin =
      ind.task !== null ? out.find((o) => o.goal !== null && o.task === null && sameTarget(o, ind)) : undefined;
    if (!twin) {
      out.push(ind);
      continue;
    }
    twin.task = ind.task;
    twin.alsoStatedAt.push(ind.source);
  }
  return out;
}

function sameTarget(a: ProposalIndicator, b: ProposalIndicator): boolean {
  if (a.comparator !== b.comparator || a.value !== b.value || a.min !== b.min || a.max !== b.max || a.unit !== b.unit)
    return false;
  if (a.targetYear !== b.targetYear) return false;
  const x = a.name.replace(BROAD, '');
  const y = b.name.replace(BROAD, '');
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
}
