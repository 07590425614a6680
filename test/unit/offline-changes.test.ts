// When the offline status tells the views that reviews changed behind their back (they read their marks
// again): a push that sent some, or a conflict settled, known by its uid (not by the count of conflicts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OfflineStatus, Review } from '../../src-main/core/api/contract';
import { reviewsMoved } from '../../src-renderer/state/offline-changes';

const review = (uid: string, reviewer: string): Review => ({
  uid, status: 'pass', computedStatus: 'pass', override: null, scorecardId: 'default', scorecardVersion: 1,
  scores: {}, overallScore: 100, note: '', tags: [], reviewer, createdAt: 1, updatedAt: 2, version: 2,
});
const conflict = (uid: string) => ({ uid, mine: review(uid, 'ana'), theirs: review(uid, 'bruno') });
const status = (uids: string[], lastPush: OfflineStatus['lastPush'] = null, refused: string[] = []): OfflineStatus => ({
  sets: [], pending: uids.length + refused.length, conflicts: uids.map(conflict), lastPush, canTake: false, pushing: false,
  refused: refused.map((uid) => ({ uid, mine: review(uid, 'ana'), reason: 'There is no interaction in this team cache', at: 1 })),
});

test('one conflict settled and a new one in the same status: reviews moved (the count alone stays the same)', () => {
  assert.equal(reviewsMoved(status(['a', 'b']), status(['b', 'c'])), true);
  assert.equal(reviewsMoved(status(['a']), status([])), true);
});

test('the same conflicts, or only new ones, or the first status: nothing moved', () => {
  assert.equal(reviewsMoved(status(['a', 'b']), status(['b', 'a'])), false);
  assert.equal(reviewsMoved(status(['a']), status(['a', 'b'])), false);
  assert.equal(reviewsMoved(null, status([])), false);
});

test('a new push that sent reviews moved them; the same push again, or one that sent none, did not', () => {
  const push = (at: number, pushed: number): OfflineStatus['lastPush'] => ({ at, result: { pushed, conflicts: 0, left: 0 }, error: null });
  assert.equal(reviewsMoved(status([], push(1, 2)), status([], push(2, 1))), true);
  assert.equal(reviewsMoved(status([]), status([], push(1, 1))), true);
  assert.equal(reviewsMoved(status([], push(1, 2)), status([], push(1, 2))), false);
  assert.equal(reviewsMoved(status([], push(1, 2)), status([], push(2, 0))), false);
});

test('a refused review discarded (gone with no push): reviews moved; refused again at a later push, or a new refusal: not', () => {
  assert.equal(reviewsMoved(status([], null, ['a', 'b']), status([], null, ['b'])), true);
  assert.equal(reviewsMoved(status([], null, ['a']), status([], null, ['a'])), false);
  assert.equal(reviewsMoved(status([], null, ['a']), status([], null, ['a', 'b'])), false);
});
