/**
 * The writer thread: owns the one writing connection, so a 60,000-row window is written without
 * blocking the thread that serves the UI. Operations arrive one at a time (writer.ts serialises
 * them); a window's slices are written as they arrive and committed by its commitWindow call.
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError, isAppError, type ErrorInfo } from '../../../errors';
import { openDatabase, storageError, type Db } from '../connection/database';
import { purge, removeServerData } from '../writes/retention';
import { rebuildStep } from '../reads/search-index';
import { createScrubber, type Scrubber } from '../connection/scrub';
import { createSyncLog, type Slicing, type SyncLog, type WindowCommit, type WindowWriter } from '../writes/sync-log';
import { threadCpuMs } from './thread-cpu';
import type { UpsertContext } from '../writes/upsert';
import { gateKeeper } from '../connection/write-gate';
import { createSearchCatchUp, type SearchCatchUp } from '../writes/search-catch-up';
import type { FromWriter, ToWriter, WriterAnswer, WriterOp, WriterRequest } from './writer-protocol';

function errorInfo(error: unknown): ErrorInfo {
  const app = isAppError(error) ? error : storageError('The database write failed', error);
  return { kind: app.kind, message: app.message };
}

/** The window being written: its transaction, or the error that ended it (reported at commit). */
interface OpenWindow {
  batch: number;
  writer: WindowWriter | null;
  error: unknown;
}

type WriterHandlers = { [K in WriterOp]: (req: WriterRequest<K>) => WriterAnswer<K> };

function createHandler(log: SyncLog, db: Db, scrubber: Scrubber, slicing: Slicing, search: SearchCatchUp | null) {
  let open: OpenWindow | null = null;

  const begin = (batch: number, ctx: UpsertContext): OpenWindow => {
    if (open && open.batch !== batch) {
      open.writer?.abort();
      open = null;
    }
    if (!open) {
      try {
        open = { batch, writer: log.beginWindow(ctx, slicing), error: null };
      } catch (error) {
        open = { batch, writer: null, error };
      }
    }
    return open;
  };

  const fail = (w: OpenWindow, error: unknown) => {
    w.error ??= error;
    w.writer?.abort();
  };

  const stage = (message: Extract<ToWriter, { type: 'stage' }>) => {
    const w = begin(message.batch, message.ctx);
    if (w.error || !w.writer) return;
    try {
      w.writer.write(message.rows);
    } catch (error) {
      fail(w, error);
    }
  };

  const stageError = (batch: number, error: ErrorInfo) => {
    if (open?.batch === batch) fail(open, new AppError(error.kind, error.message));
    else open = { batch, writer: null, error: new AppError(error.kind, error.message) };
  };

  const commitWindow = (window: Omit<WindowCommit, 'records'>, batch: number) => {
    const w = begin(batch, { server: window.server, zone: window.zone, now: window.now });
    open = null;
    if (w.error || !w.writer) throw w.error ?? new AppError('storage', 'The window could not be started.');
    return w.writer.commit(window);
  };

  const abort = (batch: number) => {
    if (open?.batch !== batch) return;
    open.writer?.abort();
    open = null;
  };

  // Every other write of the search index waits until the rows a sliced window listed are indexed (search-catch-up.ts).
  const caughtUp = <T>(work: () => T): T => {
    search?.catchUp(slicing.gate);
    return work();
  };

  const handlers: WriterHandlers = {
    startRun: (req) => log.startRun(req.run),
    findResumableRun: (req) => log.findResumableRun(req.server, req.rangeStartUtc, req.rangeEndUtc),
    commitWindow: (req) => commitWindow(req.window, req.batch),
    logCall: (req) => log.logCall(req.runId, req.entry),
    finishRun: (req) => log.finishRun(req.runId, req.status, req.finishedAt, req.error),
    lastCoveredUtc: (req) => log.lastCoveredUtc(req.server),
    // Retention and profile removal: one transaction each, here so a large delete never blocks the UI's thread.
    // Then the removed rows' bytes are scrubbed from the files (scrub.ts).
    purge: (req) =>
      caughtUp(() => {
        const counts = purge(db, req.req);
        return scrubber.afterRemoval(counts, counts.interactions > 0);
      }),
    removeServerData: (req) =>
      caughtUp(() => {
        const counts = removeServerData(db, req.server);
        return scrubber.afterRemoval(counts, counts.interactions > 0 || counts.syncRuns > 0);
      }),
    // One batch of the search index's rebuild (search-index.ts), between windows.
    searchIndexStep: () => caughtUp(() => rebuildStep(db)),
    cpu: () => threadCpuMs(),
  };
  const call = <K extends WriterOp>(req: WriterRequest<K>): WriterAnswer<K> => handlers[req.op](req);

  return { stage, stageError, abort, call };
}

/**
 * Rows of a window per transaction when no save waits. A slice also ends early, within 50 rows, when a
 * write of the serving connection waits for the lock (write-gate.ts): that is what keeps a review save from
 * waiting for the window. This bound only caps the WAL a window grows and the work a kill undoes; it is not
 * smaller because each commit costs writer CPU (hot pages written again, and the slice's search-index
 * transaction after it writes a segment: search-catch-up.ts): measured 41 µs/row in one transaction, 47 in
 * slices of 5,000 rows, 67 in slices of 2,000 (BENCHMARKS.md).
 */
export const WINDOW_SLICE_ROWS = 20_000;

export interface WriterSettings {
  /** Default WINDOW_SLICE_ROWS; Infinity commits each window in one transaction, as before slicing (the bench compares). */
  sliceRows?: number;
  gate?: SharedArrayBuffer;
}

export function runWriter(parent: MessagePort, preparer: MessagePort, dbPath: string, settings: WriterSettings = {}): void {
  const post = (message: FromWriter) => parent.postMessage(message);
  let db: Db;
  try {
    db = openDatabase(dbPath);
  } catch (error) {
    post({ type: 'init-error', error: errorInfo(error) });
    parent.close();
    preparer.close();
    return;
  }
  const scrubber = createScrubber(db);
  const rows = settings.sliceRows ?? WINDOW_SLICE_ROWS;
  // A window in one transaction lets nothing through before its end.
  const slicing: Slicing = { rows, gate: settings.gate && Number.isFinite(rows) ? gateKeeper(settings.gate) : undefined };
  const search = createSearchCatchUp(db);
  const handler = createHandler(createSyncLog(db, { search }), db, scrubber, slicing, search);
  try {
    // Rows whose indexing a kill interrupted are found by search again from the start, not at the next sync.
    search?.catchUp();
  } catch {
    // Left listed: every window, purge and rebuild step catches up first, and reports what fails then.
  }
  const onMessage = (message: ToWriter) => {
    if (message.type === 'stage') return handler.stage(message);
    if (message.type === 'stage-error') return handler.stageError(message.batch, message.error);
    if (message.type === 'abort') return handler.abort(message.batch);
    if (message.type === 'close') {
      scrubber.stop();
      db.close();
      post({ type: 'result', id: message.id, value: undefined });
      parent.close();
      preparer.close();
      return;
    }
    try {
      post({ type: 'result', id: message.id, value: handler.call(message.request) });
    } catch (error) {
      post({ type: 'error', id: message.id, error: errorInfo(error) });
    }
  };
  parent.on('message', onMessage);
  preparer.on('message', onMessage);
  post({ type: 'ready' });
}
