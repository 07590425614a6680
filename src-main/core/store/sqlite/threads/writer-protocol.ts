/**
 * Messages between the store writer (writer.ts, on the UI's thread) and its two threads: the writer
 * thread (owns the connection) and the preparer thread (turns records into rows ready to write).
 *
 *   UI thread --call--------------------------------------------> writer thread --result--> UI thread
 *   UI thread --records/commit--> preparer --stage rows/commit--> writer thread
 *   UI thread --parse (answer bytes)--> preparer --result (count, dates)--> UI thread
 *
 * A parsed answer's records stay in the preparer (held) until a 'held' message stages them: a 60,000-row
 * answer never crosses the UI thread as objects.
 *
 * A window's records go through the preparer, and its commit follows them on the same port, so the
 * writer sees every slice before the commit.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ErrorInfo } from '../../../errors';
import type { RawAnswer } from '../../../wolkvox/answer';
import type { IncomingRecord } from '../../../wolkvox/fields';
import type { PreparedRecord } from '../../sql/prepare';
import type { CallLogEntry, ResumableRun, RunStatus, UpsertCounts } from '../../../sync/sync-store';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../writes/retention';
import type { SearchIndexProgress } from '../reads/search-index';
import type { StartRun, WindowCommit } from '../writes/sync-log';
import type { FromThread } from './thread-supervisor';
import type { UpsertContext } from '../writes/upsert';

/** Records per message on the way to the writer: it writes one slice while the preparer prepares the next. */
export const SLICE = 500;

/** Each operation of the writer thread: what it is asked with, and what it answers. */
interface WriterCalls {
  startRun: { ask: { run: StartRun }; answer: number };
  findResumableRun: { ask: { server: string; rangeStartUtc: number; rangeEndUtc: number }; answer: ResumableRun | null };
  /** Commits the window whose slices were staged under `batch`. */
  commitWindow: { ask: { window: Omit<WindowCommit, 'records'>; batch: number }; answer: UpsertCounts };
  logCall: { ask: { runId: number | null; entry: CallLogEntry }; answer: void };
  finishRun: { ask: { runId: number; status: Exclude<RunStatus, 'running'>; finishedAt: number; error?: ErrorInfo }; answer: void };
  lastCoveredUtc: { ask: { server: string }; answer: number | null };
  purge: { ask: { req: PurgeRequest }; answer: PurgeCounts };
  removeServerData: { ask: { server: string }; answer: ServerRemovalCounts };
  searchIndexStep: { ask: object; answer: SearchIndexProgress };
  /** Diagnostics: the writer thread's CPU time (ms), null where the OS does not say. */
  cpu: { ask: object; answer: number | null };
}

export type WriterOp = keyof WriterCalls;
/** One request; WriterRequest<'purge'> is the purge request alone. */
export type WriterRequest<K extends WriterOp = WriterOp> = { [P in K]: { op: P } & WriterCalls[P]['ask'] }[K];
export type WriterAnswer<K extends WriterOp> = WriterCalls[K]['answer'];

/** (Generic so that a WriterRequest<K> goes as it is: K is WriterOp on the threads' side.) */
export type CallMessage<K extends WriterOp = WriterOp> = { type: 'call'; id: number; request: WriterRequest<K> };

/** To the writer thread (from the UI thread, or forwarded by the preparer). */
export type ToWriter<K extends WriterOp = WriterOp> =
  | CallMessage<K>
  /** A slice of a window's prepared records, written as it arrives; the first slice opens the transaction. */
  | { type: 'stage'; batch: number; ctx: UpsertContext; rows: PreparedRecord[] }
  /** Preparing a slice failed: the window is rolled back, and its commit reports this error. */
  | { type: 'stage-error'; batch: number; error: ErrorInfo }
  /** The sender gave up on a window before committing it: roll it back. */
  | { type: 'abort'; batch: number }
  /** Close the connection (answered with a 'result' for `id`); the thread then ends. */
  | { type: 'close'; id: number };

/** To the preparer thread, from the UI thread. */
export type ToPreparer<K extends WriterOp = WriterOp> =
  | { type: 'records'; batch: number; ctx: UpsertContext; records: IncomingRecord[] }
  /** Stage the records of a parsed answer the preparer holds, then let them go. */
  | { type: 'held'; batch: number; ctx: UpsertContext; held: number }
  /** Read an answer (its body is transferred); answered with a 'result' carrying a ParseOutcome. */
  | { type: 'parse'; id: number; raw: RawAnswer }
  | { type: 'forward'; message: ToWriter<K> }
  /** Diagnostics: the preparer's own CPU time (answered with a 'result' to the UI thread). */
  | { type: 'cpu'; id: number };

export type FromWriter = FromThread;

/** What a parse comes back as: the engine's view of the answer, or the error it means. */
export type ParseOutcome =
  | { ok: true; noData: boolean; count: number; createdUtc: Float64Array }
  /** `expected`: an error the answer means (an ApiError); otherwise a fault of the reading itself, never retried. */
  | { ok: false; error: ErrorInfo; status: number | null; expected: boolean };

export interface WriterWorkerData {
  role: 'write' | 'prepare' | 'read';
  /** For the writer and the reader: the database file. */
  dbPath?: string;
  /** The port between the preparer and the writer (absent for the reader). */
  port?: MessagePort;
  /** For the writer: the most rows of a window one transaction holds (sync-log.ts Slicing). */
  sliceRows?: number;
  /** For the writer: shared with the serving connection, which waits there for a gap (write-gate.ts). */
  gate?: SharedArrayBuffer;
  /** Set only for writer-bootstrap.mjs: the .ts entry it imports once tsx is registered. */
  entry?: string;
}
