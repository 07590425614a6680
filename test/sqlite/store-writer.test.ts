import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError } from '../../src-main/core/errors';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { count, page } from '../../src-main/core/store/sqlite/reads/queries';
import { getRun } from '../../src-main/core/store/sqlite/writes/sync-log';
import { openStoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { freshDbPath, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';

const START = Date.UTC(2026, 0, 1, 5);
const call = (rows: number) => ({ server: SERVER, windowStartUtc: START, windowEndUtc: START + 1000, startedAt: NOW, durationMs: 5, outcome: 'ok', rows });

test('the worker writer runs a sync window by window, visible to a reader connection', async () => {
  const path = freshDbPath();
  const writer = await openStoreWriter({ dbPath: path, now: () => NOW + 99 });
  try {
    const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
    // More records than one staging slice, so the window crosses the thread in several messages.
    const records = Array.from({ length: 2500 }, (_, i) => recordOf({ date_creation: `2026-01-0${1 + (i % 9)} 10:00:00`, body: `mensaje ${i}` }));
    assert.deepEqual(await writer.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 500, call: call(2500) }), {
      inserted: 2500, updated: 0, unchanged: 0,
    });
    assert.deepEqual(await writer.findResumableRun(SERVER, START, START + 1000), { id: runId, cursorUtc: START + 500, status: 'running' });
    await writer.logCall(runId, { ...call(0), outcome: 'server' });
    assert.equal(await writer.lastCoveredUtc(SERVER), START + 500);
    await writer.finishRun(runId, 'done');

    const reader = openDatabase(path, { readonly: true });
    assert.equal(count(reader, {}), 2500);
    assert.equal(page(reader, { filter: { text: 'mensaje 1234' } }).rows.length, 1);
    const run = getRun(reader, runId)!;
    assert.equal(run.status, 'done');
    assert.equal(run.finishedAt, NOW + 99);
    assert.equal(run.calls, 2);
    reader.close();
  } finally {
    await writer.close();
  }
});

test('the worker writer reports failures as AppError with a kind, and keeps working', async () => {
  const path = freshDbPath();
  const writer = await openStoreWriter({ dbPath: path });
  try {
    await assert.rejects(
      writer.commitWindow({ runId: 42, records: [recordOf()], server: SERVER, zone: ZONE, now: NOW, cursorUtc: START, call: call(1) }),
      (e: unknown) => e instanceof AppError && e.kind === 'storage' && /not running/.test(e.message),
    );
    const runId = await writer.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: START, rangeEndUtc: START + 1, startedAt: NOW });
    assert.equal(typeof runId, 'number');
  } finally {
    await writer.close();
  }
  await assert.rejects(writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: 0 }), AppError);
});

test('opening the worker writer on a database from a newer app fails with kind storage', async () => {
  const path = freshDbPath();
  openDatabase(path).close();
  const raw = new Database(path);
  raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', 'x', 0)").run();
  raw.close();
  await assert.rejects(openStoreWriter({ dbPath: path }), (e: unknown) => e instanceof AppError && e.kind === 'storage' && /newer version/.test(e.message));
});

test('a window that fails in the worker leaves nothing behind: no rows, no checkpoint, no log line', async () => {
  const path = freshDbPath();
  const writer = await openStoreWriter({ dbPath: path });
  try {
    const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
    const setup = openDatabase(path);
    setup.exec("CREATE TRIGGER boom BEFORE INSERT ON interactions WHEN NEW.case_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    setup.close();
    // The failing record sits in a later slice, after earlier slices were already written.
    const records = Array.from({ length: 1800 }, (_, i) => recordOf({ case_id: i === 1500 ? 'BOOM' : `W${i}` }));
    await assert.rejects(
      writer.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 500, call: call(1800) }),
      (e: unknown) => e instanceof AppError && e.kind === 'storage' && /simulated failure/.test(e.message),
    );
    const reader = openDatabase(path, { readonly: true });
    assert.equal(count(reader, {}), 0);
    assert.equal(reader.prepare('SELECT count(*) FROM sync_calls').pluck().get(), 0);
    assert.equal(getRun(reader, runId)!.cursorUtc, null);
    assert.equal(getRun(reader, runId)!.calls, 0);
    reader.close();
    // The writer goes on: the next window commits.
    assert.equal((await writer.commitWindow({ runId, records: [recordOf()], server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 600, call: call(1) })).inserted, 1);
    assert.deepEqual(await writer.findResumableRun(SERVER, START, START + 1000), { id: runId, cursorUtc: START + 600, status: 'running' });
  } finally {
    await writer.close();
  }
});

test('an empty window still records its call and checkpoint', async () => {
  const path = freshDbPath();
  const writer = await openStoreWriter({ dbPath: path });
  try {
    const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
    assert.deepEqual(await writer.commitWindow({ runId, records: [], server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 1000, call: { ...call(0), outcome: 'no-data' } }), {
      inserted: 0, updated: 0, unchanged: 0,
    });
    assert.equal(await writer.lastCoveredUtc(SERVER), START + 1000);
    const reader = openDatabase(path, { readonly: true });
    try {
      assert.deepEqual(reader.prepare('SELECT run_id AS runId, outcome, rows FROM sync_calls').all(), [{ runId, outcome: 'no-data', rows: 0 }]);
      assert.equal(getRun(reader, runId)?.calls, 1);
    } finally {
      reader.close();
    }
  } finally {
    await writer.close();
  }
});
