/**
 * What a click on an Insights mark shows in the grid: a filter that selects exactly the rows the mark
 * counts (test/integration/insights-drill.test.ts checks every mark of every chart against the grid's
 * count). Pure functions of the figures and the filter they were computed for.
 */
import type { FacetField, Filter, InsightsResult } from '../../src-main/core/api/contract';
import { facetOrder } from '../components/facet-values';
import { dayInZone } from '../format/dates';
import type { ReviewStatus } from '../review/status';
import type { CreatedSlot, FilterState } from '../state/filter';

/** What a click on a chart mark applies to the grid: facet values, a day range (local days), review states, a weekday and hour, closed or open. */
export interface Drill {
  facet?: { field: FacetField; values: string[] };
  days?: { from: string; to: string };
  reviewStatuses?: ReviewStatus[];
  slot?: CreatedSlot;
  closed?: boolean;
}

export type ChartName = 'volume' | 'heatmap' | 'agents' | 'typifications' | 'survey' | 'audit';

/** A clicked mark: its series and its index in the series' data. */
export interface Mark {
  seriesIndex: number;
  dataIndex: number;
}

/** The survey's answers in the order the chart and its table show them: 1–5, other answers, no answer. */
export function surveyAnswers(s: InsightsResult['survey']): InsightsResult['survey']['distribution'] {
  return facetOrder('evaluation_survey', s.distribution);
}

/** A survey answer the weekly average counts (insights-types.ts: 1..5, spaces trimmed). */
const isScore = (value: string) => /^ *[1-5] *$/.test(value);

const DECIDED: ReviewStatus[] = ['pass', 'fail'];

/**
 * Local days [from, to] cut to the filter's own dates: a week at the edge of "This month" counts only
 * the month's days, and so must its drill (the filter's presets are whole local days).
 */
function within(from: string, to: string, filter: Filter, zone: string): { from: string; to: string } {
  const lo = filter.fromUtc === undefined ? from : dayInZone(zone, filter.fromUtc);
  const hi = filter.toUtc === undefined ? to : dayInZone(zone, filter.toUtc);
  return { from: lo > from ? lo : from, to: hi < to ? hi : to };
}

/** `YYYY-MM-DD` six days after a Monday: the week's last day. */
function sunday(monday: string): string {
  const [y, m, d] = monday.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 6)).toISOString().slice(0, 10);
}

/** Weekday of a local day, 0 = Monday (as the heatmap's cells). */
function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** The review states a reviews' figure counts under the filter: decided ones, within the filter's own choice. */
function decidedWithin(filter: Filter): ReviewStatus[] {
  const chosen = filter.reviewStatuses;
  return chosen && chosen.length > 0 ? DECIDED.filter((s) => chosen.includes(s)) : DECIDED;
}

/**
 * The drill of a mark, or null when it counts no rows (nothing to show). `data` was computed for
 * `filter`, in `data.zone`.
 */
export function drillOf(chart: ChartName, mark: Mark, data: InsightsResult, filter: Filter): Drill | null {
  const zone = data.zone;
  const { seriesIndex: s, dataIndex: i } = mark;
  // A filter holds one weekday-and-hour cell: one chosen in another zone (the profile's zone changed since)
  // cannot be narrowed to a cell of this zone, so such marks lead nowhere rather than to more rows.
  const slotFree = !filter.createdSlot || filter.createdSlot.zone === zone;
  switch (chart) {
    case 'volume': {
      const p = data.volume.points[i];
      const channel = data.volume.channels[s];
      if (!p || channel === undefined || !p.counts[s]) return null;
      const day = p.key.slice(0, 10);
      const facet = { field: 'channel' as const, values: [channel] };
      if (data.volume.unit === 'day') return { facet, days: within(day, day, filter, zone) };
      if (!slotFree) return null;
      // An hour of one day: that day, and that weekday and hour (the heatmap cell's filter).
      return { facet, days: within(day, day, filter, zone), slot: { zone, weekday: weekdayOf(day), hour: Number(p.key.slice(11, 13)) } };
    }
    case 'heatmap': {
      // Cells are laid out weekday by weekday (charts.ts heatmapOption): index = weekday * 24 + hour.
      const weekday = Math.floor(i / 24);
      const hour = i % 24;
      return slotFree && (data.heatmap[weekday]?.[hour] ?? 0) > 0 ? { slot: { zone, weekday, hour } } : null;
    }
    case 'agents': {
      // Series 0 is the closed part of the bar, series 1 the open one (charts.ts).
      const a = data.agents[i];
      const n = s === 0 ? a?.closed : a && a.interactions - a.closed;
      return a && n ? { facet: { field: 'agent_name', values: [a.agent] }, closed: s === 0 } : null;
    }
    case 'typifications': {
      const x = data.typifications.top[i];
      const n = s === 0 ? x?.closed : x?.open;
      return x && n ? { facet: { field: 'cod_act', values: [x.code] }, closed: s === 0 } : null;
    }
    case 'survey': {
      if (s === 0) {
        const d = surveyAnswers(data.survey)[i];
        return d ? { facet: { field: 'evaluation_survey', values: [d.value] } } : null;
      }
      // A week's average: the week's answers on the 1–5 scale, the ones it averages.
      const w = data.survey.weekly[i];
      const scores = data.survey.distribution.map((d) => d.value).filter(isScore);
      if (!w || w.evaluated === 0 || scores.length === 0) return null;
      return { days: within(w.week, sunday(w.week), filter, zone), facet: { field: 'evaluation_survey', values: scores } };
    }
    case 'audit': {
      // No filter holds a scorecard attribute: an attribute's bar leads to the reviewed interactions,
      // a week's point to that week's.
      const states = decidedWithin(filter);
      if (data.audit.total.reviewed === 0 || states.length === 0) return null;
      if (s === 0) return { reviewStatuses: states };
      const w = data.audit.byWeek[i];
      return w && w.reviewed > 0 ? { days: within(w.week, sunday(w.week), filter, zone), reviewStatuses: states } : null;
    }
  }
}

/** The filter state a drill leads to: the drill's parts replace their own, the rest (text, sample, other facets) stays. */
export function applyDrill(state: FilterState, d: Drill): FilterState {
  let next: FilterState = state;
  if (d.facet) next = { ...next, selections: { ...next.selections, [d.facet.field]: [...d.facet.values] } };
  if (d.days) next = { ...next, preset: 'custom', custom: { ...d.days } };
  if (d.slot) next = { ...next, slot: { ...d.slot } };
  if (d.reviewStatuses) next = { ...next, reviewStatuses: [...d.reviewStatuses] };
  if (d.closed !== undefined) next = { ...next, closed: d.closed };
  return next;
}
