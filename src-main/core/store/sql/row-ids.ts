/**
 * Date-ordered row ids, shared by both SQL backends: id = creation second * 65536 + slot. ORDER BY id is
 * then creation order, so "newest first" (the grid's default and the search's order) walks the primary
 * key backwards, and a date bound becomes an id bound. Each backend hands out the slots itself
 * (sqlite/connection/ids.ts, postgres/sync/id-slots.ts).
 */

export const SLOTS_PER_SECOND = 65536;

/** Rows without a parseable creation date go to second 0 (1970), before every real row. */
export function secondOf(createdUtc: number | null): number {
  return createdUtc === null ? 0 : Math.floor(createdUtc / 1000);
}

export function firstIdOfSecond(second: number): number {
  return second * SLOTS_PER_SECOND;
}

/** Smallest id of a row created at or after `utcMs` (rows are stamped in whole seconds). */
export function firstIdAtOrAfter(utcMs: number): number {
  return firstIdOfSecond(Math.ceil(utcMs / 1000));
}
