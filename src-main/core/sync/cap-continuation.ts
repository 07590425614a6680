import type { IncomingRecord } from '../wolkvox/fields';
import type { ZoneConverter } from '../time/zone';
import type { SyncWindow } from './windows';

/**
 * A capped answer is silently cut at 60,000 rows. When its rows come sorted by creation date (as the
 * service returns them), every second before the last one seen is complete, so the window can go on
 * from that last second and the call is not wasted. Returns that instant, or null when the answer
 * cannot be trusted that way (unsorted, unparseable dates, no progress): the caller then halves the window.
 */
export function resumePointAfterCap(records: IncomingRecord[], window: SyncWindow, zone: ZoneConverter): number | null {
  let previous = -Infinity;
  for (const r of records) {
    const t = zone.parseToUtc(r.fields.date_creation);
    if (t === null || t < previous || t < window.startUtc || t >= window.endUtc) return null;
    previous = t;
  }
  return previous > window.startUtc ? previous : null;
}
