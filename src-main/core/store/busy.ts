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
 * writer commits a window (measured: a review save froze it for 1.7 s). A request that meets the lock
 * joins a queue, so the saves a user made during a sync land in the order they were made. Each request
 * must leave nothing behind when it fails busy: one statement, or one transaction.
 */
export class BusyRetry {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(options: BusyRetryOptions = {}) {
    this.sleep = options.sleep ?? sleepFor;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    const turn = this.queue.then(() => this.untilFree(work));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async untilFree<T>(work: () => Promise<T>): Promise<T> {
    const deadline = this.now() + this.timeoutMs;
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
