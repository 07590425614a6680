import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import type { AppService } from '../../src-main/core/service/types';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { NOW } from '../helpers/sync-rig';
import { tempDir } from '../helpers/temp-dir';
import { FAILING_SCORES } from '../helpers/review-scores';

/**
 * While another connection holds the cache's write lock (the sync's writer committing a window, or a
 * CLI run), the app's serving thread keeps answering: a save waits on a timer, not in SQLite's busy
 * handler, and lands once the lock is released.
 */
const dataDir = tempDir('wolkvox-busy-');
let sim: Simulator;
let service: AppService;
let profileId: string;

before(async () => {
  sim = await startSimulator({ tokens: ['busy-token'], now: () => NOW, dataset: { from: '2026-02-20', to: '2026-02-20', rowsPerDay: 30 } });
  service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, now: () => NOW, log: () => {} });
  const profile = await service.handlers['profiles/save']({ name: 'Busy', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
  profileId = profile.id;
  await service.handlers['token/set']({ profileId, token: 'busy-token' });
  const finished = new Promise<void>((resolve) => {
    const off = service.subscribe((event) => event === 'sync/finished' && (off(), resolve()));
  });
  await service.handlers['sync/start']({ profileId, range: { from: '2026-02-20', to: '2026-02-20' } });
  await finished;
});
after(async () => {
  await service.close();
  await sim.stop();
});

test('a review saved while another connection writes waits for it without blocking other requests', async () => {
  const page = await service.handlers['interactions/page']({ filter: {}, offset: 0, limit: 5 });
  assert.equal(page.total, 30);
  const uid = page.rows[0]!.uid;
  const other = new Database(join(dataDir, 'wolkvox-audit.sqlite'));
  try {
    other.exec('BEGIN IMMEDIATE');
    // The reviewer's name changes, then a review is saved: both wait, and land in that order.
    const setting = service.handlers['settings/set']({ key: 'reviewer', value: 'Ana' });
    let saved = false;
    const save = service.handlers['reviews/save']({ uid, scores: FAILING_SCORES, note: 'saved while the cache was locked' }).then((r) => {
      saved = true;
      return r;
    });
    // Meanwhile other requests are served: a page is answered while the save still waits.
    const again = await service.handlers['interactions/page']({ filter: {}, offset: 5, limit: 5 });
    assert.equal(again.rows.length, 5);
    assert.equal(saved, false, 'the save cannot land while the other connection holds the lock');
    other.exec('COMMIT');
    const review = await save;
    await setting;
    assert.equal(review.status, 'fail');
    const read = await service.handlers['reviews/get']({ uid });
    assert.equal(read.review?.note, 'saved while the cache was locked');
    assert.equal(read.review?.reviewer, 'Ana', 'saves that waited land in the order they were made');
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  }
});

test('a profile saved while the cache is locked is saved once', async () => {
  const other = new Database(join(dataDir, 'wolkvox-audit.sqlite'));
  try {
    other.exec('BEGIN IMMEDIATE');
    // The handler's first try runs within this call, and meets the lock; its retries wait on a timer.
    const save = service.handlers['profiles/save']({ name: 'Second', server: '0033', zone: 'America/Bogota' });
    const stored = other.prepare("SELECT value FROM settings WHERE key = 'profiles'").pluck().get() as string;
    assert.equal(stored.includes('Second'), false, 'not saved while the other connection holds the lock');
    other.exec('COMMIT');
    await save;
    const { profiles } = await service.handlers['profiles/list']({});
    assert.equal(profiles.filter((p) => p.name === 'Second').length, 1);
  } finally {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
  }
});
