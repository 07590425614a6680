import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Profile } from '../../src-main/core/api/contract';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { testConnection, type ConnectionTestDeps } from '../../src-main/core/service/connection-test';
import { TokenAccess } from '../../src-main/core/service/tokens';
import { FileTokenLock } from '../../src-main/core/store/sqlite/locks/file-token-lock';
import { defaultSleep } from '../../src-main/core/sync/token-lock';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { tempDir } from '../helpers/temp-dir';

/**
 * "Test the connection" against the real simulator and the real token lock: one call for the last whole
 * minute of the operation's clock, made only when the token is free, never while a sync runs, never without a token.
 */
const TOKEN = 'conn-test-secret-token-7a1c';
const ZONE = 'America/Bogota';
const bogota = new ZoneConverter(ZONE);
const NOW = bogota.parseToUtc('2026-03-01 12:00:42')!;

let sim: Simulator;
let deps: ConnectionTestDeps;
let profile: Profile;
let syncing = false;
/** The lock's waits for a busy token, counted (each is one look at the lock that found it held). */
let lockWaits = 0;
let onLockWait: (() => void) | null = null;

before(async () => {
  sim = await startSimulator({ tokens: [TOKEN], now: () => NOW, dataset: { rowsPerDay: 20_000 } });
  const dir = tempDir('wolkvox-conn-test-');
  const tokens = new TokenAccess(new MemorySecretStore(), '');
  profile = { id: 'p1', name: 'Demo', server: '0032', zone: ZONE, baseUrl: sim.url };
  await tokens.set(profile, TOKEN);
  const sleep = (ms: number, signal?: AbortSignal) => {
    lockWaits += 1;
    onLockWait?.();
    return defaultSleep(ms, signal);
  };
  deps = { tokens, lock: new FileTokenLock({ dir: join(dir, 'locks'), pollMs: 5, sleep }), now: () => NOW, syncing: () => syncing };
});
after(async () => {
  await sim?.stop();
});

test('one call, for the last whole minute in the operation clock, counting its interactions', async () => {
  const before = sim.stats().requests;
  const result = await testConnection(deps, profile);
  assert.equal(sim.stats().requests - before, 1);
  const call = sim.stats().calls.at(-1)!;
  assert.equal(call.dateIni, '20260301115900');
  assert.equal(call.dateEnd, '20260301115959');
  assert.equal(result.interactions, call.rows);
  assert.equal(result.toUtc - result.fromUtc, 60_000);
  assert.equal(result.toUtc, bogota.parseToUtc('2026-03-01 12:00:00'));
});

test('the call waits for the token: another holder of its lock goes first', async () => {
  const release = await deps.lock.acquire(TOKEN);
  const before = sim.stats().requests;
  let settled = false;
  const pending = testConnection(deps, profile).finally(() => (settled = true));
  // The test has found the token busy three times, and sent nothing.
  const waitsBefore = lockWaits;
  await new Promise<void>((resolve) => {
    onLockWait = () => {
      if (lockWaits - waitsBefore >= 3) resolve();
    };
  });
  onLockWait = null;
  assert.equal(sim.stats().requests, before);
  assert.equal(settled, false);
  release();
  await pending;
  assert.equal(sim.stats().requests - before, 1);
});

test('refused while a sync runs, and without a token: no call either way', async () => {
  const before = sim.stats().requests;
  syncing = true;
  await assert.rejects(testConnection(deps, profile), (e: Error & { kind?: string }) => e.kind === 'concurrency');
  syncing = false;
  const other: Profile = { ...profile, id: 'p2', server: '0033' };
  await assert.rejects(testConnection(deps, other), (e: Error & { kind?: string }) => e.kind === 'auth');
  assert.equal(sim.stats().requests, before);
});

test('a wrong token is the auth kind, in words that never carry the token', async () => {
  const tokens = new TokenAccess(new MemorySecretStore(), '');
  await tokens.set(profile, 'wrong-token-3b9f');
  await assert.rejects(testConnection({ ...deps, tokens }, profile), (e: Error & { kind?: string }) => e.kind === 'auth' && !e.message.includes('wrong-token-3b9f'));
});
