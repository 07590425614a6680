/**
 * Purged means gone: after rows are removed (retention, `purge`, a removed profile) their bytes leave the
 * files too, not only the tables. Deleting a row leaves its text in four places, each handled here:
 *
 * - The full-text index (FTS5, contentless_delete): a delete adds a tombstone and the terms stay in the
 *   segments until they are merged. 'optimize' merges every segment into one, without the deleted rows.
 * - Statistics: sqlite_stat4 samples index keys (agent names, case ids, uids). ANALYZE rebuilds them from
 *   what remains (full, as database.ts explains: sampled statistics misjudge these columns).
 * - Free pages and the file's tail: VACUUM rewrites the database from its live rows. secure_delete (set on
 *   every writing connection, database.ts) zeroes deleted cells on the way; VACUUM returns the space too.
 *   Measured against auto_vacuum = INCREMENTAL in BENCHMARKS.md ("Purged means gone").
 * - The WAL: every page above, old versions included, passed through it. A TRUNCATE checkpoint copies the
 *   pages into the database and empties the file. It cannot finish while another connection (the UI's
 *   reader threads, a CLI) still reads an older snapshot: it waits for them (busy_timeout) and, when one
 *   reads longer than that, the caller tries again later (checkpointPending).
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

/**
 * Rewrites what removed rows leave behind (see above). Runs on the writing connection, outside any
 * transaction; returns whether the WAL was emptied (false: a reader held it, try checkpointTruncate later).
 */
export function scrubRemoved(db: Db): boolean {
  db.exec("INSERT INTO interactions_fts(interactions_fts) VALUES ('optimize')");
  db.exec('ANALYZE');
  db.exec('VACUUM');
  return checkpointTruncate(db);
}
