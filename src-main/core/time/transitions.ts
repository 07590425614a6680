/**
 * A zone's UTC offsets over a span, as the list of instants where the offset changes, read from Intl
 * (the same time-zone data the Insights calendar uses). SQL has no time-zone database: this is what lets
 * a filter place a row in local time with plain arithmetic (store/created-slot.ts).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * Offsets are sampled this far apart and each change is then found to the second. Two changes closer
 * than this could hide one another (A -> B -> A between two samples); across every zone Intl knows, from
 * 1970 to 2100, the closest two are about 7 days apart (Gaza and Hebron; Brazil in 2000): 4 days leaves
 * a margin for future rules and keeps a 130-year span near 12,000 readings.
 */
export const SAMPLE_STEP_MS = 4 * DAY_MS;

/**
 * The span over which local times are placed with the zone's own offsets; an instant outside it takes the
 * offset at the nearer end (the cache holds ids from 1970 on, and no contact centre dates a case after
 * 2100: such a date is a typing error). The Insights calendar and the heatmap cell's filter both read
 * offsets so, so a cell and its filter select the same rows, mistyped years included.
 */
export const OFFSET_SPAN = { fromUtc: Date.UTC(1970, 0, 1), toUtc: Date.UTC(2100, 0, 1) } as const;

/** An instant brought into OFFSET_SPAN (its ends included), for reading an offset. */
export const clampToOffsetSpan = (utcMs: number): number => Math.min(Math.max(utcMs, OFFSET_SPAN.fromUtc), OFFSET_SPAN.toUtc);

/** One stretch of constant offset: from `startUtc` (inclusive) to the next stretch's start. */
export interface OffsetStretch {
  startUtc: number;
  /** Local minus UTC, in ms. */
  offsetMs: number;
}

const OFFSET_RE = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

/** The offset of a zone at an instant, in ms, as Intl's `longOffset` name gives it ("GMT-04:00", "GMT"). */
export function offsetReader(zone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (utcMs) => {
    // format() is several times faster than formatToParts(); en-US puts the offset name last, after ", ".
    const text = format.format(utcMs);
    const name = text.slice(text.lastIndexOf(' ') + 1);
    const m = OFFSET_RE.exec(name);
    if (!m) throw new RangeError(`Unreadable offset "${name}" for ${zone}`);
    if (m[1] === undefined) return 0;
    const ms = Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000 + Number(m[4] ?? 0) * 1000;
    return m[1] === '-' ? -ms : ms;
  };
}

/**
 * The stretches of constant offset covering [fromUtc, toUtc): the first starts at fromUtc, each next one
 * at the exact second its offset begins. Changes happen on whole seconds in the time-zone data.
 */
export function offsetStretches(zone: string, fromUtc: number, toUtc: number): OffsetStretch[] {
  const offsetAt = offsetReader(zone);
  const stretches: OffsetStretch[] = [{ startUtc: fromUtc, offsetMs: offsetAt(fromUtc) }];
  let lo = fromUtc;
  while (lo < toUtc) {
    const hi = Math.min(lo + SAMPLE_STEP_MS, toUtc);
    const current = stretches[stretches.length - 1]!.offsetMs;
    if (offsetAt(hi) === current) {
      lo = hi;
      continue;
    }
    // The first whole second in (lo, hi] whose offset differs: each change found in turn, so A -> B -> C
    // inside one step gives both. Hours first: changes fall on a whole UTC hour nearly always, and
    // then one more reading confirms it.
    const hour = firstChange(offsetAt, current, Math.floor(lo / HOUR_MS), Math.ceil(hi / HOUR_MS), HOUR_MS);
    const exact =
      offsetAt(hour * HOUR_MS - 1000) === current ? hour * 3600 : firstChange(offsetAt, current, Math.max(hour * 3600 - 3600, Math.ceil(lo / 1000)), hour * 3600, 1000);
    const at = Math.max(exact * 1000, fromUtc);
    // Each change lies after the last one: the loop always moves on.
    if (at <= lo) throw new RangeError(`Offsets of ${zone} could not be ordered near ${new Date(lo).toISOString()}`);
    stretches.push({ startUtc: at, offsetMs: offsetAt(at) });
    lo = at;
  }
  return stretches;
}

/** Smallest n in (a, b] with offsetAt(n * unit) !== current, given offsetAt(a * unit) === current and not at b. */
function firstChange(offsetAt: (utcMs: number) => number, current: number, a: number, b: number, unit: number): number {
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (offsetAt(mid * unit) === current) a = mid;
    else b = mid;
  }
  return b;
}
