import { AppError } from '../../../errors';
import type { FacetField } from '../../sql/columns';
import type { InteractionFilter } from '../reads/filters';
import type { FacetCount } from '../reads/queries';
import type { Insights } from '../../../insights/insights-types';
import type { ReviewStatusCounts } from '../../../reviews/types';
import type { SampleRule } from '../../../reviews/sample-rule';
import type { ReadAnswer, ReadOp, ReadRequest, ToReader } from './reader-protocol';
import type { AuditSummary, SamplePreview } from '../../store';
import { PendingCalls, ThreadSupervisor, threadStopped, type FromThread, type SupervisedThread } from './thread-supervisor';
import { startWorker } from './writer';

export interface StoreReader {
  /** Resolves once a thread is started and ready to read. */
  ready(): Promise<void>;
  /** Any read, typed by its operation: call({ op: 'count', filter }) answers a number. */
  call<K extends ReadOp>(request: ReadRequest<K>): Promise<ReadAnswer<K>>;
  count(filter: InteractionFilter): Promise<number>;
  facets(filter: InteractionFilter, fields: FacetField[]): Promise<Record<string, FacetCount[]>>;
  /** Review progress of the rows a filter selects ("38 of 120 reviewed"). */
  reviewCounts(filter: InteractionFilter): Promise<ReviewStatusCounts>;
  /** The audit workbook's Summary and the scorecards used (a scan of the selection's reviews). */
  auditSummary(filter: InteractionFilter): Promise<AuditSummary>;
  /** The Insights view's figures (insights.ts) in a time zone. */
  insights(filter: InteractionFilter, zone: string): Promise<Insights>;
  /** What a sample draw would take (samples-sql.ts previewSample). */
  previewSample(filter: InteractionFilter, rule: SampleRule): Promise<SamplePreview>;
  close(): Promise<void>;
}

export interface StoreReaderOptions {
  dbPath: string;
  workerUrl?: URL | string;
  /** The thread's heap ceiling in MB (see SqliteStoreOptions.threadHeapMb). */
  heapMb?: number;
}

/** One started reader thread. */
interface ReaderThread extends SupervisedThread {
  call<K extends ReadOp>(request: ReadRequest<K>): Promise<ReadAnswer<K>>;
  close(): Promise<void>;
}

/**
 * Counts and facets on a worker thread (see reader-thread.ts); the same worker entry as the writer.
 * The thread starts at the first read (or ready()). A thread that stops fails its pending reads at once
 * and the next read starts a new one (thread-supervisor.ts).
 */
export function createStoreReader(options: StoreReaderOptions): StoreReader {
  let nextId = 1;
  const threads = new ThreadSupervisor<ReaderThread>('reading', () => startReaderThread(options, () => nextId++));
  const call = async <K extends ReadOp>(request: ReadRequest<K>) => (await threads.live()).call(request);
  return {
    ready: async () => void (await threads.live()),
    call,
    count: (filter) => call({ op: 'count', filter }),
    facets: (filter, fields) => call({ op: 'facets', filter, fields }),
    reviewCounts: (filter) => call({ op: 'reviewCounts', filter }),
    auditSummary: (filter) => call({ op: 'auditSummary', filter }),
    insights: (filter, zone) => call({ op: 'insights', filter, zone }),
    previewSample: (filter, rule) => call({ op: 'samplePreview', filter, rule }),
    async close() {
      await (await threads.close(new AppError('storage', 'The cache is closed.')))?.close();
    },
  };
}

/** A reader whose thread is started and ready (or the error that kept it from starting). */
export async function openStoreReader(options: StoreReaderOptions): Promise<StoreReader> {
  const reader = createStoreReader(options);
  await reader.ready();
  return reader;
}

function startReaderThread(options: StoreReaderOptions, nextId: () => number): Promise<ReaderThread> {
  const worker = startWorker(options.workerUrl ?? new URL('./writer-worker.ts', import.meta.url), { role: 'read', dbPath: options.dbPath }, {
    heapMb: options.heapMb,
  });
  const pending = new PendingCalls();
  let stopped: AppError | null = null;
  let closed: AppError | null = null;
  const stop = (error: AppError) => {
    stopped ??= error;
    pending.failAll(stopped);
  };
  const send = <K extends ReadOp>(message: ToReader<K>) => worker.postMessage(message);
  const thread: ReaderThread = {
    get stopped() {
      return stopped;
    },
    pending,
    call<K extends ReadOp>(request: ReadRequest<K>) {
      if (stopped ?? closed) return Promise.reject(stopped ?? closed);
      const id = nextId();
      const answer = pending.add<ReadAnswer<K>>(id);
      send({ type: 'call', id, request });
      return answer;
    },
    async close() {
      if (stopped ?? closed) return;
      // Reads sent before are answered first (the thread takes its messages in order); none is taken after.
      closed = new AppError('storage', 'The cache is closed.');
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      send({ type: 'close' });
      await exited;
    },
  };
  return new Promise<ReaderThread>((resolve, reject) => {
    worker.on('message', (message: FromThread) => {
      if (message.type === 'ready') resolve(thread);
      else if (message.type === 'init-error') {
        const error = new AppError(message.error.kind, message.error.message);
        stop(error);
        reject(error);
      } else pending.settle(message.id, message.type === 'error' ? message.error : null, message.type === 'result' ? message.value : undefined);
    });
    // 'error' (uncaught, out of memory, a missing entry) is followed by 'exit': the first says why.
    worker.on('error', (error) => {
      stop(threadStopped('reading', error));
      reject(stopped);
    });
    worker.on('exit', (code) => {
      stop(closed ?? threadStopped('reading', code));
      reject(stopped);
    });
  });
}
