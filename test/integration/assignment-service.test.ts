// The service's assignment and calibration calls (service/assignment-handlers.ts) over a real SQLite cache:
// who is asking (the reviewer's name on a lone cache), "Next unreviewed" in the asker's own part (their
// part only, in the sample's order, going round, done when nothing is left; unassigned when they have no
// part), and a calibration's detail with the agreement of the scores saved in the asker's name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignmentHandlers } from '../../src-main/core/service/assignment-handlers';
import { reviewHandlers } from '../../src-main/core/service/review-handlers';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { syncRecords } from '../contract/sync-helpers';
import { PASSING_SCORES } from '../helpers/review-scores';
import { freshDbPath, NOW, recordOf } from './store-fixtures';

test('next in the own part, and a calibration scored in the asker\'s name', async () => {
  const store = await openSqliteStore({ dbPath: freshDbPath('wolkvox-assignment-service-'), now: () => NOW, readers: 'on-demand' });
  let reviewer = 'bea';
  const ui = { get: async () => ({ reviewer }) };
  const changes: string[] = [];
  const deps = { store, ui, now: () => NOW, changed: (reason: 'review' | 'sample') => void changes.push(reason) };
  const h = assignmentHandlers(deps);
  const reviews = reviewHandlers(deps);
  try {
    await syncRecords(store, Array.from({ length: 12 }, (_, i) => recordOf({ agent_name: i % 2 ? 'Ana' : 'Luis', date_creation: `2026-01-${String(1 + i).padStart(2, '0')} 10:00:00` })));
    const sample = await store.drawSample({ name: 'Week', seed: 3, perAgent: 4, filter: {} }, NOW);
    assert.deepEqual(await h['assignments/next']({ sampleId: sample.id, afterUid: null }), { assigned: false, next: null }, 'no part yet');
    const split = await h['assignments/assign']({ sampleId: sample.id, auditors: ['bea', 'cy'] });
    assert.deepEqual(split.mine, { auditor: 'bea', assigned: 4, reviewed: 0, passed: 0, failed: 0 });
    assert.deepEqual(await h['assignments/auditors']({}), { me: 'bea', known: ['bea', 'cy'] });
    const part = await store.assignedMembers(sample.id, 'bea');

    // Walked in the sample's order; a review saved moves the walk on; the last one goes round to what is left.
    let next = await h['assignments/next']({ sampleId: sample.id, afterUid: null });
    assert.equal(next.next?.uid, part[0]!.uid);
    await reviews['reviews/save']({ uid: part[0]!.uid, scores: PASSING_SCORES });
    next = await h['assignments/next']({ sampleId: sample.id, afterUid: part[0]!.uid });
    assert.equal(next.next?.uid, part[1]!.uid);
    next = await h['assignments/next']({ sampleId: sample.id, afterUid: part[3]!.uid });
    assert.equal(next.next?.uid, part[1]!.uid, 'round to the first one left');
    for (const m of part.slice(1)) await reviews['reviews/save']({ uid: m.uid, scores: PASSING_SCORES });
    assert.deepEqual(await h['assignments/next']({ sampleId: sample.id, afterUid: part[3]!.uid }), { assigned: true, next: null }, 'done');
    assert.deepEqual((await h['assignments/get']({ sampleId: sample.id })).mine, { auditor: 'bea', assigned: 4, reviewed: 4, passed: 4, failed: 0 });
    reviewer = 'zed';
    assert.deepEqual(await h['assignments/next']({ sampleId: sample.id, afterUid: null }), { assigned: false, next: null }, 'someone with no part walks the grid');
    assert.equal((await h['assignments/get']({ sampleId: sample.id })).mine, null);

    // A calibration: each auditor scores in their own name (the name in Settings on a lone cache).
    const calibration = await h['calibrations/create']({ name: 'Calib', sampleId: sample.id, auditors: ['bea', 'cy'] });
    const first = (await store.calibrationMembers(calibration.id))[0]!.uid;
    assert.equal((await h['calibrations/get']({ id: calibration.id })).takesPart, false, 'zed does not take part');
    await assert.rejects(h['calibrations/score']({ calibrationId: calibration.id, uid: first, scores: { greeting: true } }), /does not take part/);
    for (const [name, tone] of [['bea', 5], ['cy', 4]] as const) {
      reviewer = name;
      const saved = await h['calibrations/score']({ calibrationId: calibration.id, uid: first, scores: { ...PASSING_SCORES, tone } });
      assert.equal(saved.auditor, name);
    }
    const detail = await h['calibrations/get']({ id: calibration.id });
    assert.equal(detail.takesPart, true);
    assert.deepEqual(detail.agreement?.attributes.find((a) => a.key === 'tone'), { key: 'tone', name: detail.scorecard.attributes.find((a) => a.key === 'tone')!.name, compared: 1, agreed: 0, rate: 0 });
    assert.deepEqual(detail.agreement?.result, { compared: 1, agreed: 1, rate: 1 });
    assert.equal((await store.getReview(first))?.scores.tone ?? null, part.some((m) => m.uid === first) ? 5 : null, 'reviews keep their own scores');
    await h['calibrations/delete']({ id: calibration.id });
    assert.deepEqual(await h['calibrations/list']({}), []);
    assert.ok(changes.includes('sample'));
  } finally {
    await store.close();
  }
});
