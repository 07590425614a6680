/**
 * A sliced window's rows are indexed for search just after each slice commits (search-catch-up.ts). The rule:
 * a row is never found by text it no longer has, and is not missing for long: indexed before the next slice
 * and before the window's commit returns, or, after a kill, when a writer next opens the cache.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import type { GateKeeper } from '../../src-main/core/store/sqlite/connection/write-gate';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { count } from '../../src-main/core/store/sqlite/reads/queries';
import { rebuildCursor, rebuildStep } from '../../src-main/core/store/sqlite/reads/search-index';
import { openStoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { createSearchCatchUp, type SearchCatchUp } from '../../src-main/core/store/sqlite/writes/search-catch-up';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import { callOf, SEED_CURSOR, seedRecords, WINDOW_CURSOR, WINDOW_START, windowRecords } from './store-slices-fixtures';
import { changed, freshDbPath, NOW, recordOf, SERVER, upsertBatch, ZONE } from '../integration/store-fixtures';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { createPreparer } from '../../src-main/core/store/sql/prepare';

const SIZE = 3000;
const ctx = { server: SERVER, zone: ZONE, now: NOW };

const listed = (db: Db) => db.prepare('SELECT count(*) FROM search_pending').pluck().get() as number;
const documents = (db: Db) => db.prepare('SELECT count(*) FROM interactions_fts').pluck().get() as number;
const rows = (db: Db) => db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
const indexRowids = (db: Db) => db.prepare('SELECT rowid FROM interactions_fts ORDER BY rowid').pluck().all();
const rowIds = (db: Db) => db.prepare('SELECT id FROM interactions ORDER BY id').pluck().all();
const sound = (db: Db) => db.prepare("INSERT INTO interactions_fts(interactions_fts) VALUES ('integrity-check')").run();

/** Writes the records as one window in slices of `sliceRows`, as the writer thread does, with the search side given. */
function slicedWindow(db: Db, records: readonly IncomingRecord[], search: SearchCatchUp, sliceRows = 1000, cursorUtc = WINDOW_CURSOR) {
  const log = createSyncLog(db, { search });
  const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: WINDOW_START, rangeEndUtc: WINDOW_CURSOR, startedAt: NOW });
  const window = log.beginWindow(ctx, { rows: sliceRows });
  // Staged in calls of at most 500 rows, as the preparer thread hands them over; a slice ends after the call that fills it.
  const prepared = createPreparer(ZONE)(records);
  const call = Math.min(500, sliceRows);
  for (let i = 0; i < prepared.length; i += call) window.write(prepared.slice(i, i + call));
  return window.commit({ runId, server: SERVER, zone: ZONE, now: NOW, cursorUtc, call: callOf(records.length, cursorUtc) });
}

/** The catch-up as a kill leaves it: rows listed in their slice's transaction, never indexed after. */
const neverCaughtUp = (real: SearchCatchUp): SearchCatchUp => ({ defer: real.defer, catchUp: () => {} });

test("each slice's rows are indexed right after it commits, and none is left listed when the window's commit returns", () => {
  const path = freshDbPath('wolkvox-catch-up-');
  const db = openDatabase(path, { now: () => NOW });
  try {
    const real = createSearchCatchUp(db)!;
    const seen: { listed: number; documents: number; rows: number }[] = [];
    const watched: SearchCatchUp = {
      defer: real.defer,
      catchUp(gate) {
        seen.push({ listed: listed(db), documents: documents(db), rows: rows(db) });
        real.catchUp(gate);
      },
    };
    assert.deepEqual(slicedWindow(db, windowRecords(SIZE), watched), { inserted: SIZE, updated: 0, unchanged: 0 });
    // One look before the window, one after each of the three slices, one after the commit that seals it.
    assert.deepEqual(seen, [
      { listed: 0, documents: 0, rows: 0 },
      { listed: 1000, documents: 0, rows: 1000 },
      { listed: 1000, documents: 1000, rows: 2000 },
      { listed: 1000, documents: 2000, rows: 3000 },
      { listed: 0, documents: 3000, rows: 3000 },
    ]);
    assert.equal(listed(db), 0);
    assert.deepEqual(indexRowids(db), rowIds(db));
    assert.equal(count(db, { text: 'fila ' }), SIZE);
    sound(db);
  } finally {
    db.close();
  }
});

test('killed before its index: a changed row is never found by its old text, and every row is found once a writer opens the cache again', async () => {
  const path = freshDbPath('wolkvox-catch-up-killed-');
  const db = openDatabase(path, { now: () => NOW });
  const seed = seedRecords(SIZE);
  try {
    slicedWindow(db, seed, createSearchCatchUp(db)!, 1000, SEED_CURSOR);
    assert.equal(count(db, { text: 'viejo ' }), seed.length);
    slicedWindow(db, windowRecords(SIZE), neverCaughtUp(createSearchCatchUp(db)!));
    assert.equal(count(db, { text: 'viejo ' }), 0, 'the old text left the index with the slice that changed it');
    assert.equal(count(db, { text: 'nuevo ' }), 0, 'the new text is not indexed yet');
    assert.equal(listed(db), SIZE, 'every new or changed row is listed');
  } finally {
    db.close();
  }
  // What a kill leaves is the file: the next writer indexes what is listed when it opens.
  await (await openStoreWriter({ dbPath: path })).close();
  const after = openDatabase(path, { readonly: true });
  try {
    assert.equal(listed(after), 0);
    assert.equal(count(after, { text: 'nuevo ' }), SIZE);
    assert.equal(count(after, { text: 'viejo ' }), 0);
    assert.deepEqual(indexRowids(after), rowIds(after), 'every row indexed once');
  } finally {
    after.close();
  }
});

test('a save that waits during a catch-up gets in within 50 rows, and the catch-up then goes on to the end', () => {
  const db = openDatabase(freshDbPath('wolkvox-catch-up-gate-'), { now: () => NOW });
  try {
    const real = createSearchCatchUp(db)!;
    slicedWindow(db, windowRecords(SIZE), neverCaughtUp(real));
    let asks = 0;
    let letIn: { listed: number; documents: number; inTransaction: boolean } | null = null;
    // A save starts waiting at the catch-up's third look, and has landed once let through.
    const gate: GateKeeper = {
      wanted: () => ++asks >= 3 && letIn === null,
      letThrough: () => void (letIn ??= { listed: listed(db), documents: documents(db), inTransaction: db.inTransaction }),
      holdCheckpoints: () => {},
    };
    real.catchUp(gate);
    assert.ok(letIn, 'the save was let in');
    const at = letIn as { listed: number; documents: number; inTransaction: boolean };
    assert.equal(at.inTransaction, false, 'between two transactions');
    assert.ok(at.documents > 0 && at.documents <= 150, `the rows indexed before it are committed (${at.documents})`);
    assert.equal(at.listed + at.documents, SIZE, 'and no longer listed; the others wait');
    assert.equal(listed(db), 0);
    assert.deepEqual(indexRowids(db), rowIds(db));
    sound(db);
  } finally {
    db.close();
  }
});

test('during the index rebuild of an upgraded cache, a sliced window indexes its rows in both indexes as the rebuild requires', () => {
  const path = freshDbPath('wolkvox-catch-up-rebuild-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6), now: () => NOW });
  const records = Array.from({ length: 40 }, (_, i) => recordOf({ cod_act: `r${i}`, body: `<p>Antes <b>visible</b> ${i}</p>`, date_creation: `2026-01-10 10:00:${String(i).padStart(2, '0')}` }));
  upsertBatch(old, records);
  old.close();
  const db = openDatabase(path, { now: () => NOW + 1 });
  try {
    assert.equal(rebuildStep(db, 20).done, false);
    const cursor = rebuildCursor(db)!;
    // A new row, a changed row behind the rebuild's cursor and one ahead of it, a slice each.
    const window = [
      recordOf({ cod_act: 'n1', body: '<p>Nuevo <b>reclamo</b></p>', date_creation: '2026-01-20 08:00:00' }),
      changed(records[3]!, { answer: 'Anulación confirmada' }),
      changed(records[35]!, { subject: 'Tarjeta reemplazada' }),
    ];
    slicedWindow(db, window, createSearchCatchUp(db)!, 1);
    assert.equal(rebuildCursor(db), cursor, 'the rebuild has not moved');
    assert.equal(listed(db), 0);
    assert.equal(count(db, { text: 'reclamo ' }), 1, 'the old index, which searches read, has the new row');
    assert.equal(count(db, { text: 'anulacion ' }), 1);
    while (!rebuildStep(db, 20).done);
    assert.deepEqual(indexRowids(db), rowIds(db), 'every row once in the rebuilt index');
    sound(db);
    for (const word of ['reclamo ', 'anulacion ', 'reemplazada ']) assert.equal(count(db, { text: word }), 1, word);
    assert.equal(count(db, { text: 'visible ' }), 40);
  } finally {
    db.close();
  }
});

test('a listed row that is gone by the time of the catch-up (purged) is dropped from the list, and the catch-up ends', () => {
  const db = openDatabase(freshDbPath('wolkvox-catch-up-gone-'), { now: () => NOW });
  try {
    const real = createSearchCatchUp(db)!;
    slicedWindow(db, windowRecords(10), neverCaughtUp(real));
    const ids = rowIds(db) as number[];
    db.prepare('DELETE FROM interactions WHERE id IN (?, ?)').run(ids[0], ids[9]);
    real.catchUp();
    assert.equal(listed(db), 0);
    assert.deepEqual(indexRowids(db), ids.slice(1, 9));
  } finally {
    db.close();
  }
});
