/**
 * The main process's URL rules over the exact strings Electron hands to its handlers (event.senderFrame.url,
 * will-navigate's url, setWindowOpenHandler's url, webRequest's details.url). Node's URL reports origin "null"
 * for app:, so these rules compare scheme, host and port: the first case below is the bug that refused every call.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_START_URL, devServerUrlFor, externalBrowserUrl, isAppOwnUrl, isAppPageUrl, isDevServerUrl, parseUrl, startUrlFor } from '../../src-main/electron/urls';

const DEV = 'http://localhost:5173/';
const FOREIGN = [
  'app://evil/',
  'app://evil/index.html',
  'app://wolkvox.evil/',
  'app://evil.wolkvox/',
  'app://wolkvox:8080/index.html',
  'app://user@wolkvox/index.html',
  'app://WOLKVOX/index.html',
  'file:///etc/passwd',
  'file://wolkvox/index.html',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'about:srcdoc',
  'data:text/html,x',
  'javascript:alert(1)',
  'chrome://gpu',
  'chrome-error://chromewebdata/',
  'blob:app://wolkvox/0d1a7b3e-3f3e-4f3e-9f3e-3f3e3f3e3f3e',
  'https://wolkvox/',
  'http://wolkvox/index.html',
  'https://user:pw@example.com/',
  'http://localhost:5174/',
  'http://localhost.evil:5173/',
  'https://localhost:5173/',
  'ws://localhost:5173/',
  '',
  'app:wolkvox',
  'app://',
  'not a url',
  '//wolkvox/index.html',
  '/index.html',
  'http://[::1',
];

test("Node's URL reports origin 'null' for app:, so origin comparison can never accept the app's page", () => {
  assert.equal(new URL(APP_START_URL).origin, 'null');
});

test('the app page, as Electron reports the top frame, is the app', () => {
  for (const url of ['app://wolkvox/index.html', 'app://wolkvox/index.html#x', 'app://wolkvox/', 'app://wolkvox/index.html?x=1', 'app://wolkvox/assets/index-abc.js']) {
    assert.equal(isAppOwnUrl(url), true, url);
    assert.equal(isAppPageUrl(url, undefined), true, url);
    assert.equal(isAppPageUrl(url, DEV), true, url);
  }
});

test('nothing else is the app, packaged or in development', () => {
  for (const url of FOREIGN) {
    assert.equal(isAppOwnUrl(url), false, url);
    assert.equal(isAppPageUrl(url, undefined), false, url);
    assert.equal(isAppPageUrl(url, DEV), false, url);
  }
});

test('the dev server is the app only in development, by protocol, host and port', () => {
  for (const url of ['http://localhost:5173/', 'http://localhost:5173/index.html', 'http://localhost:5173/#x', 'http://localhost:5173/src/main.tsx?t=1']) {
    assert.equal(isAppPageUrl(url, DEV), true, url);
    assert.equal(isAppPageUrl(url, undefined), false, `${url} without a dev server`);
  }
  assert.equal(isAppPageUrl('http://localhost:5173/', 'not a url'), false);
  assert.equal(isDevServerUrl('ws://localhost:5173/', DEV, ['http:', 'ws:']), true, 'its hot-reload socket, when asked for');
  assert.equal(isDevServerUrl('ws://localhost:5173/', DEV), false, 'but not as a page');
  assert.equal(isDevServerUrl('http://localhost/', 'http://localhost/'), true, 'default port on both sides');
  assert.equal(isDevServerUrl('http://localhost:80/', 'http://localhost/'), true, 'the explicit default port is the same port');
  assert.equal(isDevServerUrl('http://localhost/', DEV), false);
  assert.equal(isDevServerUrl('http://127.0.0.1:5173/', DEV), false, 'another spelling of the host is another origin');
  assert.equal(isDevServerUrl('http://u:p@localhost:5173/', DEV), false);
});

test('the dev-server URL is honoured only unpackaged, only http on this machine', () => {
  const env = (url?: string) => (url === undefined ? {} : { ELECTRON_RENDERER_URL: url });
  assert.equal(devServerUrlFor({ isPackaged: false, env: env('http://localhost:5173') }), 'http://localhost:5173/');
  assert.equal(devServerUrlFor({ isPackaged: false, env: env('http://127.0.0.1:5173/') }), 'http://127.0.0.1:5173/');
  assert.equal(devServerUrlFor({ isPackaged: false, env: env('http://[::1]:5173/') }), 'http://[::1]:5173/');
  assert.equal(devServerUrlFor({ isPackaged: true, env: env('http://localhost:5173') }), undefined, 'packaged: ignored');
  for (const url of ['', 'https://example.com/', 'http://example.com:5173/', 'http://localhost.evil:5173/', 'file:///tmp/index.html', 'app://evil/', 'http://u:p@localhost:5173/', 'javascript:alert(1)', 'nonsense']) {
    assert.equal(devServerUrlFor({ isPackaged: false, env: env(url) }), undefined, url);
  }
  assert.equal(devServerUrlFor({ isPackaged: false, env: env() }), undefined);
  assert.equal(startUrlFor(undefined), 'app://wolkvox/index.html');
  assert.equal(startUrlFor('http://localhost:5173/'), 'http://localhost:5173/');
});

test('the system browser gets http(s) URLs without credentials, normalised; nothing else', () => {
  assert.equal(externalBrowserUrl('https://example.com/a?b=c#d'), 'https://example.com/a?b=c#d');
  assert.equal(externalBrowserUrl('http://example.com'), 'http://example.com/');
  assert.equal(externalBrowserUrl('HTTPS://EXAMPLE.COM/x'), 'https://example.com/x');
  assert.equal(externalBrowserUrl('https://bücher.example/'), 'https://xn--bcher-kva.example/', 'an IDN host in the form that cannot pass for another');
  for (const url of [
    'https://user:pw@example.com/',
    'https://user@example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,x',
    'about:blank',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'app://wolkvox/index.html',
    'smb://server/share',
    'ms-msdt:/id',
    'mailto:a@example.com',
    'vbscript:msgbox(1)',
    'ftp://example.com/',
    'http://',
    '',
    'not a url',
    `https://example.com/${'a'.repeat(3000)}`,
  ]) {
    assert.equal(externalBrowserUrl(url), null, url);
  }
});

test('parseUrl takes only non-empty strings the WHATWG parser accepts', () => {
  assert.equal(parseUrl(undefined), null);
  assert.equal(parseUrl(42), null);
  assert.equal(parseUrl(''), null);
  assert.equal(parseUrl('http://[::1'), null);
  assert.equal(parseUrl('app://wolkvox/')?.host, 'wolkvox');
});
