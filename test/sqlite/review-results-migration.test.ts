import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { getReview, reviewHistory, reviewStatusCounts, saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { scorecardVersion } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { insertOldReview } from '../helpers/old-reviews';
import { PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions } from './reviews-fixtures';

const dir = tempDir('wolkvox-migration7-');
const T0 = 1_700_000_100_000;
const KEPT = 'Decided before results followed the scores (kept on upgrade)';
const GOOD = PASSING_SCORES;

/** Reviews of every status the old app could store, with what migration 7 must make of each. */
const OLD: { uid: string; status: 'unreviewed' | 'in review' | 'pass' | 'fail'; scores?: Record<string, boolean | number>; overall?: number; note?: string; want: [string, string, string | null] }[] = [
  // [effective status, computed status, override status]
  { uid: 'pass-agrees', status: 'pass', scores: GOOD, overall: 100, want: ['pass', 'pass', null] },
  { uid: 'pass-over-low-score', status: 'pass', scores: { ...GOOD, understanding: 1, tone: 1 }, overall: 60, want: ['pass', 'fail', 'pass'] },
  { uid: 'pass-no-scores', status: 'pass', note: 'ok', want: ['pass', 'in review', 'pass'] },
  { uid: 'fail-nothing', status: 'fail', want: ['fail', 'unreviewed', 'fail'] },
  { uid: 'fail-agrees', status: 'fail', scores: { ...GOOD, resolution: false }, overall: 70, want: ['fail', 'fail', null] },
  { uid: 'fail-critical-corrected', status: 'fail', scores: GOOD, overall: 100, want: ['fail', 'pass', 'fail'] },
  { uid: 'fail-partial-critical', status: 'fail', scores: { resolution: false }, want: ['fail', 'in review', 'fail'] },
  { uid: 'in-review-complete-at-mark', status: 'in review', scores: { ...GOOD, tone: 1 }, overall: 80, want: ['pass', 'pass', null] },
  { uid: 'in-review-complete-low', status: 'in review', scores: { ...GOOD, tone: 1, understanding: 4 }, overall: 75, want: ['fail', 'fail', null] },
  { uid: 'in-review-partial', status: 'in review', scores: { tone: 3 }, want: ['in review', 'in review', null] },
  { uid: 'in-review-note-only', status: 'in review', note: 'look later', want: ['in review', 'in review', null] },
  { uid: 'unreviewed-empty', status: 'unreviewed', want: ['unreviewed', 'unreviewed', null] },
  { uid: 'unreviewed-reset', status: 'unreviewed', scores: { greeting: true }, want: ['in review', 'in review', null] },
];

test('migration 7 on a schema-6 cache keeps every review and every decision; only automatic states follow the scores', () => {
  const path = join(dir, 'schema6.sqlite');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 7), now: () => T0 });
  insertInteractions(old, OLD.map((r, i) => ({ id: (i + 1) << 16, uid: r.uid, agent_name: 'Ana', channel: 'Email', status: 'close' })));
  OLD.forEach((r, i) => insertOldReview(old, { uid: r.uid, status: r.status, scores: r.scores, overallScore: r.overall ?? null, note: r.note, at: T0 + i }));
  const before = old.prepare('SELECT interaction_uid, scores, overall_score, note, tags, reviewer, created_at, updated_at FROM reviews ORDER BY 1').all();
  const oldCounts = old.prepare("SELECT sum(status = 'pass') AS pass, sum(status = 'fail') AS fail FROM reviews").get() as { pass: number; fail: number };
  old.close();

  const db = openDatabase(path, { now: () => T0 + 1000 });
  try {
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), MIGRATIONS.map((m) => m.version));
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.deepEqual(db.prepare('SELECT interaction_uid, scores, overall_score, note, tags, reviewer, created_at, updated_at FROM reviews ORDER BY 1').all(), before, 'answers, notes and signatures untouched');
    for (const r of OLD) {
      const review = getReview(db, r.uid)!;
      assert.deepEqual([review.status, review.computedStatus, review.override?.status ?? null], r.want, r.uid);
      if (review.override) assert.equal(review.override.reason, KEPT, r.uid);
      const history = reviewHistory(db, r.uid);
      const changed = r.want[0] !== r.status || r.want[2] !== null;
      assert.equal(history.length, changed ? 2 : 1, `${r.uid}: a history row for each change the upgrade made`);
      if (changed) assert.equal(history[1]!.reviewer, 'Wolkvox Audit upgrade');
    }
    // No decision changed: every old pass and fail is still one; reviews stuck 'in review' with every answer now count.
    const counts = reviewStatusCounts(db);
    assert.deepEqual([counts.pass, counts.fail], [oldCounts.pass + 1, oldCounts.fail + 1]);
    assert.equal(counts.overridden, 5);
    // Old scorecard versions read with no help and no N/A.
    assert.deepEqual(scorecardVersion(db, 'default', 1)!.attributes.map((a) => [a.help, a.naAllowed]), Array(6).fill(['', false]));

    // The auditor may clear a kept decision: back to what the scores give.
    assert.equal(saveReview(db, { uid: 'pass-over-low-score', reviewer: 'Marta', override: null }, T0 + 2000).status, 'fail');
    // A kept decision on an incomplete review stays through later saves, until the auditor ends it.
    assert.equal(saveReview(db, { uid: 'fail-partial-critical', reviewer: 'Marta', note: 'seen' }, T0 + 2000).status, 'fail');
  } finally {
    db.close();
  }
  // And it opens again as is, also read-only (nothing left to migrate).
  openDatabase(path, { readonly: true }).close();
});
