import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError, DISK_FULL_MESSAGE, toErrorInfo } from '../../src-main/core/errors';
import { driverError, withKinds } from '../../src-main/core/store/sqlite/connection/driver-errors';
import { tempDir } from '../helpers/temp-dir';

/**
 * The SQLite store answers error kinds itself: the driver's errors (real ones, made by real SQLite) leave
 * store/sqlite as 'storage' AppErrors, with the code for support and the driver's error as the cause, so
 * nothing above the store (core/errors.ts included) reads a SQLITE_ code.
 */
function sqliteFailure(work: (db: Database.Database) => void): Error {
  const db = new Database(join(tempDir('wolkvox-driver-errors-'), 'c.sqlite'));
  try {
    work(db);
  } catch (error) {
    return error as Error;
  } finally {
    db.close();
  }
  assert.fail('expected SQLite to fail');
}

test('a full database is the disk-full storage error, the driver error kept as its cause', () => {
  const full = sqliteFailure((db) => {
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(1 << 20));
  });
  assert.equal((full as { code?: string }).code, 'SQLITE_FULL');
  const kinded = driverError(full);
  assert.ok(kinded instanceof AppError);
  assert.equal(kinded.kind, 'storage');
  assert.equal(kinded.message, DISK_FULL_MESSAGE);
  assert.equal(kinded.cause, full);
  assert.deepEqual(toErrorInfo(kinded), { kind: 'storage', message: DISK_FULL_MESSAGE });
});

test('any other SQLite error is a storage error naming its code; the core no longer reads SQLite codes', async () => {
  const broken = sqliteFailure((db) => db.exec('SELEC 1'));
  assert.equal((broken as { code?: string }).code, 'SQLITE_ERROR');
  await assert.rejects(
    withKinds(async () => {
      throw broken;
    }),
    (e: unknown) => e instanceof AppError && e.kind === 'storage' && e.message === 'The local database reported an error (SQLITE_ERROR).' && e.cause === broken,
  );
  // Unconverted, a driver error is just an error to the core: the conversion is the store's job.
  assert.equal(toErrorInfo(broken).kind, 'server');
});

test('errors that are not the driver\'s pass through unchanged', () => {
  const app = new AppError('bad-input', 'no');
  const plain = new TypeError('bug');
  const fs = Object.assign(new Error('no space'), { code: 'ENOSPC' });
  assert.equal(driverError(app), app);
  assert.equal(driverError(plain), plain);
  assert.equal(driverError(fs), fs);
});
