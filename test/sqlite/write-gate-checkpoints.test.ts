/**
 * While the sync's writer commits a window in slices it keeps the WAL's checkpoints to itself: a review save's
 * COMMIT on the serving connection must not run one (it would copy the window's pages, write-gate.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import { checkpointFollower, createWriteGate, gateKeeper } from '../../src-main/core/store/sqlite/connection/write-gate';
import { createPreparer } from '../../src-main/core/store/sql/prepare';
import { createSearchCatchUp, type SearchCatchUp } from '../../src-main/core/store/sqlite/writes/search-catch-up';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import { callOf, WINDOW_CURSOR, WINDOW_START, windowRecords } from './store-slices-fixtures';
import { freshDbPath, NOW, SERVER, ZONE } from '../integration/store-fixtures';

const automatic = (db: Db) => db.pragma('wal_autocheckpoint', { simple: true });

test("the serving connection's automatic checkpoint is off while a sliced window is written, and back to its own setting after", () => {
  const path = freshDbPath('wolkvox-gate-checkpoints-');
  const writer = openDatabase(path, { now: () => NOW });
  const serving = openDatabase(path, { now: () => NOW });
  try {
    const gate = createWriteGate();
    const follow = checkpointFollower(gate, serving);
    const during: unknown[] = [];
    const real = createSearchCatchUp(writer)!;
    // The serving connection's next write between two slices (the catch-up runs there).
    const watched: SearchCatchUp = { defer: real.defer, catchUp: (g) => (follow(), during.push(automatic(serving)), real.catchUp(g)) };
    const log = createSyncLog(writer, { search: watched });
    const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: WINDOW_START, rangeEndUtc: WINDOW_CURSOR, startedAt: NOW });
    follow();
    assert.equal(automatic(serving), 1000, 'SQLite’s own setting before any window');
    const window = log.beginWindow({ server: SERVER, zone: ZONE, now: NOW }, { rows: 500, gate: gateKeeper(gate) });
    const prepared = createPreparer(ZONE)(windowRecords(1500));
    for (let i = 0; i < prepared.length; i += 500) window.write(prepared.slice(i, i + 500));
    window.commit({ runId, server: SERVER, zone: ZONE, now: NOW, cursorUtc: WINDOW_CURSOR, call: callOf(1500, WINDOW_CURSOR) });
    follow();
    assert.equal(during[0], 1000, 'the look before the window opens');
    assert.deepEqual(during.slice(1), [0, 0, 0, 0], 'off between every two slices');
    assert.equal(automatic(serving), 1000, 'and back once the window is in');
  } finally {
    serving.close();
    writer.close();
  }
});

test('a writer thread started again releases the checkpoints the stopped one held', () => {
  const db = openDatabase(freshDbPath('wolkvox-gate-restart-'), { now: () => NOW });
  try {
    const gate = createWriteGate();
    const follow = checkpointFollower(gate, db);
    gateKeeper(gate).holdCheckpoints(true);
    follow();
    assert.equal(automatic(db), 0);
    gateKeeper(gate);
    follow();
    assert.equal(automatic(db), 1000);
  } finally {
    db.close();
  }
});
