import type { WallClock, ZoneConverter } from '../core/time/zone';

/** Local calendar days ('YYYY-MM-DD') and fast local formatting for the generator. */
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** '00'..'59', so formatting a time is three array reads. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** Days since 1970-01-01 of a calendar day, or null when the text is not a real day. */
export function dayNumber(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1) return null;
  return ms / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, delta: number): string {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`Not a day: ${day}`);
  return dayFromNumber(n + delta);
}

export function dayOfWallClock(wc: WallClock): string {
  return `${String(wc.year).padStart(4, '0')}-${TWO_DIGITS[wc.month]}-${TWO_DIGITS[wc.day]}`;
}

export function midnightOf(day: string): WallClock {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`Not a day: ${day}`);
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
}

/** The local day (in the converter's zone) that contains an instant. */
export function localDayOf(zone: ZoneConverter, utcMs: number): string {
  return dayFromNumber(Math.floor((utcMs + zone.offsetAt(utcMs)) / DAY_MS));
}

/**
 * `YYYY-MM-DD HH:mm:ss` in a zone without Intl per call: the zone's offset is cached per hour by
 * ZoneConverter and day strings are cached here, which is what a million records need.
 */
export class LocalTimeFormatter {
  private readonly dayStrings = new Map<number, string>();

  constructor(private readonly zone: ZoneConverter) {}

  format(utcMs: number): string {
    const local = utcMs + this.zone.offsetAt(utcMs);
    const dayNo = Math.floor(local / DAY_MS);
    let day = this.dayStrings.get(dayNo);
    if (day === undefined) {
      day = dayFromNumber(dayNo);
      this.dayStrings.set(dayNo, day);
    }
    const sec = Math.floor((local - dayNo * DAY_MS) / 1000);
    return `${day} ${TWO_DIGITS[Math.floor(sec / 3600)]}:${TWO_DIGITS[Math.floor(sec / 60) % 60]}:${TWO_DIGITS[sec % 60]}`;
  }
}
