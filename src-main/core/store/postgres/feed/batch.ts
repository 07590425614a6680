/**
 * Gathers the kinds of data the notices name and hands them on as one StoreChange per batch: a batch ends
 * when no notice came for a moment (a sync's windows commit back to back) or, at the latest, about a
 * second after its first notice, so a listener hears of a change within about a second and is not called
 * once per commit.
 */
import { CHANGE_KINDS, type ChangeKind, type StoreChange } from '../../store';

export interface BatchTiming {
  /** A batch ends after this long without a notice… */
  quietMs: number;
  /** …or this long after its first notice, whichever comes first. */
  maxMs: number;
}

export const BATCH_TIMING: BatchTiming = { quietMs: 200, maxMs: 1000 };

export interface Batcher {
  add(kinds: Iterable<ChangeKind>): void;
  /** Forgets what was gathered and not yet handed on. */
  clear(): void;
}

export function batcher(deliver: (change: StoreChange) => void, timing: BatchTiming = BATCH_TIMING): Batcher {
  const pending = new Set<ChangeKind>();
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    if (pending.size === 0) return;
    const kinds = CHANGE_KINDS.filter((k) => pending.has(k));
    pending.clear();
    deliver(Object.freeze({ kinds: Object.freeze(kinds) }));
  };

  return {
    add(kinds) {
      for (const kind of kinds) pending.add(kind);
      if (pending.size === 0) return;
      const now = Date.now();
      if (!timer) firstAt = now;
      else clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(timing.quietMs, firstAt + timing.maxMs - now)));
      // Waiting to report never keeps a process alive.
      timer.unref();
    },
    clear() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}
