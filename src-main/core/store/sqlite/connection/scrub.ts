/**
 * Purged means gone: after rows are removed (retention, `purge`, a removed profile) their bytes leave the
 * files too, not only the tables. Deleting a row leaves its text in four places, each handled here:
 *
 * - The full-text index (FTS5, contentless_delete): a delete adds a tombstone and the terms stay in the
 *   segments until they are merged. 'optimize' merges every segment into one, without the deleted rows.
 * - Statistics: sqlite_stat4 samples index keys (agent names, case ids, uids). ANALYZE rebuilds them from
 *   what remains (full, as database.ts explains: sampled statistics misjudge these columns).
 * - Deleted cells and free pages: secure_delete (set on every writing connection, database.ts) overwrites
 *   them with zeros as they are freed. That alone removes the bytes; VACUUM returns the space, once free
 *   pages are a tenth of the file (a purge of a few rows leaves a few zeroed pages the next sync reuses;
 *   a VACUUM after each would rewrite the whole cache every few minutes under auto-sync). Measured against
 *   auto_vacuum = INCREMENTAL in BENCHMARKS.md ("Purged means gone"): VACUUM costs less all told.
 * - The WAL: every page above, old versions included, passed through it. A TRUNCATE checkpoint copies the
 *   pages into the database and empties the file. It cannot finish while another connection (the UI's
 *   reader threads, a CLI) still reads an older snapshot: it waits for them (busy_timeout) and, when one
 *   reads longer than that, the writer tries again later (createScrubber, below).
 */
import type { Db } from './database';

/** The result of wal_checkpoint: busy = 1 when a reader or writer kept it from finishing. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Copies the WAL into the database and truncates it to zero bytes; false when a reader held it back. */
export function checkpointTruncate(db: Db): boolean {
  const row = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointRow[];
  return row[0]?.busy === 0;
}

/** VACUUM once free pages are this share of the file; fewer are zeroed already and reused by the next sync. */
const VACUUM_FREE_SHARE = 0.1;

/** Rewrites the file without its free pages, building the copy in a temporary file (not in memory: a cache may be gigabytes). */
export function vacuum(db: Db): void {
  db.pragma('temp_store = FILE');
  try {
    db.exec('VACUUM');
  } finally {
    db.pragma('temp_store = MEMORY');
  }
}

/**
 * Rewrites what removed rows leave behind (see above). Runs on the writing connection, outside any
 * transaction; returns whether the WAL was emptied (false: a reader held it, try checkpointTruncate later).
 */
export function scrubRemoved(db: Db): boolean {
  db.exec("INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize')");
  // While an upgraded cache is re-indexed (search-index.ts), the new index holds removed rows' words too.
  const rebuilding = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'interactions_fts_next'").get() !== undefined;
  if (rebuilding) db.exec("INSERT INTO interactions_fts_next(interactions_fts_next) VALUES ('optimize')");
  db.exec('ANALYZE');
  const pages = Number(db.pragma('page_count', { simple: true }));
  const free = Number(db.pragma('freelist_count', { simple: true }));
  if (pages > 0 && free / pages >= VACUUM_FREE_SHARE) vacuum(db);
  return checkpointTruncate(db);
}

/** A checkpoint a reader held back is tried again this soon; a scrub that failed (a full disk), later. */
const CHECKPOINT_RETRY_MS = 2000;
const SCRUB_RETRY_MS = 60_000;

export interface Scrubber {
  /** After a removal committed: scrubs when `removed`, and gives `counts` back (a failure is thrown, and retried). */
  afterRemoval<T>(counts: T, removed: boolean): T;
  /** Before the connection closes: one last try of what is pending, and no timer left behind. */
  stop(): void;
}

/**
 * The writer's scrubbing after each removal. What could not finish is tried again on a timer, between
 * the writer's operations, until it does: the checkpoint a reader held back (every 2 s), or the whole
 * scrub when it failed (every minute; the error also reaches the caller, whose rows are removed already).
 */
export function createScrubber(db: Db): Scrubber {
  let retry: NodeJS.Timeout | null = null;
  let pending: 'checkpoint' | 'scrub' | null = null;
  const attempt = (): boolean => (pending === 'scrub' ? scrubRemoved(db) : checkpointTruncate(db));
  const schedule = (what: 'checkpoint' | 'scrub') => {
    // A scrub still owed is not forgotten for a later removal's checkpoint.
    if (!(pending === 'scrub' && what === 'checkpoint')) pending = what;
    retry ??= setTimeout(run, pending === 'scrub' ? SCRUB_RETRY_MS : CHECKPOINT_RETRY_MS);
  };
  const run = () => {
    retry = null;
    // Never inside a window's transaction: wait for it to be committed.
    if (db.inTransaction) return schedule(pending ?? 'checkpoint');
    try {
      if (attempt()) pending = null;
      else {
        pending = 'checkpoint';
        schedule('checkpoint');
      }
    } catch {
      schedule('scrub');
    }
  };
  return {
    afterRemoval(counts, removed) {
      if (!removed) return counts;
      try {
        const emptied = scrubRemoved(db);
        pending = null;
        if (!emptied) schedule('checkpoint');
      } catch (error) {
        schedule('scrub');
        throw error;
      }
      return counts;
    },
    stop() {
      if (retry) clearTimeout(retry);
      retry = null;
      if (!pending) return;
      try {
        attempt();
      } catch {
        // Closing: the next removal scrubs again.
      }
      pending = null;
    },
  };
}
