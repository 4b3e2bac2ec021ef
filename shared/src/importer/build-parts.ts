import { sourceOf, warn, type ImportContext } from './context.ts';
import { itemParts } from './items.ts';
import type { Outline, OutlineItem } from './outline.ts';
import type { ProposalGoal, ProposalMeasure, ProposalPhase } from './proposal.ts';
import { spanConcat, type Span } from './span.ts';

/** A proposed goal with the text in which its targets are to be looked for. */
export interface BuiltGoal {
  goal: ProposalGoal;
  body: Span;
}

const YEARS = /(\d{4})年?(?:\d{1,2}月)?[—–\-~～至到](\d{4})年/;

function wholeOf(item: OutlineItem): Span {
  return spanConcat([item.head.span, ...item.body.map((p) => p.span)], '\n');
}

/** The numbered goals of the goals section. */
export function buildGoals(outline: Outline, ctx: ImportContext): BuiltGoal[] {
  return outline.goals.map((item, i) => {
    const parts = itemParts(item);
    const goal: ProposalGoal = {
      number: item.head.numbering?.number ?? i + 1,
      title: parts.title.text,
      text: parts.text.text || parts.title.text,
      source: sourceOf(ctx, wholeOf(item)),
    };
    return { goal, body: parts.full };
  });
}

/** Phases such as "（一）组织创建（2022—2024 年）：…" with their first and last years. */
export function buildPhases(outline: Outline, ctx: ImportContext): ProposalPhase[] {
  return outline.phases.map((item, i) => {
    const parts = itemParts(item);
    const years = YEARS.exec(parts.title.text) ?? YEARS.exec(parts.full.text);
    // A single year counts only in the title ("总结阶段（2026年）"); one in the text may be an event's.
    const single = years ? null : /(\d{4})年/.exec(parts.title.text);
    const startYear = years ? Number(years[1]) : single ? Number(single[1]) : null;
    const endYear = years ? Number(years[2]) : startYear;
    const number = item.head.numbering?.number ?? i + 1;
    if (startYear === null) warn(ctx, `第 ${number} 个阶段未找到起止年份`, item.head.span);
    else if (endYear !== null && endYear < startYear)
      warn(ctx, `第 ${number} 个阶段的结束年份早于起始年份`, item.head.span);
    const name =
      parts.title.text.replace(/[（(][^（）()]*\d{4}[^（）()]*[）)]/, '').replace(/[：:\s]+$/, '') || parts.title.text;
    return { number, name, startYear, endYear, text: parts.text.text, source: sourceOf(ctx, wholeOf(item)) };
  });
}

/** Safeguard measures: a heading with the paragraphs under it, or a numbered paragraph with its title. */
export function buildMeasures(outline: Outline, ctx: ImportContext): ProposalMeasure[] {
  return outline.measures.map((item, i) => {
    const parts = itemParts(item);
    return {
      number: item.head.numbering?.number ?? i + 1,
      title: parts.title.text,
      text: parts.text.text || parts.title.text,
      source: sourceOf(ctx, wholeOf(item)),
    };
  });
}
