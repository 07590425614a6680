import { useEffect, useRef } from 'react';
import { echarts, type EChartsOption, type EChartsType } from './echarts';

/** What a click on a mark says: the series and the category (data index) it belongs to. */
export interface MarkClick {
  seriesIndex: number;
  dataIndex: number;
  /** For a heatmap cell or an [x, y] point, the value array. */
  value: unknown;
}

/**
 * One ECharts instance in a div: created on mount, given each new option whole (notMerge, so a series
 * that disappeared with the filter disappears from the chart), resized with its box, disposed on unmount.
 * `onChart` hands the instance out (for Save as PNG).
 */
export function EChart({ option, label, onMark, onChart }: { option: EChartsOption; label: string; onMark?: (m: MarkClick) => void; onChart?: (c: EChartsType | null) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const markRef = useRef(onMark);
  markRef.current = onMark;

  useEffect(() => {
    const el = box.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    // For tools that drive the app (the e2e tests): the instance turns a mark's value into pixels to click.
    Object.defineProperty(el, 'insightsChart', { value: c, configurable: true });
    c.on('click', (p: { seriesIndex?: number; dataIndex?: number; value?: unknown }) => {
      if (p.seriesIndex !== undefined && p.dataIndex !== undefined) markRef.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, value: p.value });
    });
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    onChart?.(c);
    return () => {
      observer.disconnect();
      onChart?.(null);
      c.dispose();
      chart.current = null;
    };
    // The instance lives as long as the element; options arrive through the effect below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="insights-canvas" role="img" aria-label={label} />;
}
