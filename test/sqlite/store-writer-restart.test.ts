import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openStoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { range, syncRig } from '../helpers/sync-rig';
import { MORTAL_WORKER, threadDeaths } from '../helpers/thread-deaths';
import { fieldsOf, freshDbPath, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';

/**
 * The writer thread (or its preparer) stopping by a real cause, made to by the worker entry in
 * test/helpers/mortal-worker.ts, which runs the product's entry unchanged.
 */
const deaths = threadDeaths();
after(() => deaths.close());

const START = Date.UTC(2026, 0, 1, 5);
const call = (rows: number) => ({ server: SERVER, windowStartUtc: START, windowEndUtc: START + 1000, startedAt: NOW, durationMs: 5, outcome: 'ok', rows });
const windowOf = (runId: number, prefix: string, cursorUtc: number) => ({
  runId, server: SERVER, zone: ZONE, now: NOW, cursorUtc, call: call(1200),
  // More records than one staging slice: the window's transaction is open, with rows written, when its commit arrives.
  records: Array.from({ length: 1200 }, (_, i) => recordOf({ case_id: `${prefix}-${i}` })),
});

const stoppedWriting = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
  assert.equal(error.kind, 'storage');
  assert.match(error.message, pattern);
  assert.doesNotMatch(error.message, /Users|secret|\.ts|\bat \w/);
  return true;
};
const STOPPED = /^The cache's writing thread stopped, so the operation in progress was cancelled and nothing of it was half-saved\. Try again\.$/;

function cacheState(path: string) {
  const db = openDatabase(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      rows: (db.prepare('SELECT count(*) AS n FROM interactions').get() as { n: number }).n,
      second: (db.prepare("SELECT count(*) AS n FROM interactions WHERE case_id LIKE 'second-%'").get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

test('a writer thread that exits with a window half written fails that commit; nothing of it is kept, and the next commit starts a new thread', async () => {
  const path = freshDbPath('wolkvox-writer-restart-');
  // The first window commits; the thread exits when the second one's commit arrives, its slices written.
  deaths.order('write', { death: 'exit', on: 'commitWindow', after: 1 });
  const writer = await openStoreWriter({ dbPath: path, workerUrl: MORTAL_WORKER, now: () => NOW });
  after(() => writer.close());
  const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
  await writer.commitWindow(windowOf(runId, 'first', START + 100));
  const startedBefore = deaths.started.write;

  // An operation queued behind the dying commit fails with it: it is not sent to a new thread unasked.
  const [commit, queued] = await Promise.allSettled([writer.commitWindow(windowOf(runId, 'second', START + 200)), writer.lastCoveredUtc(SERVER)]);
  assert.equal(commit.status, 'rejected');
  stoppedWriting(STOPPED)(commit.reason);
  assert.equal(queued.status, 'rejected');
  stoppedWriting(STOPPED)(queued.reason);

  // The half-written window was rolled back: the cache is whole, with the first window only, its checkpoint too.
  assert.deepEqual(cacheState(path), { integrity: 'ok', rows: 1200, second: 0 });
  // And its write lock went with its connection: another connection (the app's, saving a review) writes at once.
  const other = openDatabase(path);
  other.pragma('busy_timeout = 0');
  other.exec('BEGIN IMMEDIATE; ROLLBACK');
  other.close();
  assert.deepEqual(await writer.findResumableRun(SERVER, START, START + 1000), { id: runId, cursorUtc: START + 100, status: 'running' });
  assert.equal(deaths.started.write, startedBefore + 1, 'a new writer thread, started by the call after the failure');

  // The same window, committed again by its caller, lands whole.
  assert.deepEqual(await writer.commitWindow(windowOf(runId, 'second', START + 200)), { inserted: 1200, updated: 0, unchanged: 0 });
  await writer.finishRun(runId, 'done');
  assert.deepEqual(cacheState(path), { integrity: 'ok', rows: 2400, second: 1200 });
});

test('a preparer thread that throws while preparing a window fails the commit; the writer pair is started again', async () => {
  const path = freshDbPath('wolkvox-writer-restart-');
  deaths.order('prepare', { death: 'throw', on: 'records' });
  const writer = await openStoreWriter({ dbPath: path, workerUrl: MORTAL_WORKER, now: () => NOW });
  after(() => writer.close());
  const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
  await assert.rejects(
    writer.commitWindow(windowOf(runId, 'second', START + 200)),
    stoppedWriting(/^The cache's writing thread failed, so the operation in progress was cancelled and nothing of it was half-saved\. Try again\.$/),
  );
  assert.deepEqual(cacheState(path), { integrity: 'ok', rows: 0, second: 0 });
  assert.deepEqual(await writer.commitWindow(windowOf(runId, 'second', START + 200)), { inserted: 1200, updated: 0, unchanged: 0 });
  assert.deepEqual(cacheState(path), { integrity: 'ok', rows: 1200, second: 1200 });
});

test('a writer thread that runs out of its heap ceiling (threadHeapMb) fails its operation with words about memory; the next one works', async () => {
  const path = freshDbPath('wolkvox-writer-restart-');
  deaths.order('write', { death: 'oom', on: 'call' });
  const writer = await openStoreWriter({ dbPath: path, workerUrl: MORTAL_WORKER, now: () => NOW, heapMb: 96 });
  after(() => writer.close());
  await assert.rejects(
    writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW }),
    stoppedWriting(/^The cache's writing thread ran out of memory, so the operation in progress was cancelled and nothing of it was half-saved\. Try again; if it keeps happening/),
  );
  const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
  assert.equal(typeof runId, 'number');
});

test('a sync whose writer thread stops ends failed with the storage error in its history; the next sync resumes from its checkpoint', async () => {
  // Five 31-day windows; the writer thread exits at the third window's commit.
  deaths.order('write', { death: 'exit', on: 'commitWindow', after: 2 });
  const rig = await syncRig({ dataset: { from: '2025-10-01', to: '2026-02-28', rowsPerDay: 50 } }, { workerUrl: MORTAL_WORKER });
  const all = range('2025-10-01', '2026-03-01');

  const first = await rig.sync(all);
  assert.equal(first.status, 'failed');
  assert.equal(first.error?.kind, 'storage');
  assert.match(first.error?.message ?? '', STOPPED);
  assert.equal(first.windowsDone, 2);
  const db = rig.read();
  const run = db.prepare('SELECT status, error_kind AS kind, error_message AS message FROM sync_runs').get() as Record<string, string>;
  assert.deepEqual({ status: run.status, kind: run.kind }, { status: 'failed', kind: 'storage' }, 'the run\'s end was written by a new writer thread');
  assert.match(run.message!, STOPPED);

  rig.sim.resetStats();
  const second = await rig.sync(all);
  assert.equal(second.status, 'done', JSON.stringify(second.error));
  assert.equal(second.resumed, true);
  assert.equal(second.calls, 3, 'only the three windows not committed');
  const { total, uniq } = db.prepare('SELECT count(*) AS total, count(DISTINCT uid) AS uniq FROM interactions').get() as { total: number; uniq: number };
  assert.equal(total, 151 * 50, 'every day of the range is in the cache');
  assert.equal(uniq, total);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
});

test('an answer read before the writer threads stopped cannot be committed after: its records went with them, and the commit says so', async () => {
  const path = freshDbPath('wolkvox-writer-restart-');
  // The writer answers startRun, then exits at the next call.
  deaths.order('write', { death: 'exit', on: 'call', after: 1 });
  const writer = await openStoreWriter({ dbPath: path, workerUrl: MORTAL_WORKER, now: () => NOW });
  after(() => writer.close());
  const runId = await writer.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: START + 1000, startedAt: NOW });
  const body = new TextEncoder().encode(JSON.stringify({ code: 200, data: Array.from({ length: 3 }, (_, i) => fieldsOf({ case_id: `kept-${i}` })) }));
  const answer = await writer.parser.parse({ status: 200, contentType: 'application/json', body, server: SERVER, host: 'wolkvox.test', zone: ZONE });
  assert.equal(answer.count, 3);
  await assert.rejects(writer.lastCoveredUtc(SERVER), stoppedWriting(STOPPED));

  await assert.rejects(writer.commitWindow({ ...windowOf(runId, 'kept', START + 100), records: answer.records }), stoppedWriting(STOPPED));
  assert.deepEqual(cacheState(path), { integrity: 'ok', rows: 0, second: 0 });
  // Records read again (here: passed as they are) are written by the new threads.
  assert.deepEqual(await writer.commitWindow(windowOf(runId, 'second', START + 100)), { inserted: 1200, updated: 0, unchanged: 0 });
});
