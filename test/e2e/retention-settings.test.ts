import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Profile, Retention } from '../../src-main/core/api/contract';
import { call, openApp, rowCount, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Retention and profile removal from the settings, in real Chromium on the real service: the retention a
 * user saves is what the service keeps, and removing a profile first says in numbers what will go (the
 * counts the service gives), removes nothing on cancel, and everything it said on confirm.
 */
describe('retention and profile removal in the settings', () => {
  const dataDir = tempDir('wolkvox-e2e-retention-');
  let rig: Rig;
  let app: Watched;
  let main: Profile;
  let other: Profile;
  let total: number;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
    main = await seedProfile(rig, 'Operación principal');
    const run = await syncNow(rig, main.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    total = (await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total;
    other = await call<Profile>(rig.service, 'profiles/save', { name: 'Segunda', server: 'demo', zone: 'America/Bogota', baseUrl: rig.sim.url });
    app = await openApp(rig, 'en-US');
    assert.equal(await rowCount(app.page), total);
  });
  after(async () => {
    await rig?.close();
  });

  test('a retention saved in the settings is the one the service applies', async () => {
    const { page } = app;
    await page.getByTestId('settings-button').click();
    const section = page.getByTestId('retention-settings');
    await section.waitFor();
    assert.equal(await page.getByTestId('retention-all').isChecked(), true, 'keeps everything by default');
    assert.equal(await page.getByTestId('retention-days').isDisabled(), true);
    await page.getByTestId('retention-limited').check();
    await page.getByTestId('retention-days').fill('0');
    assert.equal(await page.getByTestId('retention-save').isDisabled(), true, '0 days is refused');
    await page.getByTestId('retention-days').fill('45');
    await page.getByTestId('retention-keep-reviewed').uncheck();
    await page.getByTestId('retention-save').click();
    await section.getByText('Saved: it applies after the next sync.').waitFor();
    assert.deepEqual(await call<Retention>(rig.service, 'retention/get', { profileId: main.id }), { keepDays: 45, keepReviewed: false });
  });

  test('removal of a profile on a shared server says the data stays, and removes only the profile', async () => {
    const { page } = app;
    const row = page.getByTestId('profile-settings').locator('li', { hasText: 'Segunda' });
    await row.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByTestId('profile-remove-confirm');
    await dialog.getByTestId('removal-shared').getByText('Operación principal').waitFor();
    await dialog.getByTestId('removal-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('profile-settings').locator('li', { hasText: 'Segunda' }).waitFor({ state: 'detached' });
    assert.equal((await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total, total);
    assert.ok(other.id);
  });

  test('removing the last profile of a server counts first, cancel keeps all, confirm removes what it said', async () => {
    const { page } = app;
    // A second profile elsewhere, so the list offers removal of the first.
    await call(rig.service, 'profiles/save', { name: 'Tercera', server: 'demo2', zone: 'America/Bogota', baseUrl: rig.sim.url });
    await page.reload();
    await page.getByTestId('settings-button').click();
    const row = page.getByTestId('profile-settings').locator('li', { hasText: 'Operación principal' });
    await row.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByTestId('profile-remove-confirm');
    const plan = dialog.getByTestId('removal-plan');
    await plan.waitFor();
    assert.equal(await plan.locator('li').first().getAttribute('data-count'), String(total));
    assert.match((await plan.textContent()) ?? '', new RegExp(`${total.toLocaleString('en-US')} interactions`));
    assert.match((await plan.textContent()) ?? '', /token saved in the system keychain/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total, total, 'cancel removed nothing');

    await row.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByTestId('removal-plan').waitFor();
    await dialog.getByTestId('removal-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('profile-settings').locator('li', { hasText: 'Operación principal' }).waitFor({ state: 'detached' });
    assert.equal((await call<{ total: number }>(rig.service, 'interactions/count', { filter: {} })).total, 0);
    assert.deepEqual(app.errors, []);
  });
});
