/**
 * A sliced sync window's search index, written just after its rows (issue 17, point 8).
 *
 * A slice commits its rows without their search-index entries and lists them in search_pending (migration
 * 11) in the same transaction; `catchUp` indexes them right after the commit, in id order, in transactions
 * that end early when a review save waits for the lock (write-gate.ts). Tokenising a slice's text, and FTS5's
 * flush and merge at COMMIT, were most of what a save waited for when the index was written in the slice
 * (BENCHMARKS.md, "Saves that never wait"); a slice's own COMMIT now writes little more than its rows.
 *
 * The rule a search keeps:
 * - A row is never found by text it no longer has: when its text changes, its old entries leave the index in
 *   the transaction that changes the text (upsert.ts), not here.
 * - A row is not missing for long: it is indexed by the catch-up that follows its slice's commit, before the
 *   next slice is written and before the window's commit returns. Between the two, a new or changed row is
 *   in the grid but no search finds it (milliseconds; a slice's worth of tokenising when no save waits).
 *   A kill in between leaves it listed here, and the writer indexes it when it next opens the cache.
 * Every other write of the index (a window in one transaction, a purge, the rebuild's batches) catches up
 * first, so an indexed row is never indexed again, and a row the rebuild reads is never still listed.
 */
import type { Db } from '../connection/db';
import type { GateKeeper } from '../connection/write-gate';
import { indexTargets } from '../reads/search-index';

/** How often (in rows, about 0.5 ms of tokenising) a catch-up looks for a waiting save. */
const GATE_CHECK_ROWS = 50;
/** The most rows one catch-up transaction indexes while no save waits (as many as a slice holds). */
const CHUNK_ROWS = 20_000;
/** The SQL function the catch-up's statement asks, row by row, whether to go on (see `chunk`). */
const GO = 'search_catch_up_go';

export interface SearchCatchUp {
  /** Inside a slice's transaction: these rows are indexed by the next catchUp, after the slice commits. */
  defer(ids: readonly number[]): void;
  /** Outside any transaction: indexes every listed row; a waiting save is let in between two transactions. */
  catchUp(gate?: GateKeeper): void;
}

/** Null for a cache older than migration 11 (only tests write one, to build it): its index is written in the slice. */
export function createSearchCatchUp(db: Db): SearchCatchUp | null {
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'search_pending'").get() === undefined) return null;
  const list = db.prepare('INSERT OR IGNORE INTO search_pending (id) SELECT value FROM json_each(?)');
  const anyListed = db.prepare('SELECT 1 FROM search_pending LIMIT 1').pluck();
  const unlist = db.prepare('DELETE FROM search_pending WHERE id <= ?');
  const left = db.prepare('SELECT 1 FROM search_pending WHERE id > ? LIMIT 1').pluck();

  /** The statement's row-by-row answer: yes for the listed ids in order, until CHUNK_ROWS or a waiting save. */
  const taker = (gate: GateKeeper | undefined) => {
    const t = { rows: 0, last: -1, stopped: false };
    // Registered for each transaction: another catch-up made on this connection may have registered its own.
    db.function(GO, { deterministic: false }, (id: unknown) => {
      if (t.stopped) return 0;
      if (t.rows >= CHUNK_ROWS || (t.rows > 0 && t.rows % GATE_CHECK_ROWS === 0 && gate?.wanted())) {
        t.stopped = true;
        return 0;
      }
      t.rows += 1;
      t.last = Number(id);
      return 1;
    });
    return t;
  };

  /**
   * One transaction, from the lowest listed id up, until none is left, CHUNK_ROWS, or a waiting save. One
   * statement per index: FTS5 writes its pending terms out as a new segment at every statement of a transaction
   * (its savepoint): statements of 250 rows each made small segments, and indexing 20,000 rows took ten times longer.
   * Hence the question asked row by row inside the statement, which a save can stop.
   */
  const chunk = (gate: GateKeeper | undefined): boolean => {
    db.exec('BEGIN IMMEDIATE');
    try {
      // Per transaction: a rebuild of the index may have moved on since the last one (search-index.ts).
      const [current, next] = indexTargets(db);
      const t = taker(gate);
      db.prepare(
        `INSERT INTO ${current!.table} (rowid, ${current!.columns}) SELECT interactions.id, ${current!.content}
         FROM search_pending JOIN interactions ON interactions.id = search_pending.id WHERE ${GO}(search_pending.id) ORDER BY search_pending.id`,
      ).run();
      // During a rebuild, the new index takes the same rows, up to where the rebuild has reached.
      if (next && t.last >= 0) {
        db.prepare(
          `INSERT INTO ${next.table} (rowid, ${next.columns}) SELECT id, ${next.content} FROM interactions
           WHERE id IN (SELECT id FROM search_pending WHERE id <= ?) AND id < ? ORDER BY id`,
        ).run(t.last, next.below);
      }
      if (t.last >= 0) unlist.run(t.last);
      db.exec('COMMIT');
      return t.last < 0 || left.get(t.last) === undefined;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  return {
    defer: (ids) => void list.run(JSON.stringify(ids)),
    catchUp(gate) {
      if (anyListed.get() === undefined) return;
      for (let done = false; !done; ) {
        done = chunk(gate);
        if (gate?.wanted()) gate.letThrough();
      }
    },
  };
}
