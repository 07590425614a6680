import type { MessagePort } from 'node:worker_threads';
import { toErrorInfo } from '../../../errors';
import type { FacetField } from '../reads/columns';
import { openDatabase } from '../connection/database';
import type { InteractionFilter } from '../reads/filters';
import { createInsightsReader, type InsightsReader } from '../insights/insights';
import { count, facets } from '../reads/queries';
import type { SampleRule } from '../../../reviews/sample-rule';
import { reviewStatusCounts } from '../audit/reviews-sql';
import { previewSample } from '../audit/samples-sql';
import { selectionSql } from '../reads/selection';
import { auditSummaryOf } from '../audit/summary-sql';

export type ReadRequest =
  | { id: number; op: 'count'; filter: InteractionFilter }
  | { id: number; op: 'facets'; filter: InteractionFilter; fields: FacetField[] }
  | { id: number; op: 'reviewCounts'; filter: InteractionFilter }
  | { id: number; op: 'auditSummary'; filter: InteractionFilter }
  | { id: number; op: 'insights'; filter: InteractionFilter; zone: string }
  | { id: number; op: 'samplePreview'; filter: InteractionFilter; rule: SampleRule };

const CATCH_UP_MS = 1000;

/**
 * The reader thread: aggregates over many rows (counts, facets) that can take hundreds of ms on a large
 * cache run here, on their own connection, so the thread serving pages and the UI never waits for them.
 */
export function runReader(parent: MessagePort, dbPath: string): void {
  const db = openDatabase(dbPath, { readonly: true });
  // The Insights columns, made by the first insights request: only the thread that serves them holds them.
  let charts: InsightsReader | null = null;
  let catchUp: NodeJS.Timeout | null = null;
  const insightsReader = (): InsightsReader => {
    if (charts) return charts;
    const made = createInsightsReader(db);
    // Once loaded, the columns follow the cache's commits between requests too (a cheap check when nothing changed).
    catchUp = setInterval(() => {
      try {
        made.catchUp();
      } catch {
        // The next request refreshes again, and reports an error it meets.
      }
    }, CATCH_UP_MS);
    return (charts = made);
  };
  parent.on('message', (req: ReadRequest | { op: 'close' }) => {
    if (req.op === 'close') {
      if (catchUp) clearInterval(catchUp);
      db.close();
      parent.close();
      return;
    }
    try {
      const value =
        req.op === 'count'
          ? count(db, req.filter)
          : req.op === 'insights'
            ? insightsReader().insights(req.filter, req.zone)
            : req.op === 'reviewCounts'
            ? reviewStatusCounts(db, { kind: 'sql', ...selectionSql(req.filter, 'i.uid') })
            : req.op === 'auditSummary'
            ? auditSummaryOf(db, req.filter)
            : req.op === 'samplePreview'
            ? previewSample(db, req.filter, req.rule)
            : Object.fromEntries(req.fields.map((f) => [f, facets(db, req.filter, f)]));
      parent.postMessage({ id: req.id, ok: true, value });
    } catch (error) {
      parent.postMessage({ id: req.id, ok: false, error: toErrorInfo(error) });
    }
  });
  parent.postMessage({ ready: true });
}
