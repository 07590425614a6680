import type { ChangeKind, Store, StoreChange } from '../../src-main/core/store/store';

type Subscribe = Store['changes'];

/**
 * Every notice a store's change feed gives, and a way to wait for the next ones (no timers: the feed's own
 * pace). Takes the subscription itself, e.g. `(l) => store.changes(l)`, so a test names the method it uses.
 */
export function listenToChanges(subscribe: Subscribe) {
  const seen: StoreChange[] = [];
  let waiting: ((change: StoreChange) => void) | null = null;
  const stop = subscribe((change) => {
    seen.push(change);
    waiting?.(change);
    waiting = null;
  });
  return {
    seen,
    stop,
    /** The next notice after the ones already seen. */
    next: () => new Promise<StoreChange>((resolve) => (waiting = resolve)),
    /** Waits until a notice names `kind`; resolves with every notice given meanwhile, in order. */
    async until(kind: ChangeKind): Promise<StoreChange[]> {
      const from = seen.length;
      while (!seen.slice(from).some((c) => c.kinds.includes(kind))) await new Promise<StoreChange>((resolve) => (waiting = resolve));
      return seen.slice(from);
    },
  };
}
