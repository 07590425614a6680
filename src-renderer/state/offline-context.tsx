import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ArgsOf, OfflinePushResult, OfflineSet, OfflineStatus, Result, WolkvoxApi } from '../../src-main/core/api/contract';
import { reviewsMoved } from './offline-changes';
import { useEvent } from './use-events';

export interface OfflineState {
  /** Null until the service answers (and while it cannot say: the offline parts of the UI stay hidden). */
  status: OfflineStatus | null;
  /**
   * Goes up when reviews changed behind the views' back: a push sent some to the team cache, or a conflict
   * was settled (the views read their review marks and counts again).
   */
  reviewsChanged: number;
  /** Asks the status again (a view showing it opens). */
  refresh(): Promise<void>;
  take(args: ArgsOf<'offline/take'>): Promise<Result<OfflineSet>>;
  push(): Promise<Result<OfflinePushResult>>;
  /** Each answers the refusal's words, or null when done. */
  resolve(uid: string, keep: 'mine' | 'theirs'): Promise<string | null>;
  drop(id: number): Promise<string | null>;
  /** The review of `uid` waiting here leaves this computer, never sent (the auditor confirmed it). */
  discard(uid: string): Promise<string | null>;
}

const Ctx = createContext<OfflineState | null>(null);

/**
 * What of the team cache is on this computer (offline sets), what waits to be sent and what conflicted:
 * asked once, then kept by the service's `offline/status` event. Held beside the team state, above the
 * views that remount when the app moves between caches, because it belongs to neither cache alone.
 */
export function OfflineProvider({ api, children }: { api: WolkvoxApi; children: ReactNode }) {
  const [status, setShown] = useState<OfflineStatus | null>(null);
  const [reviewsChanged, setReviewsChanged] = useState(0);
  const last = useRef<OfflineStatus | null>(null);
  const setStatus = useCallback((next: OfflineStatus) => {
    const before = last.current;
    last.current = next;
    setShown(next);
    if (reviewsMoved(before, next)) setReviewsChanged((n) => n + 1);
  }, []);
  // Counts the service's status events. Each change sends one, so an answer asked before the latest event
  // may be older than it (a save kept locally while the team banner's refresh was under way): it is dropped.
  const events = useRef(0);
  const refresh = useCallback(async () => {
    const asked = events.current;
    const r = await api.call('offline/status', {});
    if (r.ok && asked === events.current) setStatus(r.value);
  }, [api, setStatus]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEvent(api, 'offline/status', (next) => {
    events.current += 1;
    setStatus(next);
  });
  // Whether a selection can be taken follows the team cache (reachable, in use).
  useEvent(api, 'team/status', () => void refresh());

  const take = useCallback(
    async (args: ArgsOf<'offline/take'>) => {
      const r = await api.call('offline/take', args);
      await refresh();
      return r;
    },
    [api, refresh],
  );
  const push = useCallback(async () => {
    const r = await api.call('offline/push', {});
    await refresh();
    return r;
  }, [api, refresh]);
  // The answer applied unless an event came while it was asked (as refresh does): the event is newer.
  const settle = useCallback(
    async (ask: () => Promise<Result<OfflineStatus>>): Promise<string | null> => {
      const asked = events.current;
      const r = await ask();
      if (!r.ok) return r.error.message;
      if (asked === events.current) setStatus(r.value);
      return null;
    },
    [setStatus],
  );
  const resolve = useCallback(async (uid: string, keep: 'mine' | 'theirs') => settle(() => api.call('offline/resolve', { uid, keep })), [api, settle]);
  const drop = useCallback(async (id: number) => settle(() => api.call('offline/drop', { id })), [api, settle]);
  const discard = useCallback(async (uid: string) => settle(() => api.call('offline/discard', { uid })), [api, settle]);

  const value = useMemo(
    () => ({ status, reviewsChanged, refresh, take, push, resolve, drop, discard }),
    [status, reviewsChanged, refresh, take, push, resolve, drop, discard],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOffline(): OfflineState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useOffline outside OfflineProvider');
  return v;
}
