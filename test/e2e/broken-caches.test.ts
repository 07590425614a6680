import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { brokenStamp } from '../../src-main/core/store/sqlite/recovery/cache-recovery';
import { seriousViolations } from '../helpers/axe';
import { openApp, SCREENSHOTS, seedProfile, startRig, type Rig } from '../helpers/e2e-app';
import { tempDir } from '../helpers/temp-dir';

/**
 * Caches moved aside are listed in the settings with their age and size, in both languages and at both
 * window sizes, and one is removed with the keyboard alone after a second confirmation; axe stays clean.
 */
const DAY = 86_400_000;

describe('caches moved aside, in the settings', () => {
  const dataDir = tempDir('wolkvox-e2e-broken-');
  const ids = [12, 3].map((days) => brokenStamp(new Date(Date.now() - days * DAY)));
  let rig: Rig;

  before(async () => {
    mkdirSync(dataDir, { recursive: true });
    for (const id of ids) writeFileSync(join(dataDir, `${DB_FILE_NAME}.broken-${id}`), Buffer.alloc(5 * 1024 * 1024, 1));
    rig = await startRig({ dataDir });
    await seedProfile(rig, 'Operación principal');
  });
  after(async () => {
    await rig?.close();
  });

  test('listed with their age, removed by keyboard after a confirmation', { timeout: 120_000 }, async () => {
    const app = await openApp(rig, 'es-CO');
    const { page } = app;
    for (const [lang, size] of [['es', { width: 1280, height: 720 }], ['en', { width: 1440, height: 900 }]] as const) {
      await page.setViewportSize(size);
      await page.getByTestId(`lang-${lang}`).first().click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.getByTestId('settings-button').click();
      const list = page.getByTestId('broken-caches');
      await list.waitFor();
      await list.scrollIntoViewIfNeeded();
      const lines = await list.getByTestId('broken-cache').allTextContents();
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, lang === 'es' ? /Apartada hace 12 días · 5 MB/ : /Moved aside 12 days ago · 5 MB/);
      await page.screenshot({ path: join(SCREENSHOTS, `broken-caches-${lang}-${size.width}.png`) });
      assert.deepEqual(await seriousViolations(page, `broken caches (${lang})`, '[role="dialog"]'), []);
      await page.keyboard.press('Escape');
    }
    await page.getByTestId('settings-button').click();
    const list = page.getByTestId('broken-caches');
    await list.getByTestId('broken-cache-remove').first().focus();
    await page.keyboard.press('Enter');
    await list.getByTestId('broken-cache-confirm').focus();
    await page.keyboard.press('Enter');
    await list.getByTestId('broken-cache').nth(1).waitFor({ state: 'detached' });
    assert.equal(existsSync(join(dataDir, `${DB_FILE_NAME}.broken-${ids[0]}`)), false, 'the oldest is gone from the folder');
    assert.equal(existsSync(join(dataDir, `${DB_FILE_NAME}.broken-${ids[1]}`)), true, 'the other stays');
    await page.context().close();
  });
});
