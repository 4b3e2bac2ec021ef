import { useMemo } from 'react';
import { Card } from 'antd';
import type { ComparisonColumnApi } from '@innocity/shared/api/province';
import { formatNumber } from '@innocity/shared/format';
import { useEChart } from '../../components/use-echart.ts';
import { LIGHT_COLORS } from '../indicators/indicator-format.ts';

type Cell = ComparisonColumnApi['cells'][number];

function Bars({ column, cells, names }: { column: ComparisonColumnApi; cells: Cell[]; names: Map<string, string> }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      // Labels follow the display rule (at most two decimals), never the stored float.
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatNumber(v)} ${column.unit}` },
      xAxis: {
        type: 'category',
        data: cells.map((c) => names.get(c.countyId) ?? ''),
        axisLabel: { interval: 0, rotate: cells.length > 6 ? 40 : 0 },
      },
      yAxis: { type: 'value', name: column.unit },
      series: [
        {
          type: 'bar',
          name: column.name,
          data: cells.map((c) => ({ value: c.value, itemStyle: { color: LIGHT_COLORS[c.light] } })),
          label: {
            show: cells.length <= 12,
            position: 'top',
            formatter: (p: { value: number }) => formatNumber(p.value),
          },
        },
      ],
    }),
    [cells, column, names],
  );
  const chart = useEChart(option);
  return (
    <div
      {...chart}
      className="province-chart"
      role="img"
      aria-label={`${column.name}各县（市、区）对比：${cells.map((c) => `${names.get(c.countyId)} ${c.value}`).join('，')}`}
    />
  );
}

/** One comparable indicator across the counties: a bar per county in its light's colour, best first. */
export function CountyChart({ column, names }: { column: ComparisonColumnApi; names: Map<string, string> }) {
  const cells = useMemo(
    () => column.cells.filter((c) => c.value !== null).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity)),
    [column],
  );
  return (
    <Card size="small" title={`${column.name}（${column.unit}）`}>
      {cells.length === 0 ? (
        <div className="province-chart-empty">评估日期前各县（市、区）均无数值</div>
      ) : (
        <Bars column={column} cells={cells} names={names} />
      )}
    </Card>
  );
}
