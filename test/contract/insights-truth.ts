/**
 * The Insights figures computed apart from any store, in plain JS over rows and reviews read through the
 * port: local times from Intl one row at a time, percentiles by sorting, averages by summing. The
 * definitions are those of core/insights/insights-types.ts; orders: most first, ties by code point.
 */
import type { Review, Scorecard } from '../../src-main/core/reviews/types';
import { byCodePoint, type OrderedRow } from './grid-order';

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant's local day, hour, weekday (0 = Monday) and week (its Monday) in a zone, from Intl. */
export function localTime(zone: string) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' });
  const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return (utc: number) => {
    const p = Object.fromEntries(f.formatToParts(utc).map((x) => [x.type, x.value]));
    const day = `${p.year}-${p.month}-${p.day}`;
    const weekday = WEEKDAYS.indexOf(p.weekday!);
    const monday = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day) - weekday)).toISOString().slice(0, 10);
    return { day, hour: `${day} ${pad(Number(p.hour))}`, hourOfDay: Number(p.hour), weekday, week: monday };
  };
}

/** Nearest rank: the smallest value with at least `share` of the values at or below it. */
export function nearestRank(values: readonly number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(share * sorted.length) - 1]!;
}

const evaluation = (text: string) => (/^[1-5]$/.test(text.trim()) ? Number(text.trim()) : null);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

export function expectedTime(rows: readonly OrderedRow[], zone: string, unit: 'day' | 'hour') {
  const at = localTime(zone);
  const volume = new Map<string, number>();
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const r of rows) {
    if (r.createdUtc === null) continue;
    const l = at(r.createdUtc);
    const key = `${unit === 'hour' ? l.hour : l.day}|${r.channel}`;
    volume.set(key, (volume.get(key) ?? 0) + 1);
    heatmap[l.weekday]![l.hourOfDay]! += 1;
  }
  return { volume, heatmap };
}

export function expectedAgents(rows: readonly OrderedRow[]) {
  const agents = new Map<string, OrderedRow[]>();
  for (const r of rows) agents.set(r.agent_name, [...(agents.get(r.agent_name) ?? []), r]);
  return [...agents.entries()]
    .map(([agent, mine]) => {
      const handles = mine.filter((r) => r.closedUtc !== null && r.createdUtc !== null).map((r) => r.closedUtc! - r.createdUtc!);
      const evaluations = mine.map((r) => evaluation(r.evaluation_survey)).filter((e): e is number => e !== null);
      const closed = mine.filter((r) => r.closedUtc !== null).length;
      return {
        agent,
        interactions: mine.length,
        closed,
        shareClosed: closed / mine.length,
        medianHandleMs: nearestRank(handles, 0.5),
        p90HandleMs: nearestRank(handles, 0.9),
        evaluated: evaluations.length,
        averageEvaluation: mean(evaluations),
      };
    })
    .sort((x, y) => y.interactions - x.interactions || byCodePoint(x.agent, y.agent));
}

export function expectedTypifications(rows: readonly OrderedRow[]) {
  const codes = new Map<string, { code: string; description: string; newest: number; total: number; open: number; closed: number }>();
  for (const r of rows) {
    const c = codes.get(r.cod_act) ?? { code: r.cod_act, description: '', newest: -Infinity, total: 0, open: 0, closed: 0 };
    c.total += 1;
    if (r.closedUtc === null) c.open += 1;
    else c.closed += 1;
    // Named by the newest non-empty description in the selection; no code, no name.
    if (r.cod_act !== '' && r.cod_description !== '' && r.id > c.newest) {
      c.newest = r.id;
      c.description = r.cod_description;
    }
    codes.set(r.cod_act, c);
  }
  return [...codes.values()].map(({ newest: _, ...c }) => c).sort((x, y) => y.total - x.total || byCodePoint(x.code, y.code));
}

export function expectedDistribution(rows: readonly OrderedRow[]) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.evaluation_survey, (counts.get(r.evaluation_survey) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((x, y) => y.count - x.count || byCodePoint(x.value, y.value));
}

/** A score answer as 0..100 (no = 0, yes = 100, 1..5 = 0, 25, 50, 75, 100); null when not scored or N/A. */
export function answerScore(value: unknown): number | null {
  if (value === true) return 100;
  if (value === false) return 0;
  return typeof value === 'number' ? (value - 1) * 25 : null;
}

export interface ReviewedRow {
  review: Review;
  card: Scorecard;
}

/** The audit figures of some reviews: decided counts, pass rate, average overall score, critical failures, overrides. */
export function expectedAudit(reviews: readonly ReviewedRow[]) {
  const passed = reviews.filter((r) => r.review.status === 'pass').length;
  const failed = reviews.filter((r) => r.review.status === 'fail').length;
  const critical = reviews.filter(({ review, card }) => card.attributes.some((a) => a.critical && answerScore(review.scores[a.key]) === 0));
  return {
    reviewed: passed + failed,
    passed,
    failed,
    passRate: passed + failed ? passed / (passed + failed) : null,
    averageScore: mean(reviews.map((r) => r.review.overallScore).filter((s): s is number => s !== null)),
    criticalFailures: critical.length,
    overridden: reviews.filter((r) => r.review.override !== null && (r.review.status === 'pass' || r.review.status === 'fail')).length,
  };
}

export function expectedAttributes(reviews: readonly ReviewedRow[]) {
  const byKey = new Map<string, { scores: number[]; critical: number; notApplicable: number }>();
  for (const { review, card } of reviews) {
    for (const a of card.attributes) {
      const e = byKey.get(a.key) ?? { scores: [], critical: 0, notApplicable: 0 };
      const s = answerScore(review.scores[a.key]);
      if (review.scores[a.key] === 'na') e.notApplicable += 1;
      if (s !== null) e.scores.push(s);
      if (s === 0 && a.critical) e.critical += 1;
      byKey.set(a.key, e);
    }
  }
  return new Map(
    [...byKey.entries()]
      .filter(([, e]) => e.scores.length + e.notApplicable > 0)
      .map(([key, e]) => [key, { scored: e.scores.length, failed: e.scores.filter((s) => s === 0).length, averageScore: mean(e.scores), criticalFailures: e.critical, notApplicable: e.notApplicable }]),
  );
}
