/**
 * The change feed (Store.changes): what another writer commits to the same data reaches a listener, one
 * notice per batch of commits, naming the kinds of data changed (never empty); this store's own writes
 * are not reported; after the returned stop function nothing more arrives. Notices are waited
 * for as they come (no timers): "not reported" is shown by the next notice, caused by the other writer
 * after our own write, naming only what the other wrote.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoreChange } from '../../src-main/core/store/store';
import { NOW, recordOf } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { IMPLEMENTATIONS } from './implementations';
import { syncRecords } from './sync-helpers';
import { listenToChanges } from '../helpers/change-listener';

const kindsOf = (changes: readonly StoreChange[]) => [...new Set(changes.flatMap((c) => c.kinds))].sort();

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: another writer's commits reach the listener with their kinds; our own writes do not; stop ends it`, async () => {
    const place = impl.newPlace();
    const a = await impl.openAt(place);
    const b = await impl.openAt(place);
    try {
      const feed = listenToChanges((listener) => a.changes(listener));
      await syncRecords(b, Array.from({ length: 6 }, (_, i) => recordOf({ agent_name: `Agent ${i % 2}` })));
      const synced = await feed.until('interactions');
      assert.ok(synced.every((c) => c.kinds.length > 0), 'a notice is never empty');
      assert.ok(kindsOf(synced).every((k) => ['interactions', 'syncRuns'].includes(k)), `a sync: ${kindsOf(synced).join(', ')}`);
      assert.equal(await a.count({}), 6, 'and the data is there to read');

      let next = feed.next();
      await b.setSetting('feed', 'one');
      assert.deepEqual((await next).kinds, ['settings']);
      const uids = (await a.page({ limit: 6 })).rows.map((r) => r.uid);
      await b.activeScorecard(NOW);
      await feed.until('scorecards');
      next = feed.next();
      await b.saveReview({ uid: uids[0]!, reviewer: 'Marta', scores: PASSING_SCORES }, NOW);
      assert.deepEqual((await next).kinds, ['reviews']);
      await b.drawSample({ name: 'muestra', seed: 1, perAgent: 1, filter: {} }, NOW);
      await feed.until('samples');

      // Our own review, then the other writer's setting: the next notice names only the setting.
      const before = feed.seen.length;
      await a.saveReview({ uid: uids[1]!, reviewer: 'Jorge', note: 'mine' }, NOW);
      next = feed.next();
      await b.setSetting('feed', 'two');
      assert.deepEqual((await next).kinds, ['settings'], 'our own review is not reported');
      assert.deepEqual(kindsOf(feed.seen.slice(before)), ['settings']);

      // The other side hears our writes; after stop, this side hears nothing more.
      const other = listenToChanges((listener) => b.changes(listener));
      feed.stop();
      const count = feed.seen.length;
      await a.purge({ server: '0032', beforeUtc: Number.POSITIVE_INFINITY, keepReviewed: true });
      assert.ok(kindsOf(await other.until('interactions')).includes('interactions'));
      next = other.next();
      await a.setSetting('feed', 'three');
      await next;
      assert.equal(feed.seen.length, count, 'a stopped listener hears nothing');
      other.stop();
    } finally {
      await a.close();
      await b.close();
    }
  });

  test(`${impl.name}: another writer's assignments and calibrations are reported as 'assignments'; our own are not`, async () => {
    const place = impl.newPlace();
    const a = await impl.openAt(place);
    const b = await impl.openAt(place);
    try {
      await syncRecords(b, Array.from({ length: 8 }, (_, i) => recordOf({ agent_name: `Agent ${i % 2}` })));
      await b.activeScorecard(NOW);
      const sample = await b.drawSample({ name: 'split', seed: 1, perAgent: 2, filter: {} }, NOW);
      const feed = listenToChanges((listener) => a.changes(listener));
      // A notice from before the listening started may still come: wait for one the test caused.
      await b.setSetting('feed', 'start');
      await feed.until('settings');

      let next = feed.next();
      await b.assignSample(sample.id, ['ana', 'bea'], NOW + 1);
      assert.deepEqual((await next).kinds, ['assignments'], 'a split');
      next = feed.next();
      await b.assignSample(sample.id, ['bea'], NOW + 1);
      assert.deepEqual((await next).kinds, ['assignments'], 'a split replaced by another, at the same time');
      next = feed.next();
      const calibration = await b.createCalibration({ name: 'Calibration', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW + 2);
      assert.ok((await next).kinds.includes('assignments'), 'a calibration');
      const [first] = await a.calibrationMembers(calibration.id);
      next = feed.next();
      await b.saveCalibrationScore({ calibrationId: calibration.id, uid: first!.uid, auditor: 'bea', scores: PASSING_SCORES }, NOW + 3);
      assert.deepEqual((await next).kinds, ['assignments'], 'a calibration score');
      next = feed.next();
      await b.saveCalibrationScore({ calibrationId: calibration.id, uid: first!.uid, auditor: 'bea', scores: FAILING_SCORES }, NOW + 3);
      assert.deepEqual((await next).kinds, ['assignments'], 'a calibration score changed at the same time');
      assert.equal((await a.calibrationScores(calibration.id)).find((s) => s.auditor === 'bea')?.status, 'fail', 'and it is there to read');

      // Our own writes of that kind, then the other writer's setting: the next notice names only the setting.
      const before = feed.seen.length;
      await a.saveCalibrationScore({ calibrationId: calibration.id, uid: first!.uid, auditor: 'ana', scores: PASSING_SCORES }, NOW + 4);
      await a.assignSample(sample.id, ['ana'], NOW + 5);
      await a.deleteCalibration(calibration.id);
      next = feed.next();
      await b.setSetting('feed', 'end');
      assert.deepEqual((await next).kinds, ['settings'], 'our own assignments and calibrations are not reported');
      assert.deepEqual(kindsOf(feed.seen.slice(before)), ['settings']);

      // The other writer deleting the sample takes its split with it: both kinds.
      next = feed.next();
      await b.deleteSample(sample.id);
      const gone = kindsOf(await feed.until('assignments'));
      assert.ok(gone.includes('samples') && gone.includes('assignments'), `a sample deleted: ${gone.join(', ')}`);
      feed.stop();
    } finally {
      await a.close();
      await b.close();
    }
  });
}
