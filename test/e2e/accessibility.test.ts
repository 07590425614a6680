import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Profile } from '../../src-main/core/api/contract';
import { openApp, rowCount, seedProfile, startRig, syncNow, type Rig, type Watched } from '../helpers/e2e-app';
import { seriousViolations } from '../helpers/axe';
import { tempDir } from '../helpers/temp-dir';

/**
 * Every supervisor can use it: axe-core (WCAG 2.x A and AA rules, plus best practices) run in real
 * Chromium over each main view — first run, grid, conversation with its review rail, the rail's dialogs
 * (auditor's name, shortcuts, scorecard editor), sync, export, settings — in both languages. A serious
 * or critical violation fails the test, listed with its nodes, and so do the two moderate rules named
 * in NAMED.
 */
type Lang = 'en' | 'es';

async function setLang(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId(`lang-${lang}`).first().click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('no serious accessibility faults in the main views', () => {
  const dataDir = tempDir('wolkvox-e2e-a11y-');
  let rig: Rig;
  let app: Watched;
  let profile: Profile;

  before(async () => {
    rig = await startRig({ dataDir, sim: { dataset: { rowsPerDay: 30 } } });
    app = await openApp(rig, 'en-US');
  });
  after(async () => {
    await rig?.close();
  });

  for (const lang of ['en', 'es'] as const) {
    test(`first run (${lang})`, async () => {
      const { page } = app;
      await page.getByTestId('first-run').waitFor();
      await setLang(page, lang);
      assert.deepEqual(await seriousViolations(page, 'first run'), []);
    });
  }

  test('a synced cache', { timeout: 120_000 }, async () => {
    profile = await seedProfile(rig);
    const run = await syncNow(rig, profile.id, { preset: 'last7' });
    assert.equal(run.status, 'done');
    await app.page.reload();
    await app.page.getByTestId('grid').waitFor();
    assert.ok((await rowCount(app.page)) > 0);
  });

  for (const lang of ['en', 'es'] as const) {
    test(`grid with the conversation and its review panel (${lang})`, { timeout: 120_000 }, async () => {
      const { page } = app;
      await setLang(page, lang);
      await page.locator('.ag-row[row-index="0"] .ag-cell').first().click();
      await page.locator('[data-testid="review-panel"][data-ready="true"]').waitFor();
      const found = await seriousViolations(page, 'grid, conversation and review');
      await page.keyboard.press('Escape');
      assert.deepEqual(found, []);
    });

    test(`the rail's dialogs: auditor's name, ? overlay, scorecard editor with its errors (${lang})`, { timeout: 120_000 }, async () => {
      const { page } = app;
      await page.locator('.ag-row[row-index="0"] .ag-cell').first().click();
      await page.locator('[data-testid="review-panel"][data-ready="true"]').waitFor();
      const found: string[] = [];
      // The first answer asks for the auditor's name (closed unanswered: nothing is saved).
      await page.getByTestId('review-score-greeting-yes').click();
      await page.getByTestId('reviewer-dialog').waitFor();
      found.push(...(await seriousViolations(page, "auditor's name", '[role="dialog"]')));
      await page.keyboard.press('Escape');
      await page.getByTestId('reviewer-dialog').waitFor({ state: 'detached' });
      await page.keyboard.press('?');
      await page.getByTestId('shortcuts-overlay').waitFor();
      found.push(...(await seriousViolations(page, 'shortcuts', '[role="dialog"]')));
      await page.keyboard.press('Escape');
      await page.getByTestId('review-edit-scorecard').click();
      await page.getByTestId('sc-name').fill('');
      await page.getByTestId('sc-save').click();
      await page.getByTestId('sc-message').waitFor();
      found.push(...(await seriousViolations(page, 'scorecard editor', '[role="dialog"]')));
      // Edits not saved: closing asks first.
      await page.keyboard.press('Escape');
      await page.getByTestId('sc-confirm-close').waitFor();
      found.push(...(await seriousViolations(page, 'scorecard editor, closing', '[role="dialog"]')));
      await page.getByTestId('sc-discard').click();
      await page.getByTestId('scorecard-editor').waitFor({ state: 'detached' });
      await page.keyboard.press('Escape');
      await page.getByTestId('conversation-panel').waitFor({ state: 'detached' });
      assert.deepEqual(found, []);
    });

    test(`sync (${lang})`, { timeout: 60_000 }, async () => {
      const { page } = app;
      await page.getByTestId('sync-button').click();
      await page.getByTestId('sync-panel').waitFor();
      const found = await seriousViolations(page, 'sync', '[data-testid="sync-panel"]');
      await page.getByTestId('sync-button').click();
      await page.getByTestId('sync-panel').waitFor({ state: 'detached' });
      assert.deepEqual(found, []);
    });

    test(`export (${lang})`, { timeout: 60_000 }, async () => {
      const { page } = app;
      await page.getByTestId('export-button').click();
      await page.getByTestId('export-dialog').waitFor();
      const found = await seriousViolations(page, 'export', '[role="dialog"]');
      // The CSV choice shows the separator picker.
      await page.getByTestId('export-format-csv').check();
      await page.getByTestId('export-separator').waitFor();
      found.push(...(await seriousViolations(page, 'export-csv', '[role="dialog"]')));
      await page.getByTestId('export-format-xlsx').check();
      await page.keyboard.press('Escape');
      await page.getByTestId('export-dialog').waitFor({ state: 'detached' });
      assert.deepEqual(found, []);
    });

    test(`audit samples: the list and the draw form (${lang})`, { timeout: 60_000 }, async () => {
      const { page } = app;
      await page.getByTestId('sample-button').click();
      await page.getByTestId('sample-new').click();
      await page.locator('[data-testid="sample-preview"]:not([data-size=""])').waitFor();
      const found = await seriousViolations(page, 'draw a sample', '[role="dialog"]');
      await page.getByTestId('sample-name').fill(`a11y ${lang}`);
      await page.getByTestId('sample-draw').click();
      await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('sample-button').click();
      await page.getByTestId('sample-row').first().waitFor();
      found.push(...(await seriousViolations(page, 'samples list', '[role="dialog"]')));
      await page.getByTestId('sample-delete').first().click();
      await page.getByTestId('sample-delete-confirm').waitFor();
      found.push(...(await seriousViolations(page, 'delete a sample', '[role="dialog"]')));
      await page.keyboard.press('Escape');
      await page.getByTestId('samples-dialog').waitFor({ state: 'detached' });
      await page.getByTestId('sample-chip').getByRole('button').click();
      assert.deepEqual(found, []);
    });

    test(`settings (${lang})`, { timeout: 60_000 }, async () => {
      const { page } = app;
      await page.getByTestId('settings-button').click();
      await page.getByRole('dialog').waitFor();
      const found = await seriousViolations(page, 'settings', '[role="dialog"]');
      // aria-modal's promise to a keyboard user: Tab and Shift+Tab go round the dialog's controls, never behind it.
      const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'));
      const controls = await page.locator('[role="dialog"]').evaluate(
        (box) => [...box.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')].filter((el) => el.getClientRects().length > 0).length,
      );
      for (const key of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i <= controls; i++) {
          await page.keyboard.press(key);
          assert.ok(await inDialog(), `${key} ${i + 1} of ${controls + 1} left the dialog`);
        }
      }
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      assert.deepEqual(found, []);
    });
  }
});
