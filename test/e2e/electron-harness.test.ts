import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { CONTENT_SECURITY_POLICY } from '../../src-main/web-host/headers';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { ensureElectronBuilt } from '../harness/build';
import { launchHarness, type Harness } from '../harness/driver';
import { readWorkbook, sheetRecords } from '../integration/export-helpers';
import { runCliProcess } from '../helpers/cli-run';
import { rowCount, rowCountChange } from '../helpers/e2e-app';
import { HARNESS_SKIP_REASON, menuRoles, until } from '../helpers/e2e-electron';
import { tempDir } from '../helpers/temp-dir';
import { scorePassing } from '../helpers/review-e2e';

/**
 * The desktop app's own main process (out/main/index.js: index.ts, window.ts, ipc.ts, menu.ts) and its own
 * preload (out/preload/index.cjs), run under Node against the stand-in for `electron` (test/harness), with
 * the window rendered by real Chromium. Every call the UI makes crosses the real ipc.ts sender check and the
 * real dispatcher into the real service and SQLite cache. What this cannot prove is listed at the top of
 * test/harness/standin/index.ts; the real-Electron tests (electron-app.test.ts) cover it where Electron runs.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'harness-secret-token-3b9e21';
// Each test skips by itself (not the group) so that the run's summary lists every one with the reason.
const skip = HARNESS_SKIP_REASON ?? false;
const FROM = '2026-02-01';
const TO = '2026-02-07';

// Built once for the whole file, so every group runs the same build even if sources change meanwhile.
before(async () => {
  if (!skip) await ensureElectronBuilt(ROOT);
});

describe('the real main process and preload under the stand-in, UI in Chromium', () => {
  const dataDir = tempDir('wolkvox-harness-');
  let sim: Simulator;
  let harness: Harness;
  let page: Page;
  let total: number;
  const pageErrors: string[] = [];

  before(async () => {
    if (skip) return;
    // A cache filled the way a scheduled job fills it: the real CLI, in its own process, from the simulator.
    sim = await startSimulator({ tokens: [TOKEN], dataset: { from: FROM, to: TO, rowsPerDay: 40 } });
    const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN };
    const synced = await runCliProcess(['sync', '--server', '0032', '--from', FROM, '--to', TO, '--base-url', sim.url, '--db', join(dataDir, DB_FILE_NAME)], env);
    assert.equal(synced.code, 0, synced.stderr);
    const stats = await runCliProcess(['stats', '--json'], env);
    total = (JSON.parse(stats.stdout) as { total: number }).total;
    assert.ok(total > 100, `the CLI filled the cache (${total})`);

    harness = launchHarness({ root: ROOT, dataDir });
    await harness.loaded;
    page = await harness.appPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    const code = await harness?.close();
    await sim?.stop();
    if (!harness) return;
    assert.equal(code, 0, `the main process quit cleanly\n${harness.output().slice(-3000)}`);
    // before-quit: the app held the quit back to close its service, then quit again.
    const quits = harness.finalState()!.records.filter((r) => r.api === 'app.quit').length;
    assert.equal(quits, 2, 'app.quit from the test, then from the app once the service closed');
  });

  test('the window is hardened, shows app://wolkvox/, and the preload exposes only call and on, frozen', { skip }, async () => {
    const state = await harness.control.state();
    assert.deepEqual(state.privileged, { app: { standard: true, secure: true, supportFetchAPI: true } });
    assert.deepEqual(state.protocols, ['app']);
    assert.equal(state.windows.length, 1);
    const prefs = (state.windows[0]!.options as { webPreferences: Record<string, unknown> }).webPreferences;
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.preload, join(ROOT, 'out/preload/index.cjs'));
    await until(async () => (await harness.control.state()).windows[0]!.url === 'app://wolkvox/index.html', 'the window shows app://wolkvox/index.html');
    // Created hidden, shown on ready-to-show (no blank window flashes up).
    assert.equal((state.windows[0]!.options as { show?: boolean }).show, false);
    await until(async () => (await harness.control.state()).windows[0]!.visible, 'the window shown on ready-to-show');
    const globals = await page.evaluate(() => ({
      keys: Object.keys(window.wolkvox ?? {}).sort(),
      frozen: Object.isFrozen(window.wolkvox),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    assert.deepEqual(globals, { keys: ['call', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
    assert.equal(info.ok, true, JSON.stringify(info));
    assert.equal(info.ok && info.value.host, 'electron');
    assert.equal(info.ok && info.value.dataDir, dataDir);
  });

  test('every answer carries the CSP; requests to the web are cancelled by the session', { skip }, async () => {
    const csp = await page.evaluate(() => fetch('/index.html').then((r) => r.headers.get('content-security-policy')));
    assert.equal(csp, CONTENT_SECURITY_POLICY);
    const web = await harness.control.beforeRequest('https://example.com/');
    assert.equal(web.cancel, true);
    const own = await harness.control.beforeRequest('app://wolkvox/index.html');
    assert.notEqual(own.cancel, true);
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'loaded', () => 'blocked'));
    assert.equal(fetched, 'blocked');
  });

  test('the app opens on the cache: the grid shows its rows, counted through the bridge', { skip }, async () => {
    await page.getByTestId('grid').waitFor();
    assert.equal(await rowCount(page), total);
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').waitFor();
    const counted = await page.evaluate(() => window.wolkvox!.call('interactions/count', { filter: {} }));
    assert.deepEqual(counted, { ok: true, value: { total } });
  });

  test('search narrows the grid to what the service counts', { skip }, async () => {
    const search = page.getByTestId('search-input');
    await search.fill('devolucion');
    const found = await rowCountChange(page, total);
    assert.ok(found > 0 && found < total, `${found} of ${total}`);
    const counted = await page.evaluate(() => window.wolkvox!.call('interactions/count', { filter: { text: 'devolucion' } }));
    assert.deepEqual(counted, { ok: true, value: { total: found } });
    await search.fill('');
    assert.equal(await rowCountChange(page, found), total);
  });

  test('a review saved in the panel is stored by the service', { skip }, async () => {
    await page.locator('.ag-row[row-index="0"] [col-id="date_creation"]').click();
    const panel = page.locator('[data-testid="review-panel"][data-ready="true"]');
    await panel.waitFor();
    const uid = await panel.getAttribute('data-uid');
    assert.ok(uid);
    await page.getByTestId('review-note').fill('Checked through the harness');
    await scorePassing(page);
    await page.locator('[data-testid="review-saved"][data-state="saved"]').waitFor();
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Pass').waitFor();
    const stored = await page.evaluate((u) => window.wolkvox!.call('reviews/get', { uid: u }), uid);
    assert.equal(stored.ok, true, JSON.stringify(stored));
    const review = (stored as { value: { review: { status: string; note: string } } }).value.review;
    assert.equal(review.status, 'pass');
    assert.equal(review.note, 'Checked through the harness');
  });

  test('export: the native save dialog names the file, the workbook holds the view and the review', { skip }, async () => {
    const target = join(dataDir, 'harness-export.xlsx');
    await harness.control.script('dialog.showSaveDialog', { canceled: false, filePath: target });
    await page.getByTestId('export-button').click();
    assert.equal(await page.getByTestId('export-path-input').count(), 0, 'the desktop app asks for the path in a native dialog, not a text box');
    await page.getByTestId('export-start').click();
    const done = page.getByTestId('export-done');
    await done.waitFor({ timeout: 120_000 });
    assert.equal(await done.getAttribute('data-path'), target);
    await page.keyboard.press('Escape');
    const asked = (await harness.control.state()).records.filter((r) => r.api === 'dialog.showSaveDialog');
    assert.equal(asked.length, 1, 'one save dialog');
    assert.equal(asked[0]!.args[0], 'parent', 'the dialog is attached to the app window');
    const options = asked[0]!.args[1] as { defaultPath?: string; filters?: { extensions: string[] }[] };
    assert.match(options.defaultPath ?? '', /\.xlsx$/);
    assert.ok(options.filters?.some((f) => f.extensions.includes('xlsx')));
    assert.ok(existsSync(target));
    const book = await readWorkbook(target);
    const rows = sheetRecords(book.sheet('Interactions'), '');
    assert.equal(rows.length, total);
    const reviewed = rows.filter((r) => r['Review note'] === 'Checked through the harness');
    assert.equal(reviewed.length, 1);
    assert.equal(reviewed[0]!['Review status'], 'Pass');
  });

  test('a cancelled save dialog writes nothing', { skip }, async () => {
    await harness.control.script('dialog.showSaveDialog', { canceled: true, filePath: '' });
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-start').click();
    await until(async () => (await harness.control.state()).records.filter((r) => r.api === 'dialog.showSaveDialog').length === 2, 'the second save dialog');
    assert.equal(await page.getByTestId('export-progress').count(), 0);
    assert.equal(await page.getByTestId('export-error').count(), 0, 'cancelling is not an error');
    await page.keyboard.press('Escape');
  });

  test('a name typed without .xlsx over an existing workbook is confirmed before writing; Cancel reopens the dialog on it', { skip }, async () => {
    const existing = join(dataDir, 'harness-export.xlsx');
    const before = readFileSync(existing);
    const saves = () => harness.control.state().then((s) => s.records.filter((r) => r.api === 'dialog.showSaveDialog'));
    const boxes = () => harness.control.state().then((s) => s.records.filter((r) => r.api === 'dialog.showMessageBox'));
    const [savesBefore, boxesBefore] = [(await saves()).length, (await boxes()).length];
    // A Linux dialog's answer: the bare name; it confirmed nothing about harness-export.xlsx.
    await harness.control.script('dialog.showSaveDialog', { canceled: false, filePath: join(dataDir, 'harness-export') });
    await harness.control.script('dialog.showMessageBox', { response: 1, checkboxChecked: false });
    await harness.control.script('dialog.showSaveDialog', { canceled: true, filePath: '' });
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-start').click();
    await until(async () => (await saves()).length === savesBefore + 2, 'the save dialog opened again');
    const box = (await boxes()).slice(boxesBefore);
    assert.equal(box.length, 1, 'one confirmation');
    assert.match(JSON.stringify(box[0]!.args[1]), /harness-export\.xlsx\\" already exists/);
    const reopened = (await saves()).at(-1)!.args[1] as { defaultPath?: string };
    assert.equal(reopened.defaultPath, existing, 'the dialog reopens on the name it would have replaced');
    assert.equal(await page.getByTestId('export-progress').count(), 0);
    assert.ok(readFileSync(existing).equals(before), 'the workbook is untouched');
    await page.keyboard.press('Escape');
  });

  test('navigation away is prevented and a new window is denied', { skip }, async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'webContents.will-navigate' && r.args[0] === 'https://example.com/'), 'will-navigate');
    const nav = (await harness.control.state()).records.find((r) => r.api === 'webContents.will-navigate')!;
    assert.equal(nav.args[1], true, 'the app prevented it');
    assert.equal(page.url(), before);
    const opened = await page.evaluate(() => window.open('file:///etc/passwd'));
    assert.equal(opened, null);
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'webContents.windowOpen'), 'the window-open handler');
    const open = (await harness.control.state()).records.find((r) => r.api === 'webContents.windowOpen')!;
    assert.deepEqual(open.args, ['file:///etc/passwd', 'deny']);
    assert.equal((await harness.control.state()).records.filter((r) => r.api === 'shell.openExternal').length, 0, 'a file: URL never reaches the system browser');
  });

  test('permissions are denied and downloads prevented by the session handlers', { skip }, async () => {
    const state = await harness.control.state();
    assert.deepEqual(state.session, {
      beforeRequest: { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
      headersReceived: 'set',
      permissionRequest: 'set',
      permissionCheck: 'set',
      devicePermission: 'set',
      willDownload: 1,
    });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      assert.equal(await harness.control.requestPermission(permission, { requestingUrl: 'app://wolkvox/index.html', isMainFrame: true }), false, permission);
      assert.equal(await harness.control.checkPermission(permission, 'app://wolkvox', { requestingUrl: 'app://wolkvox/index.html', isMainFrame: true }), false, permission);
    }
    assert.equal(await harness.control.checkDevice({ deviceType: 'usb', origin: 'app://wolkvox', device: {} }), false);
    assert.equal(await harness.control.willDownload({ url: 'app://wolkvox/x.exe', filename: 'x.exe' }), true);
    const media = await page.evaluate(() => navigator.mediaDevices?.getUserMedia({ audio: true }).then(() => 'granted', () => 'denied') ?? 'denied');
    assert.equal(media, 'denied');
  });

  test('calls from a page that is not the app are refused by ipc.ts', { skip }, async () => {
    for (const url of ['app://evil/index.html', 'data:text/html,<p>not the app</p>']) {
      await harness.control.loadURL(url);
      await until(async () => (await harness.control.state()).windows[0]!.url === url, `the window shows ${url}`);
      const answer = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
      assert.equal(answer.ok, false, url);
      assert.equal(!answer.ok && answer.error.kind, 'bad-input');
      assert.match(!answer.ok ? answer.error.message : '', /Refused/);
    }
    await harness.control.loadURL('app://wolkvox/index.html');
    await page.getByTestId('grid').waitFor();
    const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
    assert.equal(info.ok, true, 'the app page is trusted again');
  });

  test('a link to the web opens in the system browser only after a dialog of the main process names the host', { skip }, async () => {
    const opened = () => harness.control.state().then((s) => s.records.filter((r) => r.api === 'shell.openExternal').map((r) => r.args[0]));
    const asked = () => harness.control.state().then((s) => s.records.filter((r) => r.api === 'dialog.showMessageBox'));
    const before = (await asked()).length;
    // Straight from the page, as a compromised renderer would: the main process still asks.
    await harness.control.script('dialog.showMessageBox', { response: 1, checkboxChecked: false });
    assert.equal(await page.evaluate(() => window.open('https://help.example.com/guide?x=1')), null);
    await until(async () => (await asked()).length === before + 1, 'the first confirmation');
    assert.deepEqual(await opened(), [], 'Cancel opens nothing');
    await harness.control.script('dialog.showMessageBox', { response: 0, checkboxChecked: false });
    await page.evaluate(() => window.open('https://help.example.com/guide?x=1'));
    await until(async () => (await opened()).length === 1, 'shell.openExternal');
    assert.deepEqual(await opened(), ['https://help.example.com/guide?x=1']);
    const prompt = (await asked()).at(-1)!;
    assert.equal(prompt.args[0], 'parent');
    assert.match(JSON.stringify(prompt.args[1]), /help\.example\.com/, 'the dialog names the host');
  });

  test('a crashed renderer: the main process offers a reload, and the reloaded window has everything', { skip }, async () => {
    await harness.control.script('dialog.showMessageBox', { response: 0, checkboxChecked: false });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.crash').catch(() => {}); // the answer never comes: the renderer is gone
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'webContents.reload'), 'the reload after the crash dialog');
    const state = await harness.control.state();
    const crash = state.records.findIndex((r) => r.api === 'webContents.render-process-gone');
    const dialogAfter = state.records.findIndex((r, i) => i > crash && r.api === 'dialog.showMessageBox');
    assert.ok(crash >= 0 && dialogAfter > crash, 'render-process-gone, then a dialog');
    page = await harness.appPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.getByTestId('grid').waitFor();
    assert.equal(await rowCount(page), total);
    await page.locator('.ag-row[row-index="0"] [col-id="review_status"]').getByText('Pass').waitFor();
  });

  test('the development menu keeps DevTools (the unpackaged run)', { skip }, async () => {
    const state = await harness.control.state();
    assert.ok(menuRoles(state.menu).includes('toggleDevTools'));
  });

  test('a second instance hands over and quits; the first restores and focuses its window', { skip }, async () => {
    await harness.control.minimize();
    const second = launchHarness({ root: ROOT, dataDir });
    assert.equal(await second.exited, 0, second.output());
    assert.doesNotMatch(second.output(), /unhandled|stand-in electron:/);
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'win.focus'), 'the first window focused');
    const calls = (await harness.control.state()).records.map((r) => r.api);
    assert.ok(calls.lastIndexOf('win.restore') < calls.lastIndexOf('win.focus') && calls.includes('win.restore'), 'restored, then focused');
  });

  test('nothing in the main process hit a gap of the stand-in or failed unseen; the page had no errors', { skip }, async () => {
    const state = await harness.control.state();
    assert.deepEqual(state.errors, []);
    assert.deepEqual(pageErrors, []);
  });
});

describe('the packaged app under the stand-in', () => {
  const dataDir = tempDir('wolkvox-harness-packaged-');
  let harness: Harness;

  before(async () => {
    if (skip) return;
    // A Spanish-speaking workstation: the menu and the dialogs of the main process follow the OS language.
    harness = launchHarness({ root: ROOT, dataDir, isPackaged: true, locale: 'es-CO', env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    await harness.loaded;
  });
  after(async () => {
    await harness?.close();
  });

  test('no DevTools in the menu or the window, and the dev-server URL is ignored', { skip }, async () => {
    const page = await harness.appPage();
    await page.getByTestId('first-run').waitFor();
    await until(async () => (await harness.control.state()).menu !== null, 'the application menu');
    const state = await harness.control.state();
    assert.ok(!menuRoles(state.menu).includes('toggleDevTools'), JSON.stringify(state.menu));
    assert.equal((state.windows[0]!.options as { webPreferences: { devTools?: boolean } }).webPreferences.devTools, false);
    assert.equal(state.windows[0]!.url, 'app://wolkvox/index.html');
    assert.ok(state.records.some((r) => r.api === 'webContents.loadURL' && r.args[0] === 'app://wolkvox/index.html'));
    assert.ok(!state.records.some((r) => r.api === 'webContents.loadURL' && String(r.args[0]).startsWith('http')), 'the dev-server URL in the environment was ignored');
    assert.deepEqual(state.errors, []);
    // The update wiring ran and, with no feed in the build, stayed off without loading electron-updater.
    assert.match(harness.output(), /updates: off/);
  });

  test('the menu is in Spanish and Ayuda > Acerca de names the version and the data folder', { skip }, async () => {
    const menu = (await harness.control.state()).menu as { label?: string }[];
    assert.deepEqual(menu.map((m) => m.label).filter(Boolean).slice(0, 2), ['Archivo', 'Editar']);
    await harness.control.script('dialog.showMessageBox', { response: 0, checkboxChecked: false });
    await harness.control.menuClick(['Ayuda', 'Acerca de Wolkvox Audit']);
    await until(async () => (await harness.control.state()).records.some((r) => r.api === 'dialog.showMessageBox'), 'the about dialog');
    const about = (await harness.control.state()).records.find((r) => r.api === 'dialog.showMessageBox')!;
    assert.equal(about.args[0], 'parent');
    assert.deepEqual(about.args[1], { type: 'info', title: 'Acerca de Wolkvox Audit', message: `Wolkvox Audit ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}`, detail: `Carpeta de datos: ${dataDir}` });
  });

  test('closing the last window quits the app, after its service closed', { skip }, async () => {
    await harness.control.closeWindow();
    assert.equal(await harness.exited, 0, harness.output().slice(-3000));
    const calls = harness.finalState()!.records.map((r) => r.api);
    // window-all-closed -> app.quit -> before-quit held back while the service closes -> app.quit again.
    assert.deepEqual(calls.filter((c) => c === 'app.quit'), ['app.quit', 'app.quit']);
    assert.deepEqual(harness.finalState()!.errors, []);
  });
});

describe('the development run under the stand-in: a loopback dev server is honoured', () => {
  const dataDir = tempDir('wolkvox-harness-dev-');
  let server: Server;
  let devUrl: string;

  before(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>dev</title><p id="dev">dev server</p>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    devUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('ELECTRON_RENDERER_URL on loopback is the page, trusted by ipc.ts (what a packaged app ignores)', { skip }, async () => {
    const harness = launchHarness({ root: ROOT, dataDir, env: { ELECTRON_RENDERER_URL: devUrl } });
    try {
      await harness.loaded;
      const page = await harness.pageAt(devUrl);
      await page.locator('#dev').waitFor();
      const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
      assert.equal(info.ok, true, 'the dev server page may call');
      const state = await harness.control.state();
      assert.equal(state.windows[0]!.url, devUrl);
      assert.ok(state.records.some((r) => r.api === 'webContents.loadURL' && r.args[0] === devUrl));
      assert.deepEqual(state.errors, []);
    } finally {
      assert.equal(await harness.close(), 0);
    }
  });
});

describe('a cache the app cannot open, under the stand-in', () => {
  const dataDir = tempDir('wolkvox-harness-damaged-');
  const dbPath = join(dataDir, DB_FILE_NAME);
  const garbage = Buffer.from('this is not a SQLite database, but somebody saved it under the cache name\n'.repeat(20));

  before(() => {
    writeFileSync(dbPath, garbage);
  });

  test('Quit leaves the file exactly as it was; the dialog said what is wrong', { skip }, async () => {
    const harness = launchHarness({ root: ROOT, dataDir, scripted: [{ api: 'dialog.showMessageBox', answer: { response: 1, checkboxChecked: false } }] });
    assert.equal(await harness.exited, 0, harness.output());
    const state = harness.finalState()!;
    const asked = state.records.filter((r) => r.api === 'dialog.showMessageBox');
    assert.equal(asked.length, 1);
    assert.match(JSON.stringify(asked[0]!.args), new RegExp(DB_FILE_NAME.replace('.', '\\.')));
    assert.equal(state.windows.length, 0, 'no window opened');
    assert.deepEqual(readFileSync(dbPath), garbage);
    assert.deepEqual(readdirSync(dataDir).filter((n) => n.includes('broken')), []);
    assert.deepEqual(state.errors, []);
  });

  test('Move aside keeps the file under a new name and opens a fresh cache', { skip }, async () => {
    const harness = launchHarness({ root: ROOT, dataDir, scripted: [{ api: 'dialog.showMessageBox', answer: { response: 0, checkboxChecked: false } }] });
    try {
      await harness.loaded;
      const page = await harness.appPage();
      await page.getByTestId('first-run').waitFor();
      const moved = readdirSync(dataDir).filter((n) => n.startsWith(`${DB_FILE_NAME}.broken-`));
      assert.equal(moved.length, 1, readdirSync(dataDir).join(', '));
      assert.deepEqual(readFileSync(join(dataDir, moved[0]!)), garbage, 'nothing deleted');
      const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
      assert.equal(info.ok && info.value.hasData, false);
      assert.deepEqual((await harness.control.state()).errors, []);
    } finally {
      assert.equal(await harness.close(), 0);
    }
  });
});
