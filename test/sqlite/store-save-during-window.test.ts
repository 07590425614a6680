import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { isBusy } from '../../src-main/core/store/sqlite/connection/busy';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { getRun } from '../../src-main/core/store/sqlite/writes/sync-log';
import { PASSING_SCORES } from '../helpers/review-scores';
import { callOf, SEED_CURSOR, WINDOW_CURSOR, WINDOW_START, windowRecords } from './store-slices-fixtures';
import { freshDbPath, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';

const SIZE = 40_000;

/** Resolves once another connection holds the write lock (a probe that cannot take it). */
async function lockHeld(path: string): Promise<void> {
  const probe = new Database(path, { timeout: 0 });
  try {
    for (;;) {
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch (error) {
        if (isBusy(error)) return;
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  } finally {
    probe.close();
  }
}

/** Rows visible to another connection, and the run's checkpoint. */
function committed(path: string, runId: number) {
  const db = openDatabase(path, { readonly: true });
  try {
    return { rows: db.prepare('SELECT count(*) FROM interactions').pluck().get() as number, cursorUtc: getRun(db, runId)!.cursorUtc };
  } finally {
    db.close();
  }
}

/**
 * Starts a 40,000-row window, waits until its writer holds the lock, then saves a review and a setting.
 * Returns the order in which the writes and the window completed, and what was committed when the writes had landed.
 */
async function savesDuringWindow(sliceRows?: number) {
  const path = freshDbPath('wolkvox-save-during-');
  const store = await openSqliteStore({ dbPath: path, now: () => NOW, readers: 'on-demand', sliceRows });
  try {
    const runId = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: WINDOW_START, rangeEndUtc: WINDOW_CURSOR, startedAt: NOW });
    await store.sync.commitWindow({ runId, records: [recordOf({ case_id: 'REVIEWED' })], server: SERVER, zone: ZONE, now: NOW, cursorUtc: SEED_CURSOR, call: callOf(1, SEED_CURSOR) });
    const uid = (await store.page({ filter: {}, limit: 1 })).rows[0]!.uid;

    const order: string[] = [];
    const records = windowRecords(SIZE);
    const window = store.sync
      .commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: WINDOW_CURSOR, call: callOf(SIZE, WINDOW_CURSOR) })
      .then((counts) => (order.push('window'), counts));
    await lockHeld(path);
    const review = store.saveReview({ uid, reviewer: 'Marta', scores: PASSING_SCORES, note: 'scored during the sync' }, NOW).then((r) => (order.push('review'), r));
    const setting = store.setSetting('grid.density', 'compact').then(() => order.push('setting'));
    await Promise.all([review, setting]);
    const atSaves = committed(path, runId);
    const counts = await window;
    assert.deepEqual(counts, { inserted: SIZE, updated: 0, unchanged: 0 }, 'the window counts every row once, across its slices');
    assert.equal((await store.getReview(uid))?.note, 'scored during the sync');
    assert.equal(await store.getSetting('grid.density'), 'compact');
    assert.deepEqual(committed(path, runId), { rows: 1 + SIZE, cursorUtc: WINDOW_CURSOR });
    return { order, atSaves };
  } finally {
    await store.close();
  }
}

test('a review save and a setting made while a 40,000-row window commits land between its slices, before the window completes', async () => {
  const { order, atSaves } = await savesDuringWindow();
  assert.deepEqual(order, ['review', 'setting', 'window']);
  assert.ok(atSaves.rows < 1 + SIZE, `the saves landed with part of the window still to come (${atSaves.rows} rows were in)`);
  assert.equal(atSaves.cursorUtc, SEED_CURSOR, 'and the checkpoint still before the window');
});

test('with the window in one transaction (the design before slicing) the same saves land only after the whole window', async () => {
  const { atSaves } = await savesDuringWindow(Infinity);
  assert.deepEqual(atSaves, { rows: 1 + SIZE, cursorUtc: WINDOW_CURSOR });
});
