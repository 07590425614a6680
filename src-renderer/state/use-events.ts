import { useEffect, useRef, useState } from 'react';
import type { EventName, EventOf, WolkvoxApi } from '../../src-main/core/api/contract';

export function useEvent<E extends EventName>(api: WolkvoxApi, event: E, listener: (payload: EventOf<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => api.on(event, (p) => ref.current(p)), [api, event]);
}

/**
 * A counter that goes up when the cached data changed (a sync wrote rows), at most once per `minGapMs`,
 * so that a long sync refreshes the grid and the counts every so often rather than on every window.
 * `accept` may leave some reasons out (a saved review changes no cached field).
 */
export function useDataVersion(api: WolkvoxApi, minGapMs = 1500, accept?: (reason: EventOf<'data/changed'>['reason']) => boolean): number {
  const [version, setVersion] = useState(0);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const acceptRef = useRef(accept);
  acceptRef.current = accept;
  useEvent(api, 'data/changed', ({ reason }) => {
    if (timer.current || acceptRef.current?.(reason) === false) return;
    const wait = Math.max(0, last.current + minGapMs - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      setVersion((v) => v + 1);
    }, wait);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return version;
}
