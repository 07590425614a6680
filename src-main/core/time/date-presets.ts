import type { ZoneConverter } from './zone';

/**
 * The named date ranges people pick (the facet panel's and the sync panel's), as whole local days in a
 * zone: one rule for both ends of the bridge. A range starts at a local midnight and ends at the local
 * midnight after its last day (exclusive); the grid shows the whole last day, and a sync stops at now.
 */
export const DAY_PRESETS = ['today', 'yesterday', 'last7', 'thisMonth', 'last30'] as const;
export type DayPreset = (typeof DAY_PRESETS)[number];

export interface LocalDays {
  startUtc: number;
  /** The local midnight after the range's last day. */
  endUtc: number;
}

/** Local midnight `dayShift` days from the local day of `utc` (Date.UTC normalises the overflow). */
export function localMidnight(zone: ZoneConverter, utc: number, dayShift: number): number {
  const wc = zone.toWallClock(utc);
  const d = new Date(Date.UTC(wc.year, wc.month - 1, wc.day + dayShift));
  return zone.wallClockToUtc({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 });
}

export function presetDays(preset: DayPreset, zone: ZoneConverter, now: number): LocalDays {
  const at = (shift: number) => localMidnight(zone, now, shift);
  switch (preset) {
    case 'today':
      return { startUtc: at(0), endUtc: at(1) };
    case 'yesterday':
      return { startUtc: at(-1), endUtc: at(0) };
    case 'last7':
      return { startUtc: at(-6), endUtc: at(1) };
    case 'last30':
      return { startUtc: at(-29), endUtc: at(1) };
    case 'thisMonth': {
      const { year, month, day } = zone.toWallClock(now);
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return { startUtc: at(1 - day), endUtc: at(daysInMonth - day + 1) };
    }
  }
}

