import type { AssessmentInputs, IndicatorFact, TimelinessFact, WorkItemFact } from './inputs.ts';
import type { Credits, Measure } from './scheme.ts';

/** One thing counted (or deliberately not counted) for an item, with the credit it earned. */
export interface WorkingRow {
  kind: 'work_item' | 'indicator' | 'round';
  refId: string;
  label: string;
  /** 0–1, or null when the thing is listed but not counted. */
  credit: number | null;
  note: string;
}

export interface MeasureResult {
  /** Mean credit of the counted rows, 0–1; null when nothing counts (the item does not apply). */
  value: number | null;
  rows: WorkingRow[];
  formula: string;
}

const r4 = (n: number) => Math.round(n * 10_000) / 10_000;
export const pctText = (share: number) => `${Math.round(share * 1000) / 10}%`;

function mean(rows: WorkingRow[], what: string): MeasureResult {
  const counted = rows.filter((r) => r.credit !== null);
  if (counted.length === 0) return { value: null, rows, formula: `本单位无计分的${what}，本项不适用` };
  const sum = counted.reduce((s, r) => s + r.credit!, 0);
  const value = r4(sum / counted.length);
  return {
    value,
    rows,
    formula: `${counted.length} 项${what}得分合计 ${r4(sum)} ÷ ${counted.length} = ${pctText(value)}`,
  };
}

function workItemRow(w: WorkItemFact, asOf: string, c: Credits): WorkingRow {
  const base = { kind: 'work_item' as const, refId: w.id, label: w.title };
  if (w.status === 'done' && (w.doneDate === null || w.doneDate <= asOf)) {
    const late = w.doneDate !== null && w.doneDate > w.dueDate;
    return late
      ? {
          ...base,
          credit: c.doneLate,
          note: `逾期完成（${w.doneDate}，时限 ${w.dueDate}），按 ${pctText(c.doneLate)} 计`,
        }
      : { ...base, credit: 1, note: `已完成（时限 ${w.dueDate}）` };
  }
  if (w.dueDate > asOf) return { ...base, credit: null, note: `未到完成时限（${w.dueDate}），不计分` };
  const credit = r4((Math.min(100, Math.max(0, w.progress)) / 100) * c.overdue);
  return { ...base, credit, note: `逾期未完成，进度 ${w.progress}% × ${pctText(c.overdue)} = ${pctText(credit)}` };
}

/** Work items the unit leads in the year: done ones, and open ones whose due date has passed; struck-off items never count. */
export function taskCompletion(unitId: string, inputs: AssessmentInputs, c: Credits): MeasureResult {
  const rows = inputs.workItems
    .filter((w) => w.leadUnitId === unitId && w.year === inputs.year && w.status !== 'cancelled')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))
    .map((w) => workItemRow(w, inputs.asOf, c));
  return mean(rows, '工作事项');
}

// A missing baseline is the office's gap, not the unit's, so it neither helps nor hurts.
const NOT_THE_UNITS_FAULT = new Set(['no_baseline']);

function indicatorRow(i: IndicatorFact, c: Credits): WorkingRow {
  const base = { kind: 'indicator' as const, refId: i.id, label: i.name };
  if (NOT_THE_UNITS_FAULT.has(i.status)) return { ...base, credit: null, note: `${i.statusLabel}，不计分` };
  const credit = c[i.light];
  const value = i.valueText ? `实际 ${i.valueText}，` : '';
  return {
    ...base,
    credit,
    note: `${value}目标 ${i.targetText}，${i.statusLabel}（${LIGHT_WORDS[i.light]}），得 ${pctText(credit)}`,
  };
}
const LIGHT_WORDS = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '灰灯' } as const;

/** Indicators the unit reports, credited by their light as of the date. */
export function indicatorProgress(unitId: string, inputs: AssessmentInputs, c: Credits): MeasureResult {
  const rows = inputs.indicators.filter((i) => i.reportingUnitId === unitId).map((i) => indicatorRow(i, c));
  return mean(rows, '指标');
}

const TIMELINESS_WORDS = { on_time: '按时', late: '迟报', missing: '未报', pending: '未到截止' } as const;

function roundRow(t: TimelinessFact, title: string, c: Credits): WorkingRow {
  const base = { kind: 'round' as const, refId: t.roundId, label: title };
  if (t.timeliness === 'pending') return { ...base, credit: null, note: '未到截止时间，不计分' };
  const byTime = t.timeliness === 'on_time' ? c.onTime : t.timeliness === 'late' ? c.late : c.missing;
  const complete = Math.min(1, Math.max(0, t.completeness));
  const penalty = t.changesAfterAcceptance * c.correction;
  const credit = r4(Math.max(0, byTime * complete - penalty));
  const late = t.timeliness === 'late' && t.lateDays !== null ? `${t.lateDays} 天` : '';
  const fix = t.changesAfterAcceptance > 0 ? ` − 更正 ${t.changesAfterAcceptance} 次 × ${pctText(c.correction)}` : '';
  return {
    ...base,
    credit,
    note: `${TIMELINESS_WORDS[t.timeliness]}${late} ${pctText(byTime)} × 完整率 ${pctText(complete)}${fix} = ${pctText(credit)}`,
  };
}

/** The unit's standing in every round of the year whose cut-off has passed by the date. */
export function reportingTimeliness(unitId: string, inputs: AssessmentInputs, c: Credits): MeasureResult {
  const rounds = inputs.rounds
    .filter((r) => r.periodId.startsWith(String(inputs.year)) && r.cutoffDate <= inputs.asOf)
    .sort((a, b) => a.cutoffDate.localeCompare(b.cutoffDate) || a.id.localeCompare(b.id));
  const rows = rounds.flatMap((r) => {
    const t = inputs.timeliness.find((x) => x.roundId === r.id && x.unitId === unitId);
    return t ? [roundRow(t, r.title, c)] : [];
  });
  return mean(rows, '填报轮次');
}

/** The measure of an item for one unit, with the rows it counted. */
export function measureFor(measure: Measure, unitId: string, inputs: AssessmentInputs, c: Credits): MeasureResult {
  if (measure === 'task_completion') return taskCompletion(unitId, inputs, c);
  if (measure === 'indicator_progress') return indicatorProgress(unitId, inputs, c);
  return reportingTimeliness(unitId, inputs, c);
}
