import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { ensureElectronBuilt } from '../harness/build';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';
import { rowCount, rowCountChange } from '../helpers/e2e-app';
import { electronBinary, electronLaunchArgs, NO_ELECTRON_REASON, until } from '../helpers/e2e-electron';
import { readPng } from '../helpers/png';
import { tempDir } from '../helpers/temp-dir';
import { scorePassing } from '../helpers/review-e2e';

/**
 * The real desktop app in the real Electron: it syncs a week from the simulator, shows the rows, saves a
 * review, exports and saves an Insights chart as PNG through the native save dialog (stubbed inside the
 * main process, the one thing a test cannot click), and a second launch hands over to the first and exits.
 * Runs where the Electron binary exists (CI: .github/workflows/electron-e2e.yml); skipped here with the
 * reason. The test process never opens the SQLite cache itself, so it runs after `electron-builder
 * install-app-deps` rebuilt the native modules for Electron.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const binary = electronBinary(ROOT);
const TOKEN = 'electron-e2e-token-61c0d2';
const FROM = '2026-02-01';
const TO = '2026-02-07';

// Each test skips by itself (not the group) so that the run's summary lists every one with the reason.
const skip = binary ? false : NO_ELECTRON_REASON;

describe('the desktop app in Electron', () => {
  const dataDir = binary ? tempDir('wolkvox-electron-app-') : '';
  const env = { ...process.env, WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN, ELECTRON_RENDERER_URL: '' };
  let sim: Simulator;
  let app: ElectronApplication;
  let page: Page;
  let total: number;
  const pageErrors: string[] = [];

  before(async () => {
    if (!binary) return;
    await ensureElectronBuilt(ROOT);
    sim = await startSimulator({ tokens: [TOKEN], dataset: { from: FROM, to: TO, rowsPerDay: 40 } });
    // The demo switch points the app's profile at the simulator; the token comes from WOLKVOX_TOKEN.
    app = await _electron.launch({ executablePath: binary!, args: electronLaunchArgs(ROOT), env: { ...env, WOLKVOX_DEMO_BASE_URL: sim.url, WOLKVOX_TOKEN_ORIGIN: sim.url } });
    page = await app.firstWindow();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.waitForLoadState('domcontentloaded');
  });
  after(async () => {
    await app?.close();
    await sim?.stop();
  });

  test('launch: one hardened window on app://wolkvox/, its bridge answering', { skip }, async () => {
    assert.match(page.url(), /^app:\/\/wolkvox\/index\.html/);
    assert.equal(app.windows().length, 1);
    const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
    assert.equal(info.ok, true, JSON.stringify(info));
    assert.equal(info.ok && info.value.host, 'electron');
    assert.equal(info.ok && info.value.dataDir, dataDir);
  });

  test('a sync fills the cache and the grid shows its rows', { skip }, async () => {
    const finished = page.evaluate(
      ([from, to]) =>
        new Promise<unknown>((resolve, reject) => {
          const api = window.wolkvox!;
          const off = api.on('sync/finished', (payload) => {
            off();
            resolve(payload);
          });
          void api.call('profiles/list', {}).then((list) => {
            if (!list.ok || !list.value.activeId) return reject(new Error(`no active profile: ${JSON.stringify(list)}`));
            return api.call('sync/start', { profileId: list.value.activeId, range: { from, to } }).then((r) => (r.ok ? undefined : reject(new Error(JSON.stringify(r)))));
          });
        }),
      [FROM, TO] as [string, string],
    );
    const run = (await finished) as { run: { status: string } };
    assert.equal(run.run.status, 'done', JSON.stringify(run));
    const counted = await page.evaluate(() => window.wolkvox!.call('interactions/count', { filter: {} }));
    assert.equal(counted.ok, true);
    total = counted.ok ? counted.value.total : 0;
    assert.equal(total, 7 * 40);
    await page.getByTestId('grid').waitFor();
    assert.equal(await rowCount(page), total);
  });

  test('search narrows the grid', { skip }, async () => {
    await page.getByTestId('search-input').fill('devolucion');
    const found = await rowCountChange(page, total);
    assert.ok(found > 0 && found < total, `${found} of ${total}`);
    await page.getByTestId('search-input').fill('');
    assert.equal(await rowCountChange(page, found), total);
  });

  test('a review saved in the panel is stored', { skip }, async () => {
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').click();
    const panel = page.locator('[data-testid="review-panel"][data-ready="true"]');
    await panel.waitFor();
    const uid = (await panel.getAttribute('data-uid'))!;
    await page.getByTestId('review-note').fill('Checked in Electron');
    await scorePassing(page);
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    const stored = await page.evaluate((u) => window.wolkvox!.call('reviews/get', { uid: u }), uid);
    assert.equal(stored.ok, true, JSON.stringify(stored));
    assert.equal((stored as { value: { review: { status: string } } }).value.review.status, 'pass');
  });

  test('export through the native save dialog writes the chosen file', { skip }, async () => {
    const target = join(dataDir, 'electron-export.xlsx');
    // The dialog is native (no DOM to click): the main process's own dialog module answers instead.
    await app.evaluate(({ dialog }, path) => {
      const record = globalThis as { __saveDialogCalls?: number };
      record.__saveDialogCalls = 0;
      dialog.showSaveDialog = (async () => {
        record.__saveDialogCalls = (record.__saveDialogCalls ?? 0) + 1;
        return { canceled: false, filePath: path };
      }) as typeof dialog.showSaveDialog;
    }, target);
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-start').click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 120_000 });
    assert.equal(await done.getAttribute('data-path'), target);
    assert.equal(await app.evaluate(() => (globalThis as { __saveDialogCalls?: number }).__saveDialogCalls), 1);
    await page.keyboard.press('Escape');
    assert.ok(existsSync(target));
    const rows = sheetRecords((await readWorkbook(target)).sheet('Interactions'), '');
    assert.equal(rows.length, total);
    assert.equal(rows.filter((r) => r['Review note'] === 'Checked in Electron').length, 1);
  });

  test('Save as PNG on an Insights chart writes the file chosen in the native save dialog', { skip }, async () => {
    const target = join(dataDir, 'electron-heatmap.png');
    await app.evaluate(({ dialog }, path) => {
      const record = globalThis as { __pngDialogs?: unknown[] };
      record.__pngDialogs = [];
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        record.__pngDialogs!.push(args.at(-1));
        return { canceled: false, filePath: path };
      }) as typeof dialog.showSaveDialog;
    }, target);
    await page.getByTestId('insights-open').click();
    await page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid="insights-heatmap"] canvas').first().waitFor();
    await page.getByTestId('insights-png-heatmap').click();
    const saved = page.getByTestId('insights-png-saved-heatmap');
    await saved.waitFor();
    assert.equal(await saved.getAttribute('data-path'), target);
    const dialogs = (await app.evaluate(() => (globalThis as { __pngDialogs?: unknown[] }).__pngDialogs)) as { filters: { extensions: string[] }[] }[];
    assert.equal(dialogs.length, 1);
    assert.deepEqual(dialogs[0]!.filters.map((f) => f.extensions), [['png']]);
    const png = readPng(readFileSync(target));
    assert.ok(png.width > 200 && png.height > 200 && png.distinctBytes > 32, JSON.stringify(png));
    if (process.platform !== 'win32') assert.equal(statSync(target).mode & 0o777, 0o600);
  });

  test('a second launch hands over to the first and exits; the first comes to the front', { skip }, async () => {
    await app.evaluate(({ app: electronApp, BrowserWindow }) => {
      const g = globalThis as { __secondInstances?: number; __focused?: number };
      g.__secondInstances = 0;
      g.__focused = 0;
      electronApp.on('second-instance', () => (g.__secondInstances = (g.__secondInstances ?? 0) + 1));
      const w = BrowserWindow.getAllWindows()[0]!;
      const focus = w.focus.bind(w);
      w.focus = () => {
        g.__focused = (g.__focused ?? 0) + 1;
        focus();
      };
      w.minimize();
    });
    const second = spawn(binary!, electronLaunchArgs(ROOT), { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    assert.equal(code, 0, 'the second instance exits on its own');
    await until(() => app.evaluate(() => (globalThis as { __secondInstances?: number }).__secondInstances === 1), 'second-instance in the first');
    await until(() => app.evaluate(() => ((globalThis as { __focused?: number }).__focused ?? 0) >= 1), 'the first window focused');
    assert.equal(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isMinimized()), false, 'restored');
    assert.equal(app.windows().length, 1, 'still one window');
  });

  test('the page logged no errors', { skip }, () => {
    assert.deepEqual(pageErrors, []);
  });
});
