import { AppError, toErrorInfo, type ErrorInfo } from '../errors';
import { ZoneConverter } from '../time/zone';
import { ApiError } from '../wolkvox/api-error';
import type { WindowAnswer } from '../wolkvox/answer';
import type { Chat4Client } from '../wolkvox/client';
import { resumePointAfterCap } from './cap-continuation';
import { DEFAULT_RETRY, backoffMs, shouldRetry, type RetryPolicy } from './retry';
import type { CallLogEntry, SyncStore } from './sync-store';
import { withLock, type TokenLock } from './token-lock';
import { planWindows, ROW_CAP, splitWindow, windowParams, type SyncWindow } from './windows';

export const DEFAULT_OVERLAP_MS = 48 * 3_600_000;

/**
 * An incremental sync goes from the last covered instant minus `overlapMs` to now (today's fixed overlap), or
 * from `fromUtc` when the auto-sync planner chose the start (auto-plan.ts).
 */
export type SyncSpan =
  | { kind: 'range'; startUtc: number; endUtc: number }
  | { kind: 'incremental'; overlapMs?: number; fromUtc?: number };

export interface SyncRequest {
  server: string;
  token: string;
  zone: string;
  range: SyncSpan;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  runId: number;
  startUtc: number;
  endUtc: number;
  /** Everything before this instant is in the cache. */
  coveredUtc: number;
  windowsDone: number;
  windowsLeft: number;
  calls: number;
  rows: number;
  inserted: number;
  updated: number;
  elapsedMs: number;
  /** Rough time left from the pace so far; null until one window is done. */
  etaMs: number | null;
  /** Set while waiting to retry a failed call. */
  retrying?: ErrorInfo & { attempt: number; delayMs: number };
}

export interface SyncResult extends Omit<SyncProgress, 'retrying' | 'etaMs' | 'windowsLeft'> {
  status: 'done' | 'failed' | 'cancelled';
  resumed: boolean;
  error?: ErrorInfo;
}

export interface SyncDeps {
  client: Chat4Client;
  store: SyncStore;
  lock: TokenLock;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  retry?: RetryPolicy;
}

/** Works out the instants a request covers; a range never reaches past now (no interaction exists there yet). */
export async function resolveRange(store: Pick<SyncStore, 'lastCoveredUtc'>, server: string, range: SyncSpan, now: number) {
  if (range.kind === 'range') {
    if (!(range.startUtc < range.endUtc)) throw new AppError('bad-input', 'The start of the range must be before its end.');
    return { startUtc: range.startUtc, endUtc: Math.min(range.endUtc, Math.floor(now / 1000) * 1000) };
  }
  const endUtc = Math.floor(now / 1000) * 1000;
  if (range.fromUtc !== undefined) return { startUtc: Math.min(endUtc - 1000, Math.floor(range.fromUtc / 1000) * 1000), endUtc };
  const overlap = range.overlapMs ?? DEFAULT_OVERLAP_MS;
  const last = await store.lastCoveredUtc(server);
  return { startUtc: Math.floor(((last ?? now) - overlap) / 1000) * 1000, endUtc };
}

/**
 * Downloads a range into the cache, one request at a time per token. Windows go oldest first, each
 * committed with its checkpoint, so a killed run resumes where it stopped. A window that comes back at
 * the row cap goes on from its last complete second (or is halved); one that times out is halved.
 */
export async function runSync(deps: SyncDeps, req: SyncRequest): Promise<SyncResult> {
  const zone = new ZoneConverter(req.zone);
  const random = deps.random ?? Math.random;
  const policy = deps.retry ?? DEFAULT_RETRY;
  const started = deps.now();
  const { startUtc, endUtc } = await resolveRange(deps.store, req.server, req.range, started);
  // A range sync that did not finish (killed, quota, cancelled) is gone on from its checkpoint: committed windows
  // are never paid for twice. A killed run ('running') is taken over; a finished one is followed by a new run
  // that starts at its checkpoint, so the history keeps the failure and a later try still resumes.
  const resumable = req.range.kind === 'range' ? await deps.store.findResumableRun(req.server, startUtc, endUtc) : null;
  const firstUtc = resumable ? Math.min(endUtc, Math.max(startUtc, resumable.cursorUtc)) : startUtc;
  const runId =
    resumable?.status === 'running'
      ? resumable.id
      : await deps.store.startRun({
          server: req.server, mode: req.range.kind, rangeStartUtc: startUtc, rangeEndUtc: endUtc, startedAt: started,
          ...(resumable ? { cursorUtc: firstUtc } : {}),
        });
  const queue: SyncWindow[] = planWindows(firstUtc, endUtc, zone);
  const p: SyncProgress = {
    runId, startUtc, endUtc, coveredUtc: firstUtc, windowsDone: 0, windowsLeft: queue.length,
    calls: 0, rows: 0, inserted: 0, updated: 0, elapsedMs: 0, etaMs: null,
  };
  const report = (extra?: Partial<SyncProgress>) => {
    p.elapsedMs = deps.now() - started;
    p.windowsLeft = queue.length;
    const done = p.coveredUtc - firstUtc;
    p.etaMs = done > 0 ? Math.round((p.elapsedMs * (endUtc - p.coveredUtc)) / done) : null;
    req.onProgress?.({ ...p, ...extra });
  };
  const finish = async (status: SyncResult['status'], error?: ErrorInfo): Promise<SyncResult> => {
    await deps.store.finishRun(runId, status, error);
    report();
    const { retrying: _r, etaMs: _e, windowsLeft: _w, ...rest } = p;
    return { ...rest, status, resumed: Boolean(resumable), ...(error ? { error } : {}) };
  };

  report();
  try {
    while (queue.length > 0) {
      const window = queue[0]!;
      const attemptStart = deps.now();
      let answer: WindowAnswer;
      try {
        answer = await callWithRetry(deps, req, zone, window, policy, random, (info) => report({ retrying: info }), p);
      } catch (error) {
        if (error instanceof ApiError && error.timedOut) {
          const halves = splitWindow(window);
          if (halves) {
            queue.splice(0, 1, ...halves);
            continue;
          }
        }
        throw error;
      }
      const capped = answer.count >= ROW_CAP;
      const call: CallLogEntry = {
        server: req.server, windowStartUtc: window.startUtc, windowEndUtc: window.endUtc, startedAt: attemptStart,
        durationMs: deps.now() - attemptStart, outcome: answer.noData ? 'no-data' : capped ? 'capped' : 'ok', rows: answer.count,
      };
      let cursorUtc = window.endUtc;
      if (capped) {
        const resumeFrom = resumePointAfterCap(answer.createdUtc, window);
        const halves = resumeFrom === null ? splitWindow(window) : null;
        if (resumeFrom !== null) {
          // Go on with full-size windows from there: a window cut short at the old boundary would waste a call.
          queue.splice(0, queue.length, ...planWindows(resumeFrom, endUtc, zone));
          cursorUtc = resumeFrom;
        } else if (halves) {
          queue.splice(0, 1, ...halves);
          cursorUtc = p.coveredUtc;
        } else {
          // A single second holding more than the cap: nothing smaller can be asked. Keep what came.
          queue.shift();
        }
      } else {
        queue.shift();
      }
      // Keep every row that arrived, even from a capped answer: upserts are idempotent.
      const counts = await deps.store.commitWindow({
        runId, records: answer.records, server: req.server, zone: req.zone, now: deps.now(), cursorUtc, call,
      });
      p.coveredUtc = cursorUtc;
      p.rows += answer.count;
      p.inserted += counts.inserted;
      p.updated += counts.updated;
      if (cursorUtc === window.endUtc) p.windowsDone += 1;
      report();
    }
    return await finish('done');
  } catch (error) {
    const info = toErrorInfo(error);
    return finish(info.kind === 'cancelled' ? 'cancelled' : 'failed', info);
  }
}

async function callWithRetry(
  deps: SyncDeps,
  req: SyncRequest,
  zone: ZoneConverter,
  window: SyncWindow,
  policy: RetryPolicy,
  random: () => number,
  onRetry: (info: ErrorInfo & { attempt: number; delayMs: number }) => void,
  p: SyncProgress,
): Promise<WindowAnswer> {
  const params = windowParams(window, zone);
  for (let attempt = 0; ; attempt++) {
    if (req.signal?.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
    const startedAt = deps.now();
    try {
      p.calls += 1;
      return await withLock(
        deps.lock,
        req.token,
        () => deps.client.fetchWindow({ token: req.token, zone: req.zone, ...params, signal: req.signal }),
        req.signal,
      );
    } catch (error) {
      const info = toErrorInfo(error);
      if (info.kind === 'cancelled') {
        p.calls -= 1;
        throw error;
      }
      await deps.store.logCall(p.runId, {
        server: req.server, windowStartUtc: window.startUtc, windowEndUtc: window.endUtc, startedAt,
        durationMs: deps.now() - startedAt, outcome: info.kind, rows: 0,
      });
      if ((error instanceof ApiError && error.timedOut) || !shouldRetry(error, attempt, policy)) throw error;
      const delayMs = Math.round(backoffMs(policy, attempt, random));
      onRetry({ ...info, attempt: attempt + 1, delayMs });
      await deps.sleep(delayMs, req.signal);
    }
  }
}
