/**
 * Date-ordered ids for the rows a window writes (../../sql/row-ids.ts): the next slots of each creation
 * second, after the highest id stored in it. One query reads the highest id of every second the window
 * touches (the first time it does); the slots are then handed out here, in the window's order (twins keep
 * arrival order). Used inside the window's transaction, after the change counter's row lock is taken (window-write.ts), so no
 * other writer adds rows to those seconds meanwhile.
 */
import { firstIdOfSecond, secondOf, SLOTS_PER_SECOND } from '../../sql/row-ids';
import type { SqlClient } from '../sql-client';

const MAX_IN_SECONDS = `SELECT s AS second, (SELECT max(id) FROM interactions WHERE id BETWEEN s * ${SLOTS_PER_SECOND} AND s * ${SLOTS_PER_SECOND} + ${SLOTS_PER_SECOND - 1}) AS max
  FROM unnest($1::bigint[]) AS s`;

export interface IdSlots {
  /** An id for each creation instant, in order, after every id this window was given before. */
  allocate(createdUtc: readonly (number | null)[]): Promise<number[]>;
}

/**
 * The slots of one window. A full second (65,536 rows created in the same second, which no contact centre
 * produces) spills into the next one, read in another round, as the SQLite store does.
 */
export function createIdSlots(tx: SqlClient): IdSlots {
  const next = new Map<number, number>();
  return {
    async allocate(createdUtc) {
      const ids: number[] = new Array<number>(createdUtc.length);
      let pending = createdUtc.map((_, i) => i);
      while (pending.length > 0) {
        await readSeconds(tx, next, pending.map((i) => secondOf(createdUtc[i]!)));
        const waiting: number[] = [];
        for (const i of pending) {
          // Rows after one that waits for an unread second wait too, so slots stay in the window's order.
          const id = waiting.length > 0 ? null : take(next, secondOf(createdUtc[i]!));
          if (id === null) waiting.push(i);
          else ids[i] = id;
        }
        pending = waiting;
      }
      return ids;
    },
  };
}

/** The next free slot of a second (or of the first later one with room); null when that second is not read yet. */
function take(next: Map<number, number>, from: number): number | null {
  for (let second = from; ; second++) {
    const slot = next.get(second);
    if (slot === undefined) return null;
    if (slot < SLOTS_PER_SECOND) {
      next.set(second, slot + 1);
      return firstIdOfSecond(second) + slot;
    }
  }
}

async function readSeconds(tx: SqlClient, next: Map<number, number>, seconds: readonly number[]): Promise<void> {
  // A full second sends its rows to the next one: read that too.
  const wanted = new Set<number>();
  for (const s of seconds) {
    let second = s;
    while ((next.get(second) ?? 0) >= SLOTS_PER_SECOND) second++;
    if (!next.has(second)) wanted.add(second);
  }
  if (wanted.size === 0) return;
  const rows = await tx.query<{ second: number; max: number | null }>(MAX_IN_SECONDS, [[...wanted]]);
  for (const { second, max } of rows) next.set(second, max === null ? 0 : max - firstIdOfSecond(second) + 1);
}
