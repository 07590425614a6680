import { AppError } from '../errors';

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
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs requests again, on a timer, for as long as the database is busy. The UI's connection has no busy
 * timeout: SQLite's busy handler would sleep on the thread that serves the whole app while the sync's
 * writer commits a window (measured: a review save froze it for 1.7 s). Each request must leave nothing
 * behind when it fails busy: one statement, or one transaction.
 *
 * Writes are ordered: one that meets the lock joins a queue, and while writes wait there a new write
 * joins it too rather than try first, so saves land in the order they were made (an older column layout
 * never overwrites a newer one). Reads never wait behind writes.
 */
export class BusyRetry {
  private queue: Promise<unknown> = Promise.resolve();
  private writesWaiting = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(options: BusyRetryOptions = {}) {
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async run<T>(work: () => Promise<T>, kind: 'read' | 'write' = 'write'): Promise<T> {
    if (kind === 'write' && this.writesWaiting > 0) return this.enqueue(work, this.now());
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    const since = this.now();
    return kind === 'write' ? this.enqueue(work, since) : this.untilFree(work, since);
  }

  private enqueue<T>(work: () => Promise<T>, since: number): Promise<T> {
    this.writesWaiting += 1;
    const turn = this.queue.then(() => this.untilFree(work, since)).finally(() => (this.writesWaiting -= 1));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Tries until the work goes through; the deadline counts from when the request first met the lock. */
  private async untilFree<T>(work: () => Promise<T>, since: number): Promise<T> {
    const deadline = since + this.timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 50)) {
      await this.sleep(delay);
      try {
        return await work();
      } catch (error) {
        if (!isBusy(error)) throw error;
        if (this.now() >= deadline) {
          throw new AppError('storage', 'The local cache stayed busy with a sync for too long; try again when the sync is done.', { cause: error });
        }
      }
    }
  }
}
