// The team's token lock (store/postgres/locks/pg-token-lock.ts) on a real server: two "machines" (each with
// connections of its own) never hold one token's lock together; a holder whose connection drops lets the
// next one in; a wait ends at once when its signal aborts; and the root's lock for a team cache holds both
// the local file lock and the server's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openTokenLock } from '../../../src-main/core/compose/token-lock';
import { isAppError } from '../../../src-main/core/errors';
import { connectPostgres } from '../../../src-main/core/store/postgres/connection';
import { PgTokenLock, tokenLockKeys } from '../../../src-main/core/store/postgres/locks/pg-token-lock';
import { MIGRATION_LOCK } from '../../../src-main/core/store/postgres/migrate';
import { FileTokenLock } from '../../../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../../../src-main/core/sync/token-lock';
import { pgConfigOf } from '../../helpers/postgres-store';
import { startPostgres } from '../../helpers/postgres-server';
import { tempDir } from '../../helpers/temp-dir';

const server = await startPostgres();
const db = server.createDatabase();
const config = pgConfigOf(server, db);
const noFile = (path: string): string => assert.fail(`no CA file expected, asked for ${path}`);
const TOKEN = 'token-of-the-operation-123';

/** A lock as one machine has it; `refused` resolves at its first poll that finds the lock taken. */
function machine() {
  let onRefused: () => void = () => undefined;
  const refused = new Promise<void>((resolve) => (onRefused = resolve));
  const lock = new PgTokenLock({
    connect: () => connectPostgres(config, noFile),
    sleep: (_ms, signal) => {
      onRefused();
      return defaultSleep(2, signal);
    },
  });
  return { lock, refused };
}

/** The server's advisory locks on this token's key, with the holding backend's pid. */
function holders(token = TOKEN): number[] {
  const [classid, objid] = tokenLockKeys(token);
  const out = server.psql(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ${classid} AND objid = ${objid >>> 0} AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = '${db}')`,
  );
  return out.split('\n').filter(Boolean).map(Number);
}

/** Waits (polling the server, never a fixed sleep) until `check` holds. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (check()) return;
    await defaultSleep(5);
  }
  assert.fail(`timed out waiting for ${what}`);
}

test("the key is 'WOLK' and a number from the token's hash: never the token, never the migration lock", () => {
  const [space, key] = tokenLockKeys(TOKEN);
  assert.equal(space, 0x574f4c4b);
  assert.deepEqual(tokenLockKeys(TOKEN), [space, key], 'the same token, the same key');
  assert.notDeepEqual(tokenLockKeys('another token'), [space, key]);
  for (let i = 0; i < 2000; i += 1) assert.notDeepEqual(tokenLockKeys(`t${i}`), [...MIGRATION_LOCK]);
  assert.ok(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31, 'a 32-bit key');
});

test('two machines never hold the same token at once: the second waits until the first lets go', async () => {
  const a = machine();
  const b = machine();
  const releaseA = await a.lock.acquire(TOKEN);
  const [holderA] = holders();
  assert.ok(holderA, 'machine A holds the advisory lock on the server');
  let bHolds = false;
  const bAcquired = b.lock.acquire(TOKEN).then((release) => ((bHolds = true), release));
  await b.refused;
  assert.equal(bHolds, false, 'B was refused while A held the lock');
  assert.deepEqual(holders(), [holderA], 'only A holds it');
  // Another token is not held up by A.
  const other = await machine().lock.acquire('a different token');
  other();
  releaseA();
  const releaseB = await bAcquired;
  const [holderB] = holders();
  assert.ok(holderB && holderB !== holderA, 'B now holds it, on its own connection');
  releaseB();
  await until(() => holders().length === 0, 'the lock to be free');
});

test("a holder whose connection drops releases the lock: the server ends the session, and the next machine gets in", async () => {
  const a = machine();
  const b = machine();
  const releaseA = await a.lock.acquire(TOKEN);
  const [holderA] = holders();
  const bAcquired = b.lock.acquire(TOKEN);
  await b.refused;
  server.psql(`SELECT pg_terminate_backend(${holderA})`);
  const releaseB = await bAcquired;
  assert.equal(holders().length, 1);
  assert.notEqual(holders()[0], holderA);
  assert.doesNotThrow(() => releaseA(), 'releasing a lock whose connection is gone is harmless');
  releaseB();
  // A's lock object still works after its connection was dropped: each hold has a connection of its own.
  const again = await a.lock.acquire(TOKEN);
  again();
});

test("a wait ends as soon as the caller's signal aborts ('cancelled'), and its connection is closed", async () => {
  const a = machine();
  const b = machine();
  const releaseA = await a.lock.acquire(TOKEN);
  const before = Number(server.psql(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${db}'`));
  const abort = new AbortController();
  const waiting = b.lock.acquire(TOKEN, abort.signal);
  await b.refused;
  abort.abort();
  await assert.rejects(waiting, (e: unknown) => isAppError(e) && e.kind === 'cancelled');
  await until(() => Number(server.psql(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${db}'`)) === before, "the waiter's connection to close");
  // An already aborted signal does not even connect.
  await assert.rejects(b.lock.acquire(TOKEN, AbortSignal.abort()), (e: unknown) => isAppError(e) && e.kind === 'cancelled');
  releaseA();
});

test('a server that cannot be reached is a network error, not a silent pass', async () => {
  const nowhere = new PgTokenLock({ connect: () => connectPostgres(pgConfigOf({ ...server, port: 1 } as typeof server, db), noFile) });
  await assert.rejects(nowhere.acquire(TOKEN), (e: unknown) => isAppError(e) && e.kind === 'network');
});

test("the root's lock for a team cache holds the local file lock and the server's lock, and lets both go", async () => {
  const dir = join(tempDir(), 'locks');
  const lock = await openTokenLock({ kind: 'postgres', postgres: config }, dir);
  const release = await lock.acquire(TOKEN);
  assert.equal(holders().length, 1, "the server's lock is held");
  // Another process of this machine, with only the file lock, is refused while the root holds it.
  let fileRefused!: () => void;
  const refusedLocally = new Promise<void>((resolve) => (fileRefused = resolve));
  const local = new FileTokenLock({ dir, sleep: (_ms, signal) => (fileRefused(), defaultSleep(2, signal)) });
  const localAcquired = local.acquire(TOKEN);
  await refusedLocally;
  release();
  (await localAcquired)();
  await until(() => holders().length === 0, "the server's lock to be released");
  // A SQLite cache's root lock is the file lock alone: nothing on any server.
  const sqliteLock = await openTokenLock({ kind: 'sqlite', path: join(dir, 'x.sqlite') }, dir);
  assert.ok(sqliteLock instanceof FileTokenLock);
});
