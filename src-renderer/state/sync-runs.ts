import type { SyncRun } from '../../src-main/core/api/contract';

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
