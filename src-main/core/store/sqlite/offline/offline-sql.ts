/**
 * The bookkeeping of offline copies in this computer's cache (migration 12): sets, what waits to be sent
 * (reviews changed here on copied interactions, and the outbox of saves the team cache could not take),
 * conflicts and the last push. What counts as "changed here": the local review's version differs from the
 * one the last take or push left (offline_reviews.local_version).
 */
import { badInput } from '../../../errors';
import type { Review } from '../../../reviews/types';
import type { LastPush, OfflineConflictRow, OfflineKind, OfflineSetRow, PendingReview } from '../../offline-copy';
import { REVIEW_COLUMNS, type ReviewRow, reviewOfRow } from '../../sql/review-row';
import type { Db } from '../connection/database';
import { deleteDoomed } from '../writes/retention';

/** Tracked interactions whose local review changed since the last take or push (and not in conflict). */
const CHANGED = `SELECT t.uid FROM offline_reviews t JOIN reviews r ON r.interaction_uid = t.uid
  WHERE r.version <> t.local_version AND t.uid NOT IN (SELECT uid FROM offline_conflicts) AND t.uid NOT IN (SELECT uid FROM offline_outbox)`;

/** Every uid with something of this computer's waiting: a changed review, a kept save, a conflict. */
export const WAITING = `SELECT uid FROM (${CHANGED}) UNION SELECT uid FROM offline_outbox UNION SELECT uid FROM offline_conflicts`;

/** Writes a review exactly as given (the team's), keeping this cache's history as it is. */
export function putReview(db: Db, review: Review): void {
  db.prepare(
    `INSERT INTO reviews (${REVIEW_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (interaction_uid) DO UPDATE SET status = excluded.status, computed_status = excluded.computed_status,
       override_status = excluded.override_status, override_reason = excluded.override_reason, scorecard_id = excluded.scorecard_id,
       scorecard_version = excluded.scorecard_version, scores = excluded.scores, overall_score = excluded.overall_score,
       note = excluded.note, tags = excluded.tags, reviewer = excluded.reviewer, created_at = excluded.created_at,
       updated_at = excluded.updated_at, version = excluded.version`,
  ).run(
    review.uid, review.status, review.computedStatus, review.override?.status ?? null, review.override?.reason ?? null,
    review.scorecardId, review.scorecardVersion, JSON.stringify(review.scores), review.overallScore, review.note,
    JSON.stringify(review.tags), review.reviewer, review.createdAt, review.updatedAt, review.version,
  );
}

export function localReview(db: Db, uid: string): Review | null {
  const row = db.prepare(`SELECT ${REVIEW_COLUMNS} FROM reviews WHERE interaction_uid = ?`).get(uid) as ReviewRow | undefined;
  return row ? reviewOfRow(row) : null;
}

interface SetRow {
  id: number;
  kind: OfflineKind;
  label: string;
  taken_at: number;
  source: string;
  interactions: number;
  pending: number;
}

const SETS = `SELECT s.id, s.kind, s.label, s.taken_at, s.source,
    (SELECT count(*) FROM offline_members m WHERE m.set_id = s.id AND m.selected = 1) AS interactions,
    (SELECT count(*) FROM offline_members m WHERE m.set_id = s.id AND (m.uid IN (${CHANGED}) OR m.uid IN (SELECT uid FROM offline_outbox)
      OR m.uid IN (SELECT uid FROM offline_conflicts))) AS pending
  FROM offline_sets s`;

const toSet = (r: SetRow): OfflineSetRow => ({ id: r.id, kind: r.kind, label: r.label, interactions: r.interactions, pending: r.pending, takenAt: r.taken_at, source: r.source });

export function setRowOf(db: Db, id: number): OfflineSetRow {
  return toSet(db.prepare(`${SETS} WHERE s.id = ?`).get(id) as SetRow);
}

export function listSets(db: Db): OfflineSetRow[] {
  return (db.prepare(`${SETS} ORDER BY s.taken_at DESC, s.id DESC`).all() as SetRow[]).map(toSet);
}

/** What waits to be sent, the outbox's first; with `uid`, that interaction's alone (a lookup by key, not a scan). */
export function pendingReviews(db: Db, uid?: string): PendingReview[] {
  const one = uid === undefined ? '' : 'AND uid = @uid';
  const kept = db
    .prepare(`SELECT uid, base_version, review FROM offline_outbox WHERE uid NOT IN (SELECT uid FROM offline_conflicts) ${one} ORDER BY saved_at, uid`)
    .all(uid === undefined ? {} : { uid }) as { uid: string; base_version: number; review: string }[];
  const out: PendingReview[] = kept.map((k) => ({ uid: k.uid, base: k.base_version, mine: JSON.parse(k.review) as Review }));
  const changed = db
    .prepare(`SELECT c.uid, t.base_version FROM (${CHANGED} ${uid === undefined ? '' : 'AND t.uid = @uid'}) c JOIN offline_reviews t ON t.uid = c.uid ORDER BY c.uid`)
    .all(uid === undefined ? {} : { uid }) as { uid: string; base_version: number }[];
  for (const c of changed) {
    const mine = localReview(db, c.uid);
    if (mine) out.push({ uid: c.uid, base: c.base_version, mine });
  }
  return out;
}

export function holds(db: Db, uid: string): boolean {
  return db.prepare('SELECT 1 FROM offline_reviews t JOIN interactions i ON i.uid = t.uid WHERE t.uid = ?').get(uid) !== undefined;
}

export function keep(db: Db, uid: string, base: number, review: Review, now: number): void {
  // A second save of the same interaction replaces the first; the team's version the first started from stays the base.
  db.prepare(
    `INSERT INTO offline_outbox (uid, base_version, review, saved_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET review = excluded.review, saved_at = excluded.saved_at`,
  ).run(uid, base, JSON.stringify(review), now);
}

export function kept(db: Db, uid: string): PendingReview | null {
  const row = db.prepare('SELECT base_version, review FROM offline_outbox WHERE uid = ?').get(uid) as { base_version: number; review: string } | undefined;
  return row ? { uid, base: row.base_version, mine: JSON.parse(row.review) as Review } : null;
}

/** The team has `team` now: this computer's copy follows it unless it changed again meanwhile. */
function follow(db: Db, uid: string, team: Review, unchangedSince: number | null): void {
  const row = db.prepare('SELECT local_version FROM offline_reviews WHERE uid = ?').get(uid) as { local_version: number } | undefined;
  if (!row) return;
  const local = localReview(db, uid);
  if (unchangedSince === null || (local?.version ?? 0) === unchangedSince) {
    putReview(db, team);
    db.prepare('UPDATE offline_reviews SET base_version = ?, local_version = ? WHERE uid = ?').run(team.version, team.version, uid);
  } else {
    // Changed again while it was being sent: that change waits, based on the team's new version.
    db.prepare('UPDATE offline_reviews SET base_version = ? WHERE uid = ?').run(team.version, uid);
  }
}

export function settle(db: Db, uid: string, mine: Review, team: Review): void {
  db.transaction(() => {
    const outbox = kept(db, uid);
    if (outbox && outbox.mine.version === mine.version && outbox.mine.updatedAt === mine.updatedAt) db.prepare('DELETE FROM offline_outbox WHERE uid = ?').run(uid);
    else if (outbox) db.prepare('UPDATE offline_outbox SET base_version = ? WHERE uid = ?').run(team.version, uid);
    db.prepare('DELETE FROM offline_conflicts WHERE uid = ?').run(uid);
    follow(db, uid, team, outbox ? null : mine.version);
  }).immediate();
}

export function conflict(db: Db, uid: string, mine: Review, theirs: Review, now: number): void {
  db.prepare(
    `INSERT INTO offline_conflicts (uid, mine, theirs, found_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (uid) DO UPDATE SET mine = excluded.mine, theirs = excluded.theirs, found_at = excluded.found_at`,
  ).run(uid, JSON.stringify(mine), JSON.stringify(theirs), now);
}

export function conflicts(db: Db): OfflineConflictRow[] {
  const rows = db.prepare('SELECT uid, mine, theirs FROM offline_conflicts ORDER BY found_at, uid').all() as { uid: string; mine: string; theirs: string }[];
  return rows.map((r) => ({ uid: r.uid, mine: JSON.parse(r.mine) as Review, theirs: JSON.parse(r.theirs) as Review }));
}

export function freshConflict(db: Db, uid: string): { conflict: OfflineConflictRow; changed: boolean } | null {
  return db
    .transaction(() => {
      const found = conflicts(db).find((c) => c.uid === uid);
      if (!found) return null;
      const latest = kept(db, uid)?.mine ?? localReview(db, uid);
      if (!latest || (latest.version === found.mine.version && latest.updatedAt === found.mine.updatedAt)) return { conflict: found, changed: false };
      db.prepare('UPDATE offline_conflicts SET mine = ? WHERE uid = ?').run(JSON.stringify(latest), uid);
      return { conflict: { ...found, mine: latest }, changed: true };
    })
    .immediate();
}

export function takeTheirs(db: Db, uid: string, theirs: Review): void {
  db.transaction(() => {
    db.prepare('DELETE FROM offline_outbox WHERE uid = ?').run(uid);
    db.prepare('DELETE FROM offline_conflicts WHERE uid = ?').run(uid);
    follow(db, uid, theirs, null);
  }).immediate();
}

export function drop(db: Db, id: number): void {
  db.transaction(() => {
    const set = db.prepare(`${SETS} WHERE s.id = ?`).get(id) as SetRow | undefined;
    if (!set) throw badInput('That offline selection is no longer on this computer.');
    if (set.pending > 0) {
      throw badInput(`"${set.label}" holds ${set.pending} review${set.pending === 1 ? '' : 's'} not yet sent to the team cache: send them, settle their conflicts, or discard those the team cache refuses, before removing it.`);
    }
    const sample = db.prepare('SELECT local_sample_id FROM offline_sets WHERE id = ?').pluck().get(id) as number | null;
    db.prepare('DELETE FROM offline_members WHERE set_id = ?').run(id);
    db.prepare('DELETE FROM offline_sets WHERE id = ?').run(id);
    // Its copy of the team's sample goes too (the team keeps the sample).
    if (sample !== null) {
      db.prepare('DELETE FROM sample_members WHERE sample_id = ?').run(sample);
      db.prepare('DELETE FROM samples WHERE id = ?').run(sample);
    }
    // The interactions only this set brought go, with their copied reviews (the team keeps them).
    db.exec('CREATE TEMP TABLE IF NOT EXISTS purge_doomed (id INTEGER PRIMARY KEY, uid TEXT NOT NULL)');
    db.exec('DELETE FROM temp.purge_doomed');
    // Never what waits to be sent (a member another take moved out of every set, say): it stays, followed.
    db.exec(`INSERT INTO temp.purge_doomed (id, uid)
      SELECT i.id, i.uid FROM offline_reviews t JOIN interactions i ON i.uid = t.uid
      WHERE t.copied = 1 AND NOT EXISTS (SELECT 1 FROM offline_members m WHERE m.uid = t.uid) AND t.uid NOT IN (${WAITING})`);
    db.exec(`DELETE FROM offline_reviews WHERE uid NOT IN (SELECT uid FROM offline_members) AND uid NOT IN (${WAITING})`);
    deleteDoomed(db);
  }).immediate();
}

export function recordPush(db: Db, push: LastPush): void {
  db.prepare(
    `INSERT INTO offline_push (id, at, result, error) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET at = excluded.at, result = excluded.result, error = excluded.error`,
  ).run(push.at, JSON.stringify(push.result), push.error);
}

export function lastPush(db: Db): LastPush | null {
  const row = db.prepare('SELECT at, result, error FROM offline_push WHERE id = 1').get() as { at: number; result: string; error: string | null } | undefined;
  return row ? { at: row.at, result: JSON.parse(row.result) as LastPush['result'], error: row.error } : null;
}
