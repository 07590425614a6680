/**
 * Reviews as the app wrote them before migration 7 (schema 2-6: one status column, no override), written
 * with plain SQL: today's saveReview writes today's columns, which an old cache does not have.
 */
import type { Db } from '../../src-main/core/store/sqlite/connection/database';

/** The default scorecard as versions before migration 7 stored it: no help text, no N/A. */
export const OLD_DEFAULT_ATTRIBUTES = [
  { key: 'greeting', name: 'Greeting and identification', weight: 1, scale: 'yes-no', critical: false },
  { key: 'understanding', name: 'Understanding of the need', weight: 2, scale: '1-5', critical: false },
  { key: 'resolution', name: 'Resolution', weight: 3, scale: 'yes-no', critical: true },
  { key: 'tone', name: 'Tone and courtesy', weight: 2, scale: '1-5', critical: false },
  { key: 'typification', name: 'Correct typification', weight: 1, scale: 'yes-no', critical: false },
  { key: 'response_time', name: 'Response time', weight: 1, scale: '1-5', critical: false },
];

export interface OldReview {
  uid: string;
  status: 'unreviewed' | 'in review' | 'pass' | 'fail';
  scores?: Record<string, boolean | number>;
  /** As the old app stored it: null unless every attribute is scored. */
  overallScore?: number | null;
  note?: string;
  reviewer?: string;
  at: number;
}

/** Writes the old default scorecard (version 1) when the cache has none, then the review and its 'create' history row. */
export function insertOldReview(db: Db, r: OldReview): void {
  db.transaction(() => {
    if (db.prepare("SELECT 1 FROM scorecards WHERE id = 'default' AND version = 1").get() === undefined) {
      db.prepare("INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES ('default', 1, 'Chat and email care', 80, ?, ?)").run(
        JSON.stringify(OLD_DEFAULT_ATTRIBUTES),
        r.at,
      );
    }
    const scores = JSON.stringify(r.scores ?? {});
    db.prepare(
      `INSERT INTO reviews (interaction_uid, status, scorecard_id, scorecard_version, scores, overall_score, note, tags, reviewer, created_at, updated_at)
       VALUES (?, ?, 'default', 1, ?, ?, ?, '[]', ?, ?, ?)`,
    ).run(r.uid, r.status, scores, r.overallScore ?? null, r.note ?? '', r.reviewer ?? 'Marta', r.at, r.at);
    db.prepare("INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES (?, ?, ?, 'create', ?)").run(
      r.uid,
      r.at,
      r.reviewer ?? 'Marta',
      JSON.stringify({ status: { from: 'unreviewed', to: r.status } }),
    );
  })();
}
