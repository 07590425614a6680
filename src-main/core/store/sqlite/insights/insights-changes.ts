/**
 * Change tracking for the Insights reader's in-memory columns (insights-columns.ts), added by
 * migration 6 (migrations/006-change-tracking.ts).
 *
 * - Written rows: every window the upsert writes takes the next number of `change_counter` (in the
 *   window's own transaction) and stamps it on the rows it inserts or changes (`change_seq`). SQLite's
 *   write lock orders those numbers across connections and processes (the CLI syncs the same file), so
 *   a reader's snapshot holds every stamp up to the counter it reads there, and none after: a reader
 *   that has seen up to N reads the rows with change_seq > N, along a partial index. Clocks play no part.
 * - Removed rows: a trigger appends each deleted id to `interaction_removals`, whatever deletes it
 *   (retention, a removed profile, the CLI, a future path); the upsert appends the old id of a row
 *   whose id moved (a zone change moves the creation second). A reader reads the entries after the last
 *   one it saw. Every 65,536 entries the ones older than the newest 262,144 go, so the log cannot grow
 *   without end; a reader further behind than that reloads everything once (a second or two per million rows).
 *
 * Why not a trigger for inserts too: a trigger on INSERT makes every insert statement keep a statement
 * journal, measured +70 % CPU on ingest; the extra column and its partial index cost an index entry.
 * Rows written before this migration have no stamp (NULL): a reader's first load reads every row anyway.
 */

/** The window's stamp: the next number, taken inside the writing transaction. */
export const NEXT_STAMP_SQL = 'UPDATE change_counter SET seq = seq + 1 RETURNING seq';
export const LOG_REMOVAL_SQL = 'INSERT INTO interaction_removals (id) VALUES (?)';

/** Where the reader's snapshot stands: the last stamp, and the removal log's first and last entries. */
export const MARKS_SQL = `SELECT (SELECT seq FROM change_counter) AS stamp, (SELECT min(seq) FROM interaction_removals) AS firstRemoval,
  (SELECT max(seq) FROM interaction_removals) AS lastRemoval`;

const COLUMNS = 'id, created_utc, closed_utc, channel, agent_name, skill_id, status, cod_act, cod_description, evaluation_survey';

/** The rows the reader keeps, in id order (the first load). */
export const ALL_ROWS_SQL = `SELECT ${COLUMNS} FROM interactions ORDER BY id`;
/** The rows stamped after a number, as they are now. */
export const CHANGED_ROWS_SQL = `SELECT ${COLUMNS} FROM interactions WHERE change_seq > ?`;
/** Ids removed after a log entry. */
export const REMOVED_IDS_SQL = 'SELECT id FROM interaction_removals WHERE seq > ?';
