import { buildGoals, buildMeasures, buildPhases, type BuiltGoal } from './build-parts.ts';
import { collectIndicators, type TargetSource } from './build-indicators.ts';
import { buildTasks, type BuiltTask } from './build-tasks.ts';
import { createContext, sourceOf, warn, type ImportContext } from './context.ts';
import { docxToText } from './docx-text.ts';
import { readHeader, type PlanHeader } from './header.ts';
import { tableIndicators } from './indicator-tables.ts';
import { yearContext } from './indicators.ts';
import { readOutline, type Outline } from './outline.ts';
import { buildParagraphs, type Paragraph } from './paragraphs.ts';
import type { PlanProposal, ProposalPhase } from './proposal.ts';
import { unflattenTables } from './flat-tables.ts';
import { emptySpan, spanConcat } from './span.ts';
import { unique } from './units.ts';

/** Choices for one import. */
export interface ImportOptions {
  /** Target year to assume when the plan states none. */
  defaultTargetYear?: number;
}

/**
 * Proposes a plan's structure from its text (Markdown or plain); sources are offsets into `text`, or
 * into `sourceText` when a flattened task table had to be rewritten as table rows first.
 */
export function importPlanText(input: string, options: ImportOptions = {}): PlanProposal {
  const text = unflattenTables(input);
  const proposal = importNormalText(text, options);
  return text === input ? proposal : { ...proposal, sourceText: text };
}

function importNormalText(text: string, options: ImportOptions): PlanProposal {
  const ctx = createContext(text);
  const outline = readOutline(buildParagraphs(text));
  const header = readHeader(outline.preamble);
  checkHeader(header, outline, ctx);
  const goals = buildGoals(outline, ctx);
  const { areas, tasks } = buildTasks(outline, ctx);
  if (tasks.length === 0) warn(ctx, '未找到编号的重点任务', emptySpan(0));
  const phases = buildPhases(outline, ctx);
  const headline = headlineParagraphs(outline, header);
  const goalsYear = yearContext(spanConcat([...outline.goalsIntro, ...headline].map((p) => p.span)).text);
  const planYear = targetYearOf(goalsYear, tasks, phases, header, options, ctx);
  const overall = overallGoal(goals, headline, ctx);
  const sources = targetSources(outline, goals, tasks, goalsYear, headline, overall.goal.number);
  const collected = collectIndicators(sources, planYear, ctx);
  const unread = collected.unread;
  const indicators = [...collected.indicators, ...tableIndicators(outline, planYear, overall.goal.number, ctx)];
  // The plan-level goal exists only when a headline target was found for it.
  const withOverall = indicators.some((i) => i.goal === overall.goal.number) ? [...goals, overall] : goals;
  return {
    plan: { ...headerFields(header), targetYear: planYear },
    goals: withOverall.map((g) => g.goal),
    areas: [...areas].sort((a, b) => a.number - b.number),
    tasks: tasks.map((t) => t.task),
    indicators,
    phases,
    measures: buildMeasures(outline, ctx),
    unitNames: unique(tasks.flatMap((t) => [t.task.leadUnit ?? '', ...t.task.coUnits]).filter((n) => n !== '')),
    warnings: [...ctx.warnings].sort((a, b) => a.source.start - b.source.start),
    unreadNumbers: unread.sort((a, b) => a.source.start - b.source.start),
  };
}

/** Proposes a plan's structure from a .docx; sources are offsets into the returned `sourceText`. */
export async function importPlanDocx(bytes: Uint8Array, options: ImportOptions = {}): Promise<PlanProposal> {
  const raw = await docxToText(bytes);
  const text = unflattenTables(raw);
  return { ...importNormalText(text, options), sourceText: text };
}

function headerFields(h: PlanHeader): Omit<PlanProposal['plan'], 'targetYear'> {
  return {
    title: h.title,
    documentNumber: h.documentNumber,
    issuer: h.issuer,
    issuingDate: h.issuingDate,
    region: h.region,
  };
}

function checkHeader(h: PlanHeader, outline: Outline, ctx: ImportContext): void {
  const at = outline.preamble[0]?.span ?? emptySpan(0);
  if (h.title === null) warn(ctx, '未找到方案标题', at);
  if (h.documentNumber === null) warn(ctx, '未找到文号（如“句委办〔2022〕79号”）', at);
  if (h.issuingDate === null) warn(ctx, '未找到印发日期', at);
}

/**
 * Prose that states the plan's headline targets outside any numbered goal: the goals section's
 * opening, and any paragraph outside the tasks with a due year ("到2027年，力争…") — in a news item
 * that restates a plan, that paragraph comes before the first numbered item.
 */
function headlineParagraphs(outline: Outline, header: PlanHeader): Paragraph[] {
  const at = header.titleAt ? outline.preamble.indexOf(header.titleAt) + 1 : 0;
  const afterTitle = outline.preamble.slice(at);
  const prose = afterTitle.filter((p) => !p.numbering && /[，。]/.test(p.span.text));
  const dated = [...prose, ...outline.loose].filter((p) => yearContext(p.span.text) !== null);
  return [...new Set([...outline.goalsIntro, ...dated])].sort((a, b) => a.span.anchor - b.span.anchor);
}

/** 总体目标: the goal that a plan's headline targets are tied to, numbered after the plan's own goals. */
function overallGoal(goals: BuiltGoal[], headline: Paragraph[], ctx: ImportContext): BuiltGoal {
  const number = Math.max(0, ...goals.map((g) => g.goal.number)) + 1;
  const body = spanConcat(
    headline.map((p) => p.span),
    '\n',
  );
  const text = body.text || '方案正文中未编号的目标';
  return { goal: { number, title: '总体目标', text, source: sourceOf(ctx, body) }, body };
}

/** The goals section's texts first, then the tasks', then headline prose and the rest. */
function targetSources(
  outline: Outline,
  goals: BuiltGoal[],
  tasks: BuiltTask[],
  goalsYear: number | null,
  headline: Paragraph[],
  overall: number,
): TargetSource[] {
  const rest = outline.loose.filter((p) => !headline.includes(p));
  return [
    ...goals.map((g): TargetSource => ({
      span: g.body,
      mode: 'goal',
      goal: g.goal.number,
      task: null,
      year: goalsYear,
    })),
    ...tasks.map((t): TargetSource => ({ span: t.body, mode: 'task', goal: null, task: t.task.number, year: null })),
    ...headline.map((p): TargetSource => ({ span: p.span, mode: 'goal', goal: overall, task: null, year: goalsYear })),
    ...rest.map((p): TargetSource => ({ span: p.span, mode: 'loose', goal: overall, task: null, year: null })),
  ];
}

/** The plan's target year: the goals section's, else the latest year its tasks or phases name. */
function targetYearOf(
  goalsYear: number | null,
  tasks: BuiltTask[],
  phases: ProposalPhase[],
  header: PlanHeader,
  options: ImportOptions,
  ctx: ImportContext,
): number {
  const taskYears = tasks.map((t) => yearContext(t.body.text)).filter((y): y is number => y !== null);
  const phaseYears = phases.map((p) => p.endYear).filter((y): y is number => y !== null);
  const title = titleYears(header.title);
  const year =
    title.end ?? goalsYear ?? maxOf(taskYears) ?? maxOf(phaseYears) ?? title.single ?? options.defaultTargetYear;
  if (year !== undefined) return year;
  // Never silently the current year: the office is asked to confirm whatever year is assumed.
  const fallback = header.issuingDate ? Number(header.issuingDate.slice(0, 4)) : new Date().getFullYear();
  warn(ctx, `未找到目标年份，暂按 ${fallback} 年处理，请在方案信息中确认目标年份`, emptySpan(0));
  return fallback;
}

/** "（2023—2025年）", "(2017~2020年)" in a title: the plan runs to the range's end; "2024年…要点": that year. */
export function titleYears(title: string | null): { end?: number; single?: number } {
  if (!title) return {};
  const range = /(\d{4})\s*年?\s*[—–\-~～至到]+\s*(\d{4})\s*年/.exec(title);
  if (range) return { end: Number(range[2]) };
  const single = /(\d{4})\s*年/.exec(title);
  return single ? { single: Number(single[1]) } : {};
}

function maxOf(years: number[]): number | undefined {
  return years.length > 0 ? Math.max(...years) : undefined;
}
