/**
 * Reviews: read, save (one transaction, committed before the call returns, history row included) and
 * progress counts. A review is keyed by the interaction's uid, so re-syncs that rewrite or re-number
 * the interaction's row never touch it. The decisions (review, status, history diff) are reviews/review-save.ts.
 */
import { badInput } from '../../../errors';
import { setSql, type InteractionSet } from './interaction-set';
import { parseReviewInput } from '../../../reviews/review-input';
import { planReviewSave, scorecardOfSave } from '../../../reviews/review-save';
import type { OverrideStatus, Review, ReviewChange, ReviewInput, ReviewStatus, ReviewStatusCounts, Scores } from '../../../reviews/types';
import { storageError, type Db } from '../connection/database';
import { activeScorecard, requireScorecardVersion } from './scorecards-sql';

/** A `reviews` row as SQLite returns it: scores and tags are JSON text (fromRow parses them). */
interface ReviewRow {
  interaction_uid: string;
  /** The effective status (override ?? computed): what every count and filter reads. */
  status: ReviewStatus;
  computed_status: ReviewStatus;
  override_status: OverrideStatus | null;
  override_reason: string | null;
  scorecard_id: string;
  scorecard_version: number;
  scores: string;
  overall_score: number | null;
  note: string;
  tags: string;
  reviewer: string;
  created_at: number;
  updated_at: number;
  version: number;
}

const COLUMNS =
  'interaction_uid, status, computed_status, override_status, override_reason, scorecard_id, scorecard_version, scores, overall_score, note, tags, reviewer, created_at, updated_at, version';

function fromRow(row: ReviewRow): Review {
  return {
    uid: row.interaction_uid,
    status: row.status,
    computedStatus: row.computed_status,
    override: row.override_status === null ? null : { status: row.override_status, reason: row.override_reason ?? '' },
    scorecardId: row.scorecard_id,
    scorecardVersion: row.scorecard_version,
    scores: JSON.parse(row.scores) as Scores,
    overallScore: row.overall_score,
    note: row.note,
    tags: JSON.parse(row.tags) as string[],
    reviewer: row.reviewer,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The review status of each given interaction; those never reviewed are 'unreviewed'. */
export function reviewStatusesOf(db: Db, uids: readonly string[]): Map<string, ReviewStatus> {
  const out = new Map<string, ReviewStatus>(uids.map((uid) => [uid, 'unreviewed']));
  if (uids.length === 0) return out;
  const rows = db
    .prepare(`SELECT interaction_uid AS uid, status FROM reviews WHERE interaction_uid IN (${uids.map(() => '?').join(', ')})`)
    .all(...uids) as { uid: string; status: ReviewStatus }[];
  for (const r of rows) out.set(r.uid, r.status);
  return out;
}

/** The grid's review marks of each given interaction: its status and whether that is an override. */
export function reviewMarksOf(db: Db, uids: readonly string[]): Map<string, { status: ReviewStatus; overridden: boolean }> {
  const out = new Map<string, { status: ReviewStatus; overridden: boolean }>(uids.map((uid) => [uid, { status: 'unreviewed', overridden: false }]));
  if (uids.length === 0) return out;
  const rows = db
    .prepare(`SELECT interaction_uid AS uid, status, override_status IS NOT NULL AS overridden FROM reviews WHERE interaction_uid IN (${uids.map(() => '?').join(', ')})`)
    .all(...uids) as { uid: string; status: ReviewStatus; overridden: number }[];
  for (const r of rows) out.set(r.uid, { status: r.status, overridden: r.overridden === 1 });
  return out;
}

/** The given interactions' reviews, by uid (the audit workbook's columns); those never reviewed are absent. */
export function reviewsOf(db: Db, uids: readonly string[]): Map<string, Review> {
  if (uids.length === 0) return new Map();
  const rows = db.prepare(`SELECT ${COLUMNS} FROM reviews WHERE interaction_uid IN (${uids.map(() => '?').join(',')})`).all(...uids) as ReviewRow[];
  return new Map(rows.map((r) => [r.interaction_uid, fromRow(r)]));
}

export function getReview(db: Db, uid: string): Review | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM reviews WHERE interaction_uid = ?`).get(uid) as ReviewRow | undefined;
  return row && fromRow(row);
}

/**
 * SQLite's synchronous=NORMAL (the store's setting) survives a killed process but may lose the last
 * commits on power loss; synced rows can be fetched again, a reviewer's work cannot. So each review
 * commit is fsynced. The level cannot change inside a transaction, hence the check.
 */
function durably<T>(db: Db, write: () => T): T {
  if (db.inTransaction) return write();
  const previous = Number(db.pragma('synchronous', { simple: true }));
  if (previous >= 2) return write();
  db.pragma('synchronous = FULL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}

/**
 * Creates or changes the review of one interaction and records the change in its history, in one
 * IMMEDIATE transaction (the sync may write from another connection: taking the write lock first
 * avoids a failed lock upgrade halfway). A save that changes nothing writes nothing.
 */
export function saveReview(db: Db, input: ReviewInput, now: number): Review {
  const parsed = parseReviewInput(input);
  const exists = db.prepare('SELECT 1 FROM interactions WHERE uid = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO reviews (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (interaction_uid) DO UPDATE SET status = excluded.status, computed_status = excluded.computed_status,
       override_status = excluded.override_status, override_reason = excluded.override_reason, scorecard_id = excluded.scorecard_id,
       scorecard_version = excluded.scorecard_version, scores = excluded.scores, overall_score = excluded.overall_score,
       note = excluded.note, tags = excluded.tags, reviewer = excluded.reviewer, updated_at = excluded.updated_at, version = excluded.version`,
  );
  const history = db.prepare('INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES (?, ?, ?, ?, ?)');

  const save = db.transaction((): Review => {
    if (exists.get(parsed.uid) === undefined) {
      throw badInput(`There is no interaction "${parsed.uid}" in this database: it may belong to another database file.`);
    }
    const existing = getReview(db, parsed.uid) ?? null;
    const wanted = scorecardOfSave(parsed, existing);
    const card = wanted === 'active' ? activeScorecard(db, now) : requireScorecardVersion(db, wanted.id, wanted.version);
    const plan = planReviewSave(parsed, existing, card, now);
    if (plan === null) return existing!;
    const { review, action, changes } = plan;
    upsert.run(
      review.uid,
      review.status,
      review.computedStatus,
      review.override?.status ?? null,
      review.override?.reason ?? null,
      review.scorecardId,
      review.scorecardVersion,
      JSON.stringify(review.scores),
      review.overallScore,
      review.note,
      JSON.stringify(review.tags),
      review.reviewer,
      review.createdAt,
      review.updatedAt,
      review.version,
    );
    history.run(review.uid, now, review.reviewer, action, JSON.stringify(changes));
    return review;
  });
  try {
    return durably(db, () => save.immediate());
  } catch (error) {
    throw storageError('The review could not be saved', error);
  }
}

interface HistoryRow {
  id: number;
  interaction_uid: string;
  changed_at: number;
  reviewer: string;
  action: ReviewChange['action'];
  changes: string;
}

/** Every change to one interaction's review, oldest first. */
export function reviewHistory(db: Db, uid: string): ReviewChange[] {
  const rows = db
    .prepare('SELECT id, interaction_uid, changed_at, reviewer, action, changes FROM review_history WHERE interaction_uid = ? ORDER BY id')
    .all(uid) as HistoryRow[];
  return rows.map((r) => ({
    id: r.id,
    uid: r.interaction_uid,
    changedAt: r.changed_at,
    reviewer: r.reviewer,
    action: r.action,
    changes: JSON.parse(r.changes) as ReviewChange['changes'],
  }));
}

interface CountRow {
  total: number;
  in_review: number | null;
  pass: number | null;
  fail: number | null;
  overridden: number | null;
}

// Overrides are counted among decided reviews only (an upgraded decision on an incomplete review shows as pass or fail).
const COUNTS = `sum(r.status = 'in review') AS in_review, sum(r.status = 'pass') AS pass, sum(r.status = 'fail') AS fail,
  sum(r.override_status IS NOT NULL AND r.status IN ('pass', 'fail')) AS overridden`;

/** Progress of a set of interactions ("38 of 120 reviewed"); without a set, of the whole cache. */
export function reviewStatusCounts(db: Db, set: InteractionSet = { kind: 'all' }): ReviewStatusCounts {
  let row: CountRow;
  if (set.kind === 'all') {
    // The whole cache: count interactions from the smallest index, and only the (few) review rows,
    // instead of probing reviews once for each of a million interactions.
    const total = db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
    const byStatus = db
      .prepare(
        `SELECT ${COUNTS}
         FROM reviews r WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.uid = r.interaction_uid)`,
      )
      .get() as Omit<CountRow, 'total'>;
    row = { total, ...byStatus };
  } else {
    const { from, params } = setSql(set);
    row = db
      .prepare(
        `SELECT count(*) AS total, ${COUNTS}
         ${from} LEFT JOIN reviews r ON r.interaction_uid = i.uid`,
      )
      .get(...params) as CountRow;
  }
  const inReview = row.in_review ?? 0;
  const pass = row.pass ?? 0;
  const fail = row.fail ?? 0;
  return { total: row.total, unreviewed: row.total - inReview - pass - fail, inReview, pass, fail, reviewed: pass + fail, overridden: row.overridden ?? 0 };
}
