/**
 * The sync's store, run off the UI's thread: the same operations as sync-log.ts, executed by a
 * worker thread that owns the writing connection. Errors come back as AppError with their kind.
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../errors';
import type { IncomingRecord } from '../wolkvox/fields';
import type { CallLogEntry, RunStatus, SyncStore, UpsertCounts } from '../sync/sync-store';
import type { FromWorker, ToWorker, WriterOp, WriterWorkerData } from './writer-protocol';

export interface StoreWriterOptions {
  dbPath: string;
  /** The worker's entry. Default: writer-worker.ts beside this file (tsx); the Electron build passes its bundled store-writer.js. */
  workerUrl?: URL | string;
  /** Clock for the instants the writer stamps itself (a run's end). */
  now?: () => number;
}

export interface StoreWriter extends SyncStore {
  close(): Promise<void>;
}

/**
 * Structured-cloning 60,000 records in one postMessage blocks the sending thread for a few hundred
 * ms; slices of this size cost a few ms each, and the thread breathes between them.
 */
const STAGE_SLICE = 1000;

/** A .ts entry (running from source under tsx) starts through writer-bootstrap.mjs; see there why. */
function startWorker(url: URL | string, workerData: WriterWorkerData): Worker {
  const href = url instanceof URL ? url.href : pathToFileURL(url).href;
  if (!href.endsWith('.ts')) return new Worker(new URL(href), { workerData });
  return new Worker(new URL('./writer-bootstrap.mjs', import.meta.url), { workerData: { ...workerData, entry: href } });
}

export async function openStoreWriter(options: StoreWriterOptions): Promise<StoreWriter> {
  const url = options.workerUrl ?? new URL('./writer-worker.ts', import.meta.url);
  const now = options.now ?? Date.now;
  const workerData: WriterWorkerData = { dbPath: options.dbPath };
  const worker = startWorker(url, workerData);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: AppError) => void }>();
  let nextId = 1;
  let failure: AppError | null = null;

  const fail = (error: AppError) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
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

  function call<T>(op: WriterOp, args: unknown[], id = nextId++): Promise<T> {
    if (failure) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ type: 'call', id, op, args } satisfies ToWorker);
    });
  }

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  return {
    startRun: (run) => call<number>('startRun', [run]),
    findResumableRun: (server, start, end) => call<{ id: number; cursorUtc: number } | null>('findResumableRun', [server, start, end]),
    async commitWindow(commit): Promise<UpsertCounts> {
      const { records, ...rest } = commit;
      const id = nextId++;
      for (let i = 0; i < records.length; i += STAGE_SLICE) {
        if (failure) throw failure;
        const slice: IncomingRecord[] = records.slice(i, i + STAGE_SLICE);
        worker.postMessage({ type: 'stage', batch: id, records: slice } satisfies ToWorker);
        if (i + STAGE_SLICE < records.length) await new Promise((resolve) => setImmediate(resolve));
      }
      return call<UpsertCounts>('commitWindow', [rest, id], id);
    },
    logCall: (runId: number, entry: CallLogEntry) => call<void>('logCall', [runId, entry]),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, error?: ErrorInfo) =>
      call<void>('finishRun', [runId, status, now(), error]),
    lastCoveredUtc: (server) => call<number | null>('lastCoveredUtc', [server]),
    async close() {
      if (failure) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await call<void>('close', []);
      failure = new AppError('storage', 'The database writer is closed.');
      await exited;
    },
  };
}
