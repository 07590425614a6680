/**
 * The sync's store, run off the UI's thread: the same operations as sync-log.ts, executed by a
 * writer thread that owns the writing connection. Errors come back as AppError with their kind.
 *
 * A window's records cross to a second worker, the preparer (identity, hashes, instants: prepare.ts),
 * which hands prepared slices to the writer; the writer writes a slice while the next is prepared, so
 * ingest uses two cores. The sync's answers are read there too (`parser`), and their records stay
 * there: this thread gets an opaque handle (KeptRecords) for the preparer's ticket. Records read here (tools) are posted a slice at a time with a
 * yield between: the structured clone of a slice costs a few ms where a whole window would cost
 * hundreds, and the preparing, which allocates a lot, never makes this thread's garbage collector pause.
 */
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../../../errors';
import type { AnswerParser, KeptRecords, WindowAnswer } from '../../../wolkvox/answer';
import { ApiError } from '../../../wolkvox/api-error';
import type { IncomingRecord } from '../../../wolkvox/fields';
import type { CallLogEntry, RunStatus, SyncStore, UpsertCounts } from '../../../sync/sync-store';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../writes/retention';
import type { SearchIndexProgress } from '../reads/search-index';
import { PendingCalls, ThreadSupervisor, threadStopped, type SupervisedThread } from './thread-supervisor';
import {
  SLICE, type FromWriter, type ParseOutcome, type ToPreparer, type ToWriter, type WriterAnswer, type WriterOp, type WriterRequest, type WriterWorkerData,
} from './writer-protocol';

export interface StoreWriterOptions {
  dbPath: string;
  /** The worker's entry. Default: writer-worker.ts beside this file (tsx); the Electron build passes its bundled store-writer.js. */
  workerUrl?: URL | string;
  /** Clock for the instants the writer stamps itself (a run's end). */
  now?: () => number;
  /** Each thread's heap ceiling in MB (see SqliteStoreOptions.threadHeapMb). */
  heapMb?: number;
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
export function startWorker(url: URL | string, workerData: WriterWorkerData, options: { port?: MessagePort; heapMb?: number } = {}): Worker {
  const href = url instanceof URL ? url.href : pathToFileURL(url).href;
  const transferList = options.port ? [options.port] : [];
  const resourceLimits = options.heapMb ? { maxOldGenerationSizeMb: options.heapMb } : undefined;
  if (!href.endsWith('.ts')) return new Worker(new URL(href), { workerData, transferList, resourceLimits });
  return new Worker(new URL('./writer-bootstrap.mjs', import.meta.url), { workerData: { ...workerData, entry: href }, transferList, resourceLimits });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One started pair of threads: the writer and its preparer. */
interface WriterThreads extends SupervisedThread {
  /** A call to the writer; `behindPreparer` sends it through the preparer, after the slices it holds. */
  request<K extends WriterOp>(request: WriterRequest<K>, id?: number, behindPreparer?: boolean): Promise<WriterAnswer<K>>;
  /** A question to the preparer itself, answered by a 'result' with the same id. */
  askPreparer<T>(id: number, message: ToPreparer, transfer?: ArrayBuffer[]): Promise<T>;
  toPreparer<K extends WriterOp>(message: ToPreparer<K>): void;
  close(): Promise<void>;
}

/**
 * Starts the writer and its preparer. When either stops, both go (the preparer's slices are meant for
 * that writer's open transaction) and every pending call fails with why.
 */
function startWriterThreads(options: StoreWriterOptions, nextId: () => number): Promise<WriterThreads> {
  const url = options.workerUrl ?? new URL('./writer-worker.ts', import.meta.url);
  const channel = new MessageChannel();
  const { sliceRows, gate } = options;
  const worker = startWorker(url, { role: 'write', dbPath: options.dbPath, port: channel.port1, sliceRows, gate }, { port: channel.port1, heapMb: options.heapMb });
  const preparer = startWorker(url, { role: 'prepare', port: channel.port2 }, { port: channel.port2, heapMb: options.heapMb });
  const pending = new PendingCalls();
  let stopped: AppError | null = null;

  const stop = (error: AppError) => {
    if (stopped) return;
    stopped = error;
    pending.failAll(error);
    // The other thread of the pair is of no use alone; terminating an ended worker does nothing.
    void worker.terminate();
    void preparer.terminate();
  };
  const settle = (message: FromWriter) => {
    if (message.type === 'result') pending.settle(message.id, null, message.value);
    else if (message.type === 'error') pending.settle(message.id, message.error, undefined);
  };
  const toWriter = <K extends WriterOp>(message: ToWriter<K>) => worker.postMessage(message);
  const toPreparer = <K extends WriterOp>(message: ToPreparer<K>) => preparer.postMessage(message);

  const threads: WriterThreads = {
    get stopped() {
      return stopped;
    },
    pending,
    request<K extends WriterOp>(request: WriterRequest<K>, id = nextId(), behindPreparer = false) {
      if (stopped) return Promise.reject(stopped);
      const answer = pending.add<WriterAnswer<K>>(id);
      const message: ToWriter<K> = { type: 'call', id, request };
      if (behindPreparer) toPreparer({ type: 'forward', message });
      else toWriter(message);
      return answer;
    },
    askPreparer<T>(id: number, message: ToPreparer, transfer: ArrayBuffer[] = []) {
      if (stopped) return Promise.reject(stopped);
      const answer = pending.add<T>(id);
      preparer.postMessage(message, transfer);
      return answer;
    },
    toPreparer,
    async close() {
      if (stopped) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const id = nextId();
      const closed = pending.add<void>(id);
      toWriter({ type: 'close', id });
      await closed;
      stop(new AppError('storage', 'The database writer is closed.'));
      await exited;
    },
  };

  return new Promise<WriterThreads>((resolve, reject) => {
    const stoppedBy = (cause: Error | number) => {
      stop(threadStopped('writing', cause));
      reject(stopped);
    };
    preparer.on('message', settle);
    // 'error' (uncaught, out of memory, a missing entry) is followed by 'exit': the first says why.
    preparer.on('error', stoppedBy);
    preparer.on('exit', stoppedBy);
    worker.on('message', (message: FromWriter) => {
      if (message.type === 'ready') resolve(threads);
      else if (message.type === 'init-error') {
        const error = new AppError(message.error.kind, message.error.message);
        stop(error);
        reject(error);
      } else settle(message);
    });
    worker.on('error', stoppedBy);
    worker.on('exit', stoppedBy);
  });
}

/**
 * The writer client. Operations run one at a time: a window's slices must never interleave with another
 * operation, which would otherwise run inside the window's open transaction. When the threads stop,
 * the operation in progress and those queued behind it fail with why (they are not sent again to new
 * threads: the caller decides); the next operation asked afterwards starts new threads.
 */
export async function openStoreWriter(options: StoreWriterOptions): Promise<StoreWriter> {
  const now = options.now ?? Date.now;
  let nextId = 1;
  const newId = () => nextId++;
  const threads = new ThreadSupervisor<WriterThreads>('writing', () => startWriterThreads(options, newId));
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: (threads: WriterThreads) => Promise<T>): Promise<T> {
    const queuedOn = threads.running();
    const run = queue.then(async () => {
      if (queuedOn?.stopped) throw queuedOn.stopped;
      return task(await threads.live());
    });
    queue = run.catch(() => undefined);
    return run;
  }

  const call = <K extends WriterOp>(request: WriterRequest<K>) => serial((t) => t.request(request));

  // The preparer keeps a parsed answer's records under its request id (a ticket); the engine holds an
  // opaque handle, which commitWindow turns back into the ticket. A ticket of threads that stopped is void.
  const tickets = new WeakMap<KeptRecords, { id: number; by: WriterThreads }>();
  const parser: AnswerParser = {
    parse: (raw) =>
      serial(async (t): Promise<WindowAnswer> => {
        // The body's buffer moves to the preparer without a copy (the client reads each answer into a buffer
        // of its own, so nothing else here uses it).
        const id = nextId++;
        const outcome = await t.askPreparer<ParseOutcome>(id, { type: 'parse', id, raw }, [raw.body.buffer as ArrayBuffer]);
        if (!outcome.ok) {
          if (outcome.expected) throw new ApiError(outcome.error.kind, outcome.error.message, { status: outcome.status });
          throw new Error(`The answer could not be read: ${outcome.error.message}`);
        }
        const { noData, count, createdUtc } = outcome;
        if (noData) return { noData, count, createdUtc, records: [] };
        const records: KeptRecords = { kept: Symbol(`answer ${id}`) };
        tickets.set(records, { id, by: t });
        return { noData, count, createdUtc, records };
      }),
  };

  await threads.live();

  return {
    parser,
    startRun: (run) => call({ op: 'startRun', run }),
    findResumableRun: (server, rangeStartUtc, rangeEndUtc) => call({ op: 'findResumableRun', server, rangeStartUtc, rangeEndUtc }),
    commitWindow: (commit) =>
      serial(async (t): Promise<UpsertCounts> => {
        const { records, ...window } = commit;
        const batch = nextId++;
        const ctx = { server: commit.server, zone: commit.zone, now: commit.now };
        if (!Array.isArray(records)) {
          const held = tickets.get(records);
          if (held === undefined) throw new AppError('storage', 'These records were not read by this cache, or were written already.');
          tickets.delete(records);
          // An answer read by threads that stopped since: its records went with them.
          if (held.by !== t) throw held.by.stopped ?? threadStopped('writing', 1);
          t.toPreparer({ type: 'held', batch, ctx, held: held.id });
          return t.request({ op: 'commitWindow', window, batch }, batch, true);
        }
        try {
          for (let i = 0; i < records.length; i += SLICE) {
            if (t.stopped) throw t.stopped;
            const slice: IncomingRecord[] = records.slice(i, i + SLICE);
            t.toPreparer({ type: 'records', batch, ctx, records: slice });
            await nextTurn();
          }
        } catch (error) {
          if (!t.stopped) t.toPreparer({ type: 'forward', message: { type: 'abort', batch } });
          throw error;
        }
        return t.request({ op: 'commitWindow', window, batch }, batch, true);
      }),
    logCall: (runId: number, entry: CallLogEntry) => call({ op: 'logCall', runId, entry }),
    finishRun: (runId: number, status: Exclude<RunStatus, 'running'>, error?: ErrorInfo) =>
      call({ op: 'finishRun', runId, status, finishedAt: now(), ...(error ? { error } : {}) }),
    lastCoveredUtc: (server) => call({ op: 'lastCoveredUtc', server }),
    purge: (req) => call({ op: 'purge', req }),
    removeServerData: (server) => call({ op: 'removeServerData', server }),
    searchIndexStep: () => call({ op: 'searchIndexStep' }),
    threadCpu: () =>
      serial(async (t) => {
        const writerMs = await t.request({ op: 'cpu' });
        const id = nextId++;
        const preparerMs = await t.askPreparer<number | null>(id, { type: 'cpu', id });
        return { writerMs, preparerMs };
      }),
    // After any operation in progress; never starts threads only to close them.
    close: () => {
      const closing = queue.then(async () => {
        await (await threads.close(new AppError('storage', 'The database writer is closed.')))?.close();
      });
      queue = closing.catch(() => undefined);
      return closing;
    },
  };
}
