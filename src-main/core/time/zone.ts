/**
 * Wall-clock strings of the operation's time zone <-> UTC instants, with no dependency but Intl.
 * Offsets are cached per zone and hour, because ingest converts millions of dates and Intl is slow.
 */
const LOCAL_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T]?(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parses `YYYY-MM-DD HH:mm:ss` and close variants; null for anything else (treated as data, not a crash). */
export function parseWallClock(text: string): WallClock | null {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const wc = { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
  if (wc.month < 1 || wc.month > 12 || wc.day < 1 || wc.hour > 23 || wc.minute > 59 || wc.second > 59) return null;
  const probe = new Date(Date.UTC(wc.year, wc.month - 1, wc.day));
  if (probe.getUTCDate() !== wc.day) return null;
  return wc;
}

export class ZoneConverter {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsetCache = new Map<number, number>();

  constructor(readonly zone: string) {
    if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Offset (ms) of the zone from UTC at the given instant. */
  offsetAt(utcMs: number): number {
    const hourKey = Math.floor(utcMs / 3_600_000);
    const cached = this.offsetCache.get(hourKey);
    if (cached !== undefined) return cached;
    const wc = this.toWallClock(hourKey * 3_600_000);
    const asUtc = Date.UTC(wc.year, wc.month - 1, wc.day, wc.hour, wc.minute, wc.second);
    const offset = asUtc - hourKey * 3_600_000;
    this.offsetCache.set(hourKey, offset);
    return offset;
  }

  toWallClock(utcMs: number): WallClock {
    const parts: Record<string, number> = {};
    for (const p of this.formatter.formatToParts(new Date(utcMs))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    return {
      year: parts.year!,
      month: parts.month!,
      day: parts.day!,
      hour: parts.hour!,
      minute: parts.minute!,
      second: parts.second!,
    };
  }

  /** UTC instant of a wall-clock time in this zone (for a time skipped by DST, the later reading). */
  wallClockToUtc(wc: WallClock): number {
    const naive = Date.UTC(wc.year, wc.month - 1, wc.day, wc.hour, wc.minute, wc.second);
    const first = naive - this.offsetAt(naive);
    const second = naive - this.offsetAt(first);
    return second;
  }

  /** UTC ms of an API date string, or null when the string is not a date we recognise. */
  parseToUtc(text: string): number | null {
    if (!text) return null;
    const wc = parseWallClock(text);
    return wc ? this.wallClockToUtc(wc) : null;
  }

  /** `YYYY-MM-DD HH:mm:ss` in this zone. */
  format(utcMs: number): string {
    const wc = this.toWallClock(utcMs);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(wc.year, 4)}-${p(wc.month)}-${p(wc.day)} ${p(wc.hour)}:${p(wc.minute)}:${p(wc.second)}`;
  }

  /** `YYYYmmddHHiiss`, the API's parameter format, in this zone. */
  formatApi(utcMs: number): string {
    return this.format(utcMs).replace(/[-: ]/g, '');
  }
}
