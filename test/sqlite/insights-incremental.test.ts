import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { openStoreReader, type StoreReader } from '../../src-main/core/store/sqlite/threads/reader';
import { purge, removeServerData } from '../../src-main/core/store/sqlite/writes/retention';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { checkInsights } from './insights-check';
import { changed, ctx, NOW, openFresh, recordOf, SERVER, upsertBatch } from '../integration/store-fixtures';

/**
 * The Insights reader keeps its columns in memory and follows the cache's changes (insights-columns.ts).
 * Here the reader thread (its own connection, as in the app) answers after each kind of write, made
 * through the real upsert and retention code on the same file (and from a second connection, as the
 * CLI's sync would), and every answer is checked against SQL computed apart (insights-check.ts).
 */
const { db, path } = openFresh('wolkvox-insights-incr-');
let reader: StoreReader;
const ZONE = 'Europe/Madrid';
const SELECTIONS: InteractionFilter[] = [{}, { agents: ['Luis'] }, { text: 'factura' }, { reviewStatuses: ['unreviewed'] }, { channels: ['whatsapp'], fromUtc: Date.UTC(2026, 2, 22) }];

const pad = (n: number) => String(n).padStart(2, '0');
let seq = 0;
function records(n: number, day0: number, agent?: string): IncomingRecord[] {
  return Array.from({ length: n }, (_, i) => {
    seq += 1;
    const day = day0 + (seq % 5);
    const closed = seq % 3 === 0 ? '' : `2026-03-${pad(day + 1)} ${pad(seq % 24)}:00:00`;
    return recordOf({
      agent_name: agent ?? ['Ana Gómez', 'Luis', 'Zoe 🦊'][seq % 3]!, channel: ['Email', 'whatsapp'][i % 2]!, status: closed ? 'close' : 'open',
      cod_act: ['2301', '9', ''][seq % 3]!, cod_description: ['Billing', 'Other', ''][seq % 3]!, evaluation_survey: ['', '5', ' 3', 'n/a'][seq % 4]!,
      date_creation: `2026-03-${pad(day)} ${pad(seq % 24)}:${pad(seq % 60)}:${pad((seq * 7) % 60)}`, close_date: closed,
      body: seq % 4 === 0 ? 'factura pendiente' : 'hola gracias',
    });
  });
}

/** Asks the reader thread for every selection and checks each answer against the cache as it is now. */
async function agrees(what: string): Promise<number> {
  let total = 0;
  for (const filter of SELECTIONS) {
    const got = await reader.insights(filter, ZONE);
    checkInsights(db, got, filter, ZONE);
    if (Object.keys(filter).length === 0) total = got.total;
  }
  assert.equal(total, db.prepare('SELECT count(*) FROM interactions').pluck().get(), `${what}: the whole cache`);
  return total;
}

const first = records(240, 20);

before(async () => {
  upsertBatch(db, first, ctx);
  reader = await openStoreReader({ dbPath: path });
});

after(async () => {
  await reader?.close();
});

test('the first answer loads every row; new rows written afterwards are in the next answer', async () => {
  assert.equal(await agrees('loaded'), 240);
  upsertBatch(db, records(50, 24), ctx);
  // Before the earliest row (a range sync of older days): merged in id order, not appended.
  upsertBatch(db, records(30, 10), ctx);
  assert.equal(await agrees('inserted'), 320);
});

test('changed rows (closed, moved to another agent) are read again', async () => {
  const open = first.filter((r) => r.fields.close_date === '').slice(0, 10);
  const closing = open.map((r) => changed(r, { close_date: '2026-03-30 10:00:00', status: 'close' }));
  const moving = first.slice(100, 120).map((r) => changed(r, { agent_name: 'Luis', evaluation_survey: '1' }));
  const counts = upsertBatch(db, [...closing, ...moving], ctx);
  assert.equal(counts.updated, 30);
  const before = await reader.insights({ agents: ['Luis'] }, ZONE);
  assert.equal(await agrees('updated'), 320);
  assert.ok(before.total >= 20, 'the moved rows count for their new agent');
});

test('a row whose creation moves (the profile zone changed) is counted once, under its new id', async () => {
  const ids = () => db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
  const n = ids();
  const logged = () => db.prepare('SELECT count(*) FROM interaction_removals').pluck().get() as number;
  const before = logged();
  // Changed content too: an unchanged record is skipped whatever the zone.
  const counts = upsertBatch(db, first.slice(200, 205).map((r) => changed(r, { comments: 'otra zona' })), { ...ctx, zone: 'America/Mexico_City' });
  assert.equal(counts.updated, 5);
  assert.equal(logged(), before + 5, 'the old ids are logged as gone');
  assert.equal(ids(), n);
  assert.equal(await agrees('moved ids'), n);
});

test('reviews and their states follow without any row change', async () => {
  const uids = db.prepare('SELECT uid FROM interactions ORDER BY id LIMIT 12').pluck().all() as string[];
  uids.forEach((uid, i) => saveReview(db, { uid, reviewer: 'R', scores: i % 2 ? PASSING_SCORES : FAILING_SCORES }, NOW + i));
  await agrees('reviewed');
  const reviewed = await reader.insights({ reviewStatuses: ['pass', 'fail'] }, ZONE);
  assert.equal(reviewed.total, 12);
});

test('a write from a second connection on the same file (the CLI syncing) is seen', async () => {
  const other = openDatabase(path, { now: () => NOW });
  try {
    upsertBatch(other, records(25, 21, 'Otra Persona'), ctx);
  } finally {
    other.close();
  }
  const got = await reader.insights({ agents: ['Otra Persona'] }, ZONE);
  assert.equal(got.total, 25);
  await agrees('second connection');
});

test('a purge drops its rows from the next answer', async () => {
  const n = db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
  const removed = purge(db, { server: SERVER, beforeUtc: Date.UTC(2026, 2, 22), keepReviewed: true });
  assert.ok(removed.interactions > 0, 'the purge removed rows');
  assert.equal(await agrees('purged'), n - removed.interactions);
});

test('removing the server empties every chart', async () => {
  removeServerData(db, SERVER);
  assert.equal(await agrees('removed'), 0);
  const got = await reader.insights({}, ZONE);
  assert.deepEqual(got.agents, []);
  assert.deepEqual(got.volume.points, []);
  // And rows synced again afterwards come back.
  upsertBatch(db, records(15, 20), ctx);
  assert.equal(await agrees('synced again'), 15);
});
