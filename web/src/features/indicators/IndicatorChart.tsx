import { useMemo } from 'react';
import type { IndicatorDetail } from '@innocity/shared/api/indicators';
import { formatDateZh, formatNumber, planPrecision } from '@innocity/shared/format';
import { useEChart } from '../../components/use-echart.ts';
import { formatValue, targetText } from './indicator-format.ts';

const yearOf = (period: string) => Number(period.slice(0, 4));

/** Rounds up to a half step of the value's order of magnitude (194 → 200, 2.94 → 3), so the top label reads well. */
function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v)) / 2;
  return Math.ceil(v / step) * step;
}

/** Actual values, the milestone path and the target line with its date, by year. */
export function IndicatorChart({ indicator: i }: { indicator: IndicatorDetail }) {
  const option = useMemo(() => {
    const targetYear = yearOf(i.target.targetDate);
    const years = new Set<number>([targetYear]);
    i.series.forEach((p) => years.add(yearOf(p.period)));
    i.milestones.forEach((m) => years.add(m.year));
    if (i.baseline) years.add(i.baseline.year);
    const sorted = [...years].sort((a, b) => a - b);
    const categories = sorted.map((y) => `${y}年`);
    const actual = sorted.map((y) => {
      const point = [...i.series].reverse().find((p) => yearOf(p.period) === y);
      return point ? point.value : null;
    });
    const path = sorted.map((y) => i.milestones.find((m) => m.year === y)?.value ?? null);
    const targetLines =
      i.target.comparator === 'range'
        ? [i.target.min, i.target.max].filter((v): v is number => v !== null)
        : i.target.value !== null
          ? [i.target.value]
          : [];
    return {
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : formatValue(v, i)) },
      legend: { data: ['实际值', '分年度目标'], top: 0 },
      grid: { left: 8, right: 40, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, boundaryGap: false },
      // The axis always reaches the target, however far the actual values are from it.
      yAxis: {
        type: 'value',
        name: i.unit,
        min: (v: { min: number }) => Math.min(0, v.min, ...targetLines),
        max: (v: { max: number }) => niceCeil(Math.max(v.max, ...targetLines) * 1.05),
        // Ticks in the indicator's own unit (named above the axis), no finer than the plan writes its target.
        axisLabel: { formatter: (v: number) => formatNumber(v, i.unit === '%' ? (planPrecision(i.target) ?? 2) : 2) },
      },
      series: [
        {
          name: '实际值',
          type: 'line',
          data: actual,
          connectNulls: true,
          symbolSize: 7,
          lineStyle: { width: 3, color: '#b71c1c' },
          itemStyle: { color: '#b71c1c' },
          markLine: {
            symbol: 'none',
            silent: true,
            data: [
              ...targetLines.map((v) => ({
                yAxis: v,
                lineStyle: { color: '#2e7d32', type: 'dashed' },
                label: { formatter: `目标 ${targetText(i)}`, position: 'insideEndTop', color: '#2e7d32' },
              })),
              {
                xAxis: `${targetYear}年`,
                lineStyle: { color: '#555', type: 'dotted' },
                label: {
                  formatter: `目标日期 ${formatDateZh(i.target.targetDate)}`,
                  position: 'insideMiddleBottom',
                  color: '#555',
                },
              },
            ],
          },
        },
        {
          name: '分年度目标',
          type: 'line',
          data: path,
          connectNulls: true,
          symbol: 'emptyCircle',
          lineStyle: { type: 'dashed', color: '#1565c0' },
          itemStyle: { color: '#1565c0' },
        },
      ],
    };
  }, [i]);
  const chart = useEChart(option);
  return <div {...chart} className="indicator-chart" role="img" aria-label={`${i.name}的实际值、分年度目标与目标线`} />;
}
