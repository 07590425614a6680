import { AppError } from '../errors';

export type ReleaseLock = () => void;

/**
 * One request in flight per token, across jobs and across processes (the vendor counts a token's
 * concurrent calls). The desktop implementation is a file lock (store/sqlite/locks/file-token-lock.ts),
 * chosen by the composition root; a shared backend brings its own.
 */
export interface TokenLock {
  /** Waits until this process holds the token's lock; 'cancelled' when `signal` aborts first. */
  acquire(token: string, signal?: AbortSignal): Promise<ReleaseLock>;
}

/** Runs `fn` holding the token's lock, and releases it whatever `fn` does. */
export async function withLock<T>(lock: TokenLock, token: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const release = await lock.acquire(token, signal);
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * Both locks held around each call, `outer` taken first and let go last: the machine's own lock orders this
 * machine's callers before they queue for a lock shared with other machines (a team cache's).
 */
export function bothLocks(outer: TokenLock, inner: TokenLock): TokenLock {
  return {
    async acquire(token, signal) {
      const releaseOuter = await outer.acquire(token, signal);
      let releaseInner: ReleaseLock;
      try {
        releaseInner = await inner.acquire(token, signal);
      } catch (error) {
        releaseOuter();
        throw error;
      }
      return () => {
        try {
          releaseInner();
        } finally {
          releaseOuter();
        }
      };
    },
  };
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('cancelled', 'The sync was cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('cancelled', 'The sync was cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
