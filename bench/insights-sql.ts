/**
 * The reference: Insights as they were computed before the in-memory columns (insights-columns.ts),
 * straight from SQLite, three grouped scans of the selection for every request. Kept here only so
 * `npm run bench -- --only insights` shows both side by side on the same cache; the product no longer
 * uses it. Same figures (the integration tests compared it with the same independent SQL).
 */
import type { Db } from '../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../src-main/core/store/sqlite/reads/filters';
import { auditFigures, type ReviewRow } from '../src-main/core/store/sqlite/insights/insights-audit';
import { fillKeys, LocalCalendar, QUARTER_MS } from '../src-main/core/insights/insights-time';
import { HOURLY_SPAN_MS, TOP_TYPIFICATIONS, type AgentFigures, type Insights, type TypificationFigures, type VolumePoint } from '../src-main/core/insights/insights-types';
import { filtered } from '../src-main/core/store/sqlite/reads/queries';


/** Numeric survey evaluation, as the workbook's Summary reads it: "1".."5", anything else left out. */
const EVALUATION_SQL = `CASE WHEN trim(i.evaluation_survey) IN ('1', '2', '3', '4', '5') THEN CAST(trim(i.evaluation_survey) AS INTEGER) END`;

interface TimeCell { q: number; channel: string; n: number; evaluated: number; evaluation_sum: number }
interface DimCell { agent: string; code: string; description: string; closed: 0 | 1; evaluation: string; n: number }
/** Handle times (ms) of one agent's closed interactions, sorted ascending. */
type HandleLists = Map<string, Float64Array>;

// SQLite's BINARY order (UTF-8 bytes), so ties sort as the database sorts them.
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function selectionWhere(filter: InteractionFilter, extra: string[] = []) {
  const q = filtered(filter);
  const where = [...q.where, ...extra];
  return { from: q.from, where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params: q.params };
}

export function insightsBySql(db: Db, filter: InteractionFilter, zone: string): Insights {
  const calendar = new LocalCalendar(zone);
  return db.transaction(() => {
    const t = selectionWhere(filter, ['i.created_utc IS NOT NULL']);
    const time = db
      .prepare(`SELECT i.created_utc / ${QUARTER_MS} AS q, i.channel AS channel, count(*) AS n, count(${EVALUATION_SQL}) AS evaluated,
        total(${EVALUATION_SQL}) AS evaluation_sum FROM ${t.from}${t.where} GROUP BY 1, 2`)
      .all(...t.params) as TimeCell[];
    const s = selectionWhere(filter);
    const dims = db
      .prepare(`SELECT i.agent_name AS agent, i.cod_act AS code, i.cod_description AS description, i.closed_utc IS NOT NULL AS closed,
        i.evaluation_survey AS evaluation, count(*) AS n FROM ${s.from}${s.where} GROUP BY 1, 2, 3, 4, 5`)
      .all(...s.params) as DimCell[];
    const h = selectionWhere(filter, ['i.closed_utc IS NOT NULL', 'i.created_utc IS NOT NULL']);
    // Nearly every closed row has its own handle time, so a GROUP BY would sort them all into as many
    // groups; collecting them per agent and sorting numbers here takes half the time (measured 300 vs 600-820 ms on 200,000 rows).
    const lists = new Map<string, number[]>();
    const rows = db.prepare(`SELECT i.agent_name, i.closed_utc - i.created_utc FROM ${h.from}${h.where}`).raw().iterate(...h.params) as IterableIterator<[string, number]>;
    for (const [agent, handle] of rows) {
      const list = lists.get(agent);
      if (list) list.push(handle);
      else lists.set(agent, [handle]);
    }
    const handles: HandleLists = new Map([...lists].map(([agent, list]) => [agent, Float64Array.from(list).sort()]));
    const audit = auditFigures(readReviewRows(db, filter), calendar, db);
    const volume = volumeOf(time, calendar, filter);
    return {
      zone,
      total: dims.reduce((sum, c) => sum + c.n, 0),
      volume,
      heatmap: heatmapOf(time, calendar),
      agents: agentsOf(dims, handles, audit.byAgent),
      typifications: typificationsOf(dims),
      survey: { distribution: distributionOf(dims), weekly: weeklySurveyOf(time, calendar) },
      audit,
    };
  })();
}

function volumeOf(time: TimeCell[], calendar: LocalCalendar, filter: InteractionFilter): Insights['volume'] {
  if (time.length === 0) return { unit: 'day', channels: [], points: [] };
  let minQ = Infinity;
  let maxQ = -Infinity;
  const channelTotals = new Map<string, number>();
  for (const c of time) {
    minQ = Math.min(minQ, c.q);
    maxQ = Math.max(maxQ, c.q);
    channelTotals.set(c.channel, (channelTotals.get(c.channel) ?? 0) + c.n);
  }
  // The range asked for when it is bounded on both sides, else the span the rows cover.
  const span = filter.fromUtc !== undefined && filter.toUtc !== undefined ? filter.toUtc - filter.fromUtc : (maxQ - minQ) * QUARTER_MS;
  const unit = span <= HOURLY_SPAN_MS ? 'hour' : 'day';
  const channels = [...channelTotals.entries()].sort((a, b) => b[1] - a[1] || byBytes(a[0], b[0])).map(([c]) => c);
  const column = new Map(channels.map((c, i) => [c, i]));
  const byKey = new Map<string, number[]>();
  for (const c of time) {
    const slot = calendar.slot(c.q * QUARTER_MS);
    const key = unit === 'hour' ? slot.hour : slot.day;
    let counts = byKey.get(key);
    if (!counts) byKey.set(key, (counts = channels.map(() => 0)));
    counts[column.get(c.channel)!]! += c.n;
  }
  const present = [...byKey.keys()].sort();
  const points: VolumePoint[] = fillKeys(present, unit).map((key) => {
    const counts = byKey.get(key) ?? channels.map(() => 0);
    const startUtc = unit === 'hour' ? calendar.hourStartUtc(key) : calendar.midnightUtc(key);
    const endUtc = unit === 'hour' ? startUtc + 3_600_000 : calendar.midnightUtc(key, 1);
    return { key, startUtc, endUtc, counts, total: counts.reduce((a, b) => a + b, 0) };
  });
  return { unit, channels, points };
}

function heatmapOf(time: TimeCell[], calendar: LocalCalendar): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const c of time) {
    const slot = calendar.slot(c.q * QUARTER_MS);
    grid[slot.weekday]![slot.hourOfDay]! += c.n;
  }
  return grid;
}

/** Nearest-rank percentile of sorted values: the smallest with at least p of them at or below it. */
function percentile(sorted: Float64Array | undefined, p: number): number | null {
  if (!sorted || sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function agentsOf(dims: DimCell[], handles: HandleLists, audit: Insights['audit']['byAgent']): AgentFigures[] {
  const rows = new Map<string, { n: number; closed: number; evaluated: number; sum: number }>();
  for (const c of dims) {
    const r = rows.get(c.agent) ?? { n: 0, closed: 0, evaluated: 0, sum: 0 };
    r.n += c.n;
    if (c.closed) r.closed += c.n;
    const e = c.evaluation.trim();
    if (/^[1-5]$/.test(e)) {
      r.evaluated += c.n;
      r.sum += Number(e) * c.n;
    }
    rows.set(c.agent, r);
  }
  const reviews = new Map(audit.map((a) => [a.agent, a]));
  return [...rows.entries()]
    .map(([agent, r]) => {
      const list = handles.get(agent);
      const a = reviews.get(agent);
      return {
        agent,
        interactions: r.n,
        closed: r.closed,
        shareClosed: r.closed / r.n,
        medianHandleMs: percentile(list, 0.5),
        p90HandleMs: percentile(list, 0.9),
        evaluated: r.evaluated,
        averageEvaluation: r.evaluated ? r.sum / r.evaluated : null,
        reviewed: a?.reviewed ?? 0,
        passed: a?.passed ?? 0,
        passRate: a?.passRate ?? null,
        averageScore: a?.averageScore ?? null,
      };
    })
    .sort((a, b) => b.interactions - a.interactions || byBytes(a.agent, b.agent));
}

function typificationsOf(dims: DimCell[]): Insights['typifications'] {
  const rows = new Map<string, TypificationFigures>();
  for (const c of dims) {
    const key = JSON.stringify([c.code, c.description]);
    const r = rows.get(key) ?? { code: c.code, description: c.description, total: 0, open: 0, closed: 0 };
    r.total += c.n;
    if (c.closed) r.closed += c.n;
    else r.open += c.n;
    rows.set(key, r);
  }
  const all = [...rows.values()].sort((a, b) => b.total - a.total || byBytes(a.code, b.code) || byBytes(a.description, b.description));
  return { top: all.slice(0, TOP_TYPIFICATIONS), distinct: all.length };
}

function distributionOf(dims: DimCell[]): Insights['survey']['distribution'] {
  const counts = new Map<string, number>();
  for (const c of dims) counts.set(c.evaluation, (counts.get(c.evaluation) ?? 0) + c.n);
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || byBytes(a.value, b.value));
}

function weeklySurveyOf(time: TimeCell[], calendar: LocalCalendar): Insights['survey']['weekly'] {
  const weeks = new Map<string, { evaluated: number; sum: number }>();
  for (const c of time) {
    const week = calendar.slot(c.q * QUARTER_MS).week;
    const w = weeks.get(week) ?? { evaluated: 0, sum: 0 };
    w.evaluated += c.evaluated;
    w.sum += c.evaluation_sum;
    weeks.set(week, w);
  }
  const keys = [...weeks.keys()].sort();
  if (keys.length === 0) return [];
  return fillKeys(keys, 'week').map((week) => {
    const w = weeks.get(week) ?? { evaluated: 0, sum: 0 };
    return { week, startUtc: calendar.midnightUtc(week), endUtc: calendar.midnightUtc(week, 7), evaluated: w.evaluated, averageEvaluation: w.evaluated ? w.sum / w.evaluated : null };
  });
}

/** The selection's reviews, joined from the whole filtered selection (as the product did before). */
function readReviewRows(db: Db, filter: InteractionFilter): ReviewRow[] {
  const q = filtered(filter);
  const from =
    q.where.length === 0 ? 'reviews r CROSS JOIN interactions i ON i.uid = r.interaction_uid' : `${q.from} JOIN reviews r ON r.interaction_uid = i.uid`;
  const where = q.where.length ? ` WHERE ${q.where.join(' AND ')}` : '';
  return db
    .prepare(`SELECT i.agent_name AS agent, i.created_utc AS created_utc, r.status AS status, r.overall_score AS overall_score, r.scores AS scores,
      r.scorecard_id AS scorecard_id, r.scorecard_version AS scorecard_version FROM ${from}${where}`)
    .all(...q.params) as ReviewRow[];
}
