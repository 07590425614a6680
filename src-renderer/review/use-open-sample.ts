import { useEffect, useRef } from 'react';
import type { WolkvoxApi } from '../../src-main/core/api/contract';
import type { FilterControls } from '../state/filter';

export const OPEN_SAMPLE_KEY = 'ui.openSample';

/**
 * The open sample lasts: its id is kept in the UI settings, and at the next start the sample is shown
 * again if it still exists (a deleted sample is forgotten, not restored). Its name is read from the
 * samples list, so a rename made meanwhile shows.
 */
export function useOpenSample(
  api: WolkvoxApi,
  filters: FilterControls,
  settings: Record<string, unknown>,
  saveSetting: (key: string, value: unknown) => void,
): void {
  const restored = useRef(false);
  const saved = settings[OPEN_SAMPLE_KEY];
  const openId = filters.state.sample?.id ?? null;
  const { openSample } = filters;

  useEffect(() => {
    if (restored.current) return;
    let live = true;
    void (async () => {
      if (typeof saved === 'number') {
        const r = await api.call('samples/list', {});
        const sample = r.ok ? r.value.find((s) => s.id === saved) : undefined;
        if (!live) return;
        if (sample) openSample({ id: sample.id, name: sample.name });
        else if (r.ok) saveSetting(OPEN_SAMPLE_KEY, null);
      }
      restored.current = true;
    })();
    return () => {
      live = false;
    };
    // Once, at start: later changes of the setting are this hook's own writes.
  }, []);

  useEffect(() => {
    // Until the saved sample is restored, an empty filter must not overwrite it.
    if (!restored.current || (saved ?? null) === openId) return;
    saveSetting(OPEN_SAMPLE_KEY, openId);
  }, [openId, saved, saveSetting]);
}
