/**
 * Local calendar positions (day, hour, weekday, week) of UTC instants in the profile's zone, for the
 * Insights charts. The Insights pass (insights-compute.ts) groups creation instants by UTC quarter hour
 * and places each bucket on the local calendar here, with the zone's offset at that instant: a year is
 * 35,040 buckets, a few ms, against a second to convert a million rows one by one. Nearly every offset
 * and change falls on a quarter hour; a quarter that does not lie in one local hour (a change at a
 * minute past the hour, as St. John's and Moncton had until 2011; an offset such as Monrovia's −0:44:30
 * until 1972) has its rows placed one by one (quarterInOneHour).
 */
import { clampToOffsetSpan, offsetStretches, type OffsetStretch } from '../time/transitions';
import { ZoneConverter } from '../time/zone';

export const QUARTER_MS = 15 * 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalSlot {
  /** `YYYY-MM-DD` of the local day. */
  day: string;
  /** `YYYY-MM-DD HH` of the local hour. */
  hour: string;
  /** 0..23, local. */
  hourOfDay: number;
  /** 0 = Monday … 6 = Sunday, local. */
  weekday: number;
  /** `YYYY-MM-DD` of the Monday that starts the local week. */
  week: string;
}

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD` of a "local as UTC" instant. */
export function dayText(localMs: number): string {
  const d = new Date(localMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export class LocalCalendar {
  private readonly zone: ZoneConverter;
  /**
   * The zone's offsets per UTC year, as the instants they change (time/transitions.ts, read as the
   * heatmap cell's filter reads them, outside OFFSET_SPAN the offset at its nearer end, so a cell and its
   * filter place every row alike): about a hundred Intl readings a year, where asking Intl hour by hour
   * took 120–160 ms for two years on the first request.
   */
  private readonly years = new Map<number, OffsetStretch[]>();
  /** The stretch the last instant fell in, [lo, hi): creation instants come in ascending order. */
  private lo = 0;
  private hi = -1;
  private offset = 0;

  constructor(zone: string) {
    this.zone = new ZoneConverter(zone);
  }

  /** The zone's offset (ms) at an instant, exact to the second (Lord Howe's 30-minute DST included). */
  offsetAt(instant: number): number {
    const utcMs = clampToOffsetSpan(instant);
    if (utcMs >= this.lo && utcMs < this.hi) return this.offset;
    const year = new Date(utcMs).getUTCFullYear();
    let stretches = this.years.get(year);
    if (!stretches) this.years.set(year, (stretches = offsetStretches(this.zone.zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1))));
    let i = stretches.length - 1;
    while (i > 0 && stretches[i]!.startUtc > utcMs) i--;
    this.lo = stretches[i]!.startUtc;
    this.hi = i + 1 < stretches.length ? stretches[i + 1]!.startUtc : Date.UTC(year + 1, 0, 1);
    this.offset = stretches[i]!.offsetMs;
    return this.offset;
  }

  /**
   * True when every instant of the UTC quarter hour `quarter` falls in one local hour, so the Insights pass
   * may place the quarter as a whole: the offset holds through it and is a whole number of quarter hours.
   */
  quarterInOneHour(quarter: number): boolean {
    const start = quarter * QUARTER_MS;
    const offset = this.offsetAt(start);
    return offset % QUARTER_MS === 0 && this.offsetAt(start + QUARTER_MS - 1) === offset;
  }

  /** The instant's local wall clock, written as if it were UTC (ms). */
  localMs(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  slot(utcMs: number): LocalSlot {
    const local = this.localMs(utcMs);
    const d = new Date(local);
    const hourOfDay = d.getUTCHours();
    const weekday = (d.getUTCDay() + 6) % 7;
    const day = dayText(local);
    return { day, hour: `${day} ${pad(hourOfDay)}`, hourOfDay, weekday, week: dayText(local - weekday * DAY_MS) };
  }

  /** UTC instant of a local midnight (`YYYY-MM-DD`), plus `days` days. */
  midnightUtc(day: string, days = 0): number {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return this.utcOf(Date.UTC(y, m - 1, d + days));
  }

  /** UTC instant of the start of a local hour (`YYYY-MM-DD HH`). */
  hourStartUtc(hour: string): number {
    const [day, hh] = hour.split(' ') as [string, string];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return this.utcOf(Date.UTC(y, m - 1, d, Number(hh)));
  }

  /**
   * The UTC instant of a local wall-clock hour ("local as UTC" ms) with the offsets rows are placed with,
   * so a day's or an hour's bounds select exactly the rows counted in it: the zone's own rules inside
   * OFFSET_SPAN (a time in a DST gap moves forward, as ZoneConverter does), outside it the offset at its
   * nearer end, which holds from there on.
   */
  private utcOf(local: number): number {
    const t = new Date(local);
    const utc = this.zone.wallClockToUtc({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(), hour: t.getUTCHours(), minute: 0, second: 0 });
    return utc === clampToOffsetSpan(utc) ? utc : local - this.offsetAt(utc);
  }
}

/**
 * Every key from the first present key to the last, one local day (or hour, or week) apart: gaps shown
 * as zero. Past `limit` keys (a mistyped year in the data stretches the span over decades) only the
 * present keys come back: the gaps are not drawn, and no present key is ever dropped.
 */
export function fillKeys(present: readonly string[], unit: 'day' | 'hour' | 'week', limit = 5000): string[] {
  const parse = (key: string) => {
    const [day, hh] = key.split(' ') as [string, string | undefined];
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d, hh === undefined ? 0 : Number(hh));
  };
  const step = unit === 'hour' ? HOUR_MS : unit === 'week' ? 7 * DAY_MS : DAY_MS;
  const out: string[] = [];
  // Keys are local wall-clock labels: stepping them as if UTC never meets a DST gap.
  for (let t = parse(present[0]!), end = parse(present[present.length - 1]!); t <= end; t += step) {
    if (out.length === limit) return [...present];
    const day = dayText(t);
    out.push(unit === 'hour' ? `${day} ${pad(new Date(t).getUTCHours())}` : day);
  }
  return out;
}
