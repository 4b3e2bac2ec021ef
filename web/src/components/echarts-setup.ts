// Loaded on demand by use-echart.ts (a dynamic import): ECharts is about 185 KB gzip, more than a
// page's own code, so no page pays for it before a chart is on screen.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the app draws: line charts (and the province view's bars) with axes, tooltip, legend and marker lines.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export const init = echarts.init;
export type ECharts = echarts.ECharts;
export type EChartsCoreOption = echarts.EChartsCoreOption;
