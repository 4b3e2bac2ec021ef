import { buildGoals, buildMeasures, buildPhases, type BuiltGoal } from './build-parts.ts';
import { collectIndicators, type TargetSource } from './build-indicators.ts';
import { buildTasks, type BuiltTask } from './build-tasks.ts';
import { createContext, warn, type ImportContext } from './context.ts';
import { docxToText } from './docx-text.ts';
import { readHeader, type PlanHeader } from './header.ts';
import { yearContext } from './indicators.ts';
import { readOutline, type Outline } from './outline.ts';
import { buildParagraphs } from './paragraphs.ts';
import type { PlanProposal, ProposalPhase } from './proposal.ts';
import { emptySpan, spanConcat } from './span.ts';
import { unique } from './units.ts';

/** Choices for one import. */
export interface ImportOptions {
  /** Target year to assume when the plan states none. */
  defaultTargetYear?: number;
}

/** Proposes a plan's structure from its text (Markdown or plain); sources are offsets into `text`. */
export function importPlanText(text: string, options: ImportOptions = {}): PlanProposal {
  const ctx = createContext(text);
  const outline = readOutline(buildParagraphs(text));
  const header = readHeader(outline.preamble);
  checkHeader(header, outline, ctx);
  const goals = buildGoals(outline, ctx);
  const { areas, tasks } = buildTasks(outline, ctx);
  if (tasks.length === 0) warn(ctx, '未找到编号的重点任务', emptySpan(0));
  const phases = buildPhases(outline, ctx);
  const goalsYear = yearContext(spanConcat(outline.goalsIntro.map((p) => p.span)).text);
  const planYear = targetYearOf(goalsYear, tasks, phases, header, options, ctx);
  const indicators = collectIndicators(targetSources(outline, goals, tasks, goalsYear), planYear, ctx);
  return {
    plan: { ...headerFields(header), targetYear: planYear },
    goals: goals.map((g) => g.goal),
    areas: [...areas].sort((a, b) => a.number - b.number),
    tasks: tasks.map((t) => t.task),
    indicators,
    phases,
    measures: buildMeasures(outline, ctx),
    unitNames: unique(tasks.flatMap((t) => [t.task.leadUnit ?? '', ...t.task.coUnits]).filter((n) => n !== '')),
    warnings: [...ctx.warnings].sort((a, b) => a.source.start - b.source.start),
  };
}

/** Proposes a plan's structure from a .docx; sources are offsets into the returned `sourceText`. */
export async function importPlanDocx(bytes: Uint8Array, options: ImportOptions = {}): Promise<PlanProposal> {
  const text = await docxToText(bytes);
  return { ...importPlanText(text, options), sourceText: text };
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

/** The goals section's texts first, then the tasks', then loose prose (for targets that belong nowhere). */
function targetSources(
  outline: Outline,
  goals: BuiltGoal[],
  tasks: BuiltTask[],
  goalsYear: number | null,
): TargetSource[] {
  return [
    ...goals.map((g): TargetSource => ({
      span: g.body,
      mode: 'goal',
      goal: g.goal.number,
      task: null,
      year: goalsYear,
    })),
    ...tasks.map((t): TargetSource => ({ span: t.body, mode: 'task', goal: null, task: t.task.number, year: null })),
    ...outline.loose.map((p): TargetSource => ({ span: p.span, mode: 'loose', goal: null, task: null, year: null })),
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
  const year = goalsYear ?? maxOf(taskYears) ?? maxOf(phaseYears) ?? options.defaultTargetYear;
  if (year !== undefined) return year;
  const fallback = header.issuingDate ? Number(header.issuingDate.slice(0, 4)) : new Date().getFullYear();
  warn(ctx, `未找到目标年份，暂按 ${fallback} 年处理`, emptySpan(0));
  return fallback;
}

function maxOf(years: number[]): number | undefined {
  return years.length > 0 ? Math.max(...years) : undefined;
}
