/**
 * Date-ordered row ids: id = creation second * 65536 + slot. ORDER BY id is then creation order, so
 * "newest first" (the grid's default and the search's order) walks the table's own b-tree backwards
 * with no index, and the full-text index, whose rowids are these ids, returns newest hits first.
 */
import type { Db } from './database';

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

export interface IdAllocator {
  allocate(createdUtc: number | null): number;
  /** True when no stored row was created in that second when the batch began (so none can match). */
  isFreshSecond(second: number): boolean;
}

/**
 * Hands out the next slot of a second (after the last one used, so twins keep arrival order). Meant
 * for one transaction: it remembers the slots it gave. Before the batch, one query tells whether the
 * batch's seconds hold any row yet; when they do not (a first sync of that period, the common case),
 * no per-second query is needed at all. A full second (65,536 rows created in the same second, which
 * no contact centre produces) spills into the next one, which keeps order almost exact.
 */
export function createIdAllocator(db: Db, seconds: readonly number[]): IdAllocator {
  const maxInSecond = db.prepare('SELECT max(id) FROM interactions WHERE id BETWEEN ? AND ?').pluck();
  const anyInRange = db.prepare('SELECT 1 FROM interactions WHERE id BETWEEN ? AND ? LIMIT 1').pluck();
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of seconds) {
    // Second 0 holds every undated row: never assume it is empty.
    if (s === 0) continue;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const emptyRange = lo <= hi && anyInRange.get(firstIdOfSecond(lo), firstIdOfSecond(hi + 1) - 1) === undefined;
  const isFreshSecond = (second: number) => emptyRange && second !== 0 && second >= lo && second <= hi;
  const next = new Map<number, number>();
  return {
    isFreshSecond,
    allocate(createdUtc) {
      let second = secondOf(createdUtc);
      for (;;) {
        let slot = next.get(second);
        if (slot === undefined) {
          const first = firstIdOfSecond(second);
          const max = isFreshSecond(second) ? null : (maxInSecond.get(first, first + SLOTS_PER_SECOND - 1) as number | null);
          slot = max === null ? 0 : max - first + 1;
        }
        if (slot < SLOTS_PER_SECOND) {
          next.set(second, slot + 1);
          return firstIdOfSecond(second) + slot;
        }
        next.set(second, slot);
        second += 1;
      }
    },
  };
}
