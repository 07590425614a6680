import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';

// The real CLI in its own process, as a scheduled job runs it, on a machine whose keychain cannot be reached:
// the D-Bus address points at a socket that does not exist (and no X display to autolaunch one).
const dir = tempDir('wolkvox-cli-tokens-');
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ tokens: ['cli-tokens-secret'], dataset: { from: '2026-01-01', to: '2026-01-10', rowsPerDay: 20 } });
});
after(() => sim.stop());

const noKeychain = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'data'), DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}`, DISPLAY: '' };

test('sync with no reachable keychain and no WOLKVOX_TOKEN exits 3 (auth) and says how to give the token', async () => {
  const requests = sim.stats().requests;
  const r = await runCliProcess(['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-03', '--base-url', sim.url], noKeychain);
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /No Wolkvox token for server 0032/);
  assert.match(r.stderr, /token set --server 0032/);
  assert.match(r.stderr, /WOLKVOX_TOKEN/);
  assert.equal(sim.stats().requests, requests, 'no request without a token');
});

test('the same sync with WOLKVOX_TOKEN runs without the keychain', async () => {
  const r = await runCliProcess(['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-03', '--base-url', sim.url, '--json'], {
    ...noKeychain,
    WOLKVOX_TOKEN: 'cli-tokens-secret',
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).rows, 40);
});
