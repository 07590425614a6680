/**
 * Personal data has an end: removing a server's interactions older than a cut-off (retention, `purge`) or
 * all of them (a removed profile), with what hangs off them, in one transaction.
 *
 * What goes with an interaction: its change history, its full-text entry, its sample memberships and,
 * unless it is kept as reviewed, its review and the review's history (migration 4 lets a purge, and only
 * a purge, delete review history). A review whose interaction stays is never touched.
 *
 * Choices, stated:
 * - Rows belong to a server (the cache has no profile column); two profiles on one server share them.
 * - Age is the creation date; a row whose creation date could not be read is aged by when it was first
 *   synced, so no row lives forever for want of a date.
 * - "Reviewed" means a review with a verdict or in progress (status other than 'unreviewed').
 * - The sync log is left as it is: an incremental sync goes on from its checkpoint and does not fetch
 *   again what retention removed. A range sync asked over older dates does download them again (the user
 *   asked for that range); the retention applied after that sync removes them once more.
 * - Removing a server's data removes its sync runs too (a profile added again starts from nothing), but
 *   keeps its API call log, detached from the runs: it holds no personal data and counts the day's quota.
 */
import { AppError } from '../../../errors';
import { firstIdAtOrAfter } from '../connection/ids';
import type { Db } from '../connection/database';
import { purgeFromNextIndex } from '../reads/search-index';
import type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../../types';

export type { PurgeCounts, PurgeRequest, ServerRemovalCounts } from '../../types';

const NONE: PurgeCounts = { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0 };

/**
 * A review made on an offline copy and not yet sent to the team cache (or in conflict there) is the only
 * copy of the auditor's work: retention leaves its interaction, and so its review, until it is sent.
 */
const NOT_WAITING = `AND NOT EXISTS (SELECT 1 FROM offline_reviews o JOIN reviews r ON r.interaction_uid = o.uid
    WHERE o.uid = i.uid AND r.version <> o.local_version)
  AND i.uid NOT IN (SELECT uid FROM offline_conflicts)`;

/** The ids of the rows a purge takes, by primary-key range (ids are creation-ordered, see ids.ts). */
function selectDoomed(db: Db, req: PurgeRequest): void {
  // A cut-off that is not a date (NaN) is a caller's mistake; read as "no bound" it would purge every row.
  if (typeof req.beforeUtc !== 'number' || Number.isNaN(req.beforeUtc)) throw new AppError('bad-input', 'A purge needs a cut-off date.');
  db.exec('CREATE TEMP TABLE IF NOT EXISTS purge_doomed (id INTEGER PRIMARY KEY, uid TEXT NOT NULL)');
  db.exec('DELETE FROM temp.purge_doomed');
  const idBound = Number.isFinite(req.beforeUtc) ? firstIdAtOrAfter(req.beforeUtc) : Number.MAX_SAFE_INTEGER;
  const before = Number.isFinite(req.beforeUtc) ? req.beforeUtc : Number.MAX_SAFE_INTEGER;
  const reviewed = req.keepReviewed
    ? "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.interaction_uid = i.uid AND r.status <> 'unreviewed')"
    : '';
  db.prepare(
    `INSERT INTO temp.purge_doomed (id, uid)
     SELECT i.id, i.uid FROM interactions i
     WHERE i.id < ? AND i.server = ? AND coalesce(i.created_utc, i.first_synced_at) < ? ${reviewed} ${NOT_WAITING}`,
  ).run(idBound, req.server, before);
}

function countDoomed(db: Db): PurgeCounts {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    interactions: count('SELECT count(*) FROM temp.purge_doomed'),
    reviews: count('SELECT count(*) FROM reviews WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed)'),
    history: count('SELECT count(*) FROM interaction_history WHERE interaction_id IN (SELECT id FROM temp.purge_doomed)'),
    reviewHistory: count('SELECT count(*) FROM review_history WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed)'),
    sampleMembers: count('SELECT count(*) FROM sample_members WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed)'),
  };
}

/** Deletes the rows listed in temp.purge_doomed and what hangs off them (a purge; a removed offline selection). */
export function deleteDoomed(db: Db): void {
  purgeFromNextIndex(db);
  db.exec(`
    DELETE FROM sample_members WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed);
    DELETE FROM reviews WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed);
    INSERT INTO purge_gate (open) VALUES (1);
    DELETE FROM review_history WHERE interaction_uid IN (SELECT uid FROM temp.purge_doomed);
    DELETE FROM purge_gate;
    DELETE FROM interaction_history WHERE interaction_id IN (SELECT id FROM temp.purge_doomed);
    DELETE FROM interactions_fts WHERE rowid IN (SELECT id FROM temp.purge_doomed);
    DELETE FROM interactions WHERE id IN (SELECT id FROM temp.purge_doomed);
    DELETE FROM temp.purge_doomed;
  `);
}

/** What a purge would remove, removing nothing. */
export function planPurge(db: Db, req: PurgeRequest): PurgeCounts {
  return db.transaction(() => {
    selectDoomed(db, req);
    const counts = countDoomed(db);
    db.exec('DELETE FROM temp.purge_doomed');
    return counts;
  }).deferred();
}

/** Removes what planPurge counts, all or nothing, and says what it removed. */
export function purge(db: Db, req: PurgeRequest): PurgeCounts {
  return db.transaction(() => {
    selectDoomed(db, req);
    const counts = countDoomed(db);
    if (counts.interactions > 0) deleteDoomed(db);
    else db.exec('DELETE FROM temp.purge_doomed');
    return counts.interactions > 0 ? counts : { ...NONE };
  }).immediate();
}

const ALL = (server: string): PurgeRequest => ({ server, beforeUtc: Infinity, keepReviewed: false });

/** What removing a server's data would remove. */
export function planServerRemoval(db: Db, server: string): ServerRemovalCounts {
  const counts = planPurge(db, ALL(server));
  const syncRuns = db.prepare('SELECT count(*) FROM sync_runs WHERE server = ?').pluck().get(server) as number;
  return { ...counts, syncRuns };
}

/** Every interaction of a server and what hangs off it, and its sync runs: one transaction. */
export function removeServerData(db: Db, server: string): ServerRemovalCounts {
  return db.transaction(() => {
    const counts = purge(db, ALL(server));
    db.prepare('UPDATE sync_calls SET run_id = NULL WHERE run_id IN (SELECT id FROM sync_runs WHERE server = ?)').run(server);
    const syncRuns = db.prepare('DELETE FROM sync_runs WHERE server = ?').run(server).changes;
    return { ...counts, syncRuns };
  }).immediate();
}
