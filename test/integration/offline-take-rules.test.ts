// What a take may never do to this computer's work (found by review, each reproduced first): drop a
// review waiting to be sent when a take again leaves its interaction out (then lose it with Remove),
// overwrite a review this computer made on its own, or go back to a team review older than one a push
// recorded meanwhile. The team cache is a second SQLite cache: the take reads it through the Store port.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherTake } from '../../src-main/core/compose/team/offline/take';
import { isAppError } from '../../src-main/core/errors';
import type { OfflineTake } from '../../src-main/core/store/offline-copy';
import { syncRecords } from '../contract/sync-helpers';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { teamAndLocal } from './offline-caches';
import { NOW, recordOf } from './store-fixtures';

const RECORDS = [1, 2, 3, 4].map((n) => recordOf({ case_id: `T${n}`, body: `regla ${n}` }));

const caches = (t: { after(fn: () => Promise<void>): void }) => teamAndLocal(t, RECORDS);

/** A take of these uids as the same selection each time (an auditor's part of sample 7, taken again). */
function partOf(all: OfflineTake, uids: readonly string[]): OfflineTake {
  return { ...all, kind: 'assignment', sampleId: 7, sample: null, selected: uids, records: all.records.filter((r) => uids.includes(r.uid)) };
}

test('taken again without an interaction whose review waits: it stays in the set, counted, and Remove is refused', async (t) => {
  const { team, local } = await caches(t);
  const all = await gatherTake(team, { kind: 'filter', filter: {} }, 'ana@team/test');
  const [a, b, c] = all.selected;
  const set = await local.offline.take(partOf(all, [a!, b!, c!]), NOW);
  const mine = await local.saveReview({ uid: b!, reviewer: 'ana', scores: PASSING_SCORES, note: 'hecho sin red' }, NOW);
  // The lead gave b to someone else: the part taken again no longer holds it.
  const again = await local.offline.take(partOf(all, [a!, c!]), NOW);
  assert.equal(again.id, set.id);
  assert.equal(again.interactions, 2, 'the selection is the new part');
  assert.equal(again.pending, 1, 'the waiting review is still counted by its set');
  await assert.rejects(local.offline.drop(set.id), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /1 review not yet sent/.test(e.message));
  assert.deepEqual(await local.getReview(b!), mine);
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [b]);
  // One interaction's alone, as the team cache's review panel asks before it answers: a changed copy, a kept save.
  assert.deepEqual((await local.offline.pending(b!)).map((p) => p.mine), [mine]);
  assert.deepEqual(await local.offline.pending(a!), []);
  await local.offline.keep(c!, 0, { ...mine, uid: c!, note: 'guardada aquí' }, NOW);
  assert.deepEqual((await local.offline.pending(c!)).map((p) => [p.uid, p.mine.note]), [[c, 'guardada aquí']]);
});

test("a review this computer made on its own, unlike the team's, becomes a conflict with both kept; an alike one just follows", async (t) => {
  const { team, local } = await caches(t);
  await syncRecords(local, RECORDS);
  const [a, b] = (await gatherTake(team, { kind: 'filter', filter: {} }, 'x')).selected;
  const own = await local.saveReview({ uid: a!, reviewer: 'bea', scores: FAILING_SCORES, note: 'mía' }, NOW);
  await local.saveReview({ uid: b!, reviewer: 'bea', scores: PASSING_SCORES }, NOW);
  const theirs = await team.saveReview({ uid: a!, reviewer: 'lia', scores: PASSING_SCORES, note: 'de lia' }, NOW);
  const alike = await team.saveReview({ uid: b!, reviewer: 'lia', scores: PASSING_SCORES }, NOW);
  await local.offline.take(await gatherTake(team, { kind: 'filter', filter: {} }, 'x'), NOW);
  assert.deepEqual(await local.getReview(a!), own, 'never overwritten');
  const [conflict] = await local.offline.conflicts();
  assert.deepEqual([conflict!.uid, conflict!.mine, conflict!.theirs], [a, own, theirs]);
  assert.equal((await local.getReview(b!))!.version, alike.version, 'the same judgement follows the team');
  assert.equal((await local.offline.conflicts()).length, 1);
});

test('a take read before a push was recorded never takes the copy back to the older team review', async (t) => {
  const { team, local } = await caches(t);
  const before = await gatherTake(team, { kind: 'filter', filter: {} }, 'x');
  await local.offline.take(before, NOW);
  const uid = before.selected[0]!;
  const mine = await local.saveReview({ uid, reviewer: 'ana', scores: PASSING_SCORES, note: 'enviada' }, NOW);
  // The push: the team takes it, and this computer records it.
  const sent = await team.saveReview({ uid, reviewer: 'ana', scores: PASSING_SCORES, note: 'enviada', baseVersion: 0 }, NOW);
  await local.offline.settle(uid, mine, sent);
  // The take read before the push is written now: the team had no review then.
  await local.offline.take(before, NOW);
  assert.equal((await local.getReview(uid))!.note, 'enviada');
  const edited = await local.saveReview({ uid, reviewer: 'ana', note: 'otra vez' }, NOW);
  assert.deepEqual((await local.offline.pending()).map((p) => [p.uid, p.base, p.mine.version]), [[uid, sent.version, edited.version]], 'the next edit starts from the version sent, not from none');
});

test('a conflict whose review was saved again here is brought up to it before anyone chooses on the older one', async (t) => {
  const { team, local } = await caches(t);
  const take = await gatherTake(team, { kind: 'filter', filter: {} }, 'x');
  await local.offline.take(take, NOW);
  const uid = take.selected[0]!;
  const mine = await local.saveReview({ uid, reviewer: 'ana', scores: PASSING_SCORES, note: 'primera' }, NOW);
  const theirs = await team.saveReview({ uid, reviewer: 'lia', scores: FAILING_SCORES }, NOW);
  await local.offline.conflict(uid, mine, theirs, NOW);
  assert.equal((await local.offline.freshConflict(uid))!.changed, false);
  const later = await local.saveReview({ uid, reviewer: 'ana', note: 'segunda' }, NOW + 1);
  const fresh = (await local.offline.freshConflict(uid))!;
  assert.equal(fresh.changed, true, 'a choice made on the older review is asked again');
  assert.deepEqual(fresh.conflict.mine, later);
  assert.deepEqual((await local.offline.conflicts())[0]!.mine, later, 'the card shows the latest');
  assert.equal((await local.offline.freshConflict(uid))!.changed, false);
  assert.equal(await local.offline.freshConflict('no-such-uid'), null);
});
