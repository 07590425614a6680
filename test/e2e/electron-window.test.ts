import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { ensureElectronBuilt } from '../harness/build';
import { electronBinary, electronLaunchArgs, NO_ELECTRON_REASON } from '../helpers/e2e-electron';
import { tempDir } from '../helpers/temp-dir';

/**
 * The desktop window's security settings, in the real Electron app. Runs where an Electron binary exists
 * (a workstation, after `npm run rebuild:electron`); skipped here, where it cannot be downloaded.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const binary = electronBinary(ROOT);

// Each test skips by itself (not the group) so that the run's summary lists every one with the reason.
const skip = binary ? false : NO_ELECTRON_REASON;

describe('Electron window security', () => {
  const dataDir = binary ? tempDir('wolkvox-electron-') : '';
  let app: ElectronApplication;
  let page: Page;

  before(async () => {
    if (!binary) return;
    await ensureElectronBuilt(ROOT);
    app = await _electron.launch({
      executablePath: binary!,
      args: electronLaunchArgs(ROOT),
      env: { ...process.env, WOLKVOX_AUDIT_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  after(async () => {
    await app?.close();
  });

  test('the renderer is sandboxed, isolated and without Node', { skip }, async () => {
    // Electron no longer reports a window's webPreferences; what they produce is what a page can observe.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      api: Object.keys(window.wolkvox ?? {}).sort(),
      frozen: Object.isFrozen(window.wolkvox),
    }));
    assert.deepEqual(globals, { require: 'undefined', process: 'undefined', module: 'undefined', api: ['call', 'on'], frozen: true });
  });

  test('the page comes from app:// with a strict CSP, and its calls reach the service', { skip }, async () => {
    assert.match(page.url(), /^app:\/\/wolkvox\//);
    const info = await page.evaluate(() => window.wolkvox!.call('app/info', {}));
    assert.equal(info.ok, true);
    const blocked = await page.evaluate(async () => {
      try {
        await fetch('https://example.com/');
        return false;
      } catch {
        return true;
      }
    });
    assert.equal(blocked, true, 'the CSP and the session refuse requests to the web');
    const inline = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.head.append(s);
      return (window as { __inlineRan?: boolean }).__inlineRan === true;
    });
    assert.equal(inline, false, 'inline scripts do not run');
  });

  test('navigation and new windows are denied; malformed calls are bad-input', { skip }, async () => {
    const before = page.url();
    // The main process's own decision, read by a listener added after the app's guard (listeners run in the
    // order they were added): once it has run, nothing is left to wait for. 'will-frame-navigate' is the
    // first of the navigation events (one prevented there never reaches 'will-navigate').
    await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents;
      (globalThis as { navigationDecided?: Promise<{ url: string; prevented: boolean }> }).navigationDecided = new Promise((resolve) =>
        contents.once('will-frame-navigate', (event) => resolve({ url: event.url, prevented: event.defaultPrevented })),
      );
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    const decided = await app.evaluate(() => (globalThis as { navigationDecided?: Promise<{ url: string; prevented: boolean }> }).navigationDecided!);
    assert.deepEqual(decided, { url: 'https://example.com/', prevented: true }, 'the guard refused the navigation');
    assert.equal(page.url(), before);
    assert.equal(await page.evaluate(() => document.readyState), 'complete', 'the app page is still there and answering');
    const opened = await page.evaluate(() => window.open('file:///etc/passwd') === null);
    assert.equal(opened, true);
    assert.equal(app.windows().length, 1);
    const bad = await page.evaluate(() => window.wolkvox!.call('interactions/page', { filter: {}, offset: -5, limit: 1 } as never));
    assert.equal(bad.ok, false);
    assert.equal(!bad.ok && bad.error.kind, 'bad-input');
  });

  test('permission requests are denied', { skip }, async () => {
    const state = await page.evaluate(async () => {
      try {
        await navigator.mediaDevices.getUserMedia({ audio: true });
        return 'granted';
      } catch {
        return 'denied';
      }
    });
    assert.equal(state, 'denied');
  });
});
