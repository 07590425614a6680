import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Profile } from '../../src-main/core/api/contract';
import { call, openApp, startRig, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * The profile form in real Chromium (browser host): an address the token may not go to is refused in
 * words where the user typed it, and nothing is saved; the simulator's loopback address is accepted.
 */
const dataDir = tempDir('wolkvox-binding-form-');
let rig: Rig;
let app: Watched;

before(async () => {
  rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 10 } } });
  app = await openApp(rig, 'en-US');
});
after(async () => {
  await rig?.close();
});

test('the profile form shows the refusal for a foreign address and saves nothing; the simulator is accepted', async () => {
  const { page } = app;
  await page.getByTestId('profile-form').waitFor();
  await page.getByTestId('profile-name').fill('Ventas');
  await page.getByTestId('profile-server').fill('0032');
  await page.getByText('Advanced').click();
  for (const address of ['https://example.com', 'http://wv0032.wolkvox.com', 'https://wv0032.wolkvox.com@evil.com', 'http://192.168.1.20:8080']) {
    await page.getByTestId('profile-base-url').fill(address);
    await page.getByTestId('profile-save').click();
    const error = page.getByTestId('profile-error');
    await error.waitFor();
    assert.match(await error.innerText(), /token|wolkvox\.com/i, address);
    assert.match(await error.innerText(), /https:\/\/wv<server>\.wolkvox\.com/, 'says what to use instead');
    const { profiles } = await call<{ profiles: Profile[] }>(rig.service, 'profiles/list', {});
    assert.equal(profiles.length, 0, `${address}: nothing saved`);
  }
  await page.getByTestId('profile-base-url').fill(rig.sim.url);
  await page.getByTestId('profile-save').click();
  await page.getByTestId('token-input').waitFor();
  const { profiles } = await call<{ profiles: Profile[] }>(rig.service, 'profiles/list', {});
  assert.deepEqual(profiles.map((p) => p.baseUrl), [rig.sim.url]);
  assert.deepEqual(app.errors, []);
});
