/**
 * A cache the app cannot open, on real files: garbage bytes in the .sqlite file, a cache written by a newer
 * version (a migration number above the last this app knows), another program's SQLite file. Each fails to
 * open through the real openDatabase / openAppService, is classified, moved aside under a new name with its
 * journal files (never deleted), and a fresh cache opens in its place. Errors moving cannot cure are left alone.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError } from '../../src-main/core/errors';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import type { CacheProblem } from '../../src-main/core/store/backend';
import { brokenStamp, classifyCacheError, inspectCacheFile, moveCacheAside, movedAsideName, sqliteRecovery } from '../../src-main/core/store/sqlite/recovery/cache-recovery';
import { openWithRecovery } from '../../src-main/electron/cache-recovery';
import { tempDir } from '../helpers/temp-dir';

const root = tempDir('wolkvox-recovery-');
const WHEN = new Date(2026, 10, 29, 9, 5, 7); // local time: 20261129-090507
let n = 0;
const freshDir = () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};

async function failure(open: () => unknown): Promise<unknown> {
  try {
    await open();
  } catch (error) {
    return error;
  }
  assert.fail('expected the cache to be refused');
}

function writeNewerCache(dbPath: string): void {
  openDatabase(dbPath).close();
  const raw = new Database(dbPath);
  const next = MIGRATIONS[MIGRATIONS.length - 1]!.version + 1;
  raw.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(next, 'from the future', 'x', 0);
  raw.close();
}

test('the moved-aside name is local time, and skips a name already taken (with any of its journal names)', () => {
  assert.equal(brokenStamp(WHEN), '20261129-090507');
  const taken = new Set(['/d/c.sqlite.broken-20261129-090507-wal']);
  assert.equal(movedAsideName('/d/c.sqlite', WHEN, () => false), '/d/c.sqlite.broken-20261129-090507');
  assert.equal(movedAsideName('/d/c.sqlite', WHEN, (p) => taken.has(p)), '/d/c.sqlite.broken-20261129-090507-2');
});

test('garbage in the cache file: openAppService refuses it as corrupt; moved aside with its journals, a fresh cache opens', async () => {
  const dataDir = freshDir();
  const dbPath = join(dataDir, DB_FILE_NAME);
  const garbage = Buffer.alloc(8192, 'this is not a database ');
  writeFileSync(dbPath, garbage);
  writeFileSync(`${dbPath}-wal`, 'wal garbage');
  writeFileSync(`${dbPath}-shm`, 'shm garbage');
  const open = () => openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, log: () => {} });

  assert.equal(inspectCacheFile(dbPath)?.kind, 'corrupt', 'seen from its first bytes, before SQLite opens it');

  const asked: { problem: CacheProblem; movedTo: string }[] = [];
  const opened = await openWithRecovery(open, {
    recovery: sqliteRecovery(dbPath),
    now: () => WHEN,
    ask: async (problem, movedTo) => {
      asked.push({ problem, movedTo });
      return 'move';
    },
  });
  assert.ok(opened);
  try {
    const moved = `${dbPath}.broken-20261129-090507`;
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.movedTo, moved);
    assert.equal(asked[0]!.problem.kind, 'corrupt');
    assert.deepEqual(opened.moved, [
      { from: dbPath, to: moved },
      { from: `${dbPath}-wal`, to: `${moved}-wal` },
      { from: `${dbPath}-shm`, to: `${moved}-shm` },
    ]);
    assert.deepEqual(readFileSync(moved), garbage, 'the damaged file is kept byte for byte');
    assert.equal(readFileSync(`${moved}-wal`, 'utf8'), 'wal garbage');
    assert.equal(readFileSync(`${moved}-shm`, 'utf8'), 'shm garbage');
    const info = await opened.value.handlers['app/info']({});
    assert.equal(info.dataDir, dataDir, 'the fresh cache answers');
  } finally {
    await opened.value.close();
  }
  assert.ok(existsSync(dbPath), 'a fresh cache file is in place');
});

test('the real open of a garbage file fails with an error classified as corrupt', async () => {
  const dataDir = freshDir();
  writeFileSync(join(dataDir, DB_FILE_NAME), Buffer.alloc(8192, 'garbage '));
  const error = await failure(() => openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: {}, log: () => {} }));
  assert.equal(classifyCacheError(error)?.kind, 'corrupt', String(error));
  assert.equal(inspectCacheFile(join(dataDir, 'missing.sqlite')), null, 'a missing file is a new cache');
  writeFileSync(join(dataDir, 'empty.sqlite'), '');
  assert.equal(inspectCacheFile(join(dataDir, 'empty.sqlite')), null, 'an empty file is a new cache');
});

test('a cache from a newer version: classified as newer; Quit leaves every file as it was', async () => {
  const dir = freshDir();
  const dbPath = join(dir, DB_FILE_NAME);
  writeNewerCache(dbPath);
  const error = await failure(() => openDatabase(dbPath));
  assert.equal(classifyCacheError(error)?.kind, 'newer', String(error));
  const before = readdirSync(dir).sort();
  const bytes = readFileSync(dbPath);

  const quit = await openWithRecovery(async () => openDatabase(dbPath), { recovery: sqliteRecovery(dbPath), now: () => WHEN, ask: async () => 'quit' });
  assert.equal(quit, null);
  assert.deepEqual(readdirSync(dir).sort(), before);
  assert.deepEqual(readFileSync(dbPath), bytes);

  const moved = await openWithRecovery(async () => openDatabase(dbPath), { recovery: sqliteRecovery(dbPath), now: () => WHEN, ask: async () => 'move' });
  assert.ok(moved);
  try {
    assert.equal(moved.value.prepare('SELECT count(*) AS n FROM schema_migrations').get() !== undefined, true, 'the fresh cache is migrated');
  } finally {
    moved.value.close();
  }
  // The moved copy still says it is from the future: nothing in it was changed.
  const old = new Database(`${dbPath}.broken-20261129-090507`, { readonly: true });
  const newest = old.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number };
  old.close();
  assert.equal(newest.v, MIGRATIONS[MIGRATIONS.length - 1]!.version + 1);
});

test("another program's SQLite file is 'foreign'; a second recovery on the same second gets its own name", async () => {
  const dir = freshDir();
  const dbPath = join(dir, DB_FILE_NAME);
  const foreign = () => {
    const raw = new Database(dbPath);
    raw.exec('CREATE TABLE contacts (name TEXT)');
    raw.close();
  };
  foreign();
  assert.equal(classifyCacheError(await failure(() => openDatabase(dbPath)))?.kind, 'foreign');
  const first = await openWithRecovery(async () => openDatabase(dbPath), { recovery: sqliteRecovery(dbPath), now: () => WHEN, ask: async () => 'move' });
  first!.value.close();
  renameSync(dbPath, join(dir, 'kept-fresh.sqlite'));
  foreign();
  const second = await openWithRecovery(async () => openDatabase(dbPath), { recovery: sqliteRecovery(dbPath), now: () => WHEN, ask: async () => 'move' });
  second!.value.close();
  assert.equal(second!.moved[0]!.to, `${dbPath}.broken-20261129-090507-2`);
  assert.ok(existsSync(`${dbPath}.broken-20261129-090507`), 'the first moved copy is untouched');
});

test('errors moving cannot cure are thrown as they are, without asking', async () => {
  const dir = freshDir();
  const dbPath = join(dir, 'is-a-folder.sqlite');
  mkdirSync(dbPath);
  let asked = false;
  const ask = async () => {
    asked = true;
    return 'move' as const;
  };
  await assert.rejects(openWithRecovery(async () => openDatabase(dbPath), { recovery: sqliteRecovery(dbPath), now: () => WHEN, ask }), (e: unknown) => classifyCacheError(e) === null);
  assert.equal(asked, false);
  assert.ok(existsSync(dbPath));
  assert.equal(classifyCacheError(new AppError('storage', 'The disk is full: free some space and try again.')), null);
  assert.equal(classifyCacheError(new AppError('network', 'written by a newer version')), null, 'only storage errors');
  assert.equal(classifyCacheError(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }))?.kind, 'corrupt');
  assert.equal(classifyCacheError('text'), null);
});

test('a rename that fails midway puts the files already moved back and says what to do', () => {
  const dir = freshDir();
  const dbPath = join(dir, DB_FILE_NAME);
  writeFileSync(dbPath, 'db');
  writeFileSync(`${dbPath}-wal`, 'wal');
  const target = movedAsideName(dbPath, WHEN);
  const failing = {
    exists: existsSync,
    rename: (from: string, to: string) => {
      if (from.endsWith('-wal')) throw Object.assign(new Error('EBUSY'), { code: 'EBUSY' });
      renameSync(from, to);
    },
  };
  assert.throws(() => moveCacheAside(dbPath, target, failing), (e: unknown) => e instanceof AppError && e.kind === 'storage' && /EBUSY/.test(e.message) && e.message.includes(dbPath));
  assert.equal(readFileSync(dbPath, 'utf8'), 'db', 'the database is back under its name');
  assert.equal(readFileSync(`${dbPath}-wal`, 'utf8'), 'wal');
  assert.equal(existsSync(target), false);
});
