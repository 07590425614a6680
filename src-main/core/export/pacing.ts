/**
 * Keeps a long export polite in the app's main process: batches are awaited with the abort signal in the race
 * (a stalled producer cannot make Cancel wait), and the event loop gets a turn at least every few ms even when
 * rows arrive faster than they can be written.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../errors';

/** Longest run of synchronous work between turns of the event loop. */
const SLICE_MS = 8;

export function cancelledError(cause?: unknown): AppError {
  return new AppError('cancelled', 'The export was cancelled; no file was saved.', { cause });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

function abortPromise(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** The batches of `rows`, stopping with a 'cancelled' error as soon as `signal` aborts. */
export async function* batches<T>(rows: AsyncIterable<T[]>, signal?: AbortSignal): AsyncGenerator<T[]> {
  const iterator = rows[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      throwIfAborted(signal);
      let next: IteratorResult<T[]>;
      if (signal) {
        const abort = abortPromise(signal);
        try {
          next = await Promise.race([iterator.next(), abort.promise]);
        } finally {
          abort.dispose();
        }
      } else {
        next = await iterator.next();
      }
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Let the producer release what it holds (a database cursor); not awaited, since it may be the one stalled.
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}

export class Pacer {
  private last: number;

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.last = clock();
  }

  /** Yields to the event loop when this turn has run long enough; then checks for cancel. */
  async turn(): Promise<void> {
    const now = this.clock();
    if (now - this.last >= SLICE_MS) {
      await nextTurn();
      this.last = this.clock();
    }
    throwIfAborted(this.signal);
  }
}
