/**
 * What the store's worker threads (reader.ts, writer.ts) share: calls waiting for an answer, the words
 * for a thread that stopped, and starting a fresh thread for the next request after one stopped.
 *
 * A thread stops when it exits, throws an uncaught error, fails to start or runs out of memory. Its
 * pending calls then fail at once (never wait forever), and the next request starts a new thread. A call
 * is never sent again by itself: what the stopped thread was doing is lost (SQLite rolls back a
 * transaction its connection did not commit), and the caller decides whether to try again.
 */
import { AppError, type ErrorInfo } from '../../../errors';

export type ThreadName = 'reading' | 'writing';

/** From a store thread (a reader, the writer, the preparer) to the client that started it. */
export type FromThread =
  | { type: 'ready' }
  /** Opening the database failed: the thread ends. */
  | { type: 'init-error'; error: ErrorInfo }
  /** `value`: the answer to the call `id`, of the type its request names (see the protocols). */
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorInfo };

/** Threads stopping this many times in a row before answering anything are not started again. */
export const RESTARTS_IN_A_ROW = 3;

const SUBJECT: Record<ThreadName, string> = { reading: "The cache's reading thread", writing: "The cache's writing thread" };
const LOST: Record<ThreadName, string> = {
  reading: 'the request was cancelled',
  writing: 'the operation in progress was cancelled and nothing of it was half-saved',
};

/** Why a thread stopped, in words a supervisor can act on: never its stack or a file path. */
export function threadStopped(thread: ThreadName, cause: Error | number): AppError {
  const subject = SUBJECT[thread];
  const options = { cause };
  if (typeof cause === 'number') return new AppError('storage', `${subject} stopped, so ${LOST[thread]}. Try again.`, options);
  if ((cause as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    // Insights keeps columns of the whole cache: a narrower filter would not help, a smaller cache does.
    const advice = 'Try again; if it keeps happening, close other programs or keep less data in the cache (retention).';
    return new AppError('storage', `${subject} ran out of memory, so ${LOST[thread]}. ${advice}`, options);
  }
  return new AppError('storage', `${subject} failed, so ${LOST[thread]}. Try again.`, options);
}

function givenUp(thread: ThreadName): AppError {
  return new AppError(
    'storage',
    `${SUBJECT[thread]} stopped ${RESTARTS_IN_A_ROW} times in a row, so it is not started again. Restart the app; if this keeps happening, the cache file may be damaged.`,
  );
}

/** Calls sent to a thread, waiting for their answer; all fail together when the thread stops. */
export class PendingCalls {
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: AppError) => void }>();
  /** Set once any call got its answer: the thread works, whatever happens to it later. */
  answered = false;

  /** `T`: the answer's type, which the protocol (reader-protocol.ts, writer-protocol.ts) ties to the request. */
  add<T>(id: number): Promise<T> {
    return new Promise<T>((resolve, reject) => this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  settle(id: number, error: ErrorInfo | null, value: unknown): void {
    const call = this.calls.get(id);
    if (!call) return;
    this.calls.delete(id);
    this.answered = true;
    if (error) call.reject(new AppError(error.kind, error.message));
    else call.resolve(value);
  }

  failAll(error: AppError): void {
    for (const call of this.calls.values()) call.reject(error);
    this.calls.clear();
  }
}

/** One started thread (or pair of threads) as its supervisor sees it. */
export interface SupervisedThread {
  /** Set when the thread stopped (or was closed): why. */
  readonly stopped: AppError | null;
  readonly pending: PendingCalls;
}

/**
 * Keeps one live thread: started at the first request, and again at the first request after it stopped.
 * Threads that keep stopping before they answer anything (a damaged cache, a broken build) are given up
 * after RESTARTS_IN_A_ROW, with a final error, instead of being restarted by every request.
 */
export class ThreadSupervisor<T extends SupervisedThread> {
  private current: Promise<T> | null = null;
  private latest: T | null = null;
  private stoppedInARow = 0;
  private final: AppError | null = null;

  constructor(
    private readonly thread: ThreadName,
    private readonly start: () => Promise<T>,
  ) {}

  /** The thread running now, without starting one: null when none is, or it stopped. */
  running(): T | null {
    return this.latest && !this.latest.stopped ? this.latest : null;
  }

  /** The running thread, or a new one when the last one stopped. */
  live(): Promise<T> {
    if (this.final) return Promise.reject(this.final);
    const last = this.latest;
    if (this.current && !last?.stopped) return this.current;
    if (last?.stopped) {
      this.stoppedInARow = last.pending.answered ? 1 : this.stoppedInARow + 1;
      this.latest = null;
    }
    if (this.stoppedInARow >= RESTARTS_IN_A_ROW) return Promise.reject((this.final = givenUp(this.thread)));
    const started = this.start().then(
      (thread) => (this.latest = thread),
      (error: unknown) => {
        // A thread that could not start counts as one that stopped before answering.
        this.stoppedInARow += 1;
        this.current = null;
        throw error;
      },
    );
    this.current = started;
    return started;
  }

  /** No thread is started after this; later requests fail with `error`. Answers the thread left to close. */
  async close(error: AppError): Promise<T | null> {
    this.final = error;
    const thread = await this.current?.catch(() => null);
    return thread && !thread.stopped ? thread : null;
  }
}
