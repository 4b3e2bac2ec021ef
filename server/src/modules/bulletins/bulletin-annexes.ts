import type { AnnexTable } from '@innocity/shared/api/bulletins';
import { figureCell, formatDateZh } from '@innocity/shared/format';
import { periodLabel } from '@innocity/shared/indicators/period';
import { isOverdue, itemsOfYear, roundStanding, roundUrgings, tally, type BulletinFacts } from './bulletin-facts.ts';

const LIGHT_TEXT = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '灰灯' } as const;
const TIMELINESS_TEXT = { on_time: '按时', late: '迟报', missing: '未报', pending: '未到截止' } as const;
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** Columns of whole numbers (序号, counts) as Excel numbers, beside the text the Word file prints. */
function countCells(rows: string[][], columns: number[]): NonNullable<AnnexTable['numbers']> {
  const cells: NonNullable<AnnexTable['numbers']> = {};
  rows.forEach((r, n) =>
    columns.forEach((c) => {
      if (/^\d+$/.test(r[c] ?? '')) cells[`${n},${c}`] = { value: Number(r[c]), numFmt: '0' };
    }),
  );
  return cells;
}

function indicatorAnnex(f: BulletinFacts, period: string): AnnexTable {
  const numbers: NonNullable<AnnexTable['numbers']> = {};
  f.indicators.forEach((i, n) => {
    numbers[`${n},0`] = { value: n + 1, numFmt: '0' };
    if (i.figure) numbers[`${n},3`] = figureCell(i.figure.value, i.figure.unit, i.figure.target);
  });
  return {
    numbers,
    title: `${period}目标指标进展情况表`,
    sheet: '附件1 目标指标',
    columns: ['序号', '指标名称', '目标值', '当前值', '进展状态', '灯号', '责任单位'],
    // Relative widths: a column of n characters of 五号 gets about n + 1 (the cell margins).
    widths: [3, 11, 6, 6, 5, 3, 6],
    rows: f.indicators.map((i, n) => [
      String(n + 1),
      i.name,
      i.targetText.replace(/\s+/g, ''),
      i.valueText?.replace(/\s+/g, '') ?? '—',
      i.statusLabel,
      LIGHT_TEXT[i.light],
      i.reportingUnitName ?? '—',
    ]),
    note: `数据截至${formatDateZh(f.asOf)}；灯号由进展状态自动判定。`,
  };
}

function taskAnnex(f: BulletinFacts, period: string): AnnexTable {
  const items = itemsOfYear(f);
  const rows = f.areas.flatMap((area) =>
    area.tasks.map((task) => {
      const own = items.filter((w) => w.taskId === task.id);
      const t = tally(own, f.asOf);
      const progress = t.averageProgress === null ? '—' : `${t.averageProgress}%`;
      return [
        String(task.number),
        task.title,
        task.leadUnit.name,
        String(t.total),
        String(t.done),
        String(own.filter((w) => isOverdue(w, f.asOf)).length),
        progress,
      ];
    }),
  );
  return {
    title: `${period}重点任务推进情况表`,
    sheet: '附件2 重点任务',
    columns: ['序号', '重点任务', '牵头单位', '工作事项', '已完成', '逾期', '平均进度'],
    widths: [3, 13, 6, 5, 4, 3, 5],
    rows,
    numbers: countCells(rows, [0, 3, 4, 5]),
    note: '平均进度按各工作事项最近一次审核通过的进度计算，已完成事项按100%计。',
  };
}

function unitAnnex(f: BulletinFacts, period: string): AnnexTable | null {
  const standing = roundStanding(f);
  if (standing.length === 0) return null;
  const urgings = roundUrgings(f);
  const rows = standing.map((s, n) => [
    String(n + 1),
    s.unitName,
    TIMELINESS_TEXT[s.timeliness],
    s.timeliness === 'late' ? String(s.lateDays ?? 0) : '—',
    pct(s.completeness),
    String(urgings.filter((u) => u.unitId === s.unitId).length),
  ]);
  // Counts and the completeness share as Excel numbers (the share with a percent format), so the
  // office can sort and sum the annex; Word prints the text beside them.
  const numbers = countCells(rows, [0, 3, 5]);
  standing.forEach((s, n) => (numbers[`${n},4`] = { value: s.completeness, numFmt: '0%' }));
  return {
    title: `${period}各单位填报情况表`,
    sheet: '附件3 单位填报',
    columns: ['序号', '单位', '报送情况', '迟报天数', '完整率', '催办次数'],
    widths: [3, 12, 5, 5, 5, 5],
    rows,
    numbers,
    note: null,
  };
}

/** The annex tables of a bulletin: indicators, tasks, and (when the round has them) units' reporting. */
export function buildAnnexes(f: BulletinFacts): AnnexTable[] {
  const period = periodLabel(f.round.periodId);
  const unit = unitAnnex(f, period);
  return [indicatorAnnex(f, period), taskAnnex(f, period), ...(unit ? [unit] : [])];
}
