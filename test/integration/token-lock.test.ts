import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TokenLock } from '../../src-main/core/sync/token-lock';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a second holder in the same process waits until the first releases', async () => {
  const a = new TokenLock({ dir, pollMs: 10 });
  const b = new TokenLock({ dir, pollMs: 10 });
  const release = await a.acquire('token-1');
  let second = false;
  const pending = b.acquire('token-1').then((r) => ((second = true), r));
  const other = await b.acquire('token-2');
  other();
  await wait(150);
  assert.equal(second, false, 'the same token must wait');
  release();
  (await pending)();
  assert.equal(second, true);
});

test('a process killed with SIGKILL while holding the lock does not leave it stuck', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/hold-lock.ts', dir, 'token-k'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  let acquired = false;
  const pending = new TokenLock({ dir, pollMs: 10 }).acquire('token-k').then((r) => ((acquired = true), r));
  await wait(300);
  assert.equal(acquired, false, 'another process holds it');
  child.kill('SIGKILL');
  (await pending)();
  assert.equal(acquired, true);
});

test('a waiting acquire can be cancelled', async () => {
  const release = await new TokenLock({ dir }).acquire('token-c');
  const controller = new AbortController();
  const pending = new TokenLock({ dir, pollMs: 10 }).acquire('token-c', controller.signal);
  controller.abort();
  await assert.rejects(pending, (e: Error & { kind?: string }) => e.kind === 'cancelled');
  release();
});

test('lock files are named by a hash, never by the token', () => {
  for (const name of readdirSync(dir)) {
    assert.match(name, /^lock-[0-9a-f]{24}\.lock(-journal)?$/);
    assert.ok(!readFileSync(join(dir, name)).includes('token-k'));
  }
});
