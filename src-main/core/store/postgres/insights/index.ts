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
import type { PgInsights } from '../parts';
import type { PgContext } from '../pg-context';
import { compilePgFilter } from '../reads/filter-sql';
import { decodeText } from '../text-codec';
import { figuresOf } from './insights-figures';
import { insightsStatement, type CardJson, type InsightsAnswer, type ReviewJson } from './insights-sql';

/** A zone's calendar reads its offsets a year at a time: kept for the few zones a desktop asks in. */
const MAX_ZONES = 8;

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
  return {
    async insights(filter, zone) {
      // A bad filter or zone is refused before any work, with the grid's own checks.
      const compiled = compilePgFilter(filter);
      if (typeof zone !== 'string' || !isValidTimeZone(zone)) throw badInput(`Insights need a known time zone, such as America/Bogota (got ${JSON.stringify(String(zone)).slice(0, 80)}).`);
      const calendar = calendarOf(zone);
      const statement = insightsStatement(compiled, zone, { fromUtc: filter.fromUtc, toUtc: filter.toUtc });
      const [answer] = await ctx.query<InsightsAnswer>(statement.text, statement.values);
      const audit = auditFigures((answer!.reviews ?? []).map(reviewRowOf), calendar, versionsOf(answer!.cards ?? []));
      return { zone, ...figuresOf(answer!.groups ?? [], answer!.handles ?? [], calendar, filter, audit.byAgent), audit };
    },
  };
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
