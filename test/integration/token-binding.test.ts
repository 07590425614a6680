import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { legacyTokenAccount, MemorySecretStore, tokenAccount } from '../../src-main/core/secrets/secret-store';
import { openAppService } from '../helpers/open-service';
import { TokenAccess, takeEnvironmentToken } from '../../src-main/core/service/tokens';
import type { AppService } from '../../src-main/core/service/types';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { KEY_HEADER, startWebHost } from '../../src-main/web-host/index';
import { NOW } from '../helpers/sync-rig';
import { tempDir } from '../helpers/temp-dir';
import { CANARY, listener, type Listener } from './token-binding-helpers';

/**
 * The token is bound to where it may go: the keychain entry is keyed by server and origin, so a profile
 * whose address changes has no token until it is given again, and the new address never sees the canary.
 */
const dataDir = tempDir('wolkvox-binding-');
let sim: Simulator;
let foreign: Listener;
let service: AppService;
const secrets = new MemorySecretStore();

before(async () => {
  sim = await startSimulator({ tokens: [CANARY], now: () => NOW, dataset: { from: '2026-02-20', to: '2026-02-20', rowsPerDay: 10 } });
  foreign = await listener();
  service = await openAppService({ dataDir, secrets, host: 'browser', version: 'test', env: {}, now: () => NOW, log: () => {} });
});
after(async () => {
  await service.close();
  await foreign.stop();
  await sim.stop();
});

function syncAndWait(profileId: string) {
  const finished = new Promise<{ status: string; error: { kind: string; message: string } | null }>((resolve) => {
    const off = service.subscribe((event, payload) => {
      if (event !== 'sync/finished') return;
      off();
      resolve((payload as { run: { status: string; error: { kind: string; message: string } | null } }).run);
    });
  });
  return service.handlers['sync/start']({ profileId, range: { from: '2026-02-20', to: '2026-02-20' } }).then(() => finished);
}

test('a profile whose address changes must be given its token again; the new address never sees the canary', async () => {
  const saved = await service.handlers['profiles/save']({ name: 'A', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
  await service.handlers['token/set']({ profileId: saved.id, token: CANARY });
  assert.deepEqual(secrets.accounts(), [tokenAccount('0032', sim.url)], 'one entry, keyed by server and origin');
  const first = await syncAndWait(saved.id);
  assert.equal(first.status, 'done', JSON.stringify(first.error));

  // Same profile, same server, another address (also loopback, so the address itself is acceptable).
  await service.handlers['profiles/save']({ id: saved.id, name: 'A', server: '0032', zone: 'America/Bogota', baseUrl: foreign.url });
  assert.deepEqual(await service.handlers['token/status']({ profileId: saved.id }), { saved: false, source: null });
  const second = await syncAndWait(saved.id);
  assert.equal(second.status, 'failed');
  assert.equal(second.error?.kind, 'auth');
  assert.match(second.error?.message ?? '', /after the address changes it must be given again/);
  assert.equal(foreign.connections(), 0, 'the new address was never contacted');
  assert.equal(foreign.sawCanary(), false);

  // Back to the first address: its entry is still there.
  await service.handlers['profiles/save']({ id: saved.id, name: 'A', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
  assert.deepEqual(await service.handlers['token/status']({ profileId: saved.id }), { saved: true, source: 'keychain' });
});

test('the service refuses addresses the token may not go to, at once, through the handler and the browser host', async () => {
  for (const baseUrl of ['https://example.com', 'http://wv0032.wolkvox.com', 'https://wv0032.wolkvox.com@evil.com', 'http://192.168.1.20:8080']) {
    await assert.rejects(
      service.handlers['profiles/save']({ name: 'X', server: '0032', zone: 'America/Bogota', baseUrl }),
      (e: unknown) => e instanceof AppError && e.kind === 'bad-input',
      baseUrl,
    );
  }
  const host = await startWebHost({ service, rendererDir: dataDir, key: 'k'.repeat(43) });
  try {
    const res = await fetch(`${host.origin}/api/call/profiles%2Fsave`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [KEY_HEADER]: host.key },
      body: JSON.stringify({ name: 'X', server: '0032', zone: 'America/Bogota', baseUrl: 'https://example.com' }),
    });
    const answer = (await res.json()) as { ok: boolean; error?: { kind: string; message: string } };
    assert.equal(answer.ok, false);
    assert.equal(answer.error?.kind, 'bad-input');
    assert.match(answer.error?.message ?? '', /not a Wolkvox address/);
  } finally {
    await host.close();
  }
  const { profiles } = await service.handlers['profiles/list']({});
  assert.ok(profiles.every((p) => !p.baseUrl || p.baseUrl === sim.url), 'nothing refused was saved');
});

test('entries saved before origins: the default origin takes the old entry over once, a custom origin never reads it', async () => {
  const store = new MemorySecretStore();
  await store.set(legacyTokenAccount('0050'), 'old-token');
  const custom = new TokenAccess(store, undefined);
  assert.deepEqual(await custom.status({ server: '0050', baseUrl: 'http://127.0.0.1:9' }), { saved: false, source: null });
  await assert.rejects(custom.resolve({ server: '0050', baseUrl: 'http://127.0.0.1:9' }), (e: unknown) => e instanceof AppError && e.kind === 'auth');
  assert.deepEqual(store.accounts(), [legacyTokenAccount('0050')], 'a custom origin neither read nor moved it');

  assert.equal(await custom.resolve({ server: '0050' }), 'old-token');
  assert.deepEqual(store.accounts(), ['wolkvox-token:0050@https://wv0050.wolkvox.com'], 'moved under the new name, the old one gone');
  assert.equal(await custom.resolve({ server: '0050', baseUrl: 'https://WV0050.wolkvox.com/' }), 'old-token', 'the default origin however written');
  assert.equal(await custom.resolve('0050'), 'old-token');
  assert.equal(await custom.clear('0050'), true);
  assert.deepEqual(store.accounts(), []);
});

test('WOLKVOX_TOKEN is taken out of the environment it is read from', async () => {
  const env: NodeJS.ProcessEnv = { WOLKVOX_TOKEN: CANARY, OTHER: 'x' };
  assert.equal(takeEnvironmentToken(env), CANARY);
  assert.deepEqual(env, { OTHER: 'x' });
  const env2: NodeJS.ProcessEnv = { WOLKVOX_TOKEN: CANARY };
  const access = new TokenAccess(new MemorySecretStore(), env2);
  assert.equal('WOLKVOX_TOKEN' in env2, false, 'constructing from an environment takes the token out of it');
  assert.equal(await access.resolve({ server: '0032' }), CANARY, "the server's own host");
  const appEnv: NodeJS.ProcessEnv = { WOLKVOX_TOKEN: CANARY };
  const app = await openAppService({ dataDir: tempDir('wolkvox-binding-env-'), secrets: new MemorySecretStore(), host: 'browser', version: 'test', env: appEnv, log: () => {} });
  try {
    assert.equal('WOLKVOX_TOKEN' in appEnv, false, 'the app composition removed it');
  } finally {
    await app.close();
  }
});
