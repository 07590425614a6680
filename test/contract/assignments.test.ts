/**
 * Assignments and calibration through the port (issue 19, point 5), on every backend: a sample split among
 * auditors fairly and reproducibly (same sample and auditors: same split, whatever order they are named
 * in), each auditor's part in the sample's order with its review states, progress per auditor following
 * reviews, a split replaced by another, the split gone with its sample; a calibration of a sample's
 * members scored per auditor apart from reviews (a review and a calibration score of one interaction
 * never touch), its scores' results by the review rule, refusals (someone not taking part, an interaction
 * not in it, an answer the scorecard does not take), and the calibration kept when its sample is deleted.
 * Who the auditors are differs by design: a lone cache knows the names reviews were signed with and work
 * was given to, and names no current user; a team cache's are its logins (team-rights.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreementOf } from '../../src-main/core/reviews/calibration';
import type { Store } from '../../src-main/core/store/store';
import { NOW, recordOf } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

const badInput = (pattern: RegExp) => (e: unknown) => (e as { kind?: string }).kind === 'bad-input' && pattern.test((e as Error).message);

/** 20 interactions of two agents, and a sample of 10 of them (5 per agent). */
async function seed(store: Store) {
  await syncRecords(store, Array.from({ length: 20 }, (_, i) =>
    recordOf({ agent_name: i % 2 ? 'Ana' : 'Luis', date_creation: `2026-01-${String(1 + i).padStart(2, '0')} 10:00:00` })));
  const sample = await store.drawSample({ name: 'week 1', seed: 'calib', perAgent: 5, filter: {} }, NOW);
  const members = await store.sampleMembers(sample.id);
  return { sample, members };
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a sample is split among auditors fairly and reproducibly, each walks their part, progress follows reviews`, () =>
    withStore(impl, async (store) => {
      const { sample, members } = await seed(store);
      assert.deepEqual(await store.sampleAssignment(sample.id), { sampleId: sample.id, auditors: [], assignedAt: null });
      const split = await store.assignSample(sample.id, ['zoë', 'ana', 'bea'], NOW);
      assert.deepEqual(split.auditors.map((a) => a.auditor), ['ana', 'bea', 'zoë'], 'code-unit order');
      assert.deepEqual(split.auditors.map((a) => a.assigned).sort(), [3, 3, 4], 'the same number give or take one');
      assert.equal(split.assignedAt, NOW);
      const parts = new Map<string, Awaited<ReturnType<Store['assignedMembers']>>>();
      for (const a of ['ana', 'bea', 'zoë']) parts.set(a, await store.assignedMembers(sample.id, a));
      const all = [...parts.values()].flat();
      assert.deepEqual(all.map((m) => m.uid).sort(), members.map((m) => m.uid).sort(), 'every member once');
      for (const part of parts.values()) {
        assert.deepEqual(part.map((m) => m.position), [...part.map((m) => m.position)].sort((a, b) => a - b), "in the sample's order");
        // Dealt in turn: consecutive members of the sample go to different auditors.
        for (const m of part) assert.ok(m.id !== null && m.status === 'unreviewed');
      }
      for (let i = 1; i < members.length; i++) {
        const owner = (uid: string) => [...parts].find(([, p]) => p.some((m) => m.uid === uid))![0];
        assert.notEqual(owner(members[i]!.uid), owner(members[i - 1]!.uid));
      }
      assert.deepEqual(await store.assignedMembers(sample.id, 'nobody'), []);

      // Named in another order: the same split.
      await store.assignSample(sample.id, ['bea', 'zoë', 'ana'], NOW + 1);
      for (const [a, part] of parts) assert.deepEqual((await store.assignedMembers(sample.id, a)).map((m) => m.uid), part.map((m) => m.uid));

      const bea = parts.get('bea')!;
      await store.saveReview({ uid: bea[0]!.uid, reviewer: 'bea', scores: PASSING_SCORES }, NOW);
      await store.saveReview({ uid: bea[1]!.uid, reviewer: 'bea', scores: FAILING_SCORES }, NOW);
      await store.saveReview({ uid: bea[2]!.uid, reviewer: 'bea', note: 'later' }, NOW);
      const progress = await store.sampleAssignment(sample.id);
      assert.deepEqual(progress.auditors.find((a) => a.auditor === 'bea'), { auditor: 'bea', assigned: bea.length, reviewed: 2, passed: 1, failed: 1 });
      assert.deepEqual(progress.auditors.find((a) => a.auditor === 'ana'), { auditor: 'ana', assigned: parts.get('ana')!.length, reviewed: 0, passed: 0, failed: 0 });
      assert.deepEqual((await store.assignedMembers(sample.id, 'bea')).map((m) => m.status).slice(0, 3), ['pass', 'fail', 'in review']);

      // A new split replaces the old one; reviews stay.
      const two = await store.assignSample(sample.id, ['ana', 'bea'], NOW + 2);
      assert.deepEqual(two.auditors.map((a) => [a.auditor, a.assigned]), [['ana', 5], ['bea', 5]]);
      assert.deepEqual(await store.assignedMembers(sample.id, 'zoë'), []);
      assert.equal((await store.reviewStatuses([bea[0]!.uid])).get(bea[0]!.uid), 'pass');

      if (impl.name === 'sqlite') {
        assert.equal(await store.currentUser(), null, 'a lone cache: the caller names the auditor');
        // Bea signed reviews; Ana and Bea have work (Zoë's part went with the first split).
        assert.deepEqual(await store.knownAuditors(), ['ana', 'bea'], 'reviewers and names given work');
      } else {
        assert.equal(typeof (await store.currentUser()), 'string', 'a team cache: its login');
        assert.ok(Array.isArray(await store.knownAuditors()));
      }

      await assert.rejects(store.assignSample(sample.id, [], NOW), badInput(/at least one auditor/));
      await assert.rejects(store.assignSample(sample.id, ['ana', ' ana '], NOW), badInput(/named twice/));
      await assert.rejects(store.assignSample(sample.id + 99, ['ana'], NOW), badInput(/no sample/));
      await store.deleteSample(sample.id);
      await assert.rejects(store.sampleAssignment(sample.id), badInput(/no sample/));
      await assert.rejects(store.assignedMembers(sample.id, 'ana'), badInput(/no sample/));
    }));

  test(`${impl.name}: a calibration is scored per auditor apart from reviews, and outlives its sample`, () =>
    withStore(impl, async (store) => {
      const { sample, members } = await seed(store);
      const card = await store.activeScorecard(NOW);
      const made = await store.createCalibration({ name: 'Calibration 1', sampleId: sample.id, auditors: ['bea', 'ana'] }, NOW);
      assert.equal(made.name, 'Calibration 1');
      assert.deepEqual([made.sampleId, made.scorecardId, made.scorecardVersion, made.members, made.createdAt], [sample.id, card.id, card.version, 10, NOW]);
      assert.deepEqual(made.auditors, ['ana', 'bea']);
      assert.deepEqual(made.progress, [{ auditor: 'ana', scored: 0 }, { auditor: 'bea', scored: 0 }]);
      const inIt = await store.calibrationMembers(made.id);
      assert.deepEqual(inIt.map((m) => m.uid), members.map((m) => m.uid));
      assert.ok(inIt.every((m) => m.id !== null));

      const [first, second] = inIt;
      const a1 = await store.saveCalibrationScore({ calibrationId: made.id, uid: first!.uid, auditor: 'ana', scores: PASSING_SCORES }, NOW + 1);
      assert.deepEqual([a1.status, a1.overallScore, a1.updatedAt], ['pass', 100, NOW + 1]);
      const b1 = await store.saveCalibrationScore({ calibrationId: made.id, uid: first!.uid, auditor: 'bea', scores: FAILING_SCORES }, NOW + 2);
      assert.equal(b1.status, 'fail');
      // A patch: Bea corrects one answer, the others stay.
      const b1again = await store.saveCalibrationScore({ calibrationId: made.id, uid: first!.uid, auditor: 'bea', scores: { resolution: true } }, NOW + 3);
      assert.deepEqual([b1again.status, b1again.scores], ['pass', { ...PASSING_SCORES }]);
      const partial = await store.saveCalibrationScore({ calibrationId: made.id, uid: second!.uid, auditor: 'ana', scores: { greeting: false } }, NOW + 4);
      assert.equal(partial.status, 'in review');

      assert.deepEqual(
        (await store.calibrationScores(made.id)).map((s) => [s.uid, s.auditor, s.status]),
        [[first!.uid, 'ana', 'pass'], [first!.uid, 'bea', 'pass'], [second!.uid, 'ana', 'in review']],
      );
      assert.equal(await store.getReview(first!.uid), null, 'no review was written');
      assert.deepEqual((await store.listCalibrations()).map((c) => [c.id, c.progress]), [[made.id, [{ auditor: 'ana', scored: 1 }, { auditor: 'bea', scored: 1 }]]]);

      await assert.rejects(store.saveCalibrationScore({ calibrationId: made.id, uid: first!.uid, auditor: 'zoë', scores: {} }, NOW), badInput(/does not take part/));
      const outside = (await store.page({ limit: 50 })).rows.find((r) => !members.some((m) => m.uid === r.uid))!;
      await assert.rejects(store.saveCalibrationScore({ calibrationId: made.id, uid: outside.uid, auditor: 'ana', scores: {} }, NOW), badInput(/not part of the calibration/));
      await assert.rejects(store.saveCalibrationScore({ calibrationId: made.id, uid: first!.uid, auditor: 'ana', scores: { greeting: 7 } }, NOW), badInput(/calibration score cannot be saved/));
      await assert.rejects(store.createCalibration({ name: 'CALIBRATION 1', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW), badInput(/already exists/));
      // Letter case is A–Z only on every backend (SQLite's NOCASE): "ÉTÉ 1" is not "été 1", "été 1" is "éTé 1".
      const summer = await store.createCalibration({ name: 'ÉTÉ 1', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW);
      const other = await store.createCalibration({ name: 'été 1', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW);
      await assert.rejects(store.createCalibration({ name: 'éTé 1', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW), badInput(/already exists/));
      await store.deleteCalibration(summer.id);
      await store.deleteCalibration(other.id);
      await assert.rejects(store.createCalibration({ name: 'Solo', sampleId: sample.id, auditors: ['ana'] }, NOW), badInput(/at least two auditors/));
      await assert.rejects(store.createCalibration({ name: 'Gone', sampleId: sample.id + 99, auditors: ['ana', 'bea'] }, NOW), badInput(/no sample/));

      // The agreement, by reviews/calibration.ts's rule over every score: Bea answers the second's greeting otherwise than Ana.
      await store.saveCalibrationScore({ calibrationId: made.id, uid: second!.uid, auditor: 'bea', scores: { greeting: true } }, NOW + 5);
      const agreement = await store.calibrationAgreement(made.id);
      assert.deepEqual(agreement, agreementOf(card, made.auditors, await store.calibrationScores(made.id)));
      assert.deepEqual(agreement?.attributes.map((a) => [a.key, a.compared, a.agreed]), [
        ['greeting', 2, 1], ['understanding', 1, 1], ['resolution', 1, 1], ['tone', 1, 1], ['typification', 1, 1], ['response_time', 1, 1],
      ].filter(([key]) => card.attributes.some((a) => a.key === key)));
      assert.deepEqual(agreement?.result, { compared: 1, agreed: 1, rate: 1 });
      assert.deepEqual(agreement?.auditors.map((a) => [a.auditor, a.scored, a.passed, a.averageScore]), [['ana', 1, 1, 100], ['bea', 1, 1, 100]]);

      await store.deleteSample(sample.id);
      const kept = (await store.listCalibrations())[0]!;
      assert.deepEqual([kept.id, kept.sampleId, kept.members], [made.id, null, 10]);
      assert.equal((await store.calibrationScores(made.id)).length, 4);

      await store.deleteCalibration(made.id);
      assert.deepEqual(await store.listCalibrations(), []);
      await assert.rejects(store.calibrationScores(made.id), badInput(/no calibration/));
      await assert.rejects(store.calibrationMembers(made.id), badInput(/no calibration/));
      await assert.rejects(store.deleteCalibration(made.id), badInput(/no calibration/));
    }));
}
