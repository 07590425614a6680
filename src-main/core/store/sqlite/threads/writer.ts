/**
 * The sync's store, run off the UI's thread: the same operations as sync-log.ts, executed by a
 * writer thread that owns the writing connection. Errors come back as AppError with their kind.
 *
 * A window's records cross to a second worker, the preparer (identity, hashes, instants: prepare.ts),
 * which hands prepared slices to the writer; the writer writes a slice while the next is prepared, so
 * ingest uses two cores. The sync's answers are read there too (`parser`), and their records stay
 * there: this thread gets a ticket. Records read here (tools) are posted a slice at a time with a
 * yield between: the structured clone of a slice costs a few ms where a whole window would cost
 * hundreds, and the preparing, which allocates a lot, never makes this thread's garbage collector pause.
 */
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../../../errors';
import type { AnswerParser, WindowAnswer } from '../../../wolkvox/answer';
import { ApiError } from '../../../wolkvox/api-error';
import type { IncomingRecord } from '../../../wolkvox/fields';
import type { CallLogEntry, RunStatus, SyncStore, UpsertCounts } from '../../../sync/sync-store';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../writes/retention';
import type { SearchIndexProgress } from '../reads/search-index';
import { SLICE, type FromWriter, type ParseOutcome, type ToPreparer, type ToWriter, type WriterOp, type WriterWorkerData } from './writer-protocol';

export interface StoreWriterOptions {
  dbPath: string;
  /** The worker's entry. Default: writer-worker.ts beside this file (tsx); the Electron build passes its bundled store-writer.js. */
  workerUrl?: URL | string;
  /** Clock for the instants the writer stamps itself (a run's end). */
  now?: () => number;
  /** Rows of a window per transaction (writer-thread.ts WINDOW_SLICE_ROWS); Infinity: one transaction per window. */
  sliceRows?: number;
  /** Shared with the serving connection, whose waiting writes go in between slices (write-gate.ts). */
  gate?: SharedArrayBuffer;
}

/**
 * Its parser reads the API's answers on the preparer thread, which keeps the records until commitWindow
 * gets the answer's `records` ticket: the UI thread never parses or copies a 46 MB answer.
 */
export interface StoreWriter extends SyncStore {
  /** Diagnostics: CPU time (ms) each worker thread used so far; null where the OS does not say. */
  threadCpu(): Promise<{ writerMs: number | null; preparerMs: number | null }>;
  /** Retention (store/retention.ts purge), in one transaction on the writer, after any window in progress. */
  purge(req: PurgeRequest): Promise<PurgeCounts>;
  /** Every row of a server and what hangs off it (store/retention.ts removeServerData). */
  removeServerData(server: string): Promise<ServerRemovalCounts>;
  /** One batch of the search index's rebuild (search-index.ts), queued like any other operation. */
  searchIndexStep(): Promise<SearchIndexProgress>;
  close(): Promise<void>;
}


/** A .ts entry (running from source under tsx) starts through writer-bootstrap.mjs; see there why. */
export function startWorker(url: URL | string, workerData: WriterWorkerData, port?: MessagePort): Worker {
  const href = url instanceof URL ? url.href : pathToFileURL(url).href;
  const transferList = port ? [port] : [];
  if (!href.endsWith('.ts')) return new Worker(new URL(href), { workerData, transferList });
  return new Worker(new URL('./writer-bootstrap.mjs', import.meta.url), { workerData: { ...workerData, entry: href }, transferList });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function openStoreWriter(options: StoreWriterOptions): Promise<StoreWriter> {
  const url = options.workerUrl ?? new URL('./writer-worker.ts', import.meta.url);
  const now = options.now ?? Date.now;
  const channel = new MessageChannel();
  const { sliceRows, gate } = options;
  const worker = startWorker(url, { role: 'write', dbPath: options.dbPath, port: channel.port1, sliceRows, gate }, channel.port1);
  const preparer = startWorker(url, { role: 'prepare', port: channel.port2 }, channel.port2);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: AppError) => void }>();
  let nextId = 1;
  let failure: AppError | null = null;
  // One operation at a time: a window's slices must never interleave with another operation, which
  // would otherwise run inside the window's open transaction.
  let queue: Promise<unknown> = Promise.resolve();

  const fail = (error: AppError) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    const stopped = (what: string) => {
      const app = new AppError('storage', `The database writer stopped: ${what}`);
      reject(app);
      fail(app);
    };
    preparer.on('error', (error) => stopped(error.message));
    preparer.on('message', (message: FromWriter) => {
      if (message.type === 'result') settle(message.id, null, message.value);
    });
    preparer.on('exit', (code) => stopped(`its preparing thread ended (exit code ${code}).`));
    worker.on('message', (message: FromWriter) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'init-error') reject(new AppError(message.error.kind, message.error.message));
      else settle(message.id, message.type === 'error' ? message.error : null, message.type === 'result' ? message.value : undefined);
    });
    worker.on('error', (error) => {
      const app = new AppError('storage', `The database writer stopped: ${error.message}`, { cause: error });
      reject(app);
      fail(app);
    });
    worker.on('exit', (code) => {
      const app = new AppError('storage', `The database writer stopped (exit code ${code}).`);
      reject(app);
      fail(app);
    });
  });

  function settle(id: number, error: ErrorInfo | null, value: unknown) {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error) p.reject(new AppError(error.kind, error.message));
    else p.resolve(value);
  }

  const toWriter = (message: ToWriter) => worker.postMessage(message);
  const toPreparer = (message: ToPreparer) => preparer.postMessage(message);

  /** A call to the writer; `behindPreparer` sends it through the preparer, after the slices it holds. */
  function request<T>(op: WriterOp, args: unknown[], id = nextId++, behindPreparer = false): Promise<T> {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const message: ToWriter = { type: 'call', id, op, args };
      if (behindPreparer) toPreparer({ type: 'forward', message });
      else toWriter(message);
    });
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  const call = <T>(op: WriterOp, args: unknown[]) => serial(() => request<T>(op, args));

  /** A question to the preparer itself, answered by a 'result' with the same id. */
  function askPreparer<T>(id: number, message: ToPreparer, transfer: ArrayBuffer[] = []): Promise<T> {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      preparer.postMessage(message, transfer);
    });
  }

  const parser: AnswerParser = {
    parse: (raw) =>
      serial(async (): Promise<WindowAnswer> => {
        // The body's buffer moves to the preparer without a copy (the client reads each answer into a buffer
        // of its own, so nothing else here uses it).
        const id = nextId++;
        const outcome = await askPreparer<ParseOutcome>(id, { type: 'parse', id, raw }, [raw.body.buffer as ArrayBuffer]);
        if (!outcome.ok) {
          if (outcome.expected) throw new ApiError(outcome.error.kind, outcome.error.message, { status: outcome.status });
          throw new Error(`The answer could not be read: ${outcome.error.message}`);
        }
        const { noData, count, createdUtc } = outcome;
        return { noData, count, createdUtc, records: noData ? [] : { held: id } };
      }),
  };

  try {
    await ready;
  } catch (error) {
    await Promise.all([worker.terminate(), preparer.terminate()]);
    throw error;
  }

  return {
    parser,
    startRun: (run) => call<number>('startRun', [run]),
    findResumableRun: (server, start, end) => call<Awaited<ReturnType<SyncStore['findResumableRun']>>>('findResumableRun', [server, start, end]),
    commitWindow: (commit) =>
      serial(async (): Promise<UpsertCounts> => {
        const { records, ...window } = commit;
        const batch = nextId++;
        const ctx = { server: commit.server, zone: commit.zone, now: commit.now };
        if (!Array.isArray(records)) {
          toPreparer({ type: 'held', batch, ctx, held: records.held });
          return request<UpsertCounts>('commitWindow', [window, batch], batch, true);
        }
        try {
          for (let i = 0; i < records.length; i += SLICE) {
            if (failure) throw failure;
            const slice: IncomingRecord[] = records.slice(i, i + SLICE);
            toPreparer({ type: 'records', batch, ctx, records: slice });
            await nextTurn();
          }
        } catch (error) {
          if (!failure) toPreparer({ type: 'forward', message: { type: 'abort', batch } });
          throw error;
        }
        return request<UpsertCounts>('commitWindow', [window, batch], batch, true);
      }),
    logCall: (runId: number, entry: CallLogEntry) => call<void>('logCall', [runId, entry]),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, error?: ErrorInfo) => call<void>('finishRun', [runId, status, now(), error]),
    lastCoveredUtc: (server) => call<number | null>('lastCoveredUtc', [server]),
    purge: (req) => call<PurgeCounts>('purge', [req]),
    removeServerData: (server) => call<ServerRemovalCounts>('removeServerData', [server]),
    searchIndexStep: () => call<SearchIndexProgress>('searchIndexStep', []),
    threadCpu: () =>
      serial(async () => {
        const writerMs = await request<number | null>('cpu', []);
        const id = nextId++;
        const preparerMs = await askPreparer<number | null>(id, { type: 'cpu', id });
        return { writerMs, preparerMs };
      }),
    close: () =>
      serial(async () => {
        if (failure) return;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        await request<void>('close', []);
        failure = new AppError('storage', 'The database writer is closed.');
        await Promise.all([exited, preparer.terminate()]);
      }),
  };
}
