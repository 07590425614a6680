import type { SyncProgress, SyncRun } from '../../src-main/core/api/contract';

/**
 * The run the sync panel shows as "last": the one that ended latest. A sync that fails before its first
 * call (no token, a busy token) is never recorded, so the history's newest run is an older one; the
 * failure the finished event reported must not be replaced by it when the panel refreshes.
 */
export function latestRun(recorded: SyncRun | null, reported: SyncRun | null): SyncRun | null {
  if (!recorded || !reported) return recorded ?? reported;
  const end = (r: SyncRun) => r.finishedAt ?? r.startedAt;
  return end(reported) > end(recorded) ? reported : recorded;
}

/**
 * The run the sync panel's status line speaks of: the running one while a sync runs, so that a finished
 * run's "Synced…" or "Token rejected" never sits above a new sync; otherwise the last that ended. A sync this
 * window started has no progress until its first call answers: `startedAt` stands for it until then.
 */
export function statusRun(last: SyncRun | null, running: SyncProgress | null, startedAt: number | null, nowUtc: number): SyncRun | null {
  if (!running && startedAt === null) return last;
  const base = { id: 0, server: last?.server ?? '', mode: 'range', startUtc: startedAt ?? 0, endUtc: startedAt ?? 0, calls: 0, rows: 0, inserted: 0, updated: 0 };
  if (!running) return { ...base, status: 'running', startedAt: startedAt ?? nowUtc, finishedAt: null, error: null };
  return {
    ...base,
    id: running.runId,
    startUtc: running.startUtc,
    endUtc: running.endUtc,
    status: 'running',
    startedAt: nowUtc - running.elapsedMs,
    finishedAt: null,
    calls: running.calls,
    rows: running.rows,
    inserted: running.inserted,
    updated: running.updated,
    error: null,
  };
}

/** The history with a recorded run (id > 0) in it: in its own place when listed (as it is now), else at the head when newer. */
export function withRun(history: SyncRun[], run: SyncRun | null, shown: number): SyncRun[] {
  if (!run || run.id <= 0) return history;
  if (history.some((r) => r.id === run.id)) return history.map((r) => (r.id === run.id ? run : r));
  if (history[0] && history[0].id > run.id) return history;
  return [run, ...history].slice(0, shown);
}
