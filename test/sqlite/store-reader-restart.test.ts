import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { openSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { RESTARTS_IN_A_ROW } from '../../src-main/core/store/sqlite/threads/thread-supervisor';
import { MORTAL_WORKER, threadDeaths } from '../helpers/thread-deaths';
import { NOW, openFresh, recordOf, SERVER, upsertBatch, ZONE } from '../integration/store-fixtures';

/**
 * Reader threads that stop by a real cause (process.exit, an uncaught throw, running out of their heap),
 * made to by the worker entry in test/helpers/mortal-worker.ts, which runs the product's entry unchanged.
 */
const deaths = threadDeaths();
after(() => deaths.close());

const ROWS = 40;
async function storeWithRows(options: { threadHeapMb?: number } = {}): Promise<SqliteStore> {
  const { db, path } = openFresh('wolkvox-reader-restart-');
  upsertBatch(db, Array.from({ length: ROWS }, (_, i) => recordOf({ case_id: `case-${i}`, agent_name: i % 2 ? 'Ana' : 'Luis' })));
  db.close();
  // Readers on demand: the counter alone starts, so each order below goes to the thread the test reads from.
  const store = await openSqliteStore({ dbPath: path, workerUrl: MORTAL_WORKER, readers: 'on-demand', now: () => NOW, ...options });
  after(() => store.close());
  return store;
}

const cancelled = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof AppError, `an AppError, not ${String(error)}`);
  assert.equal(error.kind, 'storage');
  assert.match(error.message, pattern);
  // Words for a supervisor: no stack, no file path of the thread's fault.
  assert.doesNotMatch(error.message, /Users|secret|\.ts|\bat \w/);
  return true;
};

test('a reader thread that exits fails the reads it was given with a storage error; the next read starts a new thread', async () => {
  const store = await storeWithRows();
  deaths.order('read', { death: 'exit', on: 'call', after: 1 });
  assert.equal(await store.count({}), ROWS);
  const startedBefore = deaths.started.read;
  // Two reads in flight when the thread exits on the first: both fail, neither waits forever.
  const [first, second] = await Promise.allSettled([store.count({ agents: ['Ana'] }), store.count({ agents: ['Luis'] })]);
  for (const outcome of [first, second]) {
    assert.equal(outcome.status, 'rejected');
    cancelled(/^The cache's reading thread stopped, so the request was cancelled\. Try again\.$/)(outcome.reason);
  }
  assert.equal(await store.count({ agents: ['Ana'] }), ROWS / 2);
  assert.equal(deaths.started.read, startedBefore + 1, 'one new thread, started by the read after the failure');
});

test('a reader thread that throws an uncaught error fails its read, and the next read is answered', async () => {
  const store = await storeWithRows();
  deaths.order('read', { death: 'throw', on: 'call' });
  await assert.rejects(store.count({}), cancelled(/^The cache's reading thread failed, so the request was cancelled\. Try again\.$/));
  assert.equal(await store.count({}), ROWS);
});

test('a reader thread that runs out of its heap ceiling (threadHeapMb) fails its read with words about memory, and the next read is answered', async () => {
  const store = await storeWithRows({ threadHeapMb: 96 });
  deaths.order('read', { death: 'oom', on: 'call' });
  await assert.rejects(store.insights({}, ZONE), cancelled(/^The cache's reading thread ran out of memory, so the request was cancelled\. Try again; if it keeps happening, close other programs or keep less data in the cache \(retention\)\.$/));
  const insights = await store.insights({}, ZONE);
  assert.equal(insights.total, ROWS);
});

test('reader threads that keep stopping before answering are given up with a final error, not restarted by every read', async () => {
  const store = await storeWithRows();
  for (let i = 0; i < RESTARTS_IN_A_ROW; i++) deaths.order('read', { death: 'exit', on: 'call' });
  const startedBefore = deaths.started.read;
  for (let i = 0; i < RESTARTS_IN_A_ROW; i++) await assert.rejects(store.count({}), cancelled(/reading thread stopped, so the request was cancelled/));
  await assert.rejects(store.count({}), cancelled(new RegExp(`^The cache's reading thread stopped ${RESTARTS_IN_A_ROW} times in a row, so it is not started again\\. Restart the app`)));
  await assert.rejects(store.count({}), cancelled(/not started again/));
  assert.equal(deaths.started.read, startedBefore + RESTARTS_IN_A_ROW, 'no thread started after the last failure');
  // The other readers (facets, insights) are threads of their own and still answer.
  assert.equal(Object.values(await store.facets({}, ['agent_name'])).flat().length, 2);
});

test("with the product's own worker entry: Insights over a cache too large for the heap ceiling fails with words about memory; after retention shrinks the cache, Insights answers on a fresh thread", async () => {
  // 66,500 rows over twelve days, each agent's name its own: a 16 MB heap holds the thread and its counts, not
  // Insights' columns and dictionaries of all of them.
  const { db, path } = openFresh('wolkvox-reader-oom-');
  const days = 12;
  for (let day = 1; day <= days; day++) {
    const date = `2026-02-${String(day).padStart(2, '0')} 10:00:00`;
    upsertBatch(db, Array.from({ length: day === days ? 500 : 6000 }, (_, i) => recordOf({ case_id: `d${day}-${i}`, date_creation: date, agent_name: `agent ${day}-${i}`, cod_act: `tipification ${i}`, body: 'x'.repeat(200) })));
  }
  db.close();
  const store = await openSqliteStore({ dbPath: path, readers: 'on-demand', now: () => NOW, threadHeapMb: 16 });
  after(() => store.close());

  await assert.rejects(store.insights({}, ZONE), cancelled(/^The cache's reading thread ran out of memory, so the request was cancelled\. Try again; if it keeps happening, close other programs or keep less data in the cache \(retention\)\.$/));
  // The other reader threads were not touched.
  assert.equal(await store.count({}), (days - 1) * 6000 + 500);

  // What the message advises: keep less data. The last day stays.
  const purged = await store.purge({ server: SERVER, beforeUtc: Date.UTC(2026, 1, days, 0), keepReviewed: false });
  assert.equal(purged.interactions, (days - 1) * 6000);
  const insights = await store.insights({}, ZONE);
  assert.equal(insights.total, 500);
});
