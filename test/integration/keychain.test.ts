import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { KeytarSecretStore } from '../../src-main/core/secrets/keytar-store';
import { keyringUnavailable } from '../helpers/capabilities';

// The runner (scripts/run-tests.mjs) starts a private D-Bus session with an unlocked throwaway gnome-keyring;
// when it cannot, the skip says why.
const noKeyring = keyringUnavailable();

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (st?.isDirectory()) out.push(...filesUnder(full));
    else if (st?.isFile()) out.push(full);
  }
  return out;
}

test('the real keychain stores, replaces and deletes a token', { skip: noKeyring }, async () => {
  const store = new KeytarSecretStore({ service: 'Wolkvox Audit (test)' });
  const account = `wolkvox-test-token:t${process.pid}`;
  assert.equal(await store.get(account), null);
  await store.set(account, 'first-secret-value');
  assert.equal(await store.get(account), 'first-secret-value');
  await store.set(account, 'second-secret-value');
  assert.equal(await store.get(account), 'second-secret-value');
  assert.equal(await store.delete(account), true);
  assert.equal(await store.get(account), null);
  assert.equal(await store.delete(account), false);
});

test('the keyring never holds the token in clear on disk', { skip: noKeyring }, async () => {
  const store = new KeytarSecretStore({ service: 'Wolkvox Audit (test)' });
  const secret = `clear-text-probe-${process.pid}-${Date.now()}`;
  await store.set(`wolkvox-test-token:probe${process.pid}`, secret);
  const home = process.env.HOME!;
  for (const file of filesUnder(home)) {
    assert.ok(!readFileSync(file).includes(secret), `token found in clear in ${file}`);
  }
  await store.delete(`wolkvox-test-token:probe${process.pid}`);
});
