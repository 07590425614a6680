/**
 * Reviews, as the port promises them (core/reviews/types.ts states the rules):
 * - a save is a patch: scores given are set (null clears one), scores not given are kept; the note and
 *   the tags are kept unless given; tags are trimmed and de-duplicated ignoring case;
 * - the result follows the scores (a critical "no" fails on its own; below the pass mark fails; partial is
 *   'in review'); a different result is an override, which needs a reason and a complete review, survives
 *   later saves, and is cleared by choosing the computed result or by `override: null`;
 * - a refused save writes nothing; a save that changes nothing adds no history;
 * - the history lists every change, oldest first, with who, when and each field's from and to;
 * - a scorecard change keeps past reviews on their version until they are rescored;
 * - every review carries a version (1, then one more per save that changes it); a save naming a version
 *   that is no longer the stored one is refused as 'concurrency' with the stored review, and writes nothing;
 * - the grid's marks, statuses and progress counts agree with the reviews.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src-main/core/store/store';
import { NOW } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { awkwardRecords } from './grid-fixture';
import { IMPLEMENTATIONS, withStore, type Implementation } from './implementations';
import { syncRecords } from './sync-helpers';

const badInput = (message: RegExp) => (e: unknown) => (e as { kind?: string }).kind === 'bad-input' && message.test((e as Error).message);

async function uidsOf(store: Store, n: number): Promise<string[]> {
  await syncRecords(store, awkwardRecords(n, 3));
  return (await store.page({ limit: n, sort: { field: 'created', dir: 'asc' } })).rows.map((r) => r.uid);
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a save is a patch; the result follows the scores; refused saves write nothing`, () =>
    withStore(impl, async (store) => {
      const [u1, u2, u3] = await uidsOf(store, 5);
      let r = await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: { greeting: true, tone: 4 }, note: 'first', tags: ['Escalate', 'escalate ', ' VIP'] }, NOW);
      assert.deepEqual([r.status, r.overallScore, r.tags], ['in review', null, ['Escalate', 'VIP']]);
      r = await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: { understanding: 3, resolution: true, typification: false, response_time: 5 } }, NOW + 1);
      assert.deepEqual(r.scores, { greeting: true, tone: 4, understanding: 3, resolution: true, typification: false, response_time: 5 }, 'scores not given are kept');
      assert.deepEqual([r.note, r.tags], ['first', ['Escalate', 'VIP']], 'note and tags not given are kept');
      // (1*1 + 2*0.5 + 3*1 + 2*0.75 + 1*0 + 1*1) / 10 = 75, under the pass mark of 80.
      assert.deepEqual([r.overallScore, r.status, r.computedStatus, r.override], [75, 'fail', 'fail', null]);
      r = await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: { tone: null }, tags: [] }, NOW + 2);
      assert.deepEqual([r.scores.tone, r.overallScore, r.status, r.tags], [undefined, null, 'in review', []], 'null clears a score; tags given replace');
      assert.equal(r.createdAt, NOW);
      assert.equal(r.updatedAt, NOW + 2);

      r = await store.saveReview({ uid: u2!, reviewer: 'Marta', scores: FAILING_SCORES }, NOW);
      assert.deepEqual([r.status, r.overallScore], ['fail', 70], 'a critical no fails whatever the score');
      r = await store.saveReview({ uid: u2!, reviewer: 'Marta', scores: { resolution: true } }, NOW + 1);
      assert.equal(r.status, 'pass', 'correcting it passes');

      const before = await store.getReview(u2!);
      await assert.rejects(store.saveReview({ uid: u2!, reviewer: 'Marta', scores: { tone: 6 } }, NOW + 2), badInput(/whole number from 1 to 5/));
      await assert.rejects(store.saveReview({ uid: u2!, reviewer: 'Marta', scores: { greeting: 1 } }, NOW + 2), badInput(/yes or no/));
      await assert.rejects(store.saveReview({ uid: u2!, reviewer: 'Marta', scores: { empathy: 3 } }, NOW + 2), badInput(/not an attribute/));
      await assert.rejects(store.saveReview({ uid: u2!, reviewer: ' ', note: 'x' }, NOW + 2), badInput(/reviewer/));
      await assert.rejects(store.saveReview({ uid: u2!, reviewer: 'M', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, NOW + 2), badInput(/at most 20 tags/));
      await assert.rejects(store.saveReview({ uid: 'no-such', reviewer: 'M', note: 'x' }, NOW + 2), badInput(/no interaction/));
      assert.deepEqual(await store.getReview(u2!), before, 'nothing half-saved');
      assert.equal(await store.getReview(u3!), null);
      assert.equal((await store.reviewHistory(u2!)).length, 2);
    }));

  test(`${impl.name}: overrides need a reason and a complete review, survive later saves, and clear back to the computed result`, () =>
    withStore(impl, async (store) => {
      const [u1, u2] = await uidsOf(store, 4);
      await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: { tone: 2 } }, NOW);
      await assert.rejects(store.saveReview({ uid: u1!, reviewer: 'Marta', override: { status: 'pass', reason: 'fine' } }, NOW + 1), badInput(/answer every attribute first/));
      await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: FAILING_SCORES }, NOW + 2);
      await assert.rejects(store.saveReview({ uid: u1!, reviewer: 'Marta', status: 'pass' }, NOW + 3), badInput(/needs a reason/));
      await assert.rejects(store.saveReview({ uid: u1!, reviewer: 'Marta', override: { status: 'pass', reason: '   ' } }, NOW + 3), badInput(/needs a reason/));
      await assert.rejects(store.saveReview({ uid: u1!, reviewer: 'Marta', status: 'unreviewed' }, NOW + 3), badInput(/unreviewed/));
      assert.equal((await store.getReview(u1!))!.override, null);

      let r = await store.saveReview({ uid: u1!, reviewer: 'Jorge', override: { status: 'pass', reason: ' The customer withdrew ' } }, NOW + 4);
      assert.deepEqual([r.status, r.computedStatus, r.override], ['pass', 'fail', { status: 'pass', reason: 'The customer withdrew' }]);
      assert.deepEqual(await store.reviewMarks([u1!, u2!]), new Map([[u1!, { status: 'pass', overridden: true }], [u2!, { status: 'unreviewed', overridden: false }]]));
      r = await store.saveReview({ uid: u1!, reviewer: 'Jorge', scores: { tone: 3 }, note: 'checked' }, NOW + 5);
      assert.deepEqual([r.status, r.computedStatus], ['pass', 'fail'], 'a later save keeps the override');
      r = await store.saveReview({ uid: u1!, reviewer: 'Jorge', status: 'fail' }, NOW + 6);
      assert.deepEqual([r.status, r.override], ['fail', null], 'choosing the computed result clears it');
      await store.saveReview({ uid: u1!, reviewer: 'Jorge', status: 'pass', reason: 'Second look' }, NOW + 7);
      assert.equal((await store.reviewCounts({})).overridden, 1);
      r = await store.saveReview({ uid: u1!, reviewer: 'Jorge', override: null }, NOW + 8);
      assert.deepEqual([r.status, r.override], ['fail', null], 'clearing returns to the computed result');
      assert.deepEqual(await store.reviewMarks([u1!]), new Map([[u1!, { status: 'fail', overridden: false }]]));
    }));

  test(`${impl.name}: the history: every change with who, what and when, oldest first; a save that changes nothing adds nothing`, () =>
    withStore(impl, async (store) => {
      const [u1] = await uidsOf(store, 2);
      const card = await store.activeScorecard(NOW);
      await store.saveReview({ uid: u1!, reviewer: 'Marta', scores: { tone: 3 }, note: 'first look' }, NOW);
      await store.saveReview({ uid: u1!, reviewer: 'Jorge', scores: { tone: 4 }, tags: ['coaching'] }, NOW + 10);
      await store.saveReview({ uid: u1!, reviewer: 'Jorge', scores: { tone: 4 }, tags: ['coaching'] }, NOW + 20);
      const history = await store.reviewHistory(u1!);
      assert.deepEqual(history.map((h) => [h.uid, h.action, h.reviewer, h.changedAt]), [[u1, 'create', 'Marta', NOW], [u1, 'update', 'Jorge', NOW + 10]]);
      assert.deepEqual(history[0]!.changes, {
        scorecard: { from: null, to: `${card.id}@${card.version}` },
        status: { from: 'unreviewed', to: 'in review' },
        'scores.tone': { from: null, to: 3 },
        note: { from: '', to: 'first look' },
      });
      assert.deepEqual(history[1]!.changes, { 'scores.tone': { from: 3, to: 4 }, tags: { from: [], to: ['coaching'] } });
      assert.ok(history[0]!.id < history[1]!.id);
      assert.deepEqual(await store.reviewHistory('never-reviewed'), []);
    }));

  test(`${impl.name}: a new scorecard version leaves past reviews on theirs until rescored; statuses, marks and progress agree`, () =>
    withStore(impl, async (store) => {
      const uids = await uidsOf(store, 12);
      const v1 = await store.activeScorecard(NOW);
      await store.saveReview({ uid: uids[0]!, reviewer: 'M', scores: PASSING_SCORES }, NOW);
      const v2 = await store.saveScorecard({ id: v1.id, name: 'Stricter', passMark: 100, attributes: [{ key: 'tone', name: 'Tone', weight: 1, scale: '1-5' }] }, NOW + 1);
      const kept = (await store.getReview(uids[0]!))!;
      assert.deepEqual([kept.scorecardVersion, kept.status], [v1.version, 'pass']);
      assert.deepEqual(await store.scorecardVersion(kept.scorecardId, kept.scorecardVersion), v1, 'its version is read back whole');
      await assert.rejects(store.saveReview({ uid: uids[0]!, reviewer: 'M', scores: { empathy: true } }, NOW + 2), badInput(/not an attribute/));
      const moved = await store.saveReview({ uid: uids[0]!, reviewer: 'M', rescore: true, scores: { tone: 4 } }, NOW + 3);
      assert.deepEqual([moved.scorecardVersion, moved.overallScore, moved.status], [v2.version, 75, 'fail']);
      assert.deepEqual((await store.reviewHistory(uids[0]!)).at(-1)!.changes.scorecard, { from: `${v1.id}@${v1.version}`, to: `${v2.id}@${v2.version}` });
      await assert.rejects(store.saveScorecard({ name: '', attributes: [] }, NOW + 4), (e: unknown) => (e as { kind?: string }).kind === 'bad-input');

      await store.saveReview({ uid: uids[1]!, reviewer: 'M', scores: { tone: 5 } }, NOW + 5);
      await store.saveReview({ uid: uids[2]!, reviewer: 'M', scores: { tone: 1 } }, NOW + 5);
      await store.saveReview({ uid: uids[3]!, reviewer: 'M', note: 'later' }, NOW + 5);
      await store.saveReview({ uid: uids[4]!, reviewer: 'M', scores: { tone: 1 }, status: 'pass', reason: 'ok by phone' }, NOW + 5);
      const expected = ['fail', 'pass', 'fail', 'in review', 'pass', ...Array(7).fill('unreviewed')];
      assert.deepEqual([...(await store.reviewStatuses(uids)).entries()], uids.map((u, i) => [u, expected[i]]));
      const marks = await store.reviewMarks(uids);
      assert.deepEqual(uids.map((u) => marks.get(u)), expected.map((status, i) => ({ status, overridden: i === 4 })));
      assert.deepEqual(await store.reviewCounts({}), { total: 12, unreviewed: 7, inReview: 1, pass: 2, fail: 2, reviewed: 4, overridden: 1 });
      assert.equal(await store.count({ reviewStatuses: ['unreviewed'] }), 7);
      assert.equal(await store.count({ reviewStatuses: ['in review', 'pass'] }), 3);
      const agent = (await store.page({ limit: 12, sort: { field: 'created', dir: 'asc' } })).rows[0]!.agent_name;
      const mine = (await store.page({ filter: { agents: [agent] }, limit: 12 })).rows.map((r) => r.uid);
      const counts = await store.reviewCounts({ agents: [agent] });
      assert.equal(counts.total, mine.length);
      assert.equal(counts.reviewed, mine.filter((u) => ['pass', 'fail'].includes(expected[uids.indexOf(u)]!)).length);
      assert.deepEqual((await store.listScorecards()).map((c) => c.version), [v2.version, v1.version], 'newest first');
      assert.equal((await store.activeScorecard(NOW + 9, 'es')).version, v2.version, 'the active one is the newest, whatever the language');
    }));

  test(`${impl.name}: two auditors on one cache: a stale base is refused with the other review, a current base saves, both versions stay in the history`, () =>
    twoAuditors(impl, async (ana, luis, uid) => {
      const created = await ana.saveReview({ uid, reviewer: 'Ana', scores: { tone: 3 }, baseVersion: 0 }, NOW);
      assert.equal(created.version, 1);
      // Luis opened the interaction before Ana's first save: his edit starts from "no review".
      await assert.rejects(luis.saveReview({ uid, reviewer: 'Luis', scores: { tone: 5 }, baseVersion: 0 }, NOW + 1), conflictWith(created));
      const seen = (await luis.getReview(uid))!;
      assert.equal(seen.version, 1);
      const luisSaved = await luis.saveReview({ uid, reviewer: 'Luis', scores: { tone: 5 }, note: 'calm', baseVersion: seen.version }, NOW + 2);
      assert.deepEqual([luisSaved.version, luisSaved.reviewer, luisSaved.scores.tone], [2, 'Luis', 5]);

      // Ana still edits from version 1: refused, with Luis's review (who, when, scores, status, note); nothing written.
      const refused = await ana.saveReview({ uid, reviewer: 'Ana', scores: { tone: 1 }, note: 'rude', baseVersion: 1 }, NOW + 3).then(
        () => assert.fail('a stale base must be refused'),
        (e: unknown) => e as { kind: string; message: string; theirs?: unknown },
      );
      assert.equal(refused.kind, 'concurrency');
      assert.match(refused.message, /Luis saved this review .* while you were editing/);
      assert.deepEqual(refused.theirs, luisSaved);
      assert.deepEqual(await ana.getReview(uid), luisSaved, 'the refused save wrote nothing');
      assert.equal((await ana.reviewHistory(uid)).length, 2);

      // "Keep mine": saved on top of theirs, naming their version.
      const kept = await ana.saveReview({ uid, reviewer: 'Ana', scores: { tone: 1 }, note: 'rude', baseVersion: luisSaved.version }, NOW + 4);
      assert.deepEqual([kept.version, kept.reviewer, kept.scores.tone, kept.note], [3, 'Ana', 1, 'rude']);
      const history = await luis.reviewHistory(uid);
      assert.deepEqual(history.map((h) => [h.reviewer, h.action, h.changes['scores.tone']]), [
        ['Ana', 'create', { from: null, to: 3 }],
        ['Luis', 'update', { from: 3, to: 5 }],
        ['Ana', 'update', { from: 5, to: 1 }],
      ], "both auditors' versions are in the history");

      // A save that changes nothing keeps the version; one without a base (no check) counts on.
      assert.equal((await luis.saveReview({ uid, reviewer: 'Ana', note: 'rude', baseVersion: 3 }, NOW + 5)).version, 3);
      assert.equal((await luis.saveReview({ uid, reviewer: 'Luis', note: 'second look' }, NOW + 6)).version, 4);
      const latest = await ana.getReview(uid);
      await assert.rejects(ana.saveReview({ uid, reviewer: 'Ana', note: 'x', baseVersion: 9 }, NOW + 7), conflictWith(latest));
      await assert.rejects(ana.saveReview({ uid, reviewer: 'Ana', note: 'x', baseVersion: -1 }, NOW + 7), badInput(/base version/));
    }));
}

async function twoAuditors(impl: Implementation, body: (ana: Store, luis: Store, uid: string) => Promise<void>): Promise<void> {
  const place = impl.newPlace();
  const ana = await impl.openAt(place);
  const luis = await impl.openAt(place);
  try {
    const [uid] = await uidsOf(ana, 2);
    await body(ana, luis, uid!);
  } finally {
    await luis.close();
    await ana.close();
  }
}

function conflictWith(theirs: unknown) {
  return (e: unknown) => {
    assert.equal((e as { kind?: string }).kind, 'concurrency', (e as Error).message);
    assert.deepEqual((e as { theirs?: unknown }).theirs, theirs);
    return true;
  };
}
