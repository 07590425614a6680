import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { PASSING_SCORES } from '../helpers/review-scores';
import { tempDir } from '../helpers/temp-dir';
import { NOW, recordOf, SERVER, upsertBatch } from './store-fixtures';

/**
 * The application service on the change feed: what another writer commits to its cache drops the counts
 * it keeps and reaches the UI as `data/changed` (rows: 'sync', samples, assignments and calibrations: 'sample'); its own review saves
 * still announce themselves once, as 'review', and nothing more.
 */
test("another writer's commits reach the service's UI events and its cached counts", async () => {
  const dir = tempDir('wolkvox-service-feed-');
  const root = composeApp({ host: 'browser', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), log: () => {} });
  mkdirSync(dirname(root.paths.dbPath), { recursive: true });
  const seed = openDatabase(root.paths.dbPath, { now: () => NOW });
  upsertBatch(seed, Array.from({ length: 30 }, (_, i) => recordOf({ agent_name: `Agent ${i % 3}` })));
  seed.close();

  const service = await root.openService({ version: '0.0.0-test' });
  const other = await openSqliteStore({ dbPath: root.paths.dbPath, readers: 'on-demand' });
  try {
    const handlers = service.handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    const count = async () => ((await handlers['interactions/count']!({ filter: {} })) as { total: number }).total;
    const reasons: string[] = [];
    let waiting: { reason: string; resolve: () => void } | null = null;
    service.subscribe((event, payload) => {
      if (event !== 'data/changed') return;
      const { reason } = payload as { reason: string };
      reasons.push(reason);
      if (waiting?.reason === reason) waiting.resolve();
    });
    const next = (reason: string) => new Promise<void>((resolve) => (waiting = { reason, resolve }));

    assert.equal(await count(), 30, 'counted, and kept by the service');
    const uid = ((await handlers['interactions/page']!({ filter: {}, offset: 0, limit: 1 })) as { rows: { uid: string }[] }).rows[0]!.uid;

    // The service's own save: one 'review' event. The next event is the other writer's sample, with nothing between.
    await handlers['reviews/save']!({ uid, scores: PASSING_SCORES });
    assert.deepEqual(reasons, ['review']);
    let heard = next('sample');
    const sample = await other.drawSample({ name: 'drawn elsewhere', seed: 9, perAgent: 2, filter: {} }, NOW);
    await heard;
    assert.deepEqual(reasons, ['review', 'sample']);

    // A split and a calibration score made elsewhere: the UI reloads the work's progress ('sample'), and
    // what the service shows is the other writer's.
    heard = next('sample');
    await other.assignSample(sample.id, ['ana', 'bea'], NOW + 1);
    await heard;
    const split = (await handlers['assignments/get']!({ sampleId: sample.id })) as { auditors: { auditor: string }[] };
    assert.deepEqual(split.auditors.map((a) => a.auditor), ['ana', 'bea']);
    // A scorecard alone is no event for the UI; the calibration made with it is one.
    await other.activeScorecard(NOW);
    heard = next('sample');
    const calibration = await other.createCalibration({ name: 'elsewhere', sampleId: sample.id, auditors: ['ana', 'bea'] }, NOW + 2);
    await heard;
    const [member] = await other.calibrationMembers(calibration.id);
    heard = next('sample');
    await other.saveCalibrationScore({ calibrationId: calibration.id, uid: member!.uid, auditor: 'bea', scores: PASSING_SCORES }, NOW + 3);
    await heard;
    assert.deepEqual(reasons, ['review', 'sample', 'sample', 'sample', 'sample'], 'the sample, the split, the calibration, the score');
    const detail = (await handlers['calibrations/get']!({ id: calibration.id })) as { scores: { auditor: string }[] };
    assert.deepEqual(detail.scores.map((s) => s.auditor), ['bea']);

    // Rows removed elsewhere: the grid is told to reload, and the kept count is gone.
    heard = next('sync');
    const removed = await other.purge({ server: SERVER, beforeUtc: Date.UTC(2027, 0, 1), keepReviewed: true });
    assert.equal(removed.interactions, 29);
    await heard;
    assert.deepEqual(reasons.slice(-2), ['sample', 'sync']);
    assert.equal(reasons.length, 6);
    assert.equal(await count(), 1);
  } finally {
    await other.close();
    await service.close();
  }
});
