/**
 * The window's and the session's rules (navigation, new windows, permissions, web requests, downloads, CSP,
 * DevTools, webPreferences, renderer crashes), over the values Electron passes to each handler.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  crashResponse,
  devToolsAllowed,
  mayDownload,
  mayGrantPermission,
  mayNavigate,
  secondInstanceActions,
  shouldCancelRequest,
  webPreferencesFor,
  windowOpenDecision,
  withContentSecurityPolicy,
  WEB_REQUEST_URLS,
} from '../../src-main/electron/policy';
import { CONTENT_SECURITY_POLICY } from '../../src-main/web-host/headers';

const DEV = 'http://localhost:5173/';
const EVERYTHING = [
  'app://wolkvox/index.html',
  'app://wolkvox/index.html#x',
  'app://wolkvox/',
  'app://evil/',
  'app://wolkvox.evil/',
  'file:///etc/passwd',
  'devtools://devtools/bundled/inspector.html',
  'http://localhost:5173/',
  'http://localhost:5174/',
  'http://localhost.evil:5173/',
  'about:blank',
  'data:text/html,x',
  'javascript:alert(1)',
  'chrome://gpu',
  'https://example.com/',
  'https://user:pw@example.com/',
  'not a url',
  '',
];

test('no navigation of any kind is allowed, not even to the app itself', () => {
  for (const url of EVERYTHING) assert.equal(mayNavigate(url), false, url);
});

test('a new window is always denied; only an http(s) URL without credentials goes on to the external prompt', () => {
  assert.deepEqual(windowOpenDecision('https://example.com/page'), { action: 'deny', openExternally: 'https://example.com/page' });
  assert.deepEqual(windowOpenDecision('http://example.com'), { action: 'deny', openExternally: 'http://example.com/' });
  for (const url of EVERYTHING.filter((u) => !/^https?:\/\/(example\.com|localhost)/.test(u))) {
    assert.deepEqual(windowOpenDecision(url), { action: 'deny', openExternally: null }, url);
  }
  assert.equal(windowOpenDecision('https://user:pw@example.com/').openExternally, null);
});

test('every permission request and check is denied', () => {
  for (const p of ['media', 'geolocation', 'notifications', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'device', 'unknown', '']) {
    assert.equal(mayGrantPermission(p), false, p);
  }
});

test('web requests: every http/https/ws/wss request is cancelled, except the dev server in development', () => {
  assert.deepEqual([...WEB_REQUEST_URLS], ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
  for (const url of ['https://example.com/', 'http://example.com/x.png', 'wss://example.com/', 'ws://localhost:5173/', 'http://localhost:5173/', 'http://127.0.0.1:9000/api']) {
    assert.equal(shouldCancelRequest(url, undefined), true, `${url} packaged`);
  }
  for (const url of ['http://localhost:5173/', 'http://localhost:5173/@vite/client', 'ws://localhost:5173/?token=x']) {
    assert.equal(shouldCancelRequest(url, DEV), false, `${url} in development`);
  }
  for (const url of ['http://localhost:5174/', 'http://localhost.evil:5173/', 'https://localhost:5173/', 'wss://localhost:5173/', 'https://example.com/', 'http://u:p@localhost:5173/', 'garbage']) {
    assert.equal(shouldCancelRequest(url, DEV), true, `${url} in development`);
  }
});

test('downloads are refused', () => {
  for (const url of ['https://example.com/x.exe', 'blob:app://wolkvox/1', 'data:application/octet-stream,x', '']) assert.equal(mayDownload(url), false, url);
});

test("the CSP replaces whatever the response carried, in any letter case, and keeps the other headers", () => {
  const out = withContentSecurityPolicy({ 'content-type': ['text/html'], 'Content-Security-Policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': 'script-src *', 'x-one': 'a' });
  assert.deepEqual(out, { 'content-type': ['text/html'], 'x-one': ['a'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  assert.deepEqual(withContentSecurityPolicy(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'none'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|script-src[^;]*unsafe-inline|\*/);
});

test('DevTools and the webPreferences: sandboxed, isolated, no Node; DevTools only unpackaged', () => {
  assert.equal(devToolsAllowed(true), false);
  assert.equal(devToolsAllowed(false), true);
  const packaged = webPreferencesFor({ preloadPath: '/app/preload/index.cjs', isPackaged: true });
  assert.deepEqual(packaged, {
    preload: '/app/preload/index.cjs',
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: false,
  });
  assert.equal(webPreferencesFor({ preloadPath: 'p', isPackaged: false }).devTools, true);
});

test("a renderer that exits cleanly needs nothing; any other end offers a reload", () => {
  assert.equal(crashResponse('clean-exit'), 'ignore');
  for (const reason of ['abnormal-exit', 'killed', 'crashed', 'oom', 'launch-failed', 'integrity-failure', 'memory-eviction', 'something-new']) {
    assert.equal(crashResponse(reason), 'offer-reload', reason);
  }
});

test('a second launch brings the first window back and to the front; before it exists, nothing', () => {
  assert.deepEqual(secondInstanceActions({ exists: false, minimized: false, visible: false }), []);
  assert.deepEqual(secondInstanceActions({ exists: true, minimized: false, visible: true }), ['focus']);
  assert.deepEqual(secondInstanceActions({ exists: true, minimized: true, visible: true }), ['restore', 'focus']);
  assert.deepEqual(secondInstanceActions({ exists: true, minimized: false, visible: false }), ['show', 'focus']);
  assert.deepEqual(secondInstanceActions({ exists: true, minimized: true, visible: false }), ['restore', 'show', 'focus']);
});

test('the decision modules import no electron, so they run (and are tested) under plain Node', () => {
  const dir = new URL('../../src-main/electron/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 6);
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    // `import type` is erased when compiled; any other import of electron would load it at run time.
    assert.doesNotMatch(text, /^\s*import (?!type )[^;]*from ['"]electron['"]|require\(['"]electron['"]\)|import\(['"]electron['"]\)/m, file);
  }
});
