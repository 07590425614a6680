import { AppError, type ErrorInfo } from '../errors';
import { runSync, type SyncProgress, type SyncSpan, type SyncResult } from '../sync/sync-engine';
import type { SyncStore } from '../sync/sync-store';
import type { RetryPolicy } from '../sync/retry';
import type { TokenLock } from '../sync/token-lock';
import { Chat4Client, type ClientTimeouts, type FetchFn } from '../wolkvox/client';
import type { TokenAccess } from './tokens';

export interface SyncTarget {
  server: string;
  zone: string;
  baseUrl?: string;
}

export interface SyncRunnerDeps {
  store: SyncStore;
  lock: TokenLock;
  tokens: TokenAccess;
  fetch?: FetchFn;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Limits of each call (default: 90 s to headers, 60 s idle, a cap from the answer's size). */
  timeouts?: Partial<ClientTimeouts>;
  onProgress?: (p: SyncProgress) => void;
  onFinished?: (r: SyncResult) => void;
}

/**
 * Runs the downloads of this process one at a time (the token lock extends that to other processes).
 * The UI starts jobs in the background and follows them through events; the CLI awaits them.
 */
export class SyncRunner {
  private current: { controller: AbortController; progress: SyncProgress | null; done: Promise<SyncResult> } | null = null;

  constructor(private readonly deps: SyncRunnerDeps) {}

  get running(): SyncProgress | null {
    return this.current?.progress ?? null;
  }

  get busy(): boolean {
    return this.current !== null;
  }

  /** Starts a job; throws when one is already running (the caller says so to the user). */
  start(target: SyncTarget, range: SyncSpan, onProgress?: (p: SyncProgress) => void): Promise<SyncResult> {
    if (this.current) throw new AppError('concurrency', 'A sync is already running: wait for it to finish or cancel it.');
    const controller = new AbortController();
    const job = { controller, progress: null as SyncProgress | null, done: Promise.resolve(null as unknown as SyncResult) };
    this.current = job;
    job.done = this.execute(target, range, controller.signal, (p) => {
      job.progress = p;
      onProgress?.(p);
      this.deps.onProgress?.(p);
    }).finally(() => {
      if (this.current === job) this.current = null;
    });
    return job.done;
  }

  cancel(): void {
    this.current?.controller.abort();
  }

  /** Waits for the running job, if any (used when closing). */
  async settle(): Promise<void> {
    await this.current?.done.catch(() => undefined);
  }

  private async execute(target: SyncTarget, range: SyncSpan, signal: AbortSignal, onProgress: (p: SyncProgress) => void) {
    let result: SyncResult;
    try {
      // The address is checked first: a token is never even looked up for an address it may not go to.
      const client = new Chat4Client({
        server: target.server,
        baseUrl: target.baseUrl,
        fetch: this.deps.fetch,
        timeoutMs: this.deps.timeoutMs,
        timeouts: this.deps.timeouts,
        parser: this.deps.store.parser,
      });
      const token = await this.deps.tokens.resolve(target);
      result = await runSync(
        { client, store: this.deps.store, lock: this.deps.lock, now: this.deps.now, sleep: this.deps.sleep, retry: this.deps.retry },
        { server: target.server, token, zone: target.zone, range, signal, onProgress },
      );
    } catch (error) {
      // Failures before the first call (no token, bad server name, bad range): no run was recorded.
      const info: ErrorInfo = error instanceof AppError ? { kind: error.kind, message: error.message } : { kind: 'server', message: String(error) };
      result = failedBeforeStart(info, this.deps.now());
    }
    this.deps.onFinished?.(result);
    return result;
  }
}

function failedBeforeStart(error: ErrorInfo, now: number): SyncResult {
  return {
    runId: 0, startUtc: now, endUtc: now, coveredUtc: now, windowsDone: 0, calls: 0, rows: 0, inserted: 0, updated: 0,
    elapsedMs: 0, status: 'failed', resumed: false, error,
  };
}
