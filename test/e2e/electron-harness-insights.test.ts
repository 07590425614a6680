import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { ensureElectronBuilt } from '../harness/build';
import { launchHarness, type Harness } from '../harness/driver';
import { runCliProcess } from '../helpers/cli-run';
import { HARNESS_SKIP_REASON, until } from '../helpers/e2e-electron';
import { readPng } from '../helpers/png';
import { tempDir } from '../helpers/temp-dir';

/**
 * Save as PNG in the desktop app, through the real main entry and preload under the stand-in for `electron`
 * (test/harness), with the Insights view in real Chromium. The window's session refuses downloads, so the
 * picture crosses the real ipc.ts and dispatcher to the service, the main process opens the (scripted)
 * native save dialog, and the file appears where the dialog said: a PNG read back by an independent reader
 * (test/helpers/png.ts), as large as the chart drawn at twice its size, private to the user. Cancelling
 * writes nothing and says nothing. What the stand-in cannot prove is listed in test/harness/standin/index.ts.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'harness-png-token-5d0c7a';
const skip = HARNESS_SKIP_REASON ?? false;
const FROM = '2026-02-01';
const TO = '2026-02-07';
const POSIX_MODES = process.platform !== 'win32';

const saveDialogs = async (harness: Harness) => (await harness.control.state()).records.filter((r) => r.api === 'dialog.showSaveDialog');

describe('Save as PNG in the desktop app, under the stand-in', () => {
  const dataDir = tempDir('wolkvox-harness-png-');
  const charts = join(dataDir, 'charts');
  let sim: Simulator;
  let harness: Harness;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    if (skip) return;
    await ensureElectronBuilt(ROOT);
    sim = await startSimulator({ tokens: [TOKEN], dataset: { from: FROM, to: TO, rowsPerDay: 40 } });
    const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN };
    const synced = await runCliProcess(['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', sim.url, '--db', join(dataDir, DB_FILE_NAME)], env);
    assert.equal(synced.code, 0, synced.stderr);
    mkdirSync(charts);
    harness = launchHarness({ root: ROOT, dataDir });
    await harness.loaded;
    page = await harness.appPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.getByTestId('grid').waitFor();
    await page.getByTestId('insights-open').click();
    await page.locator('[data-testid="insights-view"][data-state="ready"][data-updating="false"]').waitFor();
    for (const name of ['volume', 'heatmap']) await page.locator(`[data-testid="insights-${name}"] canvas`).first().waitFor();
  });
  after(async () => {
    const code = await harness?.close();
    await sim?.stop();
    if (harness) assert.equal(code, 0, `the main process quit cleanly\n${harness.output().slice(-3000)}`);
  });

  test('the save dialog of the main process says where; a real PNG, private to the user, appears there', { skip }, async () => {
    // A typed name without the extension, as some Linux dialogs return it: the app adds .png.
    const chosen = join(charts, 'heatmap-week');
    await harness.control.script('dialog.showSaveDialog', { canceled: false, filePath: chosen });
    await page.getByTestId('insights-png-heatmap').click();
    const saved = page.getByTestId('insights-png-saved-heatmap');
    await saved.waitFor();
    const target = `${chosen}.png`;
    assert.equal(await saved.getAttribute('data-path'), target);

    const asked = await saveDialogs(harness);
    assert.equal(asked.length, 1, 'one save dialog');
    assert.equal(asked[0]!.args[0], 'parent', 'attached to the app window');
    const options = asked[0]!.args[1] as { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] };
    assert.equal(options.title, 'Save the chart');
    assert.equal(basename(options.defaultPath), 'insights-heatmap.png');
    assert.equal(basename(dirname(options.defaultPath)), 'Downloads');
    assert.deepEqual(options.filters, [{ name: 'PNG image', extensions: ['png'] }]);

    const bytes = readFileSync(target);
    const png = readPng(bytes);
    // The chart as drawn, at twice its size on screen (pixelRatio 2), on a white background.
    const drawn = await page.locator('[data-testid="insights-heatmap"] .insights-canvas').evaluate((el) => {
      const chart = (el as unknown as { insightsChart: { getWidth(): number; getHeight(): number } }).insightsChart;
      return { width: chart.getWidth(), height: chart.getHeight() };
    });
    assert.ok(drawn.width > 100 && drawn.height > 100, JSON.stringify(drawn));
    assert.deepEqual({ width: png.width, height: png.height }, { width: drawn.width * 2, height: drawn.height * 2 });
    assert.ok(png.distinctBytes > 32, `a drawn chart, not a blank canvas (${png.distinctBytes} distinct byte values)`);
    if (POSIX_MODES) assert.equal(statSync(target).mode & 0o777, 0o600, 'readable by this user only, like exports');
    assert.deepEqual(readdirSync(charts), ['heatmap-week.png'], 'no temporary file left beside it');

    // Show in folder: the main process reveals the file it wrote (and only because it wrote it).
    await saved.getByRole('button').click();
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'shell.showItemInFolder'), 'shell.showItemInFolder');
    const revealed = (await harness.control.state()).records.filter((r) => r.api === 'shell.showItemInFolder');
    assert.deepEqual(revealed.map((r) => r.args[0]), [target]);
  });

  test('cancelling the save dialog writes nothing and says nothing', { skip }, async () => {
    const before = readdirSync(charts).sort();
    await harness.control.script('dialog.showSaveDialog', { canceled: true, filePath: '' });
    await page.getByTestId('insights-png-volume').click();
    await until(async () => (await saveDialogs(harness)).length === 2, 'the second save dialog');
    // The answer has reached the card once the button is enabled again.
    await page.locator('[data-testid="insights-png-volume"]:not([disabled])').waitFor();
    assert.deepEqual(readdirSync(charts).sort(), before);
    const downloads = dirname(((await saveDialogs(harness))[1]!.args[1] as { defaultPath: string }).defaultPath);
    assert.equal(existsSync(downloads) ? readdirSync(downloads).length : 0, 0, 'nothing in Downloads either');
    assert.equal(await page.getByTestId('insights-png-saved-volume').count(), 0);
    assert.equal(await page.getByTestId('insights-png-error-volume').count(), 0, 'cancelling is not an error');
  });

  test('what the page sends is checked in the main process: a picture that is not a PNG is refused before any dialog', { skip }, async () => {
    const count = (await saveDialogs(harness)).length;
    // Straight through the bridge, as a compromised renderer would call it.
    for (const text of ['<script>alert(1)</script>', '\x89PNG\r\n\x1a\n<script>alert(1)</script>']) {
      const refused = await page.evaluate((t) => window.wolkvox!.call('insights/save-image', { name: '../../.bashrc', png: btoa(t) }), text);
      assert.equal(!refused.ok && refused.error.kind, 'bad-input', text);
      assert.match(!refused.ok ? refused.error.message : '', /PNG/);
    }
    const withPath = await page.evaluate(() => window.wolkvox!.call('insights/save-image', { name: 'x', png: 'iVBORw0KGgo=', path: '/tmp/x.png' } as never));
    assert.equal(!withPath.ok && withPath.error.kind, 'bad-input', 'the renderer names no path');
    assert.equal((await saveDialogs(harness)).length, count, 'no dialog opened');
  });

  test('nothing in the main process hit a gap of the stand-in or failed unseen; no download was attempted; the page had no errors', { skip }, async () => {
    const state = await harness.control.state();
    assert.deepEqual(state.errors, []);
    assert.equal(state.records.filter((r) => r.api.includes('will-download')).length, 0);
    assert.deepEqual(pageErrors, []);
  });
});
