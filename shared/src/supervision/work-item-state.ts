/** Work item states as users see them (DESIGN.md §7); 逾期 is derived, never stored. */
export const WORK_ITEM_STATES = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export type WorkItemState = (typeof WORK_ITEM_STATES)[number];
export const WORK_ITEM_STATE_LABELS: Record<WorkItemState, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  done: '已完成',
  overdue: '逾期',
  cancelled: '已销号',
};

/** What is stored: open until done or struck off. */
export const WORK_ITEM_STATUSES = ['open', 'done', 'cancelled'] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];

export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

/** Where a work item came from. */
export const SOURCE_KINDS = ['task', 'meeting', 'instruction', 'inspection'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  task: '任务分解',
  meeting: '会议决定',
  instruction: '领导批示',
  inspection: '督查整改',
};

/** Days the due date may be away before the light turns yellow, unless the plan sets another. */
export const DEFAULT_YELLOW_DAYS = 7;
/** Progress this many points behind the time elapsed counts as lagging. */
export const LAG_TOLERANCE = 20;

const DAY_MS = 86_400_000;
/** Whole days from one ISO date (YYYY-MM-DD) to another; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface StateInput {
  status: WorkItemStatus;
  progress: number;
  startDate: string;
  dueDate: string;
}

/** The state of a work item on a local date: overdue once the due date has passed and it is still open. */
export function workItemState(item: StateInput, today: string): WorkItemState {
  if (item.status === 'done') return 'done';
  if (item.status === 'cancelled') return 'cancelled';
  if (today > item.dueDate) return 'overdue';
  return item.progress > 0 ? 'in_progress' : 'not_started';
}

/** True when progress trails the share of time elapsed between start and due date by more than the tolerance. */
export function isLagging(item: StateInput, today: string): boolean {
  const span = daysBetween(item.startDate, item.dueDate);
  if (span <= 0) return false;
  const elapsed = Math.min(1, Math.max(0, daysBetween(item.startDate, today) / span));
  return item.progress < elapsed * 100 - LAG_TOLERANCE;
}

/** The light: red when overdue, yellow when due within `yellowDays` or lagging, green otherwise; none once struck off. */
export function workItemLight(item: StateInput, today: string, yellowDays = DEFAULT_YELLOW_DAYS): Light | null {
  const state = workItemState(item, today);
  if (state === 'cancelled') return null;
  if (state === 'done') return 'green';
  if (state === 'overdue') return 'red';
  if (daysBetween(today, item.dueDate) <= yellowDays || isLagging(item, today)) return 'yellow';
  return 'green';
}

/**
 * Where an item stands in the board's order: overdue and red first, then yellow, then the rest
 * still open, then completed, then struck off — so page 1 is what needs chasing today.
 */
export function urgencyRank(item: { state: WorkItemState; light: Light | null }): number {
  if (item.state === 'cancelled') return 5;
  if (item.state === 'done') return 4;
  if (item.state === 'overdue') return 0;
  if (item.light === 'red') return 1;
  if (item.light === 'yellow') return 2;
  return 3;
}

/** Sort order of the board: most urgent first, then due soonest, then oldest first. */
export function byUrgency(
  a: { state: WorkItemState; light: Light | null; dueDate: string; createdAt?: string },
  b: { state: WorkItemState; light: Light | null; dueDate: string; createdAt?: string },
): number {
  return (
    urgencyRank(a) - urgencyRank(b) ||
    a.dueDate.localeCompare(b.dueDate) ||
    (a.createdAt ?? '').localeCompare(b.createdAt ?? '')
  );
}
