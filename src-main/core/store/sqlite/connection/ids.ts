/**
 * Date-ordered row ids (../../sql/row-ids.ts): id = creation second * 65536 + slot. ORDER BY id is then
 * creation order, so "newest first" walks the table's own b-tree backwards with no index, and the
 * full-text index, whose rowids are these ids, returns newest hits first. This file hands out the slots.
 */
import type { Db } from './database';
import { firstIdOfSecond, secondOf, SLOTS_PER_SECOND } from '../../sql/row-ids';

export { firstIdAtOrAfter, firstIdOfSecond, secondOf, SLOTS_PER_SECOND } from '../../sql/row-ids';

export interface IdAllocator {
  allocate(createdUtc: number | null): number;
  /**
   * Before a slice of rows: one query tells whether the seconds this answer has not touched yet hold
   * any stored row. When they do not (a first sync of that period, the common case), those seconds
   * need no per-second query, and their records no uid lookup (nothing stored can match them).
   */
  checkFresh(seconds: readonly number[]): void;
  /** True when the second held no stored row before this answer began writing into it. */
  isFreshSecond(second: number): boolean;
}

/**
 * Hands out the next slot of a second (after the last one used, so twins keep arrival order). Meant
 * for one answer inside one transaction: it remembers the slots it gave. A full second (65,536 rows
 * created in the same second, which no contact centre produces) spills into the next one, which keeps
 * order almost exact.
 */
export function createIdAllocator(db: Db): IdAllocator {
  const maxInSecond = db.prepare('SELECT max(id) FROM interactions WHERE id BETWEEN ? AND ?').pluck();
  const anyInRange = db.prepare('SELECT 1 FROM interactions WHERE id BETWEEN ? AND ? LIMIT 1').pluck();
  const next = new Map<number, number>();
  const fresh = new Set<number>();
  const isFreshSecond = (second: number) => fresh.has(second);
  return {
    isFreshSecond,
    checkFresh(seconds) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const s of seconds) {
        // Second 0 holds every undated row: never assume it is empty. Touched seconds are known.
        if (s === 0 || next.has(s) || fresh.has(s)) continue;
        if (s < lo) lo = s;
        if (s > hi) hi = s;
      }
      // A second this answer already wrote into, lying inside the range, makes the query find our own
      // rows: then nothing is marked fresh, which is only slower, never wrong.
      if (!(lo <= hi) || anyInRange.get(firstIdOfSecond(lo), firstIdOfSecond(hi + 1) - 1) !== undefined) return;
      for (const s of seconds) if (s >= lo && s <= hi && !next.has(s)) fresh.add(s);
    },
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
