import type { ErrorInfo } from '../errors';
import type { AnswerParser, AnswerRecords } from '../wolkvox/answer';

export type { AnswerRecords, KeptRecords } from '../wolkvox/answer';

/** One API call as the sync log keeps it. */
export interface CallLogEntry {
  server: string;
  windowStartUtc: number;
  windowEndUtc: number;
  startedAt: number;
  durationMs: number;
  /** 'ok' | 'no-data' | 'capped' | an error kind */
  outcome: string;
  rows: number;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

/** An unfinished run a new sync of the same range can go on from: everything before `cursorUtc` is committed. */
export interface ResumableRun {
  id: number;
  cursorUtc: number;
  status: RunStatus;
}

/** What the sync engine needs of the cache. */
export interface SyncStore {
  /**
   * How this store wants the API's answers read (the client uses it). It may hand the records over, or keep
   * them where it read them and hand over a KeptRecords handle; either way the engine passes an answer's
   * `records` to commitWindow unopened. A store with nothing better to offer returns wolkvox's inThreadParser.
   */
  readonly parser: AnswerParser;
  /**
   * The latest range run of this server from the same start, when it did not finish ('running' after a kill,
   * 'failed' at the daily quota, 'cancelled'): a new sync goes on from its checkpoint instead of paying again for
   * committed windows. The end may differ (a range ending "now" moves). null when that run is done, or none.
   */
  findResumableRun(server: string, rangeStartUtc: number, rangeEndUtc: number): Promise<ResumableRun | null>;
  /** `cursorUtc`: a run that goes on from an unfinished one starts with that one's checkpoint. */
  startRun(run: { server: string; mode: 'range' | 'incremental'; rangeStartUtc: number; rangeEndUtc: number; startedAt: number; cursorUtc?: number }): Promise<number>;
  /** Rows, the run's checkpoint and the call's log line, in one transaction. Kept records are this store's parser's only. */
  commitWindow(commit: {
    runId: number;
    records: AnswerRecords;
    server: string;
    zone: string;
    now: number;
    cursorUtc: number;
    call: CallLogEntry;
  }): Promise<UpsertCounts>;
  logCall(runId: number, call: CallLogEntry): Promise<void>;
  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, error?: ErrorInfo): Promise<void>;
  lastCoveredUtc(server: string): Promise<number | null>;
}
