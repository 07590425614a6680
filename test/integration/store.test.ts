import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError } from '../../src-main/core/errors';
import { APPLICATION_ID, checksumOf, openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { tempDir } from '../helpers/temp-dir';
import { getReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { getSetting, setSetting } from '../../src-main/core/store/sqlite/writes/settings';
import { freshDbPath, NOW, recordOf, SERVER, upsertBatch } from './store-fixtures';
import { insertOldReview } from '../helpers/old-reviews';

function refusal(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.kind, 'storage');
    assert.match(error.message, pattern);
    return true;
  });
}

test('a new database records every migration with its name and checksum, and runs in WAL', () => {
  const path = freshDbPath();
  const db = openDatabase(path, { now: () => NOW });
  const rows = db.prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version').all();
  assert.deepEqual(
    rows,
    MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m), applied_at: NOW })),
  );
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(db.pragma('synchronous', { simple: true }), 1);
  assert.ok(Number(db.pragma('busy_timeout', { simple: true })) > 0);
  assert.equal(db.pragma('application_id', { simple: true }), APPLICATION_ID);
  assert.equal(db.pragma('user_version', { simple: true }), MIGRATIONS.at(-1)!.version);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();

  // Reopening applies nothing twice.
  const again = openDatabase(path, { now: () => NOW + 1 });
  assert.equal(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get(), MIGRATIONS.length);
  again.close();
});

test('pending migrations are applied in order, each recorded', () => {
  const path = freshDbPath();
  openDatabase(path, { migrations: MIGRATIONS }).close();
  const next = MIGRATIONS.length + 1;
  const extra = [...MIGRATIONS, { version: next, name: 'test step', sql: 'CREATE TABLE test_step (x INTEGER);' }];
  const db = openDatabase(path, { migrations: extra, now: () => NOW });
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), extra.map((m) => m.version));
  assert.ok(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'test_step'").get());
  db.close();
});

test('a database from a newer version of the app is refused', () => {
  const path = freshDbPath();
  openDatabase(path).close();
  const raw = new Database(path);
  const future = MIGRATIONS.length + 1;
  raw.prepare("INSERT INTO schema_migrations VALUES (?, 'from the future', 'abc', 0)").run(future);
  raw.close();
  refusal(() => openDatabase(path), new RegExp(`newer version of Wolkvox Audit \\(schema ${future}; this app knows up to ${MIGRATIONS.length}\\)`));
  refusal(() => openDatabase(path, { readonly: true }), /newer version/);
});

test('a database whose history this app does not recognise is refused', () => {
  const path = freshDbPath();
  openDatabase(path).close();
  const raw = new Database(path);
  raw.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").run();
  raw.close();
  refusal(() => openDatabase(path), /change history this app does not recognise \(step 1/);

  const renamed = freshDbPath();
  openDatabase(renamed).close();
  const raw2 = new Database(renamed);
  raw2.prepare("UPDATE schema_migrations SET name = 'someone else''s step' WHERE version = 1").run();
  raw2.close();
  refusal(() => openDatabase(renamed), /does not recognise/);
});

test('files that are not our database are refused, not migrated', () => {
  const dir = tempDir();
  const foreign = join(dir, 'other-app.db');
  const raw = new Database(foreign);
  raw.exec('CREATE TABLE notes (x TEXT)');
  raw.close();
  refusal(() => openDatabase(foreign), /not a Wolkvox Audit database/);

  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, 'this is not sqlite at all, just some text that is long enough to look like a header...'.repeat(20));
  refusal(() => openDatabase(garbage), /could not be/);

  refusal(() => openDatabase(join(dir, 'missing.db'), { readonly: true }), /could not be opened/);
});

test('a reader connection opens a migrated file and cannot write', () => {
  const path = freshDbPath();
  openDatabase(path).close();
  const reader = openDatabase(path, { readonly: true });
  assert.equal(reader.prepare('SELECT count(*) FROM interactions').pluck().get(), 0);
  assert.throws(() => reader.prepare("INSERT INTO settings VALUES ('a', 'b')").run(), /readonly/);
  reader.close();
});

test('the schema refuses a token in the settings table', () => {
  const path = freshDbPath();
  const db = openDatabase(path);
  assert.throws(() => db.prepare("INSERT INTO settings VALUES ('wolkvox_token', 'x')").run(), /CHECK constraint/);
  const columns = db
    .prepare("SELECT t.name || '.' || c.name FROM sqlite_schema t JOIN pragma_table_info(t.name) c WHERE t.type = 'table'")
    .pluck()
    .all() as string[];
  assert.ok(columns.includes('settings.value'), 'the query lists real columns');
  assert.deepEqual(columns.filter((c) => /token/i.test(c)), []);
  db.close();
});

test('a cache made before migration 5 opens, keeps its interactions, reviews and settings, and loses only the unused profiles table', () => {
  const path = freshDbPath();
  const before = MIGRATIONS.filter((m) => m.version < 5);
  const old = openDatabase(path, { migrations: before, now: () => NOW });
  upsertBatch(old, [recordOf({ subject: 'Factura duplicada' }), recordOf()]);
  const uid = old.prepare("SELECT uid FROM interactions WHERE subject = 'Factura duplicada'").pluck().get() as string;
  insertOldReview(old, { uid, reviewer: 'Marta', status: 'pass', note: 'ok', at: NOW });
  setSetting(old, 'profiles', JSON.stringify([{ id: 'p1', name: 'Norte', server: SERVER, zone: 'America/Bogota' }]));
  old.prepare("INSERT INTO profiles (server, name, zone, updated_at) VALUES (?, 'Norte', 'America/Bogota', ?)").run(SERVER, NOW);
  old.close();

  const db = openDatabase(path, { now: () => NOW + 1 });
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all(), MIGRATIONS.map((m) => m.version));
  assert.equal(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'profiles'").get(), undefined);
  assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), 2);
  assert.equal(getReview(db, uid)?.status, 'pass');
  assert.deepEqual(JSON.parse(getSetting(db, 'profiles')!), [{ id: 'p1', name: 'Norte', server: SERVER, zone: 'America/Bogota' }]);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
  // And it opens again as is, also read-only (nothing left to migrate).
  openDatabase(path, { readonly: true }).close();
});
