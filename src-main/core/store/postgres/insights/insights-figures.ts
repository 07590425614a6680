/**
 * The Insights figures from the server's groups (insights-sql.ts), by the definitions and orders of the
 * in-memory computation (core/insights/insights-compute.ts), whose chart builders it reuses: the same
 * figures as the SQLite cache gives for the same rows. Texts arrive encoded (text-codec.ts) and are
 * decoded here, before any comparison.
 */
import { compareUtf8 } from '../../collation';
import type { InteractionFilter } from '../../filter';
import { volumeOf, weeklyOf, type Figures } from '../../../insights/insights-compute';
import { QUARTER_MS, type LocalCalendar } from '../../../insights/insights-time';
import { HOURLY_SPAN_MS, TOP_TYPIFICATIONS, type AgentFigures, type Insights, type TypificationFigures } from '../../../insights/insights-types';
import { decodeText } from '../text-codec';
import { SETS, type GroupRow, type HandleRow } from './insights-sql';

interface Tally {
  rows: number;
  closed: number;
  evaluated: number;
  sum: number;
}

export function figuresOf(groups: readonly GroupRow[], handles: readonly HandleRow[], calendar: LocalCalendar, filter: InteractionFilter, audit: Insights['audit']['byAgent']): Figures {
  const agents = new Map<string, Tally>();
  const hours: GroupRow[] = [];
  const pairs: GroupRow[] = [];
  const surveys: { value: string; count: number }[] = [];
  let total = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const g of groups) {
    const [set, agent, , , , , survey, rows, closed, evaluated, sum, , firstCreated, lastCreated] = g;
    if (set === SETS.agent) {
      agents.set(decodeText(agent!), { rows, closed, evaluated, sum });
      total += rows;
      if (firstCreated !== null && firstCreated < first) first = firstCreated;
      if (lastCreated !== null && lastCreated > last) last = lastCreated;
    } else if (set === SETS.hour) {
      // Rows with no creation date have no local hour: out of every time chart.
      if (g[2] !== null) hours.push(g);
    } else if (set === SETS.typification) pairs.push(g);
    else if (set === SETS.survey) surveys.push({ value: decodeText(survey!), count: rows });
  }
  const span = filter.fromUtc !== undefined && filter.toUtc !== undefined ? filter.toUtc - filter.fromUtc : (Math.floor(last / QUARTER_MS) - Math.floor(first / QUARTER_MS)) * QUARTER_MS;
  const time = timeOf(hours);
  return {
    total,
    volume: volumeOf(time, time.channels, span <= HOURLY_SPAN_MS ? 'hour' : 'day', calendar),
    heatmap: time.heatmap,
    agents: agentsOf(agents, handles, audit),
    typifications: typificationsOf(pairs),
    survey: { distribution: surveys.sort((x, y) => y.count - x.count || compareUtf8(x.value, y.value)), weekly: weeklyOf(time.weeks, calendar) },
  };
}

/** Per local hour (day number × 24 + hour) the counts per channel, the heatmap, and the survey per local week. */
function timeOf(hourRows: readonly GroupRow[]) {
  const channels: string[] = [];
  const channelOf = new Map<string, number>();
  for (const g of hourRows) {
    const name = decodeText(g[3]!);
    if (!channelOf.has(name)) channelOf.set(name, channels.push(name) - 1);
  }
  const hours = new Map<number, Int32Array>();
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const weeks = new Map<number, { evaluated: number; sum: number }>();
  for (const [, , hour, channel, , , , rows, , evaluated, sum] of hourRows) {
    const day = Math.floor(hour! / 24);
    const hourOfDay = hour! - day * 24;
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Monday = 0
    let counts = hours.get(hour!);
    if (!counts) hours.set(hour!, (counts = new Int32Array(channels.length)));
    counts[channelOf.get(decodeText(channel!))!]! += rows;
    heatmap[weekday]![hourOfDay]! += rows;
    let week = weeks.get(day - weekday);
    if (!week) weeks.set(day - weekday, (week = { evaluated: 0, sum: 0 }));
    week.evaluated += evaluated;
    week.sum += sum;
  }
  return { hours, channels, heatmap, weeks };
}

function agentsOf(tallies: ReadonlyMap<string, Tally>, handleRows: readonly HandleRow[], audit: Insights['audit']['byAgent']): AgentFigures[] {
  const handles = new Map(handleRows.map(([agent, median, p90]) => [decodeText(agent), { median, p90 }]));
  const reviews = new Map(audit.map((r) => [r.agent, r]));
  const agents: AgentFigures[] = [];
  for (const [agent, t] of tallies) {
    const h = handles.get(agent);
    const r = reviews.get(agent);
    agents.push({
      agent, interactions: t.rows, closed: t.closed, shareClosed: t.closed / t.rows, medianHandleMs: h?.median ?? null, p90HandleMs: h?.p90 ?? null,
      evaluated: t.evaluated, averageEvaluation: t.evaluated ? t.sum / t.evaluated : null,
      reviewed: r?.reviewed ?? 0, passed: r?.passed ?? 0, passRate: r?.passRate ?? null, averageScore: r?.averageScore ?? null,
    });
  }
  return agents.sort((x, y) => y.interactions - x.interactions || compareUtf8(x.agent, y.agent));
}

/**
 * One entry per code, as the grid filters (by code). Its description is the code's newest non-empty one
 * in the selection (the pair whose newest row has the highest id: ids are in creation order); rows with
 * no code have none.
 */
function typificationsOf(pairs: readonly GroupRow[]): Insights['typifications'] {
  const codes = new Map<string, TypificationFigures & { newest: number }>();
  for (const [, , , , rawCode, rawDescription, , rows, closed, , , newest] of pairs) {
    const code = decodeText(rawCode!);
    const description = decodeText(rawDescription!);
    let c = codes.get(code);
    if (!c) codes.set(code, (c = { code, description: '', total: 0, open: 0, closed: 0, newest: -Infinity }));
    c.total += rows;
    c.closed += closed;
    c.open = c.total - c.closed;
    if (code !== '' && description !== '' && newest > c.newest) Object.assign(c, { description, newest });
  }
  const all = [...codes.values()].map(({ newest: _, ...c }) => c).sort((x, y) => y.total - x.total || compareUtf8(x.code, y.code));
  return { top: all.slice(0, TOP_TYPIFICATIONS), distinct: all.length };
}
