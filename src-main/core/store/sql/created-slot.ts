/**
 * The filter behind a cell of the Insights heatmap: rows created on one local weekday and hour in an IANA
 * zone, DST included. SQLite has no time-zone database, and PostgreSQL's may differ from the app's, so
 * the zone's offsets over the span that matters (time/transitions.ts, the app's own rule, shared by both
 * SQL backends) become a balanced CASE on `created_utc` giving the local offset, and integer
 * arithmetic gives the hour of the local week. Every number in the SQL is computed here; nothing the
 * caller sent is written into it.
 */
import { badInput } from '../../errors';
import { isValidTimeZone } from '../../time/zone';
import { clampToOffsetSpan, OFFSET_SPAN, offsetStretches, type OffsetStretch } from '../../time/transitions';
import type { CreatedSlot } from '../filter';

export type { CreatedSlot } from '../filter';


const HOUR_MS = 3_600_000;
const WEEK_HOURS = 168;
/** 1970-01-01 00:00 UTC was a Thursday: hour 72 of a Monday-based week. */
const EPOCH_HOUR_OF_WEEK = 72;
/**
 * Added to the local instant so it is positive for any date after the year 50: SQLite's integer
 * division truncates toward zero, and a whole number of weeks leaves the hour of the week unchanged.
 */
const SHIFT_MS = 100_000 * WEEK_HOURS * HOUR_MS;

/** Checks the shape a caller sent (the contract's schema checks it too; the CLI and tests come here directly). */
export function checkCreatedSlot(value: unknown): CreatedSlot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput('The createdSlot filter must be { zone, weekday, hour }.');
  const { zone, weekday, hour, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw badInput(`The createdSlot filter has unknown keys: ${Object.keys(rest).join(', ')}.`);
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64 || !isValidTimeZone(zone)) {
    throw badInput(`The createdSlot filter names an unknown time zone (${JSON.stringify(String(zone)).slice(0, 80)}); use an IANA name such as America/Bogota.`);
  }
  if (!Number.isInteger(weekday) || (weekday as number) < 0 || (weekday as number) > 6) throw badInput('The createdSlot weekday must be a whole number from 0 (Monday) to 6 (Sunday).');
  if (!Number.isInteger(hour) || (hour as number) < 0 || (hour as number) > 23) throw badInput('The createdSlot hour must be a whole number from 0 to 23.');
  return { zone, weekday: weekday as number, hour: hour as number };
}

function literal(n: number): string {
  // Only numbers computed here reach the SQL text; this guards that promise.
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not an integer for SQL: ${n}`);
  return String(n);
}

/** The offset at `column` as nested CASEs, halving the list each level: about log2(n) comparisons per row. */
function offsetExpr(column: string, stretches: readonly OffsetStretch[]): string {
  if (stretches.length === 1) return literal(stretches[0]!.offsetMs);
  const mid = stretches.length >> 1;
  const left = offsetExpr(column, stretches.slice(0, mid));
  const right = offsetExpr(column, stretches.slice(mid));
  return `CASE WHEN ${column} < ${literal(stretches[mid]!.startUtc)} THEN ${left} ELSE ${right} END`;
}

/** Neighbouring stretches with the same offset (a rule change that kept it) merged: a shorter CASE. */
function merged(stretches: readonly OffsetStretch[]): OffsetStretch[] {
  const out: OffsetStretch[] = [];
  for (const s of stretches) if (out.length === 0 || out[out.length - 1]!.offsetMs !== s.offsetMs) out.push(s);
  return out;
}

/**
 * A zone's stretches over the whole OFFSET_SPAN (1970 to 2100, about 12,000 Intl readings, tens of ms), kept once read: a
 * request compiles its filter several times (each facet, the count, Insights), and the result is a pure
 * function of the process's time-zone data, which never changes while it runs. The only module-level
 * state of the store, on purpose; bounded, since a cache is read in a handful of zones.
 */
const WHOLE_SPAN = new Map<string, OffsetStretch[]>();
const WHOLE_SPAN_ZONES = 16;

function wholeSpan(zone: string): OffsetStretch[] {
  let stretches = WHOLE_SPAN.get(zone);
  if (!stretches) {
    stretches = merged(offsetStretches(zone, OFFSET_SPAN.fromUtc, OFFSET_SPAN.toUtc));
    if (WHOLE_SPAN.size >= WHOLE_SPAN_ZONES) WHOLE_SPAN.clear();
    WHOLE_SPAN.set(zone, stretches);
  }
  return stretches;
}

/** The filter's own date bounds (UTC ms), as filters.ts passes them. */
export interface SlotBounds {
  fromUtc?: number;
  toUtc?: number;
}

/** What the SQL condition and the JS test both read: the zone's stretches, the target hour, the candidate UTC hours. */
interface SlotPlan {
  stretches: readonly OffsetStretch[];
  /** The local hour of the (shifted) week the slot names. */
  target: number;
  /** UTC hours of the (shifted) week a row of the slot can have: a cheap first test. */
  utcHours: number[];
}

/** The zone's stretches over [fromUtc, toUtc) clamped to OFFSET_SPAN (the whole span without bounds). */
function stretchesOver(zone: string, bounds: SlotBounds): OffsetStretch[] {
  const from = clampToOffsetSpan(bounds.fromUtc ?? OFFSET_SPAN.fromUtc);
  const to = Math.max(from, clampToOffsetSpan(bounds.toUtc ?? OFFSET_SPAN.toUtc));
  return from === OFFSET_SPAN.fromUtc && to === OFFSET_SPAN.toUtc ? wholeSpan(zone) : merged(offsetStretches(zone, from, to));
}

/**
 * The zone's offset (ms) at `column` (UTC ms) as SQL, read as the heatmap cell's filter reads it (the
 * Insights calendar's rule): exact for rows inside `bounds`, the filter's own dates, and outside
 * OFFSET_SPAN the offset at its nearer end. For grouping rows by local hour in SQL (the team cache's Insights).
 */
export function localOffsetSql(zone: string, column: string, bounds: SlotBounds = {}): string {
  return offsetExpr(column, stretchesOver(zone, bounds));
}

/**
 * The offsets read over [fromUtc, toUtc) clamped to OFFSET_SPAN: the filter's own date bounds when it has
 * them, so a week's filter reads a week. The SQL and the JS test come from this one plan, so they place
 * every row with the same offsets.
 */
function slotPlan(slot: CreatedSlot, bounds: SlotBounds): SlotPlan {
  const stretches = stretchesOver(slot.zone, bounds);
  const target = (slot.weekday * 24 + slot.hour - EPOCH_HOUR_OF_WEEK + WEEK_HOURS) % WEEK_HOURS;
  return { stretches, target, utcHours: candidateUtcHours(target, new Set(stretches.map((s) => s.offsetMs))) };
}

/** The SQL condition (over `column`, UTC ms) for a slot; `bounds` are the filter's fromUtc/toUtc. */
export function createdSlotSql(slot: CreatedSlot, column: string, bounds: SlotBounds = {}): string {
  const { stretches, target, utcHours } = slotPlan(slot, bounds);
  const hourOfWeek = (offset: string) => `((${column} + ${offset} + ${literal(SHIFT_MS)}) / ${HOUR_MS}) % ${WEEK_HOURS}`;
  // A cheap test first, on the UTC hour of the week: only the one or two UTC hours the local hour can
  // come from under each offset the zone uses get to the CASE (about 2 rows in 168; SQLite stops an AND
  // at its first false term).
  return `${hourOfWeek('0')} IN (${utcHours.map(literal).join(', ')}) AND ${hourOfWeek(`(${offsetExpr(column, stretches)})`)} = ${literal(target)}`;
}

/**
 * The same condition as a test of one creation instant (UTC ms; NaN for a row with no date, never
 * selected, as SQL's NULL), for the Insights columns (insights-select.ts). Same plan, same arithmetic:
 * Math.trunc is SQLite's integer division (toward zero), and JS's % keeps the sign as SQLite's does;
 * every sum stays far below 2^53 for any date a cache can hold, so the doubles are exact.
 * The offset is that of the last stretch starting at or before t (the first stretch's before them all),
 * as offsetExpr's CASE gives. Rows come in (nearly) ascending creation order (ids.ts), so the test keeps
 * the stretch it last used and searches only when t leaves it; it allocates nothing per row. The
 * returned function holds that cursor: one per pass, not shared between threads or requests.
 */
export function createdSlotTest(slot: CreatedSlot, bounds: SlotBounds = {}): (createdUtcMs: number) => boolean {
  const { stretches, target, utcHours } = slotPlan(slot, bounds);
  const starts = Float64Array.from(stretches, (s) => s.startUtc);
  const offsets = Float64Array.from(stretches, (s) => s.offsetMs);
  const candidate = new Uint8Array(WEEK_HOURS);
  for (const h of utcHours) candidate[h] = 1;
  const last = starts.length - 1;
  // The current stretch and the instants it covers, [lo, hi): the first reaches back, the last forward.
  let at = 0;
  let lo = -Infinity;
  let hi = last > 0 ? starts[1]! : Infinity;
  return (t) => {
    if (Number.isNaN(t)) return false;
    if (candidate[Math.trunc((t + SHIFT_MS) / HOUR_MS) % WEEK_HOURS] !== 1) return false;
    if (!(t >= lo && t < hi)) {
      at = stretchAt(starts, t);
      lo = at === 0 ? -Infinity : starts[at]!;
      hi = at === last ? Infinity : starts[at + 1]!;
    }
    return Math.trunc((t + offsets[at]! + SHIFT_MS) / HOUR_MS) % WEEK_HOURS === target;
  };
}

/** Index of the last start at or before t, or 0 when t is before them all (binary search). */
function stretchAt(starts: Float64Array, t: number): number {
  let a = 0;
  let b = starts.length - 1;
  while (a < b) {
    const mid = (a + b + 1) >> 1;
    if (starts[mid]! <= t) a = mid;
    else b = mid - 1;
  }
  return a;
}

/** UTC hours of the (shifted) week that a local hour of the week can fall in, over a set of offsets. */
function candidateUtcHours(target: number, offsets: ReadonlySet<number>): number[] {
  const hours = new Set<number>();
  const week = WEEK_HOURS * HOUR_MS;
  for (const offset of offsets) {
    // The local hour [target, target + 1) is the UTC span [target - offset, target + 1 - offset).
    const start = target * HOUR_MS - offset + week;
    for (let t = start; t < start + HOUR_MS; t += HOUR_MS - 1) hours.add(Math.floor(t / HOUR_MS) % WEEK_HOURS);
  }
  return [...hours].sort((a, b) => a - b);
}
