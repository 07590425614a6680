import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { runCliProcess } from '../helpers/cli-run';
import { PASSING_SCORES } from '../helpers/review-scores';
import { freshDbPath, NOW, recordOf, SERVER, upsertBatch, ZONE } from '../integration/store-fixtures';
import { listenToChanges } from '../helpers/change-listener';
import { createPreparer } from '../../src-main/core/store/sql/prepare';
import { createSearchCatchUp } from '../../src-main/core/store/sqlite/writes/search-catch-up';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';

/**
 * The change feed (Store.changes) of the SQLite store: another connection's or another process's commits
 * reach a listener with the kinds they changed; the store's own writes (serving connection and writer
 * thread) do not; closing or unsubscribing stops the notices. Real files, a real CLI process.
 */

const opened: SqliteStore[] = [];
after(async () => {
  for (const store of opened) await store.close();
});

/** A cache with `n` interactions of January 2026 (older than any cutoff of a few days). */
function seededCache(n = 12): string {
  const path = freshDbPath('wolkvox-feed-');
  const db = openDatabase(path, { now: () => NOW });
  upsertBatch(db, Array.from({ length: n }, (_, i) => recordOf({ agent_name: `Agent ${i % 3}` })));
  db.close();
  return path;
}

async function open(path: string): Promise<SqliteStore> {
  const store = await openSqliteStore({ dbPath: path, readers: 'on-demand', now: () => NOW });
  opened.push(store);
  return store;
}

const uidsOf = async (store: SqliteStore) => (await store.page({ filter: {}, limit: 50 })).rows.map((r) => r.uid);

test("another connection's commits reach the listener with the kinds they changed", async () => {
  const path = seededCache();
  const a = await open(path);
  const b = await open(path);
  const feed = listenToChanges((listener) => a.changes(listener));
  const [uid] = await uidsOf(b);

  let next = feed.next();
  await b.setSetting('feed.test', 'one');
  assert.deepEqual((await next).kinds, ['settings']);

  next = feed.next();
  await b.activeScorecard(NOW);
  assert.deepEqual((await next).kinds, ['scorecards']);

  next = feed.next();
  await b.saveReview({ uid: uid!, reviewer: 'Marta', scores: PASSING_SCORES }, NOW);
  assert.deepEqual((await next).kinds, ['reviews']);

  next = feed.next();
  const sample = await b.drawSample({ name: 'feed sample', seed: 3, perAgent: 1, filter: {} }, NOW);
  assert.deepEqual((await next).kinds, ['samples']);
  next = feed.next();
  await b.renameSample(sample.id, 'renamed sample');
  assert.deepEqual((await next).kinds, ['samples']);

  // On B's writer thread: the rows, their reviews and sample memberships go.
  next = feed.next();
  const removed = await b.purge({ server: SERVER, beforeUtc: Date.UTC(2027, 0, 1), keepReviewed: false });
  assert.equal(removed.interactions, 12);
  assert.deepEqual([...(await next).kinds].sort(), ['interactions', 'reviews']);
  assert.equal(await a.count({}), 0, 'A reads what B committed');
});

test("the store's own writes are not reported, on the serving connection or the writer thread", async () => {
  const path = seededCache();
  const a = await open(path);
  const b = await open(path);
  const feed = listenToChanges((listener) => a.changes(listener));
  const [first] = await uidsOf(a);

  await a.setSetting('feed.own', 'mine');
  await a.updateSettings(['feed.own'], () => ({ writes: { 'feed.own': 'still mine' }, result: null }));
  await a.saveReview({ uid: first!, reviewer: 'Ana', scores: PASSING_SCORES }, NOW); // seeds the default scorecard too
  const sample = await a.drawSample({ name: 'own sample', seed: 1, perAgent: 1, filter: {} }, NOW);
  await a.deleteSample(sample.id);
  // The writer thread: another connection to the file, as another process's would be.
  const start = Date.UTC(2026, 0, 1);
  const runId = await a.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: start, rangeEndUtc: start + 1000, startedAt: NOW });
  const window = { server: SERVER, windowStartUtc: start, windowEndUtc: start + 1000, startedAt: NOW, durationMs: 5, outcome: 'ok', rows: 3 };
  const written = await a.sync.commitWindow({ runId, records: [recordOf(), recordOf(), recordOf()], server: SERVER, zone: ZONE, now: NOW, cursorUtc: start + 500, call: window });
  assert.equal(written.inserted, 3);
  await a.sync.logCall(runId, { ...window, outcome: 'server', rows: 0 });
  await a.sync.finishRun(runId, 'done');
  await a.purge({ server: SERVER, beforeUtc: Date.UTC(2027, 0, 1), keepReviewed: true });

  // Then one write by B (the reviewed row was kept): the first notice A gets is B's alone.
  const next = feed.next();
  await b.saveReview({ uid: first!, reviewer: 'Marta', note: 'Seen by a second auditor' }, NOW);
  assert.deepEqual((await next).kinds, ['reviews']);
  assert.equal(feed.seen.length, 1, `no notice for A's own writes: ${JSON.stringify(feed.seen)}`);
});

test("another writer's change is reported even when this store writes the same kind before the feed's next look", async () => {
  const path = seededCache();
  const a = await open(path);
  const b = await open(path);
  const [first, second, third] = await uidsOf(a);
  await a.saveReview({ uid: first!, reviewer: 'Ana', scores: PASSING_SCORES }, NOW); // the default scorecard, before listening
  const feed = listenToChanges((listener) => a.changes(listener));
  // Both within one poll interval: A's own save must not swallow B's.
  await b.saveReview({ uid: second!, reviewer: 'Marta', scores: PASSING_SCORES }, NOW);
  await a.saveReview({ uid: third!, reviewer: 'Ana', scores: PASSING_SCORES }, NOW);
  assert.deepEqual((await feed.until('reviews')).at(-1)!.kinds, ['reviews']);
});

test('a CLI purge in another process reaches an open store as an interactions change', async () => {
  const path = seededCache(20);
  const a = await open(path);
  const feed = listenToChanges((listener) => a.changes(listener));
  assert.equal(await a.count({}), 20);

  const waited = feed.until('interactions');
  const purge = await runCliProcess(['purge', '--server', SERVER, '--older-than', '30', '--db', path, '--json'], {});
  assert.equal(purge.code, 0, purge.stderr);
  assert.equal((JSON.parse(purge.stdout) as { removed: { interactions: number } }).removed.interactions, 20);
  await waited;
  assert.equal(await a.count({}), 0);
});

test('unsubscribing and closing stop the notices', async () => {
  const path = seededCache(3);
  const a = await open(path);
  const b = await open(path);
  const c = await open(path);
  const left = listenToChanges((listener) => a.changes(listener));
  const closedFeed = listenToChanges((listener) => c.changes(listener));
  const stays = listenToChanges((listener) => a.changes(listener));

  left.stop();
  await c.close();
  // Two writes, each waited for by the listener that stays: a feed still looking would have seen them too.
  let next = stays.next();
  await b.setSetting('feed.after', 'one');
  assert.deepEqual((await next).kinds, ['settings']);
  next = stays.next();
  await b.setSetting('feed.after', 'two');
  assert.deepEqual((await next).kinds, ['settings']);
  assert.deepEqual(left.seen, []);
  assert.deepEqual(closedFeed.seen, []);
  // A closed store takes no listener.
  const late = listenToChanges((listener) => c.changes(listener));
  await b.setSetting('feed.after', 'three');
  next = stays.next();
  await b.setSetting('feed.after', 'four');
  await next;
  assert.deepEqual(late.seen, []);
});

test("another process's sliced window is reported twice: its rows, then, a moment later, their search index", async () => {
  const path = seededCache();
  const a = await open(path);
  const feed = listenToChanges((listener) => a.changes(listener));
  const other = openDatabase(path, { now: () => NOW });
  try {
    const real = createSearchCatchUp(other)!;
    // The other writer's catch-up held back until the app has seen the rows: as if it ran between two looks.
    const log = createSyncLog(other, { search: { defer: real.defer, catchUp: () => {} } });
    const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: 0, rangeEndUtc: 1, startedAt: NOW });
    let next = feed.next();
    const window = log.beginWindow({ server: SERVER, zone: ZONE, now: NOW }, { rows: 1000 });
    window.write(createPreparer(ZONE)([recordOf({ body: 'palabra recién llegada' })]));
    window.commit({ runId, server: SERVER, zone: ZONE, now: NOW, cursorUtc: 1, call: { server: SERVER, windowStartUtc: 0, windowEndUtc: 1, startedAt: NOW, durationMs: 1, outcome: 'ok', rows: 1 } });
    assert.ok((await next).kinds.includes('interactions'));
    assert.equal(await a.count({ text: 'llegada ' }), 0, 'the row is in, not yet in the search index');
    next = feed.next();
    real.catchUp();
    assert.deepEqual((await next).kinds, ['interactions']);
    assert.equal(await a.count({ text: 'llegada ' }), 1);
  } finally {
    other.close();
  }
});
