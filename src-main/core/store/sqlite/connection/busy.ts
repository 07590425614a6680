import { AppError } from '../../../errors';
import { waitForGap, type WaitingWrite } from './write-gate';

/** SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes), possibly wrapped as a cause. */
export function isBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}

export interface BusyRetryOptions {
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** How long to keep trying; a sync's window is written in a few seconds. */
  timeoutMs?: number;
  /**
   * Shared with this process's sync writer (write-gate.ts): a busy write is counted as waiting there, and
   * tried again at the writer's next gap between slices instead of on the timer alone.
   */
  gate?: SharedArrayBuffer;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs requests again, on a timer, for as long as the database is busy. The UI's connection has no busy
 * timeout: SQLite's busy handler would sleep on the thread that serves the whole app while the sync's
 * writer commits a window (measured: a review save froze it for 1.7 s). Each request must leave nothing
 * behind when it fails busy: one statement, or one transaction.
 *
 * Writes are ordered: each waits for the one before it to land, so saves land in the order they were
 * made (an older column layout never overwrites a newer one). Reads never wait behind writes.
 */
export class BusyRetry {
  /** Writes in the order they were asked, each after the one before has landed (or failed). */
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly gate: SharedArrayBuffer | undefined;

  constructor(options: BusyRetryOptions = {}) {
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.gate = options.gate;
  }

  run<T>(work: () => Promise<T>, kind: 'read' | 'write' = 'write'): Promise<T> {
    const since = this.now();
    if (kind === 'read') return this.untilFree(work, since, null);
    // With nothing queued, the first try starts within this call; otherwise it waits its turn.
    const gate = this.gate ?? null;
    const turn = this.queued === 0 ? this.untilFree(work, since, gate) : this.queue.then(() => this.untilFree(work, since, gate));
    this.queued += 1;
    this.queue = turn.then(
      () => void (this.queued -= 1),
      () => void (this.queued -= 1),
    );
    return turn;
  }

  /** Tries until the work goes through; the deadline counts from the request, however long it waited its turn. */
  private async untilFree<T>(work: () => Promise<T>, since: number, gate: SharedArrayBuffer | null): Promise<T> {
    let waiting: WaitingWrite | null = null;
    try {
      for (let delay = 5; ; delay = Math.min(delay * 2, 50)) {
        try {
          return await work();
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (this.now() - since >= this.timeoutMs) {
            throw new AppError('storage', 'The local cache stayed busy with a sync for too long; try again when the sync is done.', { cause: error });
          }
        }
        if (gate) await (waiting ??= waitForGap(gate)).nextGap(delay);
        else await this.sleep(delay);
      }
    } finally {
      waiting?.done();
    }
  }
}
