import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { launchHarness } from '../harness/driver';
import { missing, strict } from '../harness/standin/strict';
import { matchesPattern, UrlMap } from '../harness/standin/urls';
import { HARNESS_SKIP_REASON, until } from '../helpers/e2e-electron';
import { tempDir } from '../helpers/temp-dir';

/**
 * The stand-in for `electron` itself (test/harness): it must fail loudly where it does not follow Electron,
 * and translate URLs and webRequest filters the way the app's code depends on.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the stand-in for electron', () => {
  test('an API it does not implement throws, naming it', () => {
    const app = strict('app', { getVersion: () => '1.0.0' });
    assert.equal(app.getVersion(), '1.0.0');
    assert.throws(() => (app as unknown as { setBadgeCount(n: number): void }).setBadgeCount(1), /^NotImplemented: stand-in electron: app\.setBadgeCount not implemented$/);
    const clipboard = missing('clipboard') as { readText(): string };
    assert.throws(() => clipboard.readText(), /stand-in electron: clipboard not implemented/);
  });

  test('app:// and other privileged schemes map to a *.localhost origin and back; others stay', () => {
    const urls = new UrlMap(() => ['app']);
    assert.equal(urls.toPage('app://wolkvox/index.html#x'), 'http://wolkvox.app.localhost/index.html#x');
    assert.equal(urls.toElectron('http://wolkvox.app.localhost/assets/a.js?v=1'), 'app://wolkvox/assets/a.js?v=1');
    assert.equal(urls.toElectron('http://evil.app.localhost/'), 'app://evil/');
    for (const same of ['https://example.com/', 'data:text/html,x', 'about:blank', 'file:///etc/passwd', 'http://localhost:5173/']) {
      assert.equal(urls.toPage(same), same);
      assert.equal(urls.toElectron(same), same);
    }
  });

  test('webRequest filters match as Chromium match patterns do', () => {
    assert.equal(matchesPattern('http://*/*', 'http://example.com/a'), true);
    assert.equal(matchesPattern('http://*/*', 'https://example.com/a'), false);
    assert.equal(matchesPattern('*://*/*', 'https://example.com/a'), true);
    assert.equal(matchesPattern('*://*/*', 'app://wolkvox/index.html'), false);
    assert.equal(matchesPattern('https://*.example.com/x*', 'https://a.example.com/xyz'), true);
    assert.equal(matchesPattern('https://*.example.com/x*', 'https://example.org/xyz'), false);
    assert.equal(matchesPattern('<all_urls>', 'app://wolkvox/'), true);
    assert.throws(() => matchesPattern('not a pattern', 'http://x/'), /not a valid match pattern/);
  });

  test('a main process using an Electron API the stand-in lacks is caught and reported, naming it', { skip: HARNESS_SKIP_REASON ?? false }, async () => {
    const dir = tempDir('wolkvox-harness-standin-');
    const main = join(dir, 'main.mjs');
    writeFileSync(main, "import { app, clipboard } from 'electron';\napp.whenReady().then(() => clipboard.readText());\n");
    const harness = launchHarness({ root: ROOT, dataDir: dir, main });
    await harness.loaded;
    // Electron prints a rejected main-process promise and goes on; the harness records it for the test.
    await until(async () => (await harness.control.state()).errors.length > 0, 'the recorded failure');
    assert.match((await harness.control.state()).errors.join('\n'), /stand-in electron: clipboard not implemented/);
    assert.match(harness.output(), /stand-in electron: clipboard not implemented/, 'and printed');
    assert.equal(await harness.close(), 0);
  });
});
