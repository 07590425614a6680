import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import { TokenAccess } from '../../src-main/core/service/tokens';
import type { AppService } from '../../src-main/core/service/types';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { KEY_HEADER, startWebHost, type WebHost } from '../../src-main/web-host/index';
import { NOW } from '../helpers/sync-rig';
import { tempDir } from '../helpers/temp-dir';
import { CANARY, listener, type Listener } from './token-binding-helpers';

/**
 * WOLKVOX_TOKEN serves the server's own Wolkvox host, or the one address its owner named beside it
 * (WOLKVOX_TOKEN_ORIGIN for the hosts): a profile saved through the bridge with any other address never
 * receives it, even though that address is one the app accepts (loopback).
 */
let sim: Simulator;
let foreign: Listener;
let service: AppService;
let host: WebHost;

before(async () => {
  sim = await startSimulator({ tokens: [CANARY], now: () => NOW, dataset: { from: '2026-02-20', to: '2026-02-20', rowsPerDay: 10 } });
  foreign = await listener();
  const env: NodeJS.ProcessEnv = { WOLKVOX_TOKEN: CANARY, WOLKVOX_TOKEN_ORIGIN: sim.url };
  service = await openAppService({ dataDir: tempDir('wolkvox-origin-'), secrets: new MemorySecretStore(), host: 'browser', version: 'test', env, now: () => NOW, log: () => {} });
  host = await startWebHost({ service, rendererDir: tempDir('wolkvox-origin-renderer-'), key: 'k'.repeat(43) });
});
after(async () => {
  await host.close();
  await service.close();
  await foreign.stop();
  await sim.stop();
});

/** One call through the browser host's bridge, as the UI makes it. */
async function bridge<T>(channel: string, args: unknown): Promise<T> {
  const res = await fetch(`${host.origin}/api/call/${encodeURIComponent(channel)}`, {
    method: 'POST', headers: { 'content-type': 'application/json', [KEY_HEADER]: host.key }, body: JSON.stringify(args),
  });
  const answer = (await res.json()) as { ok: boolean; value?: T; error?: { kind: string; message: string } };
  assert.ok(answer.ok, JSON.stringify(answer.error));
  return answer.value as T;
}

function syncAndWait(profileId: string) {
  const finished = new Promise<{ status: string; error: { kind: string; message: string } | null }>((resolve) => {
    const off = service.subscribe((event, payload) => {
      if (event !== 'sync/finished') return;
      off();
      resolve((payload as { run: { status: string; error: { kind: string; message: string } | null } }).run);
    });
  });
  return bridge('sync/start', { profileId, range: { from: '2026-02-20', to: '2026-02-20' } }).then(() => finished);
}

test('a profile saved through the bridge with another address never receives WOLKVOX_TOKEN', async () => {
  const other = await bridge<{ id: string }>('profiles/save', { name: 'Other', server: '0032', zone: 'America/Bogota', baseUrl: foreign.url });
  assert.deepEqual(await bridge('token/status', { profileId: other.id }), { saved: false, source: null });
  const run = await syncAndWait(other.id);
  assert.equal(run.status, 'failed');
  assert.equal(run.error?.kind, 'auth');
  assert.match(run.error?.message ?? '', /WOLKVOX_TOKEN is sent only to https:\/\/wv0032\.wolkvox\.com or to the address named in WOLKVOX_TOKEN_ORIGIN/);
  assert.equal(foreign.connections(), 0, 'the other address was never contacted');
  assert.equal(foreign.sawCanary(), false);
});

test('the address named in WOLKVOX_TOKEN_ORIGIN receives it', async () => {
  const named = await bridge<{ id: string }>('profiles/save', { name: 'Sim', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
  assert.deepEqual(await bridge('token/status', { profileId: named.id }), { saved: true, source: 'environment' });
  const run = await syncAndWait(named.id);
  assert.equal(run.status, 'done', JSON.stringify(run.error));
});

test("without a named address the token serves only the server's own Wolkvox host", async () => {
  const access = new TokenAccess(new MemorySecretStore(), CANARY);
  assert.equal(await access.resolve({ server: '0032' }), CANARY);
  assert.equal(await access.resolve({ server: '0032', baseUrl: 'https://WV0032.wolkvox.com/' }), CANARY, 'its own host however written');
  for (const baseUrl of ['http://127.0.0.1:8080', 'https://wv0099.wolkvox.com']) {
    assert.deepEqual(await access.status({ server: '0032', baseUrl }), { saved: false, source: null }, baseUrl);
    await assert.rejects(access.resolve({ server: '0032', baseUrl }), (e: unknown) => e instanceof AppError && e.kind === 'auth', baseUrl);
  }
  const named = new TokenAccess(new MemorySecretStore(), CANARY, 'http://localhost:8080/');
  assert.equal(await named.resolve({ server: '0032', baseUrl: 'http://localhost:8080' }), CANARY);
  await assert.rejects(named.resolve({ server: '0032', baseUrl: 'http://localhost:8081' }), (e: unknown) => e instanceof AppError && e.kind === 'auth');
  assert.throws(() => new TokenAccess(new MemorySecretStore(), CANARY, 'https://example.com'), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
});
