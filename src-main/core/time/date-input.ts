import { badInput } from '../errors';
import { type ZoneConverter, type WallClock } from './zone';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const SECOND = 1000;
const MINUTE = 60_000;
const API_STAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * A date typed by the user (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss]` or `YYYYmmddHHiiss`), read in the profile's
 * time zone. The result is an instant; as an end (`edge: 'end'`) it is exclusive, so an end includes its last
 * stated unit, as the API's inclusive `date_end` does and as users who copy its stamps expect: a date alone the
 * whole day (the instant is the next midnight), a time with seconds that whole second, a time without seconds
 * that whole minute.
 */
export function parseDateInput(text: string, zone: ZoneConverter, edge: 'start' | 'end'): number {
  const trimmed = text.trim();
  const m = DATE_ONLY.exec(trimmed) ?? DATE_TIME.exec(trimmed) ?? API_STAMP.exec(trimmed);
  if (!m) {
    throw badInput(`"${trimmed.slice(0, 40)}" is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:mm[:ss] or YYYYmmddHHiiss.`);
  }
  const n = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const wc: WallClock = { year: n[0]!, month: n[1]!, day: n[2]!, hour: n[3] ?? 0, minute: n[4] ?? 0, second: n[5] ?? 0 };
  const check = new Date(Date.UTC(wc.year, wc.month - 1, wc.day, wc.hour, wc.minute, wc.second));
  if (
    check.getUTCMonth() !== wc.month - 1 || check.getUTCDate() !== wc.day || check.getUTCHours() !== wc.hour ||
    check.getUTCMinutes() !== wc.minute || check.getUTCSeconds() !== wc.second || wc.year < 2000 || wc.year > 2100
  ) {
    throw badInput(`"${trimmed}" is not a real date and time.`);
  }
  if (edge === 'end' && DATE_ONLY.test(trimmed)) {
    const next = new Date(Date.UTC(wc.year, wc.month - 1, wc.day + 1));
    return zone.wallClockToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 });
  }
  const instant = zone.wallClockToUtc(wc);
  if (edge === 'start') return instant;
  const hasSeconds = m[6] !== undefined;
  return instant + (hasSeconds ? SECOND : MINUTE);
}

/** The message for a range that ends before it starts, as its caller names the two ends. */
export type BackwardsRangeWords = (from: string, to: string) => string;

/** In the app's words (the CLI names its flags instead: its messages are part of its contract). */
export const BACKWARDS_RANGE_IN_WORDS: BackwardsRangeWords = (from, to) =>
  `The range ends before it starts: the first day (${from}) is not before the last (${to}). Choose a first day on or before the last.`;

/** Both ends of a range, refused when backwards or empty. */
export function parseDateRange(
  from: string,
  to: string,
  zone: ZoneConverter,
  backwards: BackwardsRangeWords = BACKWARDS_RANGE_IN_WORDS,
): { startUtc: number; endUtc: number } {
  const startUtc = parseDateInput(from, zone, 'start');
  const endUtc = parseDateInput(to, zone, 'end');
  if (!(startUtc < endUtc)) throw badInput(backwards(from, to));
  return { startUtc, endUtc };
}
