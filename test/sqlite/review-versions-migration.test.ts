import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { insertOldReview } from '../helpers/old-reviews';
import { freshDbPath, NOW, recordOf, upsertBatch } from '../integration/store-fixtures';

test('a cache made before migration 10 keeps its reviews, each at version 1 with its history, and saves on them count up and are checked', async () => {
  const path = freshDbPath('wolkvox-review-versions-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version < 10), now: () => NOW });
  upsertBatch(old, [recordOf({ agent_name: 'Ana', date_creation: '2026-03-02 10:00:00' }), recordOf({ agent_name: 'Luis', date_creation: '2026-03-03 09:00:00' })]);
  const uids = old.prepare('SELECT uid FROM interactions ORDER BY id').pluck().all() as string[];
  insertOldReview(old, { uid: uids[0]!, reviewer: 'Marta', status: 'in review', scores: { tone: 4 }, note: 'kept', at: NOW });
  old.close();

  const store = await openSqliteStore({ dbPath: path, now: () => NOW + 1, readers: 'on-demand' });
  try {
    const upgraded = (await store.getReview(uids[0]!))!;
    assert.deepEqual([upgraded.version, upgraded.reviewer, upgraded.note, upgraded.scores], [1, 'Marta', 'kept', { tone: 4 }]);
    assert.equal((await store.reviewHistory(uids[0]!)).length, 1);
    const saved = await store.saveReview({ uid: uids[0]!, reviewer: 'Jorge', note: 'second look', baseVersion: 1 }, NOW + 2);
    assert.equal(saved.version, 2);
    await assert.rejects(store.saveReview({ uid: uids[0]!, reviewer: 'Ana', note: 'stale', baseVersion: 1 }, NOW + 3), (e: unknown) => (e as { kind?: string }).kind === 'concurrency');
    assert.equal((await store.saveReview({ uid: uids[1]!, reviewer: 'Ana', note: 'new', baseVersion: 0 }, NOW + 4)).version, 1);
  } finally {
    await store.close();
  }
});
