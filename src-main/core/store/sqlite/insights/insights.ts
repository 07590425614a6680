/**
 * The Insights view's figures over exactly the grid's selection (dates, facets, search text, sample and
 * review state select the same rows as the grid: insights-select.ts), in a time zone. Run on the
 * Insights reader thread (reader-thread.ts), which keeps the fields the charts read in memory
 * (insights-columns.ts): a pass over them takes milliseconds where SQLite's scans of the wide rows took
 * seconds (BENCHMARKS.md). Each request runs in one read transaction: the columns are brought to that
 * snapshot first, so every chart, the reviews and the SQL-only filters describe the same rows.
 */
import type { Db } from '../connection/database';
import { compileFilter, type InteractionFilter } from '../reads/filters';
import { auditFigures, readReviewRows } from './insights-audit';
import { InsightsColumns } from './insights-columns';
import { computeFigures } from '../../../insights/insights-compute';
import { InsightsScratch } from '../../../insights/insights-scratch';
import { selectionMask } from './insights-select';
import { LocalCalendar } from '../../../insights/insights-time';
import type { Insights } from '../../../insights/insights-types';

export type { Insights } from '../../../insights/insights-types';

export interface InsightsReader {
  insights(filter: InteractionFilter, zone: string): Insights;
  /**
   * Between requests: brings the columns up to date when another connection committed since the last
   * look, so the request after a sync window does not pay for reading its rows (the reader thread calls it on a timer).
   */
  catchUp(): void;
  /** Rows held and bytes used by the columns (the benchmark reports them). */
  footprint(): { rows: number; bytes: number };
}

const MAX_ZONES = 8;

/** Insights over a connection; the columns load at the first request, then follow the cache's changes. */
export function createInsightsReader(db: Db): InsightsReader {
  const cols = new InsightsColumns();
  const scratch = new InsightsScratch();
  // A zone's calendar reads its offset changes a year at a time (a ms or two a year): kept between requests.
  const calendars = new Map<string, LocalCalendar>();
  const calendarOf = (zone: string) => {
    let calendar = calendars.get(zone);
    if (!calendar) {
      if (calendars.size >= MAX_ZONES) calendars.delete(calendars.keys().next().value!);
      calendars.set(zone, (calendar = new LocalCalendar(zone)));
    }
    return calendar;
  };
  // Every review joined to its row (tens of ms for thousands), read again only after a commit: this
  // key is taken before the request's snapshot, so what it caches is never older than its key says.
  let reviewCache: { key: string; rows: ReturnType<typeof readReviewRows> } | null = null;
  const ownChanges = db.prepare('SELECT total_changes()').pluck();
  // data_version moves when another connection commits; total_changes() when this one writes.
  const versionKey = () => `${String(db.pragma('data_version', { simple: true }))}:${String(ownChanges.get())}`;
  let seen = '';
  return {
    insights(filter, zone) {
      // A bad filter or zone is refused before any work (the first request loads every row), with the
      // grid's own checks: the one full compile of this request (the mask compiles only its SQL-only keys).
      compileFilter(filter);
      const calendar = calendarOf(zone);
      const key = versionKey();
      seen = key;
      return db.transaction(() => {
        cols.refresh(db);
        if (reviewCache?.key !== key) reviewCache = { key, rows: readReviewRows(db) };
        const reviews = reviewCache.rows;
        const mask = selectionMask(db, cols, filter, reviews, scratch);
        const selected = reviews.filter((r) => {
          const at = cols.find(r.id);
          return at >= 0 && mask[at] === 1;
        });
        const audit = auditFigures(selected, calendar, db);
        return { zone, ...computeFigures(cols, mask, calendar, filter, audit.byAgent, scratch), audit };
      })();
    },
    catchUp() {
      const key = versionKey();
      if (key === seen) return;
      seen = key;
      db.transaction(() => cols.refresh(db))();
    },
    footprint: () => ({ rows: cols.n, bytes: cols.bytes() }),
  };
}
