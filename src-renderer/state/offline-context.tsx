import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ArgsOf, OfflinePushResult, OfflineSet, OfflineStatus, Result, WolkvoxApi } from '../../src-main/core/api/contract';
import { useEvent } from './use-events';

export interface OfflineState {
  /** Null until the service answers (and while it cannot say: the offline parts of the UI stay hidden). */
  status: OfflineStatus | null;
  /** Asks the status again (a view showing it opens). */
  refresh(): Promise<void>;
  take(args: ArgsOf<'offline/take'>): Promise<Result<OfflineSet>>;
  push(): Promise<Result<OfflinePushResult>>;
  /** Each answers the refusal's words, or null when done. */
  resolve(uid: string, keep: 'mine' | 'theirs'): Promise<string | null>;
  drop(id: number): Promise<string | null>;
}

const Ctx = createContext<OfflineState | null>(null);

/**
 * What of the team cache is on this computer (offline sets), what waits to be sent and what conflicted:
 * asked once, then kept by the service's `offline/status` event. Held beside the team state, above the
 * views that remount when the app moves between caches, because it belongs to neither cache alone.
 */
export function OfflineProvider({ api, children }: { api: WolkvoxApi; children: ReactNode }) {
  const [status, setStatus] = useState<OfflineStatus | null>(null);
  const refresh = useCallback(async () => {
    const r = await api.call('offline/status', {});
    if (r.ok) setStatus(r.value);
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEvent(api, 'offline/status', setStatus);
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
  const settle = useCallback(async (r: Result<OfflineStatus>): Promise<string | null> => {
    if (!r.ok) return r.error.message;
    setStatus(r.value);
    return null;
  }, []);
  const resolve = useCallback(async (uid: string, keep: 'mine' | 'theirs') => settle(await api.call('offline/resolve', { uid, keep })), [api, settle]);
  const drop = useCallback(async (id: number) => settle(await api.call('offline/drop', { id })), [api, settle]);

  const value = useMemo(() => ({ status, refresh, take, push, resolve, drop }), [status, refresh, take, push, resolve, drop]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useOffline(): OfflineState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useOffline outside OfflineProvider');
  return v;
}
