import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-store';
import { openAppService } from '../helpers/open-service';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';
import { CANARY, lanAddress, listener, redirector } from './token-binding-helpers';

/**
 * The real CLI in its own process, with a canary token: it never reaches a listener the user did not
 * name as the service (directly, through a redirect, or after the address changed), and no child
 * process inherits WOLKVOX_TOKEN.
 */
const dir = tempDir('wolkvox-binding-cli-');
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ tokens: [CANARY], dataset: { from: '2026-01-01', to: '2026-01-05', rowsPerDay: 10 } });
});
after(() => sim.stop());

const env = (name: string, token = CANARY) => ({ WOLKVOX_AUDIT_DATA_DIR: join(dir, name), WOLKVOX_TOKEN: token });
const syncTo = (baseUrl: string, ...more: string[]) => ['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-02', '--base-url', baseUrl, ...more];

test('direct: --base-url on this machine\'s network address is refused (exit 2) before any request', async (t) => {
  const lan = lanAddress();
  if (!lan) return t.skip('this machine has no non-loopback IPv4 address to listen on');
  const foreign = await listener(lan);
  try {
    for (const url of [foreign.url, `https://${foreign.host}`]) {
      const r = await runCliProcess(syncTo(url), env('direct'));
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /not a Wolkvox address/);
      assert.ok(!r.stderr.includes(CANARY) && !r.stdout.includes(CANARY));
    }
    assert.equal(foreign.connections(), 0, 'no connection was even opened');
  } finally {
    await foreign.stop();
  }
});

test('other hosts are refused at once, not retried', async () => {
  const r = await runCliProcess(syncTo('https://example.com', '--retries', '5'), env('example'));
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /Error \(bad-input\): "https:\/\/example\.com" is not a Wolkvox address/);
  assert.doesNotMatch(r.stderr, /retry|again in/i);
});

for (const status of [301, 302, 307]) {
  test(`redirect: a ${status} to another loopback listener is not followed; the sync fails and exits 6`, async () => {
    const foreign = await listener();
    const origin = await redirector(status, `${foreign.url}/api/v2/reports_manager.php?api=chat_4`);
    try {
      const r = await runCliProcess(syncTo(origin.url, '--retries', '3'), env(`redirect-${status}`));
      assert.equal(r.code, 6, r.stderr);
      assert.match(r.stderr, new RegExp(`redirect \\(HTTP ${status}\\) to ${foreign.host.replace(/\./g, '\\.')}; the token was not sent there`));
      assert.ok(!r.stderr.includes(CANARY) && !r.stdout.includes(CANARY), 'the token is in no message');
      assert.equal(foreign.requests.length, 0, 'the redirect target received no request');
      assert.equal(foreign.sawCanary(), false);
      assert.equal(origin.requests.length, 1, 'asked once: a redirect is not retried');
    } finally {
      await origin.stop();
      await foreign.stop();
    }
  });
}

test('WOLKVOX_TOKEN is read once at startup and no child process inherits it (CLI and app composition)', async () => {
  for (const mode of ['cli', 'app'] as const) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/token-binding-child.ts', mode, join(dir, `env-${mode}`)], {
      env: { ...process.env, WOLKVOX_TOKEN: CANARY, WOLKVOX_AUDIT_DATA_DIR: join(dir, `env-${mode}`) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, out);
    const seen = JSON.parse(out.trim().split('\n').pop()!) as { status: { source: string }; child: string | null; here: string | null };
    assert.equal(seen.status.source, 'environment', `${mode}: the token was read`);
    assert.equal(seen.here, null, `${mode}: removed from process.env`);
    assert.equal(seen.child, null, `${mode}: the spawned child has no WOLKVOX_TOKEN`);
  }
});

test('the CLI and the app find the same keychain entry (server and origin); another address finds none', async (t) => {
  if (process.env.WOLKVOX_TEST_KEYRING !== '1') return t.skip('no Secret Service keyring in this run (run through scripts/run-tests.mjs with gnome-keyring)');
  const e = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'keychain'), WOLKVOX_TOKEN: '' };
  const set = await runCliProcess(['token', 'set', '--server', '0032', '--base-url', sim.url], e, `${CANARY}\n`);
  assert.equal(set.code, 0, set.stderr);
  const foreign = await listener();
  const service = await openAppService({ dataDir: join(dir, 'keychain-app'), secrets: new KeytarSecretStore(), host: 'browser', version: 'test', env: {}, log: () => {} });
  try {
    const here = await service.handlers['profiles/save']({ name: 'Sim', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
    const there = await service.handlers['profiles/save']({ name: 'Other', server: '0032', zone: 'America/Bogota', baseUrl: foreign.url });
    const plain = await service.handlers['profiles/save']({ name: 'Prod', server: '0032', zone: 'America/Bogota' });
    assert.deepEqual(await service.handlers['token/status']({ profileId: here.id }), { saved: true, source: 'keychain' });
    assert.deepEqual(await service.handlers['token/status']({ profileId: there.id }), { saved: false, source: null });
    assert.deepEqual(await service.handlers['token/status']({ profileId: plain.id }), { saved: false, source: null });
  } finally {
    await service.close();
  }
  try {
    const ok = await runCliProcess(syncTo(sim.url, '--json'), e);
    assert.equal(ok.code, 0, ok.stderr);
    // The same server at another address: no token for it, so nothing is sent there.
    const moved = await runCliProcess(syncTo(foreign.url), e);
    assert.equal(moved.code, 3, moved.stderr);
    assert.match(moved.stderr, /token set --server 0032 --base-url http:\/\/127\.0\.0\.1/);
    assert.equal(foreign.connections(), 0);
  } finally {
    await foreign.stop();
    const clear = await runCliProcess(['token', 'clear', '--server', '0032', '--base-url', sim.url, '--json'], e);
    assert.deepEqual(JSON.parse(clear.stdout), { server: '0032', removed: true });
  }
});
