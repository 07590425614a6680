// Migration 12 (offline copies) on a cache the previous version left: the cache upgrades in place, keeps its
// rows and reviews, and starts with no offline selection and nothing waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { PASSING_SCORES } from '../helpers/review-scores';
import { freshDbPath, NOW, recordOf, upsertBatch } from './store-fixtures';

test('a cache of the version before offline copies upgrades, its reviews kept, with nothing offline', async () => {
  const path = freshDbPath('wolkvox-offline-migration-');
  const before = MIGRATIONS.filter((m) => m.version < 12);
  const old = openDatabase(path, { migrations: before, now: () => NOW });
  upsertBatch(old, [recordOf({ body: 'antes' }), recordOf({ body: 'después' })]);
  const uid = old.prepare('SELECT uid FROM interactions ORDER BY id LIMIT 1').pluck().get() as string;
  const review = saveReview(old, { uid, reviewer: 'qa', scores: PASSING_SCORES, note: 'kept' }, NOW);
  assert.equal(old.pragma('user_version', { simple: true }), 11);
  old.close();

  const store = await openSqliteStore({ dbPath: path, now: () => NOW, readers: 'on-demand' });
  try {
    assert.equal(await store.count({}), 2);
    assert.deepEqual(await store.getReview(uid), review);
    assert.equal((await store.reviewHistory(uid)).length, 1);
    assert.deepEqual(await store.offline.sets(), []);
    assert.deepEqual(await store.offline.pending(), [], "a review of this computer's own is not one to send to a team");
    assert.deepEqual(await store.offline.conflicts(), []);
    assert.equal(await store.offline.lastPush(), null);
  } finally {
    await store.close();
  }
});
