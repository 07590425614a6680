import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openDatabase, type Db } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { count, page } from '../../src-main/core/store/sqlite/reads/queries';
import { purge } from '../../src-main/core/store/sqlite/writes/retention';
import { getReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { insertOldReview } from '../helpers/old-reviews';
import { rebuildCursor, rebuildStep, searchIndexProgress, type SearchIndexProgress } from '../../src-main/core/store/sqlite/reads/search-index';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { tempDir } from '../helpers/temp-dir';
import { checkTruth, corpusRecords } from './search-truth-fixtures';
import { changed, freshDbPath, NOW, recordOf, SERVER, upsertBatch } from '../integration/store-fixtures';

const indexRowids = (db: Db) => db.prepare('SELECT rowid FROM interactions_fts ORDER BY rowid').pluck().all();
const rowIds = (db: Db) => db.prepare('SELECT id FROM interactions ORDER BY id').pluck().all();
const found = (db: Db, text: string) => page(db, { filter: { text }, limit: 1000 }).rows.map((r) => r.cod_act).sort();

test('a cache made at schema 6 opens, is re-indexed in batches while it is written, and then searches by visible text; reviews intact', () => {
  const path = freshDbPath('wolkvox-search-reindex-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6), now: () => NOW });
  const records = corpusRecords();
  // The oldest row (the first the rebuild indexes), for a purge behind the rebuild's cursor.
  upsertBatch(old, [recordOf({ cod_act: 'old', body: 'Antiguo <b>registro</b>', date_creation: '2025-06-01 10:00:00' }), ...records]);
  const uidOf = (key: string) => old.prepare('SELECT uid FROM interactions WHERE cod_act = ?').pluck().get(key) as string;
  // Written as the app of schema 6 wrote them (today's save writes columns that cache does not have yet).
  insertOldReview(old, { uid: uidOf('c02'), reviewer: 'Marta', status: 'pass', note: 'Bien', at: NOW });
  insertOldReview(old, { uid: uidOf('c11'), reviewer: 'Marta', status: 'fail', at: NOW });
  // The old index holds the raw markup: this is what the upgrade fixes.
  assert.equal(count(old, { text: 'padding ' }), 3);
  old.close();

  const db = openDatabase(path, { now: () => NOW + 1 });
  try {
    assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), MIGRATIONS.map((m) => m.version));
    assert.notEqual(rebuildCursor(db), null, 'the open itself re-indexes nothing');
    assert.deepEqual(searchIndexProgress(db), { indexed: 0, total: 17, done: false });
    // Until the new index is complete, searches read the old one: nothing goes missing meanwhile.
    assert.equal(count(db, { text: 'padding ' }), 3);

    const first = rebuildStep(db, 5);
    assert.deepEqual(first, { indexed: 5, total: 17, done: false });
    // Written while the rebuild is half way: a new row, a changed row behind the cursor and one ahead of
    // it, and a purge of one row behind the cursor.
    upsertBatch(db, [
      recordOf({ cod_act: 'n01', body: '<p>Nuevo <b>reclamo</b></p><style>.x{padding:1px}</style>', date_creation: '2026-01-18 19:34:31' }),
      changed(records[2]!, { answer: 'Anulación confirmada' }),
      changed(records[13]!, { subject: 'Tarjeta reemplazada' }),
    ]);
    assert.deepEqual(found(db, 'reclamo '), ['n01'], 'the old index follows new rows during the rebuild');
    assert.equal(count(db, { text: 'padding ' }), 4);
    assert.equal(purge(db, { server: SERVER, beforeUtc: Date.UTC(2025, 11, 1), keepReviewed: true }).interactions, 1);
    let steps = 1;
    for (let p = first; !p.done; p = rebuildStep(db, 5)) steps++;
    assert.ok(steps >= 3, `rebuilt in ${steps} batches`);
    assert.equal(rebuildCursor(db), null);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'interactions_fts_next%' OR name = 'search_rebuild'").pluck().get(), 0);

    // Every remaining row is in the new index exactly once, and the index is sound.
    assert.deepEqual(indexRowids(db), rowIds(db));
    db.prepare("INSERT INTO interactions_fts(interactions_fts) VALUES ('integrity-check')").run();
    assert.equal(count(db, { text: 'padding ' }), 0);
    assert.deepEqual(found(db, 'caso-2026-00042 '), ['c07']);
    assert.deepEqual(found(db, 'registro '), []);
    assert.deepEqual(found(db, 'reclamo '), ['n01']);
    assert.deepEqual(found(db, 'anulacion '), ['c03']);
    assert.deepEqual(found(db, 'reembolso '), []);
    assert.deepEqual(found(db, 'reemplazada '), ['c14']);
    assert.deepEqual(found(db, 'bloqueada '), []);
    // Reviews are untouched by the upgrade (the purge kept reviewed rows).
    assert.equal(getReview(db, uidOf2(db, 'c02'))?.status, 'pass');
    assert.equal(getReview(db, uidOf2(db, 'c02'))?.note, 'Bien');
    assert.equal(getReview(db, uidOf2(db, 'c11'))?.status, 'fail');
  } finally {
    db.close();
  }
});

function uidOf2(db: Db, key: string): string {
  return db.prepare('SELECT uid FROM interactions WHERE cod_act = ?').pluck().get(key) as string;
}

test('after the upgrade of an unchanged cache, the search syntax meets the hand-built truth', () => {
  const path = freshDbPath('wolkvox-search-reindex-truth-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6), now: () => NOW });
  upsertBatch(old, corpusRecords());
  old.close();
  const db = openDatabase(path, { now: () => NOW + 1 });
  try {
    while (!rebuildStep(db, 3).done);
    checkTruth(db);
  } finally {
    db.close();
  }
});

test('a new cache needs no rebuild: its index is final when first opened', () => {
  const db = openDatabase(freshDbPath('wolkvox-search-new-'), { now: () => NOW });
  try {
    assert.equal(rebuildCursor(db), null);
    assert.deepEqual(db.prepare("SELECT name FROM pragma_table_info('interactions_fts')").pluck().all().slice(-2), ['case_id', 'attachments']);
  } finally {
    db.close();
  }
});

test('the store rebuilds the index through its writer thread, in batches, reporting progress, while it serves searches', async () => {
  const path = freshDbPath('wolkvox-search-reindex-store-');
  const old = openDatabase(path, { migrations: MIGRATIONS.filter((m) => m.version <= 6), now: () => NOW });
  const many = Array.from({ length: 2500 }, (_, i) => recordOf({ cod_act: `m${i}`, body: `<p>Mensaje <b>visible</b> ${i}</p><style>p{padding:0}</style>` }));
  upsertBatch(old, many);
  old.close();

  const store = await openSqliteStore({ dbPath: path, readers: 'on-demand', now: () => NOW });
  try {
    // Before the rebuild: the old index answers (markup included), nothing is missing.
    assert.equal((await store.page({ filter: { text: 'visible ' }, limit: 5 })).rows.length, 5);
    const seen: SearchIndexProgress[] = [];
    await store.rebuildSearchIndex((p) => seen.push(p));
    assert.ok(seen.length >= 3, `${seen.length} progress reports`);
    assert.deepEqual(seen[seen.length - 1], { indexed: 0, total: 0, done: true });
    const counted = seen.slice(0, -1).map((p) => p.indexed);
    assert.deepEqual(counted, [...counted].sort((a, b) => a - b), 'progress only grows');
    assert.ok(seen.slice(0, -1).every((p) => p.total === 2500 && !p.done));
    assert.equal((await store.page({ filter: { text: 'padding ' }, limit: 5 })).rows.length, 0);
    assert.equal(await store.count({ text: 'visible ' }), 2500);
    // A second call has nothing to do.
    const again: SearchIndexProgress[] = [];
    await store.rebuildSearchIndex((p) => again.push(p));
    assert.deepEqual(again, [{ indexed: 0, total: 0, done: true }]);
  } finally {
    await store.close();
  }
});

test('the service re-indexes an upgraded cache on its own: progress events, then data/changed, then searches by visible text', async () => {
  const dir = tempDir('wolkvox-search-reindex-service-');
  const root = composeApp({ host: 'browser', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), log: () => {} });
  mkdirSync(dirname(root.paths.dbPath), { recursive: true });
  const old = openDatabase(root.paths.dbPath, { migrations: MIGRATIONS.filter((m) => m.version <= 6), now: () => NOW });
  upsertBatch(old, Array.from({ length: 2500 }, (_, i) => recordOf({ cod_act: `s${i}`, answer: `<div style="padding:0">Respuesta ${i}</div>` })));
  old.close();

  const service = await root.openService({ version: '0.0.0-test' });
  try {
    const events: { event: string; payload: unknown }[] = [];
    const finished = new Promise<void>((resolve) => {
      service.subscribe((event, payload) => {
        events.push({ event, payload });
        if (event === 'data/changed') resolve();
      });
    });
    await finished;
    const progress = events.filter((e) => e.event === 'search/index').map((e) => e.payload as SearchIndexProgress);
    assert.ok(progress.length >= 2);
    assert.deepEqual(progress[progress.length - 1], { indexed: 0, total: 0, done: true });
    const handlers = service.handlers as unknown as Record<string, (a: unknown) => Promise<{ total: number }>>;
    assert.equal((await handlers['interactions/count']!({ filter: { text: 'padding ' } })).total, 0);
    assert.equal((await handlers['interactions/count']!({ filter: { text: 'respuesta ' } })).total, 2500);
  } finally {
    await service.close();
  }
});
