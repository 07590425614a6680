import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AppError } from '../../src-main/core/errors';
import { getReview, reviewHistory, reviewMarksOf, reviewStatusCounts, saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { activeScorecard, saveScorecard, scorecardVersion } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { tempDir } from '../helpers/temp-dir';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { insertInteractions, openTestDb } from './reviews-fixtures';

const dir = tempDir('wolkvox-overrides-');
let n = 0;
const T0 = 1_700_000_100_000;
const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);

function seeded() {
  const db = openTestDb(join(dir, `overrides-${++n}.sqlite`));
  insertInteractions(db, [1, 2, 3, 4].map((k) => ({ id: k << 16, uid: `u-${k}`, agent_name: 'Ana', channel: 'Email', status: 'close' })));
  activeScorecard(db, T0);
  return db;
}

test('the result follows every save: a critical No fails, correcting it passes, exactly at the pass mark passes', () => {
  const db = seeded();
  let r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { resolution: false } }, T0);
  assert.equal(r.status, 'in review', 'one answer of six: the result waits');
  r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: FAILING_SCORES }, T0 + 1);
  assert.deepEqual([r.status, r.computedStatus, r.override], ['fail', 'fail', null]);
  r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { resolution: true } }, T0 + 2);
  assert.deepEqual([r.status, r.overallScore], ['pass', 100], 'the corrected No turns Fail back into Pass');
  r = saveReview(db, { uid: 'u-1', reviewer: 'Marta', scores: { tone: 1 } }, T0 + 3);
  assert.deepEqual([r.status, r.overallScore], ['pass', 80], 'exactly the pass mark passes');
  assert.deepEqual(reviewHistory(db, 'u-1').at(-2)!.changes.status, { from: 'fail', to: 'pass' });
});

test('an override needs a reason and a complete review; clearing it returns to the computed result', () => {
  const db = seeded();
  saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: { tone: 2 } }, T0);
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', override: { status: 'pass', reason: 'fine' } }, T0 + 1), badInput(/answer every attribute first/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'fail', reason: 'bad' }, T0 + 1), badInput(/answer every attribute first/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'pass' }, T0 + 1), badInput(/needs a reason/));
  assert.equal(getReview(db, 'u-2')!.status, 'in review', 'nothing saved by a refused call');

  saveReview(db, { uid: 'u-2', reviewer: 'Marta', scores: FAILING_SCORES }, T0 + 2);
  // A misclick on Pass changes nothing: no reason, no override.
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'pass' }, T0 + 3), badInput(/answers give "fail". Recording "pass" instead is an override and needs a reason/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', override: { status: 'pass', reason: '   ' } }, T0 + 3), badInput(/an override needs a reason/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', override: { status: 'pass', reason: 'x'.repeat(501) } }, T0 + 3), badInput(/at most 500 characters/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'unreviewed' }, T0 + 3), badInput(/cannot be set to "unreviewed"/));
  assert.throws(() => saveReview(db, { uid: 'u-2', reviewer: 'Marta', status: 'pass', override: null }, T0 + 3), badInput(/either the result or the override/));

  let r = saveReview(db, { uid: 'u-2', reviewer: 'Jorge', override: { status: 'pass', reason: ' The customer withdrew the request ' } }, T0 + 4);
  assert.deepEqual([r.status, r.computedStatus, r.override], ['pass', 'fail', { status: 'pass', reason: 'The customer withdrew the request' }]);
  const last = reviewHistory(db, 'u-2').at(-1)!;
  assert.deepEqual([last.reviewer, last.changedAt], ['Jorge', T0 + 4], 'who and when: the history');
  assert.deepEqual(last.changes.override, { from: null, to: { status: 'pass', reason: 'The customer withdrew the request' } });
  assert.deepEqual(reviewMarksOf(db, ['u-2', 'u-3']), new Map([['u-2', { status: 'pass', overridden: true }], ['u-3', { status: 'unreviewed', overridden: false }]]));

  r = saveReview(db, { uid: 'u-2', reviewer: 'Jorge', note: 'checked' }, T0 + 5);
  assert.equal(r.status, 'pass', 'a later save keeps the override');
  r = saveReview(db, { uid: 'u-2', reviewer: 'Jorge', scores: { tone: 3 } }, T0 + 6);
  assert.deepEqual([r.status, r.computedStatus], ['pass', 'fail'], 'and a score change too: the auditor decided');
  r = saveReview(db, { uid: 'u-2', reviewer: 'Jorge', status: 'fail' }, T0 + 7);
  assert.deepEqual([r.status, r.override], ['fail', null], 'choosing the computed result clears the override');
  saveReview(db, { uid: 'u-2', reviewer: 'Jorge', status: 'pass', reason: 'Second look' }, T0 + 8);
  r = saveReview(db, { uid: 'u-2', reviewer: 'Jorge', override: null }, T0 + 9);
  assert.deepEqual([r.status, r.override], ['fail', null], 'clearing returns to the computed result');
});

test('progress counts: in review is not reviewed; overrides are counted', () => {
  const db = seeded();
  saveReview(db, { uid: 'u-1', reviewer: 'M', scores: PASSING_SCORES }, T0);
  saveReview(db, { uid: 'u-2', reviewer: 'M', scores: FAILING_SCORES }, T0);
  saveReview(db, { uid: 'u-2', reviewer: 'M', override: { status: 'pass', reason: 'escalated by the customer, not the agent' } }, T0 + 1);
  saveReview(db, { uid: 'u-3', reviewer: 'M', scores: { resolution: false } }, T0);
  assert.deepEqual(reviewStatusCounts(db), { total: 4, unreviewed: 1, inReview: 1, pass: 2, fail: 0, reviewed: 2, overridden: 1 });
});

test('N/A: accepted only where the attribute allows it, with a clear message', () => {
  const db = seeded();
  const card = saveScorecard(db, { name: 'With N/A', attributes: [{ key: 'a', name: 'Greeting', weight: 1, scale: 'yes-no' }, { key: 'b', name: 'Survey offered', weight: 1, scale: 'yes-no', naAllowed: true }] }, T0);
  assert.equal(card.attributes[1]!.naAllowed, true);
  assert.throws(() => saveReview(db, { uid: 'u-4', reviewer: 'M', scores: { a: 'na' } }, T0), badInput(/"Greeting" cannot be N\/A/));
  const r = saveReview(db, { uid: 'u-4', reviewer: 'M', scores: { a: false, b: 'na' } }, T0);
  assert.deepEqual([r.status, r.overallScore, r.scores.b], ['fail', 0, 'na']);
  assert.deepEqual(getReview(db, 'u-4')!.scores, { a: false, b: 'na' }, 'stored as N/A');
});

test('versions: a review scored on v1 still reads v1 after v2 is saved, until it is rescored', () => {
  const db = seeded();
  const v1 = activeScorecard(db, T0);
  saveReview(db, { uid: 'u-1', reviewer: 'M', scores: PASSING_SCORES }, T0);
  const v2 = saveScorecard(db, { name: 'Stricter', passMark: 100, attributes: [{ key: 'tone', name: 'Tone', weight: 1, scale: '1-5', help: 'Warm and clear' }] }, T0 + 1);
  const r = getReview(db, 'u-1')!;
  assert.deepEqual([r.scorecardId, r.scorecardVersion, r.status], ['default', v1.version, 'pass']);
  assert.deepEqual(scorecardVersion(db, r.scorecardId, r.scorecardVersion), v1, 'v1 is read back whole');
  assert.equal(activeScorecard(db, T0 + 2).version, v2.version);
  const moved = saveReview(db, { uid: 'u-1', reviewer: 'M', rescore: true, scores: { tone: 4 } }, T0 + 3);
  assert.deepEqual([moved.scorecardVersion, moved.overallScore, moved.status], [v2.version, 75, 'fail']);
});
