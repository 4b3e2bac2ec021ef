import { Tag } from 'antd';
import {
  SUBMISSION_STATUS_LABELS,
  TIMELINESS_LABELS,
  type SubmissionStatus,
  type Timeliness,
} from '@innocity/shared/api/reporting';
import {
  LIGHT_LABELS,
  WORK_ITEM_STATE_LABELS,
  type Light,
  type WorkItemState,
} from '@innocity/shared/supervision/work-item-state';
import { formatDateTimeZh } from '@innocity/shared/format';

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'cyan',
  submitted: 'blue',
  accepted: 'green',
  returned: 'red',
};
const TIMELINESS_COLORS: Record<Timeliness, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  pending: 'default',
};
const STATE_COLORS: Record<WorkItemState, string> = {
  not_started: 'default',
  in_progress: 'blue',
  done: 'green',
  overdue: 'red',
  cancelled: 'default',
};
const LIGHT_COLORS: Record<Light, string> = { green: '#389e0d', yellow: '#d4b106', red: '#cf1322' };

/** A submission's status as a coloured tag. */
export const StatusTag = ({ status }: { status: SubmissionStatus }) => (
  <Tag color={STATUS_COLORS[status]}>{SUBMISSION_STATUS_LABELS[status]}</Tag>
);

/** On time / late / missing as a coloured tag, with how late. */
export function TimelinessTag({ value, lateMinutes }: { value: Timeliness; lateMinutes?: number | null }) {
  const late =
    value === 'late' && lateMinutes
      ? `（${lateMinutes >= 1440 ? `${Math.round(lateMinutes / 1440)} 天` : `${Math.ceil(lateMinutes / 60)} 小时`}）`
      : '';
  return <Tag color={TIMELINESS_COLORS[value]}>{TIMELINESS_LABELS[value] + late}</Tag>;
}

/** A work item's state as a coloured tag. */
export const StateTag = ({ state }: { state: WorkItemState }) => (
  <Tag color={STATE_COLORS[state]}>{WORK_ITEM_STATE_LABELS[state]}</Tag>
);

/** The traffic light as a dot and its name. */
export function LightDot({ light }: { light: Light | null }) {
  if (!light) return <span style={{ color: '#999' }}>—</span>;
  return (
    <span className="light-dot" aria-label={LIGHT_LABELS[light]}>
      <span style={{ background: LIGHT_COLORS[light] }} />
      {LIGHT_LABELS[light]}
    </span>
  );
}

/** An ISO instant as local date and time, the one way people read it: 2025年10月15日 09:30. */
export const localTime = (iso: string | null) => (iso ? formatDateTimeZh(iso, 'Asia/Shanghai') : '—');
