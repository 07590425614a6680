import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile, ResultOf } from '../../src-main/core/api/contract';
import { call, openApp, screenshot, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { panelReady, resultIs } from '../helpers/review-e2e';
import { tempDir } from '../helpers/temp-dir';

/**
 * The operation's own scorecard, entered in the editor in real Chromium at 1280×720: errors beside their
 * fields (English and Spanish), attributes added, removed and reordered with help, kind, weight and N/A,
 * a pass mark, the live preview, versions kept (a review scored with an older one offers to rescore),
 * export to a file, import from one, and the default in Spanish. Every step read back from the service.
 */
type Versions = ResultOf<'scorecards/list'>;
type GridPage = ResultOf<'interactions/page'>;
type ReviewGet = ResultOf<'reviews/get'>;

async function versions(rig: Rig): Promise<Versions> {
  return call<Versions>(rig.service, 'scorecards/list', {});
}

async function openEditor(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('settings-scorecard').click();
  await page.getByTestId('sc-name').waitFor();
}

async function openRow(page: Page, uid: string, index: number): Promise<void> {
  await page.locator(`.ag-row[row-index="${index}"] .ag-cell`).first().click();
  await panelReady(page, uid);
}

describe('the scorecard editor', () => {
  const dataDir = tempDir('wolkvox-e2e-scorecard-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;
  let uids: string[];

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 8 } } });
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    await call(rig.service, 'settings/set', { key: 'reviewer', value: 'Luis Lead' });
    uids = (await call<GridPage>(rig.service, 'interactions/page', { filter: {}, offset: 0, limit: 2 })).rows.map((r) => r.uid);
    // Scored with version 1 (the default), before the operation's own scorecard exists.
    const scores = { greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 };
    await call(rig.service, 'reviews/save', { uid: uids[0], scores });
    app = await openApp(rig, 'en-US');
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.getByTestId('grid').waitFor();
  });
  after(async () => {
    await rig?.close();
  });

  test('errors beside their fields; attributes added, removed, reordered; saving adds a version', async () => {
    const { page } = app;
    await openEditor(page);
    assert.equal(await page.getByTestId('sc-name').inputValue(), 'Chat and email care');
    assert.equal(await page.getByTestId('sc-version').count(), 1);

    // Nothing valid is saved: each error sits beside its field.
    await page.getByTestId('sc-name').fill('');
    await page.getByTestId('sc-attribute-weight-0').fill('0');
    await page.getByTestId('sc-pass-mark').fill('120');
    await page.getByTestId('sc-add').click();
    await page.getByTestId('sc-save').click();
    await page.getByText('Give the scorecard a name.').waitFor();
    assert.equal(await page.getByTestId('sc-attribute-weight-error-0').textContent(), 'A number above 0, at most 1000.');
    assert.equal(await page.getByTestId('sc-attribute-name-error-6').textContent(), 'Give the attribute a name.');
    assert.equal(await page.getByTestId('sc-pass-mark-note').textContent(), 'A number from 0 to 100.');
    assert.equal((await versions(rig)).versions.length, 1, 'nothing saved');

    // Fixed: a name, weights, the pass mark; typification removed, Empathy added and moved up one.
    await page.getByTestId('sc-name').fill('Retail care');
    await page.getByTestId('sc-attribute-weight-0').fill('2');
    await page.getByTestId('sc-pass-mark').fill('75');
    await page.getByTestId('sc-attribute-remove-4').click();
    await page.getByTestId('sc-attribute-name-5').fill('Empathy');
    await page.getByTestId('sc-attribute-scale-5').selectOption('1-5');
    await page.getByTestId('sc-attribute-weight-5').fill('2');
    await page.getByTestId('sc-attribute-help-5').fill('Acknowledges how the customer feels before solving');
    await page.getByTestId('sc-attribute-na-5').check();
    await page.getByTestId('sc-attribute-5').getByRole('button', { name: 'Move "Empathy" up' }).click();
    assert.equal(await page.getByTestId('sc-attribute-name-4').inputValue(), 'Empathy');
    // The preview is the rail as it will be: Empathy on 1-5 with N/A, before Response time.
    const preview = page.getByTestId('sc-preview');
    await preview.getByTestId('review-score-empathy-na').waitFor();
    const order = await preview.locator('[data-review-attribute]').evaluateAll((els) => els.map((e) => e.getAttribute('data-review-attribute')));
    assert.deepEqual(order, ['greeting', 'understanding', 'resolution', 'tone', 'empathy', 'response_time']);
    assert.equal(await page.getByTestId('sc-message').count(), 0, 'the summary of errors went with the errors');
    await page.getByTestId('scorecard-editor').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'scorecard-editor');

    await page.getByTestId('sc-save').click();
    await page.getByTestId('sc-message').getByText('Saved as version 2').waitFor();
    await page.locator('[data-testid="sc-version"][data-version="2"][data-active="true"]').waitFor();
    assert.equal(await page.getByTestId('sc-version').count(), 2);
    const list = await versions(rig);
    assert.deepEqual(list.active, { id: 'default', version: 2 });
    const active = list.versions.find((v) => v.version === 2)!;
    assert.equal(active.name, 'Retail care');
    assert.equal(active.passMark, 75);
    assert.deepEqual(active.attributes.map((a) => a.key), ['greeting', 'understanding', 'resolution', 'tone', 'empathy', 'response_time']);
    assert.equal(active.attributes[0]!.weight, 2);
    assert.deepEqual(active.attributes[4], {
      key: 'empathy', name: 'Empathy', weight: 2, scale: '1-5', critical: false, help: 'Acknowledges how the customer feels before solving', naAllowed: true,
    });
    await page.keyboard.press('Escape');
    await page.getByTestId('scorecard-editor').waitFor({ state: 'detached' });
  });

  test('the rail shows the version a review was scored with, and rescores with the current one', async () => {
    const { page } = app;
    await openRow(page, uids[0]!, 0);
    const line = page.getByTestId('review-scorecard');
    assert.match((await line.textContent()) ?? '', /Scored with Chat and email care · version 1/);
    await resultIs(page, 'pass', 'Result: Pass');
    await page.getByTestId('review-rescore').click();
    await page.locator('[data-testid="review-scorecard"][data-version="2"]').waitFor();
    // Empathy is new and unanswered: the review waits in review; its help is one click away.
    await resultIs(page, 'in review', 'Result: In review');
    assert.equal(await page.getByTestId('review-attribute-empathy').getAttribute('data-answered'), 'false');
    await page.getByTestId('review-attribute-empathy').getByRole('button', { name: 'What "Empathy" checks' }).click();
    await page.getByTestId('review-attribute-empathy').getByText('Acknowledges how the customer feels before solving').waitFor();
    const stored = await call<ReviewGet>(rig.service, 'reviews/get', { uid: uids[0] });
    assert.equal(stored.review?.scorecardVersion, 2);
    assert.equal(stored.review?.scores.tone, 5, 'answers of attributes still there are kept');
    // A row not reviewed yet is scored with the current version at once.
    await openRow(page, uids[1]!, 1);
    await page.locator('[data-testid="review-scorecard"][data-version="2"]').waitFor();
    assert.equal(await page.getByTestId('review-rescore').count(), 0);
  });

  test('export to a file, import it as a new version, the default in Spanish', async () => {
    const { page } = app;
    await page.getByTestId('review-edit-scorecard').click();
    await page.getByTestId('sc-name').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sc-export').click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    assert.equal((JSON.parse(text) as { scorecard: { name: string } }).scorecard.name, 'Retail care');

    const edited = join(dataDir, 'shared-scorecard.json');
    writeFileSync(edited, text.replace('"Retail care"', '"Retail care (from the lead)"'));
    await page.getByTestId('sc-import').setInputFiles(edited);
    await page.getByTestId('sc-message').getByText('Retail care (from the lead) imported as version 3').waitFor();
    assert.equal(await page.getByTestId('sc-name').inputValue(), 'Retail care (from the lead)');
    assert.equal((await versions(rig)).active.version, 3);

    await page.getByTestId('sc-default-language').selectOption('es');
    await page.getByTestId('sc-default').click();
    await page.getByTestId('sc-message').getByText('The default scorecard is loaded').waitFor();
    assert.equal(await page.getByTestId('sc-name').inputValue(), 'Atención de chat y correo');
    assert.equal(await page.getByTestId('sc-attribute-name-0').inputValue(), 'Saludo e identificación');
    await page.getByTestId('sc-save').click();
    await page.getByTestId('sc-message').getByText('Saved as version 4').waitFor();
    const list = await versions(rig);
    const active = list.versions.find((v) => v.version === list.active.version)!;
    assert.equal(active.version, 4);
    assert.equal(active.attributes[0]!.name, 'Saludo e identificación');
    await page.keyboard.press('Escape');
    await page.getByTestId('scorecard-editor').waitFor({ state: 'detached' });
    // The open rail reads the new version.
    await page.locator('[data-testid="review-scorecard"][data-version="4"]').waitFor();
  });

  test("the auditor's name is changed in Settings and signs the next save", async () => {
    const { page } = app;
    await page.getByTestId('settings-button').click();
    const field = page.getByTestId('settings-reviewer').getByTestId('reviewer-name');
    assert.equal(await field.inputValue(), 'Luis Lead');
    await field.fill('');
    await page.getByTestId('settings-reviewer').getByTestId('reviewer-save').click();
    await page.getByTestId('settings-reviewer').getByText('Write your name: reviews are signed with it.').waitFor();
    await field.fill('Luisa Lead');
    await page.getByTestId('settings-reviewer').getByTestId('reviewer-save').click();
    await page.getByTestId('settings-reviewer').getByText('Saved.', { exact: false }).waitFor();
    await page.keyboard.press('Escape');
    await openRow(page, uids[1]!, 1);
    await page.getByTestId('review-score-greeting-yes').click();
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    assert.equal((await call<ReviewGet>(rig.service, 'reviews/get', { uid: uids[1] })).review?.reviewer, 'Luisa Lead');
    await page.keyboard.press('Escape');
  });

  test('errors in Spanish', async () => {
    const { page } = app;
    await page.getByTestId('lang-es').first().click();
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.keyboard.press('Escape');
    await openEditor(page);
    await page.getByTestId('sc-name').fill('');
    await page.getByTestId('sc-attribute-weight-1').fill('abc');
    await page.getByTestId('sc-save').click();
    await page.getByText('Póngale un nombre al formulario.').waitFor();
    assert.equal(await page.getByTestId('sc-attribute-weight-error-1').textContent(), 'Un número mayor que 0, como máximo 1000.');
    assert.equal(await page.getByTestId('sc-message').textContent(), 'Algunos campos necesitan un cambio: vea los mensajes junto a ellos.');
    // Closing with changes not saved asks first; "keep editing" has the focus, Enter keeps the dialog.
    const before = (await versions(rig)).versions.length;
    await page.keyboard.press('Escape');
    await page.getByTestId('sc-confirm-close').getByText('¿Cerrar sin guardar?', { exact: false }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('sc-confirm-close').waitFor({ state: 'detached' });
    assert.ok(await page.getByTestId('scorecard-editor').isVisible());
    await page.keyboard.press('Escape');
    await page.getByTestId('sc-discard').click();
    await page.getByTestId('scorecard-editor').waitFor({ state: 'detached' });
    assert.equal((await versions(rig)).versions.length, before, 'nothing saved');
    assert.deepEqual(app.errors, []);
  });
});
