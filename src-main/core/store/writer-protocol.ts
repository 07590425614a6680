/** Messages between the store writer (writer.ts, on the UI's thread) and its worker (writer-worker.ts). */
import type { ErrorInfo } from '../errors';
import type { IncomingRecord } from '../wolkvox/fields';

export type WriterOp = 'startRun' | 'findResumableRun' | 'commitWindow' | 'logCall' | 'finishRun' | 'lastCoveredUtc' | 'close';

export type ToWorker =
  | { type: 'call'; id: number; op: WriterOp; args: unknown[] }
  /** A slice of a window's records, sent ahead of its commitWindow call (see writer.ts for why). */
  | { type: 'stage'; batch: number; records: IncomingRecord[] };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-error'; error: ErrorInfo }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorInfo };

export interface WriterWorkerData {
  dbPath: string;
  /** Set only for writer-bootstrap.mjs: the .ts entry it imports once tsx is registered. */
  entry?: string;
}
