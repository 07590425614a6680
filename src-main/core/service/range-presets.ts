import { parseDateRange } from '../time/date-input';
import type { ZoneConverter } from '../time/zone';
import type { SyncRange } from '../sync/sync-engine';

export type RangeChoice =
  | { preset: 'today' | 'yesterday' | 'last7' | 'thisMonth' | 'last30' }
  | { from: string; to: string }
  | { incremental: true };

function midnight(zone: ZoneConverter, utc: number, dayShift: number): number {
  const wc = zone.toWallClock(utc);
  const d = new Date(Date.UTC(wc.year, wc.month - 1, wc.day + dayShift));
  return zone.wallClockToUtc({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 });
}

/** A range as the UI names it, in the operation's wall clock, as instants for the sync engine. */
export function resolveRangeChoice(choice: RangeChoice, zone: ZoneConverter, now: number): SyncRange {
  if ('incremental' in choice) return { kind: 'incremental' };
  if ('from' in choice) return { kind: 'range', ...parseDateRange(choice.from, choice.to, zone) };
  switch (choice.preset) {
    case 'today':
      return { kind: 'range', startUtc: midnight(zone, now, 0), endUtc: now };
    case 'yesterday':
      return { kind: 'range', startUtc: midnight(zone, now, -1), endUtc: midnight(zone, now, 0) };
    case 'last7':
      return { kind: 'range', startUtc: midnight(zone, now, -6), endUtc: now };
    case 'last30':
      return { kind: 'range', startUtc: midnight(zone, now, -29), endUtc: now };
    case 'thisMonth': {
      const wc = zone.toWallClock(now);
      return { kind: 'range', startUtc: midnight(zone, now, 1 - wc.day), endUtc: now };
    }
  }
}
