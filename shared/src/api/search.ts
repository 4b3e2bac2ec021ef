import { z } from 'zod';
import { idField } from './fields.ts';

/** What the search box finds, in the order results are listed. */
export const SEARCH_KINDS = ['unit', 'ledger_row', 'work_item', 'task', 'indicator'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  unit: '单位',
  ledger_row: '台账记录',
  work_item: '工作事项',
  task: '重点任务',
  indicator: '指标',
};

export const searchQuerySchema = z.object({
  q: z.string({ error: '请输入要查找的内容' }).trim().min(1, '请输入要查找的内容').max(50, '查找内容不能超过 50 个字'),
  /** Only this plan; left out, every plan the user may see. */
  planId: idField('方案').optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchHitSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  title: z.string(),
  /** Where it belongs: the plan, the ledger and unit, the lead unit … */
  context: z.string(),
  planId: z.string().nullable(),
  /** The ledger's code, for a ledger row. */
  typeCode: z.string().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResultSchema = z.object({
  items: z.array(searchHitSchema),
  /** Some kind had more hits than are listed: a longer query narrows them. */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** The page a hit opens. */
export function searchHitLink(h: SearchHit, q: string): string {
  switch (h.kind) {
    case 'unit':
      return `/units/${h.id}`;
    case 'ledger_row':
      return `/plans/${h.planId}/ledgers/${h.typeCode}?q=${encodeURIComponent(q)}`;
    case 'work_item':
      return `/supervision/work-items/${h.id}`;
    case 'task':
      return `/plans/${h.planId}#task-${h.id}`;
    case 'indicator':
      return `/plans/${h.planId}/indicators/${h.id}`;
  }
}
