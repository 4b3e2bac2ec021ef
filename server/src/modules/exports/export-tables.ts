import type { AnnexTable } from '@innocity/shared/api/bulletins';
import type { Publication } from '@innocity/shared/api/assessment';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { SUBMISSION_STATUS_LABELS, TIMELINESS_LABELS, type RoundUnitRow } from '@innocity/shared/api/reporting';
import { figureCell, formatDateTimeZh, formatDateZh, formatFigure, formatTarget } from '@innocity/shared/format';
import { periodLabel } from '@innocity/shared/indicators/period';
import { LIGHT_LABELS } from '@innocity/shared/indicators/status';

type Numbers = NonNullable<AnnexTable['numbers']>;
const num = (numbers: Numbers, row: number, col: number, value: number | null, numFmt: string) => {
  if (value !== null) numbers[`${row},${col}`] = { value, numFmt };
};
/** Points as the screens show them: up to two decimals. */
const points = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100));

/** A round's progress by unit, as the round page lists it. */
export function roundProgressTable(rows: RoundUnitRow[], timeZone: string): AnnexTable {
  const numbers: Numbers = {};
  const body = rows.map((r, n) => {
    const lateHours = r.lateMinutes === null ? null : Math.round((r.lateMinutes / 60) * 10) / 10;
    num(numbers, n, 0, n + 1, '0');
    num(numbers, n, 5, lateHours, '0.0');
    num(numbers, n, 6, r.expected, '0');
    num(numbers, n, 7, r.filled, '0');
    num(numbers, n, 8, r.completeness, '0%');
    num(numbers, n, 9, r.urgings, '0');
    return [
      String(n + 1),
      r.unit.name,
      SUBMISSION_STATUS_LABELS[r.status],
      TIMELINESS_LABELS[r.timeliness],
      r.submittedAt ? formatDateTimeZh(r.submittedAt, timeZone) : '—',
      lateHours === null ? '—' : String(lateHours),
      String(r.expected),
      String(r.filled),
      `${Math.round(r.completeness * 100)}%`,
      String(r.urgings),
    ];
  });
  const title = rows[0]?.roundTitle ?? '';
  return {
    title: `${title}各单位填报情况`,
    sheet: '填报情况',
    columns: [
      '序号',
      '单位',
      '报送状态',
      '及时性',
      '报送时间',
      '迟报（小时）',
      '应报项',
      '已填项',
      '完整率',
      '催办次数',
    ],
    widths: [3, 12, 6, 5, 10, 5, 4, 4, 4, 4],
    rows: body,
    numbers,
    note: rows.length === 0 ? '本轮没有应报单位。' : null,
  };
}

/** The indicator list as of a date: value, target, status and light, figures as numbers. */
export function indicatorListTable(list: IndicatorList): AnnexTable {
  const numbers: Numbers = {};
  const rows = list.items.map((i, n) => {
    num(numbers, n, 0, n + 1, '0');
    if (i.current) numbers[`${n},4`] = figureCell(i.current.value, i.unit, i.target);
    return [
      String(n + 1),
      i.name,
      i.unit,
      formatTarget({ ...i.target, unit: i.unit }),
      i.current ? formatFigure(i.current.value, i.unit, i.target) : '暂无数据',
      i.current ? `${periodLabel(i.current.period)}数据` : '—',
      i.statusLabel,
      LIGHT_LABELS[i.light],
      i.reportingUnit?.name ?? '—',
    ];
  });
  return {
    title: `指标监测情况（数据截至${formatDateZh(list.asOf)}）${list.demo ? '（示例数据）' : ''}`,
    sheet: '指标监测',
    columns: ['序号', '指标名称', '计量单位', '目标', '当前值', '数据期', '进展状态', '灯号', '报送单位'],
    widths: [3, 16, 4, 10, 6, 6, 5, 3, 8],
    rows,
    numbers,
    note: '灯号由进展状态自动判定；当前值按报送时的精度显示。',
  };
}

/** Published scores: one row per unit with each item's points, then every working behind them. */
export function publicationTables(p: Publication): AnnexTable[] {
  const items = p.scheme.items;
  const scoreNumbers: Numbers = {};
  const scoreRows = p.results.scores.map((s, n) => {
    const byItem = new Map(s.items.map((i) => [i.itemId, i.points]));
    const fixed = 3;
    num(scoreNumbers, n, 1, s.rank, '0');
    items.forEach((it, k) => num(scoreNumbers, n, fixed + k, byItem.get(it.id) ?? null, '0.00'));
    const after = fixed + items.length;
    num(scoreNumbers, n, after, s.bonus, '0.00');
    num(scoreNumbers, n, after + 1, s.deduction, '0.00');
    num(scoreNumbers, n, after + 2, s.total, '0.00');
    return [
      s.category ?? '—',
      s.rank === null ? '不排名' : String(s.rank),
      s.unitName,
      ...items.map((it) => points(byItem.get(it.id) ?? null)),
      points(s.bonus),
      points(s.deduction),
      points(s.total),
      s.unranked ?? '',
    ];
  });
  const scores: AnnexTable = {
    title: `${p.label}考核结果（${p.scheme.name}，数据截至${formatDateZh(p.asOf)}）`,
    sheet: '考核结果',
    columns: [
      '类别',
      '名次',
      '单位',
      ...items.map((i) => `${i.name}（${i.weight}分）`),
      '加分',
      '扣分',
      '总分',
      '说明',
    ],
    widths: [6, 3, 12, ...items.map(() => 6), 4, 4, 5, 14],
    rows: scoreRows,
    numbers: scoreNumbers,
    note: '名次按类别排列，并列名次后的名次顺延（如 1、1、3）。',
  };
  const workNumbers: Numbers = {};
  const workRows: string[][] = [];
  for (const s of p.results.scores) {
    for (const it of s.items) {
      const lines = it.rows.length > 0 ? it.rows : [null];
      for (const w of lines) {
        const n = workRows.length;
        num(workNumbers, n, 2, it.weight, '0.##');
        num(workNumbers, n, 3, it.points, '0.00');
        num(workNumbers, n, 7, w?.credit ?? null, '0%');
        workRows.push([
          s.unitName,
          it.name,
          String(it.weight),
          points(it.points),
          it.measureFormula,
          it.ruleFormula,
          w?.label ?? '—',
          w?.credit === null || w === null ? '—' : `${Math.round(w.credit * 100)}%`,
          w?.note ?? '',
        ]);
      }
    }
  }
  const workings: AnnexTable = {
    title: `${p.label}考核计算过程`,
    sheet: '计算过程',
    columns: ['单位', '考核项', '权重', '得分', '测度计算', '评分规则', '明细', '明细得分率', '说明'],
    widths: [10, 10, 3, 4, 18, 18, 16, 5, 24],
    rows: workRows,
    numbers: workNumbers,
    note: null,
  };
  return [scores, workings];
}
