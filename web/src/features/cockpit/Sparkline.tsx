import { useMemo } from 'react';
import type { SeriesPoint } from '@innocity/shared/indicators/workings';
import { useEChart } from '../../components/use-echart.ts';

function SparkChart({ series, color }: { series: SeriesPoint[]; color: string }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      xAxis: { type: 'category', show: false, data: series.map((p) => p.period) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [
        {
          type: 'line',
          data: series.map((p) => p.value),
          symbol: 'none',
          lineStyle: { width: 1.5, color },
          silent: true,
        },
      ],
    }),
    [series, color],
  );
  const chart = useEChart(option);
  return <div {...chart} className="sparkline" aria-hidden />;
}

/** A tiny line of an indicator's yearly values; no axes, no interaction. */
export function Sparkline({ series, color }: { series: SeriesPoint[]; color: string }) {
  if (series.length < 2) return null;
  return <SparkChart series={series} color={color} />;
}
