import { useEffect, useRef, useState } from 'react';
import type { ECharts, EChartsCoreOption, init } from './echarts-setup.ts';
import { useReducedMotion } from './reduced-motion.ts';

export type EChartOption = EChartsCoreOption;

// One download for every chart of the session; a failed download is retried by the next chart.
let loading: Promise<{ init: typeof init }> | undefined;
const loadECharts = () => {
  loading ??= import('./echarts-setup.ts').catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
};

/**
 * Props for the chart's div (spread them on it): draws `option` there, resizes with its box and
 * disposes on unmount. ECharts itself arrives when the first chart mounts, so the page's figures
 * and tables render without waiting for it. Meanwhile the div keeps its CSS size (no layout shift),
 * is aria-busy and carries data-chart="loading", which styles.css turns into a placeholder with a
 * visible 图表加载中; "failed" says so if the download failed.
 */
export function useEChart<T extends HTMLElement = HTMLDivElement>(option: EChartOption) {
  const ref = useRef<T>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let instance: ECharts | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    loadECharts().then(
      ({ init }) => {
        if (gone) return;
        instance = init(el, undefined, { renderer: 'canvas' });
        chart.current = instance;
        observer = new ResizeObserver(() => instance?.resize());
        observer.observe(el);
        setReady(true);
      },
      () => !gone && setFailed(true),
    );
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (ready) chart.current?.setOption(reducedMotion ? { ...option, animation: false } : option, { notMerge: true });
  }, [option, ready, reducedMotion]);
  return {
    ref,
    'aria-busy': !ready && !failed,
    'data-chart': ready ? 'ready' : failed ? 'failed' : 'loading',
  } as const;
}
