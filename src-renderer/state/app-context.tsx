import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Profile, ResultOf, WolkvoxApi } from '../../src-main/core/api/contract';

export type AppInfo = ResultOf<'app/info'>;

export interface AppState {
  api: WolkvoxApi;
  info: AppInfo | null;
  profiles: Profile[];
  active: Profile | null;
  /** False until the first answer (profiles and settings) arrived. */
  loaded: boolean;
  /** Why the service could not be reached at start, if it could not. */
  startError: string | null;
  settings: Record<string, unknown>;
  reloadProfiles(): Promise<void>;
  saveSetting(key: string, value: unknown): void;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ api, children }: { api: WolkvoxApi; children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [settings, setSettings] = useState<Record<string, unknown>>({});
  const [loaded, setLoaded] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  const reloadProfiles = useCallback(async () => {
    const r = await api.call('profiles/list', {});
    if (r.ok) {
      setProfiles(r.value.profiles);
      setActiveId(r.value.activeId);
    }
  }, [api]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [i, p, s] = await Promise.all([api.call('app/info', {}), api.call('profiles/list', {}), api.call('settings/get', {})]);
      if (!live) return;
      if (i.ok) setInfo(i.value);
      if (p.ok) {
        setProfiles(p.value.profiles);
        setActiveId(p.value.activeId);
      }
      if (s.ok) setSettings(s.value);
      const failed = [i, p, s].find((r) => !r.ok);
      setStartError(failed && !failed.ok ? failed.error.message : null);
      setLoaded(true);
    })();
    return () => {
      live = false;
    };
  }, [api]);

  const saveSetting = useCallback(
    (key: string, value: unknown) => {
      setSettings((s) => ({ ...s, [key]: value }));
      void api.call('settings/set', { key, value });
    },
    [api],
  );

  const active = profiles.find((p) => p.id === activeId) ?? profiles[0] ?? null;
  const value = useMemo<AppState>(
    () => ({ api, info, profiles, active, loaded, startError, settings, reloadProfiles, saveSetting }),
    [api, info, profiles, active, loaded, startError, settings, reloadProfiles, saveSetting],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppStateProvider');
  return v;
}
