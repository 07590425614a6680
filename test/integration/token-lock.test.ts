import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { resolvePaths } from '../../src-main/core/paths';
import { FileTokenLock } from '../../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../../src-main/core/sync/token-lock';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir();

/**
 * The lock's own sleep, counted: an acquire sleeps only after its attempt was refused (SQLITE_BUSY), so the
 * count is proof that it tried and found the lock taken, where a wall-clock wait would only hope it had tried.
 */
function countedRefusals() {
  let refused = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  return {
    sleep(ms: number, signal?: AbortSignal) {
      refused += 1;
      for (const w of waiting.filter((x) => x.n <= refused)) w.resolve();
      return defaultSleep(ms, signal);
    },
    /** Resolves once the lock has been refused `n` times. */
    refused(n: number): Promise<'refused'> {
      return new Promise((resolve) => (refused >= n ? resolve('refused') : waiting.push({ n, resolve: () => resolve('refused') })));
    },
  };
}

test('a second holder in the same process waits until the first releases', async () => {
  const a = new FileTokenLock({ dir, pollMs: 1 });
  const watch = countedRefusals();
  const b = new FileTokenLock({ dir, pollMs: 1, sleep: watch.sleep });
  const release = await a.acquire('token-1');
  const pending = b.acquire('token-1');
  const other = await b.acquire('token-2');
  other();
  // Refused at two polls in a row, and still not acquired: the same token waits.
  const first = await Promise.race([watch.refused(2), pending.then(() => 'acquired')]);
  assert.equal(first, 'refused', 'the same token must wait');
  release();
  (await pending)();
});

test('a process killed with SIGKILL while holding the lock does not leave it stuck', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hold-lock.ts', dir, 'token-k'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const watch = countedRefusals();
    const pending = new FileTokenLock({ dir, pollMs: 1, sleep: watch.sleep }).acquire('token-k');
    const first = await Promise.race([watch.refused(2), pending.then(() => 'acquired')]);
    assert.equal(first, 'refused', 'another process holds it');
    child.kill('SIGKILL');
    (await pending)();
  } finally {
    // A failed assertion must not leave the holder running (it would keep this test file open).
    child.kill('SIGKILL');
  }
});

test('a waiting acquire can be cancelled', async () => {
  const release = await new FileTokenLock({ dir }).acquire('token-c');
  const controller = new AbortController();
  const pending = new FileTokenLock({ dir, pollMs: 10 }).acquire('token-c', controller.signal);
  controller.abort();
  await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
  release();
});

test('lock files are named by a hash, never by the token', () => {
  for (const name of readdirSync(dir).filter((n) => n.startsWith('lock-'))) {
    assert.match(name, /^lock-[0-9a-f]{24}\.lock(-journal)?$/);
    assert.ok(!readFileSync(join(dir, name)).includes('token-k'));
  }
});

const storageRefusal = (pattern: RegExp) => (e: unknown) => e instanceof AppError && e.kind === 'storage' && pattern.test(e.message);

test('the lock folder is created 0700 whatever the umask, and used', { skip: process.platform === 'win32' && 'unix modes' }, async () => {
  const fresh = join(dir, 'fresh', 'locks');
  const previous = process.umask(0);
  try {
    (await new FileTokenLock({ dir: fresh }).acquire('token-m'))();
  } finally {
    process.umask(previous);
  }
  assert.equal(statSync(fresh).mode & 0o777, 0o700);
});

test('a lock folder others can write to is refused with a storage error, before any lock file is made', { skip: process.platform === 'win32' && 'unix modes' }, async () => {
  for (const mode of [0o777, 0o775, 0o1777]) {
    const open = join(dir, `open-${mode.toString(8)}`);
    mkdirSync(open);
    chmodSync(open, mode);
    await assert.rejects(new FileTokenLock({ dir: open }).acquire('token-w'), storageRefusal(/can be written by other users.*WOLKVOX_AUDIT_LOCK_DIR/s));
    assert.deepEqual(readdirSync(open), []);
  }
});

test('a lock folder that belongs to another user is refused', async (t) => {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return t.skip('needs root to give a folder to another user (chown)');
  const theirs = join(dir, 'theirs');
  mkdirSync(theirs, { mode: 0o700 });
  chownSync(theirs, 65534, 65534); // nobody
  await assert.rejects(new FileTokenLock({ dir: theirs }).acquire('token-o'), storageRefusal(/belongs to another user \(uid 65534\)/));
  assert.deepEqual(readdirSync(theirs), []);
});

test('a link in place of the lock folder is refused', { skip: process.platform === 'win32' && 'unix links' }, async () => {
  const real = join(dir, 'real');
  mkdirSync(real, { mode: 0o700 });
  symlinkSync(real, join(dir, 'link'));
  await assert.rejects(new FileTokenLock({ dir: join(dir, 'link') }).acquire('token-l'), storageRefusal(/not a folder/));
});

test('by default the lock folder is per user, in the user\'s own app folder, whatever cache or data folder a run uses', () => {
  const env = { HOME: '/home/ana', WOLKVOX_AUDIT_DATA_DIR: '/data/one' };
  const a = resolvePaths({ env });
  const b = resolvePaths({ env: { HOME: '/home/ana', WOLKVOX_AUDIT_DATA_DIR: '/data/two' }, dbPath: '/elsewhere/x.sqlite' });
  const c = resolvePaths({ env: { HOME: '/home/ana' }, dataDir: '/srv/three' });
  assert.equal(a.lockDir, b.lockDir);
  assert.equal(a.lockDir, c.lockDir);
  assert.ok(!a.lockDir.startsWith(tmpdir()), 'not in the shared temporary folder');
  if (process.platform === 'linux') assert.equal(a.lockDir, '/home/ana/.config/Wolkvox Audit/locks');
  assert.equal(resolvePaths({ env: { HOME: '/home/ana', WOLKVOX_AUDIT_LOCK_DIR: '/run/x' } }).lockDir, '/run/x');
});
