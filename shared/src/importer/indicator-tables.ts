import { sourceOf, type ImportContext } from './context.ts';
import type { Outline } from './outline.ts';
import type { ProposalIndicator } from './proposal.ts';
import type { Comparator } from '../plan-pack.ts';
import { isIndicatorHeader, tableCells, targetColumn } from './tables.ts';

const VALUE = /^(≥|>|≤|<|约)?\s*(\d+(?:\.\d+)?)\s*(以上|左右|以内|以下)?$/;
const PREFIX: Record<string, Comparator> = { '≥': 'gte', '>': 'gt', '≤': 'lte', '<': 'lt', 约: 'approx' };
const SUFFIX: Record<string, Comparator> = { 以上: 'gte', 左右: 'approx', 以内: 'lte', 以下: 'lte' };

/**
 * A table of targets (序号 | 指标名称 | 单位 | 2022年基数 | 2025年目标): each row an indicator of
 * the plan, its value from the target column (the one that says 目标, else the latest year).
 * Rows whose value is not a number are left out; every row is tied to `goal`.
 */
export function tableIndicators(
  outline: Outline,
  planYear: number,
  goal: number,
  ctx: ImportContext,
): ProposalIndicator[] {
  const out: ProposalIndicator[] = [];
  for (const block of outline.tables) {
    const rows = block.rows.map((r) => ({ row: r, cells: tableCells(r.span) }));
    const header = rows[0]?.cells.map((c) => c.text) ?? [];
    if (!isIndicatorHeader(header)) continue;
    const name = header.findIndex((c) => /指标/.test(c));
    const unit = header.findIndex((c) => /^(?:计量)?单位$/.test(c));
    const col = targetColumn(header);
    const year = Number(/(\d{4})\s*年/.exec(header[col] ?? '')?.[1] ?? planYear);
    for (const { row, cells } of rows.slice(1)) {
      const m = VALUE.exec(cells[col]?.text ?? '');
      const label = cells[name]?.text ?? '';
      if (!m || label === '' || /^-+$/.test(label)) continue;
      const comparator = PREFIX[m[1] ?? ''] ?? SUFFIX[m[3] ?? ''] ?? 'gte';
      out.push({
        name: label,
        comparator,
        value: Number(m[2]),
        min: null,
        max: null,
        unit: cells[unit]?.text ?? '',
        targetYear: year,
        targetDate: `${year}-12-31`,
        goal,
        task: null,
        sentence: row.span.text,
        source: sourceOf(ctx, row.span),
        alsoStatedAt: [],
      });
    }
  }
  return out;
}
