import type { MessagePort } from 'node:worker_threads';
import { toErrorInfo } from '../../../errors';
import { openDatabase, type Db } from '../connection/database';
import { driverError } from '../connection/driver-errors';
import { createInsightsReader, type InsightsReader } from '../insights/insights';
import { count, facets } from '../reads/queries';
import type { ReadAnswer, ReadOp, ReadRequest, ToReader } from './reader-protocol';
import { reviewStatusCounts } from '../audit/reviews-sql';
import { previewSample } from '../audit/samples-sql';
import { selectionSql } from '../reads/selection';
import { auditSummaryOf } from '../audit/summary-sql';
import type { FromThread } from './thread-supervisor';

const CATCH_UP_MS = 1000;

type ReadHandlers = { [K in ReadOp]: (req: ReadRequest<K>) => ReadAnswer<K> };

function readHandlers(db: Db, insightsReader: () => InsightsReader): ReadHandlers {
  return {
    count: (req) => count(db, req.filter),
    facets: (req) => Object.fromEntries(req.fields.map((f) => [f, facets(db, req.filter, f)])),
    reviewCounts: (req) => reviewStatusCounts(db, { kind: 'sql', ...selectionSql(req.filter, 'i.uid') }),
    auditSummary: (req) => auditSummaryOf(db, req.filter),
    insights: (req) => insightsReader().insights(req.filter, req.zone),
    samplePreview: (req) => previewSample(db, req.filter, req.rule),
  };
}

/**
 * The reader thread: aggregates over many rows (counts, facets) that can take hundreds of ms on a large
 * cache run here, on their own connection, so the thread serving pages and the UI never waits for them.
 */
export function runReader(parent: MessagePort, dbPath: string): void {
  const post = (message: FromThread) => parent.postMessage(message);
  let db: Db;
  try {
    db = openDatabase(dbPath, { readonly: true });
  } catch (error) {
    post({ type: 'init-error', error: toErrorInfo(error) });
    parent.close();
    return;
  }
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
  const handlers = readHandlers(db, insightsReader);
  const answer = <K extends ReadOp>(req: ReadRequest<K>): ReadAnswer<K> => handlers[req.op](req);
  parent.on('message', (message: ToReader) => {
    if (message.type === 'close') {
      if (catchUp) clearInterval(catchUp);
      db.close();
      parent.close();
      return;
    }
    try {
      post({ type: 'result', id: message.id, value: answer(message.request) });
    } catch (error) {
      post({ type: 'error', id: message.id, error: toErrorInfo(driverError(error)) });
    }
  });
  post({ type: 'ready' });
}
