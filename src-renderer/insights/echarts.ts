/**
 * Apache ECharts, only the parts the Insights view draws (tree-shaken: bars, lines, a heatmap, on
 * canvas). Chosen over AG Charts because its heatmap is free (AG's is Enterprise), it works offline with
 * no fonts or assets to fetch, and a chart saves itself as PNG (getDataURL). Text is drawn on the
 * canvas, and tooltips are rich text on the canvas too (renderMode 'richText'), so an agent called
 * `<img onerror=…>` is only ever pixels.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, TitleComponent, CanvasRenderer]);

export { echarts };
export type EChartsType = echarts.EChartsType;
export type EChartsOption = echarts.EChartsCoreOption;
