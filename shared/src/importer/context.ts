import type { ProposalWarning, SourceRef } from './proposal.ts';
import { LineIndex, type Span } from './span.ts';

/** What every step of one import shares: the line index for positions and the warnings so far. */
export interface ImportContext {
  lines: LineIndex;
  warnings: ProposalWarning[];
}

/** A fresh context for one input text. */
export function createContext(text: string): ImportContext {
  return { lines: new LineIndex(text), warnings: [] };
}

/** Source reference of characters from..to of a span. */
export function sourceOf(ctx: ImportContext, span: Span, from?: number, to?: number): SourceRef {
  return ctx.lines.sourceOf(span, from, to);
}

/** Records a warning (Chinese, for the office) at a place in the text. */
export function warn(ctx: ImportContext, message: string, span: Span, from?: number, to?: number): void {
  ctx.warnings.push({ message, source: sourceOf(ctx, span, from, to) });
}
