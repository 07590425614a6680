import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result, SyncProgress, SyncRange, SyncRun, SyncState, WolkvoxApi } from '../../src-main/core/api/contract';
import { latestRun, withRun } from './sync-runs';
import { useEvent } from './use-events';

export interface SyncView {
  state: SyncState | null;
  /** The running sync's latest progress, or null. */
  progress: SyncProgress | null;
  history: SyncRun[];
  /**
   * When this window started the sync that runs now (UTC ms), until it finishes: the service reports no
   * progress before the first call has answered, and the last run's banner must not stand in for it meanwhile.
   */
  startedAt: number | null;
  start(profileId: string, range: SyncRange): Promise<Result<{ runStarted: boolean }>>;
  refresh(): Promise<void>;
}

const HISTORY_SHOWN = 10;

export function useSync(api: WolkvoxApi): SyncView {
  const [state, setState] = useState<SyncState | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [history, setHistory] = useState<SyncRun[]>([]);
  const [startedAt, setStartedAt] = useState<number | null>(null);

  // Counts the syncs that finished: a refresh asked before the last one finished may say it still runs.
  const finished = useRef(0);
  // The last run the finished event reported (a sync that failed before any call is in no history).
  const reported = useRef<SyncRun | null>(null);

  const refresh = useCallback(async () => {
    const asked = finished.current;
    const [s, h] = await Promise.all([api.call('sync/state', {}), api.call('sync/history', { limit: HISTORY_SHOWN })]);
    if (asked !== finished.current) return;
    if (s.ok) {
      setState({ ...s.value, lastRun: latestRun(s.value.lastRun, reported.current) });
      setProgress(s.value.running);
    }
    // Read apart, the two may straddle a sync's end: the run the status names heads the history all the same.
    if (h.ok) setHistory(s.ok ? withRun(h.value, s.value.lastRun, HISTORY_SHOWN) : h.value);
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const start = useCallback(
    async (profileId: string, range: SyncRange) => {
      const asked = finished.current;
      const r = await api.call('sync/start', { profileId, range });
      // A sync that ended before its start was answered (no token, say) is over already.
      if (r.ok && r.value.runStarted && asked === finished.current) setStartedAt(Date.now());
      return r;
    },
    [api],
  );

  useEvent(api, 'sync/progress', (p) => setProgress(p));
  useEvent(api, 'sync/finished', ({ run }) => {
    finished.current += 1;
    reported.current = run;
    setProgress(null);
    setStartedAt(null);
    setState((s) => (s ? { ...s, running: null, lastRun: run } : s));
    // A recorded run (id > 0) heads the history at once, in the same frame as the status line that names it.
    setHistory((h) => withRun(h, run, HISTORY_SHOWN));
    void refresh();
  });

  return { state, progress, history, startedAt, start, refresh };
}

