import type { EChartsType } from './echarts';

/**
 * Saves a chart as PNG: ECharts paints it onto a white canvas at twice the screen's density and an
 * anchor with `download` hands the data URL to the browser's own download. In the Electron app the
 * session refuses downloads (see src-main/electron), so there this click saves nothing yet.
 */
export function savePng(chart: EChartsType | null, name: string): void {
  if (!chart) return;
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  const a = document.createElement('a');
  a.href = url;
  a.download = `insights-${name}.png`;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
