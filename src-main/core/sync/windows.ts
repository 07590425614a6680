import type { ZoneConverter } from '../time/zone';

/** A half-open span of instants [startUtc, endUtc), in whole seconds, asked of the API in one call. */
export interface SyncWindow {
  startUtc: number;
  endUtc: number;
}

export const MAX_WINDOW_DAYS = 31;
export const ROW_CAP = 60_000;
const SECOND = 1000;
const DAY = 86_400_000;

/** The furthest end a window starting at `startUtc` may have: 31 days of the operation's wall clock. */
export function maxWindowEnd(startUtc: number, zone: ZoneConverter, maxDays = MAX_WINDOW_DAYS): number {
  const wc = zone.toWallClock(startUtc);
  const shifted = new Date(Date.UTC(wc.year, wc.month - 1, wc.day + maxDays, wc.hour, wc.minute, wc.second));
  const end = zone.wallClockToUtc({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  });
  // Across a DST change the wall-clock span can exceed 31 days by an hour; stay inside the limit.
  return Math.min(end, startUtc + maxDays * DAY);
}

/** Cuts [startUtc, endUtc) into consecutive windows of at most 31 days. */
export function planWindows(startUtc: number, endUtc: number, zone: ZoneConverter, maxDays = MAX_WINDOW_DAYS): SyncWindow[] {
  const windows: SyncWindow[] = [];
  let cursor = startUtc;
  while (cursor < endUtc) {
    const end = Math.min(endUtc, maxWindowEnd(cursor, zone, maxDays));
    windows.push({ startUtc: cursor, endUtc: end });
    cursor = end;
  }
  return windows;
}

/** Halves a window on a whole second; null when it is one second long and cannot be split. */
export function splitWindow(w: SyncWindow): [SyncWindow, SyncWindow] | null {
  const seconds = Math.floor((w.endUtc - w.startUtc) / SECOND);
  if (seconds < 2) return null;
  const mid = w.startUtc + Math.floor(seconds / 2) * SECOND;
  return [
    { startUtc: w.startUtc, endUtc: mid },
    { startUtc: mid, endUtc: w.endUtc },
  ];
}

/** The API's inclusive `date_ini` / `date_end` parameters for a half-open window. */
export function windowParams(w: SyncWindow, zone: ZoneConverter): { dateIni: string; dateEnd: string } {
  return { dateIni: zone.formatApi(w.startUtc), dateEnd: zone.formatApi(w.endUtc - SECOND) };
}

/**
 * Calls a plan is expected to cost: one per window, more where cached history says a window will
 * come back at the row cap (each capped answer still brings ~60,000 rows, so the extra is rows / cap).
 */
export function estimateCalls(windows: SyncWindow[], rowsPerDay: number | null): number {
  let calls = 0;
  for (const w of windows) {
    const expected = rowsPerDay ? (rowsPerDay * (w.endUtc - w.startUtc)) / DAY : 0;
    calls += Math.max(1, Math.ceil(expected / (ROW_CAP - 1)));
  }
  return calls;
}
