import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { TeamStatus, WolkvoxApi } from '../../src-main/core/api/contract';
import { useEvent } from './use-events';

export interface TeamState {
  /** Null until the first answer (and when the service could not say). */
  status: TeamStatus | null;
  /** The first answer came (whatever it was): the app does not wait for it any longer. */
  loaded: boolean;
  /** A new status from a team/* call: when the cache in use changed, the app reloads its data. */
  update(status: TeamStatus): void;
  /** Try the chosen team cache again (the banner's button). */
  retry(): Promise<void>;
  retrying: boolean;
}

const Ctx = createContext<TeamState | null>(null);

/**
 * Which cache the app runs on (this computer's or the team's), and why the team cache is not open. Held
 * above the app's state: when the service moves to another cache, `onSwitched` remounts everything below
 * so that every view asks its data again from the new cache.
 */
export function TeamProvider({ api, onSwitched, children }: { api: WolkvoxApi; onSwitched(): void; children: ReactNode }) {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const using = useRef<TeamStatus['using'] | null>(null);
  const update = useCallback(
    (next: TeamStatus) => {
      const before = using.current;
      using.current = next.using;
      setStatus(next);
      if (before !== null && before !== next.using) onSwitched();
    },
    [onSwitched],
  );
  useEffect(() => {
    void api.call('team/status', {}).then((r) => {
      if (r.ok) update(r.value);
      setLoaded(true);
    });
  }, [api, update]);
  useEvent(api, 'team/status', update);
  const retry = useCallback(async () => {
    setRetrying(true);
    const r = await api.call('team/use', {});
    setRetrying(false);
    if (!r.ok) return;
    const reopened = r.value.using === 'team' && !r.value.problem && using.current === 'team';
    update(r.value);
    // Back on the same team cache through a new connection: every view asks its data again.
    if (reopened) onSwitched();
  }, [api, update, onSwitched]);
  const value = useMemo(() => ({ status, loaded, update, retry, retrying }), [status, loaded, update, retry, retrying]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useTeam(): TeamState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useTeam outside TeamProvider');
  return v;
}

/** The app works on the team cache now. */
export const onTeamCache = (status: TeamStatus | null): boolean => status?.using === 'team';

/**
 * What a view says of a failed read: nothing when the team cache's connection is lost, which the banner
 * (TeamNotice) says once for every view, with its "Try again"; the error's own words otherwise.
 */
export const unlessTheBannerSaysIt = (status: TeamStatus | null, error: { kind: string; message: string }): string | null =>
  onTeamCache(status) && error.kind === 'network' ? null : error.message;
