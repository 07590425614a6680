/**
 * The ECharts options of each Insights chart, built from the figures (pure functions: the view passes
 * the translated labels). No animation: a chart is complete as soon as it is drawn, for a PNG or a test.
 * Tooltips are canvas rich text (see echarts.ts), never HTML.
 */
import type { InsightsResult } from '../../src-main/core/api/contract';
import { surveyAnswers } from './drill';
import type { EChartsOption } from './echarts';

export interface Labels {
  weekdays: string[];
  open: string;
  closed: string;
  interactions: string;
  average: string;
  passRate: string;
  noAnswer: string;
  noCode: string;
  /** The UI's number format (i18n `num`), the tables' too: tooltips and axes read as the tables do. */
  num: (n: number) => string;
  /** A channel's name (channel-names.ts) in the UI's language. */
  channel: (value: string) => string;
}

const TRUNCATE = { width: 160, overflow: 'truncate' as const };

/** What every chart shares: no animation, canvas tooltips, numbers in the UI's format. */
function base(l: Labels, trigger: 'axis' | 'item' = 'axis') {
  const valueFormatter = (value: unknown) => (typeof value === 'number' ? l.num(value) : Array.isArray(value) ? l.num(Number(value[2])) : '');
  return { animation: false, tooltip: { trigger, renderMode: 'richText', confine: true, valueFormatter }, textStyle: { fontFamily: 'system-ui, sans-serif' } };
}

/** A value axis whose labels are numbers in the UI's format. */
const valueAxis = (l: Labels, extra: Record<string, unknown> = {}) => ({ type: 'value', ...extra, axisLabel: { formatter: (n: number) => l.num(n) } });

export function volumeOption(v: InsightsResult['volume'], l: Labels): EChartsOption {
  return {
    ...base(l),
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: v.points.map((p) => p.key) },
    yAxis: valueAxis(l, { minInterval: 1 }),
    series: v.channels.map((name, i) => ({ name: l.channel(name), type: 'bar', stack: 'volume', data: v.points.map((p) => p.counts[i]) })),
  };
}

export function heatmapOption(h: number[][], l: Labels): EChartsOption {
  const max = Math.max(1, ...h.flat());
  return {
    ...base(l, 'item'),
    grid: { left: 56, right: 16, top: 8, bottom: 64 },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')), splitArea: { show: true } },
    yAxis: { type: 'category', data: l.weekdays, inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, formatter: (n: number) => l.num(n) },
    series: [{ name: l.interactions, type: 'heatmap', data: h.flatMap((row, d) => row.map((n, hour) => [hour, d, n])) }],
  };
}

/** The agents with most interactions (at most 25 bars; the table has them all). */
export function agentsOption(agents: InsightsResult['agents'], l: Labels): EChartsOption {
  const top = agents.slice(0, 25);
  return {
    ...base(l),
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: valueAxis(l, { minInterval: 1 }),
    yAxis: { type: 'category', data: top.map((a) => a.agent), inverse: true, axisLabel: TRUNCATE },
    series: [
      { name: l.closed, type: 'bar', stack: 'a', data: top.map((a) => a.closed) },
      { name: l.open, type: 'bar', stack: 'a', data: top.map((a) => a.interactions - a.closed) },
    ],
  };
}

export function typificationLabel(t: { code: string; description: string }, l: Labels): string {
  return t.code || t.description ? `${t.code || l.noCode} · ${t.description}` : l.noCode;
}

export function typificationsOption(top: InsightsResult['typifications']['top'], l: Labels): EChartsOption {
  return {
    ...base(l),
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: valueAxis(l, { minInterval: 1 }),
    yAxis: { type: 'category', data: top.map((t) => typificationLabel(t, l)), inverse: true, axisLabel: TRUNCATE },
    series: [
      // Closed first, as in the agents chart, so each keeps its colour across charts.
      { name: l.closed, type: 'bar', stack: 't', data: top.map((t) => t.closed) },
      { name: l.open, type: 'bar', stack: 't', data: top.map((t) => t.open) },
    ],
  };
}

/** Left: how many gave each answer; right: the weekly average of the numeric ones. */
export function surveyOption(s: InsightsResult['survey'], l: Labels): EChartsOption {
  const answers = surveyAnswers(s);
  return {
    ...base(l),
    grid: [
      { left: 40, width: '38%', top: 16, bottom: 40 },
      { right: 16, width: '46%', top: 16, bottom: 40 },
    ],
    xAxis: [
      { gridIndex: 0, type: 'category', data: answers.map((d) => d.value || l.noAnswer), axisLabel: { ...TRUNCATE, width: 48, interval: 0 } },
      { gridIndex: 1, type: 'category', data: s.weekly.map((w) => w.week) },
    ],
    yAxis: [
      valueAxis(l, { gridIndex: 0, minInterval: 1 }),
      valueAxis(l, { gridIndex: 1, min: 1, max: 5 }),
    ],
    series: [
      { name: l.interactions, type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: answers.map((d) => d.count) },
      { name: l.average, type: 'line', xAxisIndex: 1, yAxisIndex: 1, connectNulls: false, data: s.weekly.map((w) => w.averageEvaluation) },
    ],
  };
}

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);

/** Left: pass rate per scorecard attribute (the ones failing most first); right: pass rate of reviews by week. */
export function auditOption(a: InsightsResult['audit'], l: Labels): EChartsOption {
  return {
    ...base(l),
    grid: [
      { left: 8, width: '48%', top: 16, bottom: 40, containLabel: true },
      { right: 16, width: '40%', top: 16, bottom: 40 },
    ],
    xAxis: [
      valueAxis(l, { gridIndex: 0, min: 0, max: 100 }),
      { gridIndex: 1, type: 'category', data: a.byWeek.map((w) => w.week) },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', inverse: true, data: a.attributes.map((x) => (x.critical ? `${x.name} ⚑` : x.name)), axisLabel: { ...TRUNCATE, width: 140 } },
      valueAxis(l, { gridIndex: 1, min: 0, max: 100 }),
    ],
    series: [
      { name: l.passRate, type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: a.attributes.map((x) => pct(x.passRate)) },
      { name: l.passRate, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: a.byWeek.map((w) => pct(w.passRate)) },
    ],
  };
}
