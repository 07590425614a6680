import type { SyncWindow } from './windows';

/**
 * A capped answer is silently cut at 60,000 rows. When its rows come sorted by creation date (as the
 * service returns them), every second before the last one seen is complete, so the window can go on
 * from that last second and the call is not wasted. Returns that instant, or null when the answer
 * cannot be trusted that way (unsorted, unparseable dates, no progress): the caller then halves the window.
 */
export function resumePointAfterCap(createdUtc: ArrayLike<number>, window: SyncWindow): number | null {
  let previous = -Infinity;
  for (let i = 0; i < createdUtc.length; i++) {
    const t = createdUtc[i]!;
    if (Number.isNaN(t) || t < previous || t < window.startUtc || t >= window.endUtc) return null;
    previous = t;
  }
  return previous > window.startUtc ? previous : null;
}
