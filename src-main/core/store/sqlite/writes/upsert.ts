/**
 * Writes one API answer into the cache: new interactions are inserted, changed ones updated in place
 * (their previous values kept in interaction_history), unchanged ones skipped after one index lookup.
 * The full-text index is kept current here rather than by triggers: this path is what makes ingest fast
 * enough (see bench/store.ts). A row's old entries leave in the transaction that changes its text; its new
 * ones are written in the same transaction, or, for a sliced window, listed and written just after the
 * slice commits (search-catch-up.ts).
 */
import { AppError } from '../../../errors';
import { API_FIELDS } from '../../../wolkvox/fields';
import type { UpsertCounts } from '../../../sync/sync-store';
import { FIELD_COLUMNS, FTS_FIELDS } from '../../sql/columns';
import type { Db } from '../connection/database';
import { createIdAllocator, secondOf } from '../connection/ids';
import { recordHistory, type StoredRow } from './history-write';
import { LOG_REMOVAL_SQL, NEXT_STAMP_SQL } from '../insights/insights-changes';
import type { PreparedRecord } from '../../sql/prepare';
import { createIndexWriter } from '../reads/search-index';

export type { UpsertCounts } from '../../../sync/sync-store';

export interface UpsertContext {
  /** The operation's server id the records came from. */
  server: string;
  /** The profile's time zone, used to turn the API's local dates into UTC instants. */
  zone: string;
  now: number;
}

/** One answer being written, slice by slice, inside a transaction its owner opened. */
export interface UpsertSession {
  /**
   * Writes the rows in order; with `stop`, asks it every STOP_CHECK_ROWS rows and stops early when it says
   * so (a save waits: sync-log.ts). Returns how many rows were written.
   */
  write(rows: readonly PreparedRecord[], stop?: () => boolean): number;
  /** Before a COMMIT that ends a slice of the answer (sync-log.ts): the next slice takes a stamp of its own. */
  endSlice(): void;
  /** The answer's counts; call once, before the last COMMIT. */
  finish(): UpsertCounts;
}

export interface Upserter {
  /**
   * Starts writing one answer; the caller owns the transaction around write() and finish(). With `deferIndex`,
   * the rows to (re)index are handed to it at each slice's end instead of being indexed in the transaction.
   */
  session(ctx: UpsertContext, deferIndex?: (ids: readonly number[]) => void): UpsertSession;
}

const FTS_INDEXES = FTS_FIELDS.map((f) => API_FIELDS.indexOf(f));

/** About 2 ms of the writer's time on a quiet machine: how long a waiting save may wait for the next look. */
const STOP_CHECK_ROWS = 50;

/**
 * Prepares the statements once per connection; sessions reuse them. Each transaction stamps the rows it
 * writes with the next change number (insights-changes.ts), for the Insights reader's columns.
 */
export function createUpserter(db: Db): Upserter {
  // Only the migration tests write into a cache older than migration 6 (to build one); it has nothing to stamp.
  const tracked = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'change_counter'").get() !== undefined;
  const ROW_COLUMNS = ['id', 'uid', 'server', 'zone', 'created_utc', 'closed_utc', 'content_hash', 'first_synced_at', 'updated_at', ...FIELD_COLUMNS, 'raw', ...(tracked ? ['change_seq'] : [])];
  const UPDATE_COLUMNS = ROW_COLUMNS.filter((c) => c !== 'uid' && c !== 'first_synced_at');
  const nextStamp = tracked ? db.prepare(NEXT_STAMP_SQL).pluck() : null;
  const logRemoval = tracked ? db.prepare(LOG_REMOVAL_SQL) : null;
  const byUid = db.prepare('SELECT id, content_hash FROM interactions WHERE uid = ?').raw();
  // DO NOTHING on a uid clash: in a period with no rows yet we insert without looking first, and fall
  // back to the lookup path for the rare record that exists elsewhere (after the profile's zone changed).
  const insertRow = db.prepare(
    `INSERT INTO interactions (${ROW_COLUMNS.join(', ')}) VALUES (${ROW_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (uid) DO NOTHING`,
  );
  const stored = db.prepare(`SELECT id, content_hash, created_utc, raw, ${FIELD_COLUMNS.join(', ')} FROM interactions WHERE id = ?`);
  const updateRow = db.prepare(`UPDATE interactions SET ${UPDATE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const writeHistory = recordHistory(db);

  function session(ctx: UpsertContext, deferIndex?: (ids: readonly number[]) => void): UpsertSession {
    const ids = createIdAllocator(db);
    // The index is fed from the rows each write() wrote, in one statement and in rowid order (search-index.ts);
    // per session, since a rebuild of the index may have moved on (or ended) since the last window.
    const index = createIndexWriter(db);
    const toIndex: number[] = [];
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    // Taken at the first write, inside the slice's transaction: a number taken outside one could be
    // read by the Insights reader before the rows carrying it are committed, and those rows missed.
    let stamp: number | null | undefined;
    const stampOf = (): number[] => {
      if (stamp === undefined) {
        if (nextStamp && !db.inTransaction) throw new AppError('storage', 'An upsert session must run inside a transaction.');
        stamp = nextStamp ? (nextStamp.get() as number) : null;
      }
      return stamp === null ? [] : [stamp];
    };

    const insert = (p: PreparedRecord): boolean => {
      const id = ids.allocate(p.createdUtc);
      const row: unknown[] = [id, p.uid, ctx.server, ctx.zone, p.createdUtc, p.closedUtc, p.hash, ctx.now, ctx.now, ...p.values, p.raw, ...stampOf()];
      if (insertRow.run(row).changes === 0) return false;
      toIndex.push(id);
      counts.inserted++;
      return true;
    };

    const update = (p: PreparedRecord, oldId: number) => {
      const old = stored.get(oldId) as StoredRow;
      const changed = writeHistory(old, p.values, ctx.now);
      // A new zone can move the creation second; the id must follow it to stay date-ordered.
      const id = secondOf(p.createdUtc) === secondOf(old.created_utc) ? old.id : ids.allocate(p.createdUtc);
      updateRow.run([id, ctx.server, ctx.zone, p.createdUtc, p.closedUtc, p.hash, ctx.now, ...p.values, p.raw, ...stampOf(), old.id]);
      // The old id is gone for readers that keep rows by id (no DELETE ran, so no trigger logged it).
      if (id !== old.id) logRemoval?.run(old.id);
      if (id !== old.id || FTS_INDEXES.some((i) => changed.includes(API_FIELDS[i]!))) {
        index.remove(old.id);
        toIndex.push(id);
      }
      counts.updated++;
    };

    // A slice's rows are indexed in one statement just before it commits (or listed, to be indexed in one
    // statement after it: search-catch-up.ts), in rowid order. Not per call: FTS5 writes its pending terms out
    // as a new segment at each statement, and whenever a rowid lower than one already added arrives (the
    // writer's CPU per row grew by two thirds when each call indexed its own rows).
    const indexWritten = () => {
      if (toIndex.length > 0) (deferIndex ?? index.add)(toIndex);
      toIndex.length = 0;
    };
    // Once this slice commits, a reader may have read past its stamp: the next slice takes a new one.
    const endSlice = () => {
      indexWritten();
      stamp = undefined;
    };

    return {
      write(rows, stop) {
        ids.checkFresh(rows.map((p) => secondOf(p.createdUtc)));
        let written = 0;
        for (const p of rows) {
          written++;
          if (!(ids.isFreshSecond(secondOf(p.createdUtc)) && insert(p))) {
            const found = byUid.get(p.uid) as [number, string] | undefined;
            if (!found) insert(p);
            else if (found[1] === p.hash) counts.unchanged++;
            else update(p, found[0]);
          }
          if (stop && written % STOP_CHECK_ROWS === 0 && written < rows.length && stop()) break;
        }
        return written;
      },
      endSlice,
      finish() {
        endSlice();
        return { ...counts };
      },
    };
  }

  return { session };
}
