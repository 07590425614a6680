import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getInteraction, history } from '../../src-main/core/store/sqlite/reads/records';
import { page } from '../../src-main/core/store/sqlite/reads/queries';
import { SLOTS_PER_SECOND } from '../../src-main/core/store/sqlite/connection/ids';
import { changed, ctx, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { PASSING_SCORES } from '../helpers/review-scores';

const ids = (db: ReturnType<typeof openFresh>['db']) => db.prepare('SELECT id FROM interactions ORDER BY id').pluck().all() as number[];
const search = (db: ReturnType<typeof openFresh>['db'], text: string) => page(db, { filter: { text }, limit: 1000 }).rows.map((r) => r.id);

test('re-upserting the same answer changes nothing and never duplicates', () => {
  const { db } = openFresh();
  const answer = [recordOf(), recordOf({ channel: 'facebook_page' }), recordOf({ date_creation: '' })];
  assert.deepEqual(upsertBatch(db, answer, ctx), { inserted: 3, updated: 0, unchanged: 0 });
  const before = db.prepare('SELECT * FROM interactions ORDER BY id').all();
  assert.deepEqual(upsertBatch(db, answer, { ...ctx, now: ctx.now + 1000 }), { inserted: 0, updated: 0, unchanged: 3 });
  assert.deepEqual(upsertBatch(db, [...answer].reverse(), { ...ctx, now: ctx.now + 2000 }), { inserted: 0, updated: 0, unchanged: 3 });
  assert.deepEqual(db.prepare('SELECT * FROM interactions ORDER BY id').all(), before);
  assert.equal(db.prepare('SELECT count(*) FROM interaction_history').pluck().get(), 0);
  db.close();
});

test('a changed record is updated in place, its old values kept in the history', () => {
  const { db } = openFresh();
  const open = recordOf({ body: 'Necesito ayuda con mi pedido', status: 'open' });
  upsertBatch(db, [open, recordOf()], ctx);
  const [id] = search(db, 'pedido');
  assert.ok(id);
  const closed = changed(open, { status: 'close', answer: 'Su pedido llegará mañana', close_date: '2026-01-19 08:00:00', evaluation_survey: '5' });
  assert.deepEqual(upsertBatch(db, [closed], { ...ctx, now: ctx.now + 60_000 }), { inserted: 0, updated: 1, unchanged: 0 });
  assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), 2);

  const now = getInteraction(db, id)!;
  assert.equal(now.id, id, 'same row, same id');
  assert.equal(now.status, 'close');
  assert.equal(now.answer, 'Su pedido llegará mañana');
  assert.equal(now.closedUtc, new ZoneConverter(ctx.zone).parseToUtc('2026-01-19 08:00:00'));
  assert.equal(now.raw, closed.raw);
  assert.equal(now.firstSyncedAt, ctx.now);
  assert.equal(now.updatedAt, ctx.now + 60_000);

  const [entry, ...rest] = history(db, id);
  assert.equal(rest.length, 0);
  assert.deepEqual(entry!.changedFields.sort(), ['answer', 'close_date', 'evaluation_survey', 'status']);
  assert.equal(entry!.changedAt, ctx.now + 60_000);
  assert.deepEqual(entry!.oldFields, open.fields);
  assert.equal(entry!.oldRaw, open.raw);

  // The search index follows the update: the answer's words are found, on the same row.
  assert.deepEqual(search(db, 'llegara'), [id]);

  // ...and forgets words that are gone.
  upsertBatch(db, [changed(closed, { answer: 'Reembolso aprobado' })], { ...ctx, now: ctx.now + 120_000 });
  assert.deepEqual(search(db, 'llegara'), []);
  assert.deepEqual(search(db, 'reembolso'), [id]);
  assert.equal(history(db, id).length, 2);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

test('a change only in an undocumented field is kept, and named as raw', () => {
  const { db } = openFresh();
  const first = recordOf({}, { priority: 'low' });
  upsertBatch(db, [first], ctx);
  const second = { fields: first.fields, raw: JSON.stringify({ ...JSON.parse(first.raw), priority: 'high' }) };
  assert.equal(upsertBatch(db, [second], ctx).updated, 1);
  const id = ids(db)[0]!;
  assert.equal(getInteraction(db, id)!.raw, second.raw);
  assert.deepEqual(history(db, id)[0]!.changedFields, ['raw']);
  db.close();
});

test('ids are date-ordered: creation second * 65536 + slot; undated rows sort first', () => {
  const { db } = openFresh();
  const zone = new ZoneConverter(ctx.zone);
  const dates = ['2026-01-18 19:34:31', '2026-01-18 19:34:31', '2025-12-31 23:59:59', '2026-01-18 19:34:30', 'not a date', '2026-01-18 19:34:31'];
  upsertBatch(db, dates.map((date_creation) => recordOf({ date_creation })), ctx);
  upsertBatch(db, [recordOf({ date_creation: '2026-01-18 19:34:31' })], ctx);
  const rows = db.prepare('SELECT id, created_utc, date_creation FROM interactions ORDER BY id').all() as { id: number; created_utc: number | null; date_creation: string }[];
  assert.equal(rows[0]!.date_creation, 'not a date');
  assert.equal(rows[0]!.created_utc, null);
  assert.equal(rows[0]!.id, 0);
  const dated = rows.slice(1);
  for (const r of dated) assert.equal(Math.floor(r.id / SLOTS_PER_SECOND), Math.floor(zone.parseToUtc(r.date_creation)! / 1000));
  const created = dated.map((r) => r.created_utc!);
  assert.deepEqual(created, [...created].sort((a, b) => a - b));
  const sameSecond = dated.filter((r) => r.date_creation === '2026-01-18 19:34:31').map((r) => r.id % SLOTS_PER_SECOND);
  assert.deepEqual(sameSecond, [0, 1, 2, 3], 'slots of one second are handed out in arrival order, across batches');
  db.close();
});

test('two records with the same identity in one answer are both kept, and stay distinct on re-sync', () => {
  const { db } = openFresh();
  const twin = recordOf({ case_id: 'T1', body: 'hola' });
  const twin2 = changed(twin, { status: 'close' });
  assert.equal(upsertBatch(db, [twin, twin2], ctx).inserted, 2);
  const uids = db.prepare('SELECT uid FROM interactions ORDER BY id').pluck().all() as string[];
  assert.equal(new Set(uids).size, 2);
  assert.deepEqual(upsertBatch(db, [twin, twin2], ctx), { inserted: 0, updated: 0, unchanged: 2 });
  db.close();
});

test('hostile text is stored and read back exactly', () => {
  const { db } = openFresh();
  const hostile = {
    subject: 'Ctrl \u0000\u0001\u0007\u001b[31m \u007f\u0085 and\ttabs\r\nCRLF',
    body: 'Emoji 👨‍👩‍👧 🇨🇴 \u200d\u200f RTL: مرحبا، لم يصلني الطلب بعد — שלום ' + 'x'.repeat(100_000),
    answer: '<script>alert(1)</script> =HYPERLINK("http://evil") \'; DROP TABLE interactions; --',
    comments: '"quoted" \\ backslash \u2028 line sep \uFEFF bom',
  };
  const rec = recordOf(hostile, { extra: { nested: [1, 'two'] } });
  upsertBatch(db, [rec], ctx);
  const got = getInteraction(db, ids(db)[0]!)!;
  for (const [k, v] of Object.entries(hostile)) assert.equal(got[k as keyof typeof hostile], v, k);
  assert.equal(got.raw, rec.raw);
  assert.equal(upsertBatch(db, [rec], ctx).unchanged, 1);
  const grid = page(db, {}).rows[0]!;
  assert.equal([...grid.body].length, 2000, 'cut at 2,000 characters (code points)');
  assert.ok(hostile.body.startsWith(grid.body));
  assert.equal(grid.truncated, true);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

test('a raw record identical to its fields is rebuilt byte for byte', () => {
  const { db } = openFresh();
  const rec = recordOf({ body: 'a "quoted" \\ text ✓' });
  upsertBatch(db, [rec], ctx);
  assert.equal(db.prepare('SELECT raw FROM interactions').pluck().get(), null, 'stored once, as its fields');
  assert.equal(getInteraction(db, ids(db)[0]!)!.raw, rec.raw);
  db.close();
});

test('upserts never touch the reviews table', () => {
  const { db } = openFresh();
  const rec = recordOf();
  upsertBatch(db, [rec], ctx);
  const uid = db.prepare('SELECT uid FROM interactions').pluck().get() as string;
  saveReview(db, { uid, scores: PASSING_SCORES, note: 'well handled', reviewer: 'auditor' }, 1);
  const before = db.prepare('SELECT * FROM reviews').all();
  upsertBatch(db, [changed(rec, { status: 'close' }), recordOf()], ctx);
  upsertBatch(db, [changed(rec, { status: 'archived' })], ctx);
  assert.deepEqual(db.prepare('SELECT * FROM reviews').all(), before);
  db.close();
});

test('a new time zone moves a changed record to its new second, history and search following', () => {
  const { db } = openFresh();
  const rec = recordOf({ body: 'zona horaria' });
  upsertBatch(db, [rec], ctx);
  const oldId = ids(db)[0]!;
  upsertBatch(db, [changed(rec, { status: 'close' })], { ...ctx, zone: 'Europe/Madrid' });
  const newId = ids(db)[0]!;
  assert.notEqual(newId, oldId);
  assert.equal(Math.floor(newId / SLOTS_PER_SECOND), Math.floor(new ZoneConverter('Europe/Madrid').parseToUtc(rec.fields.date_creation)! / 1000));
  assert.equal(history(db, newId).length, 1);
  assert.deepEqual(search(db, 'horaria'), [newId]);
  assert.equal((db.pragma('foreign_key_check') as unknown[]).length, 0);
  db.close();
});
