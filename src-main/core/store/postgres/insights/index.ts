/**
 * The Insights part of the PostgreSQL store: the figures over exactly the grid's selection (the same
 * filter compiler as the grid, reads/filter-sql.ts), in a time zone, summed by the server in one
 * statement (insights-sql.ts) and put together as the SQLite cache puts its own (insights-figures.ts and
 * core/insights/insights-audit.ts). Nothing is held between requests but the zones' calendars.
 */
import { badInput } from '../../../errors';
import { auditFigures, versionKeyOf, type ReviewRow, type ScorecardVersions } from '../../../insights/insights-audit';
import { LocalCalendar } from '../../../insights/insights-time';
import type { ScorecardAttribute } from '../../../reviews/types';
import { isValidTimeZone } from '../../../time/zone';
import type { InteractionFilter } from '../../filter';
import type { PgInsights } from '../parts';
import type { PgContext } from '../pg-context';
import { compilePgFilter } from '../reads/filter-sql';
import { decodeText } from '../text-codec';
import { figuresOf } from './insights-figures';
import { insightsStatement, SETS, type CardJson, type GroupRow, type InsightsAnswer, type ReviewJson } from './insights-sql';

/** A zone's calendar reads its offsets a year at a time: kept for the few zones a desktop asks in. */
const MAX_ZONES = 8;
/** Room left after the newest creation date seen, for the rows the next syncs bring. */
const NEWER_MS = 30 * 86_400_000;

interface Span {
  fromUtc?: number;
  toUtc?: number;
}

export function pgInsights(ctx: PgContext): PgInsights {
  const calendars = new Map<string, LocalCalendar>();
  const calendarOf = (zone: string) => {
    let calendar = calendars.get(zone);
    if (!calendar) {
      if (calendars.size >= MAX_ZONES) calendars.delete(calendars.keys().next().value!);
      calendars.set(zone, (calendar = new LocalCalendar(zone)));
    }
    return calendar;
  };
  /**
   * The creation dates answers have shown so far, widened as they show more. The local offsets are written
   * into the statement over these dates only (with the filter's own when it has them): a few stretches a
   * year instead of the 130 years' worth, whose long expression the server took seconds to compile
   * (JIT) over a million rows. An answer whose rows fall outside is asked again with wider dates, so
   * every row is still placed with its exact offset.
   */
  let seen: Required<Span> | null = null;
  const run = async (compiled: ReturnType<typeof compilePgFilter>, zone: string, bounds: Span) => {
    const statement = insightsStatement(compiled, zone, bounds);
    return (await ctx.query<InsightsAnswer>(statement.text, statement.values))[0]!;
  };
  /** The answer whose selected rows all lie within the dates its offsets were read over (the filter's own, at the latest). */
  const answerWithin = async (filter: InteractionFilter, ask: (bounds: Span) => Promise<InsightsAnswer>): Promise<InsightsAnswer> => {
    const own: Span = { fromUtc: filter.fromUtc, toUtc: filter.toUtc };
    let bounds: Span = { fromUtc: own.fromUtc ?? seen?.fromUtc, toUtc: own.toUtc ?? seen?.toUtc };
    for (let attempt = 1; ; attempt++) {
      const answer = await ask(bounds);
      const dated = datedSpanOf(answer.groups ?? []);
      if (!dated) return answer;
      seen = { fromUtc: Math.min(seen?.fromUtc ?? Infinity, dated.first), toUtc: Math.max(seen?.toUtc ?? -Infinity, dated.last + NEWER_MS) };
      const inside = (bounds.fromUtc === undefined || dated.first >= bounds.fromUtc) && (bounds.toUtc === undefined || dated.last < bounds.toUtc);
      if (inside) return answer;
      // Rows a sync committed in between could fall outside again: the third try reads the filter's own dates (or all).
      bounds = attempt === 1 ? { fromUtc: own.fromUtc ?? seen.fromUtc, toUtc: own.toUtc ?? seen.toUtc } : own;
    }
  };
  return {
    async insights(filter, zone) {
      // A bad filter or zone is refused before any work, with the grid's own checks.
      const compiled = compilePgFilter(filter);
      if (typeof zone !== 'string' || !isValidTimeZone(zone)) throw badInput(`Insights need a known time zone, such as America/Bogota (got ${JSON.stringify(String(zone)).slice(0, 80)}).`);
      const calendar = calendarOf(zone);
      const answer = await answerWithin(filter, (bounds) => run(compiled, zone, bounds));
      const audit = auditFigures((answer.reviews ?? []).map(reviewRowOf), calendar, versionsOf(answer.cards ?? []));
      return { zone, ...figuresOf(answer.groups ?? [], answer.handles ?? [], calendar, filter, audit.byAgent), audit };
    },
  };
}

/** The first and last creation instants of the selection (from the per-agent groups), or null when none has a date. */
function datedSpanOf(groups: readonly GroupRow[]): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const g of groups) {
    if (g[0] !== SETS.agent) continue;
    if (g[12] !== null && g[12] < first) first = g[12];
    if (g[13] !== null && g[13] > last) last = g[13];
  }
  return first <= last ? { first, last } : null;
}

function reviewRowOf([agent, created, status, overridden, overall, scores, scorecardId, scorecardVersion]: ReviewJson): ReviewRow {
  return {
    agent: decodeText(agent),
    created_utc: created,
    status,
    overridden,
    overall_score: overall,
    scores: decodeText(scores),
    scorecard_id: decodeText(scorecardId),
    scorecard_version: scorecardVersion,
  };
}

function versionsOf(cards: readonly CardJson[]): ScorecardVersions {
  return new Map(cards.map(([seq, id, version, attributes]) => [versionKeyOf(decodeText(id), version), { seq, attributes: JSON.parse(decodeText(attributes)) as ScorecardAttribute[] }]));
}
