import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InteractionReader, type BrowseStore } from '../../src-main/core/service/interactions';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import { page } from '../../src-main/core/store/sqlite/reads/queries';
import { openStoreReader, type StoreReader } from '../../src-main/core/store/sqlite/threads/reader';
import { conversation, getInteraction, history } from '../../src-main/core/store/sqlite/reads/records';
import { ctx, NOW, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

const record = (i: number) => recordOf({ case_id: `case-${i}`, date_creation: new Date(NOW - i * 60_000).toISOString().slice(0, 19).replace('T', ' ') });

/**
 * The real reader thread, whose counts can be held back as a counter busy with a million rows would be.
 * `asked` resolves when a count is asked while held: the page has then done everything before its total.
 */
function holdableCounter(real: StoreReader) {
  let held: Promise<void> | null = null;
  let release = () => {};
  let onAsked = () => {};
  let asked = Promise.resolve();
  return {
    reader: {
      ...real,
      count: async (filter: Parameters<StoreReader['count']>[0]) => {
        if (held) onAsked();
        return (await held, real.count(filter));
      },
    } as StoreReader,
    hold() {
      held = new Promise<void>((resolve) => (release = resolve));
      asked = new Promise<void>((resolve) => (onAsked = resolve));
    },
    asked: () => asked,
    release() {
      held = null;
      release();
    },
  };
}

/**
 * Lets every callback already queued on the event loop run, timers' and I/O's included: a round trip
 * through the loop's queues (setImmediate after a zero timer, twice), not a guess at how long anything takes.
 */
async function drainQueues(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The browse operations over a plain connection and the given reader threads (SqliteStore's split, with a holdable counter). */
function browseStore(db: Db, counter: StoreReader, faceter: StoreReader): BrowseStore {
  return {
    page: async (req) => page(db, req),
    count: (filter) => counter.count(filter),
    facets: (filter, fields) => faceter.facets(filter, [...fields]),
    hasAny: async () => page(db, { limit: 1 }).rows.length > 0,
    interaction: async (id) => getInteraction(db, id),
    interactionHistory: async (id) => history(db, id),
    conversation: async (caseId, server) => conversation(db, caseId, server),
  };
}

test('while a sync writes, pages carry the last count and the fresh one follows; otherwise they wait for it', async () => {
  const { db, path } = openFresh('wolkvox-reader-');
  upsertBatch(db, Array.from({ length: 30 }, (_, i) => record(i)), ctx);
  const real = await openStoreReader({ dbPath: path });
  try {
    const counter = holdableCounter(real);
    let syncing = true;
    const reader = new InteractionReader(browseStore(db, counter.reader, real), () => syncing);
    assert.equal((await reader.page({}, undefined, 0, 10)).total, 30, 'the first page waits for the first count');

    upsertBatch(db, Array.from({ length: 5 }, (_, i) => record(100 + i)), ctx);
    reader.invalidate();
    counter.hold();
    const during = await reader.page({}, undefined, 0, 10);
    assert.equal(during.total, 30, 'the last count, not a wait');
    assert.equal(during.rows.length, 10);
    const fresh = reader.count({});
    counter.release();
    assert.equal(await fresh, 35);
    assert.equal((await reader.page({}, undefined, 0, 10)).total, 35, 'the next page has the fresh count');

    // The page has asked its count (all it does before its total), and whatever it would answer without
    // the count (a last count handed over on the next turn, as during a sync) has had its turn.
    const waitsForItsCount = async (page: Promise<{ total: number }>, why: string) => {
      let answered = false;
      void page.then(() => (answered = true));
      await counter.asked();
      await drainQueues();
      assert.equal(answered, false, why);
      counter.release();
      return (await page).total;
    };
    counter.hold();
    assert.equal(await waitsForItsCount(reader.page({ agents: ['nobody'] }, undefined, 0, 10), 'a filter never counted before waits for its count'), 0);

    // Once the sync is over, a page never carries a stale count.
    syncing = false;
    upsertBatch(db, [record(200)], ctx);
    reader.invalidate();
    counter.hold();
    assert.equal(await waitsForItsCount(reader.page({}, undefined, 0, 10), 'with no sync running the page waits for the exact count'), 36);
  } finally {
    await real.close();
    db.close();
  }
});
