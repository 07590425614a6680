/** The vendor's quota day, shared by both SQL backends' callsToday. */
import { ZoneConverter } from '../../time/zone';

/** The operation's local day holding `now`, as UTC instants [start, end): every call in it costs one unit of quota. */
export function quotaDayOf(now: number, zone: string): { start: number; end: number } {
  const converter = new ZoneConverter(zone);
  const wc = converter.toWallClock(now);
  const start = converter.wallClockToUtc({ ...wc, hour: 0, minute: 0, second: 0 });
  const next = new Date(Date.UTC(wc.year, wc.month - 1, wc.day + 1));
  const end = converter.wallClockToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 });
  return { start, end };
}
