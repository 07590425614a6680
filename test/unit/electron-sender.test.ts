/**
 * Which IPC calls the main process answers: from the app window's own web contents, its main frame, showing
 * the app's page. Plain objects stand in for Electron's WebContents and WebFrameMain: the rule compares
 * identity and the frame's url string, which is all Electron's event carries for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTrustedSender, type WindowFacts } from '../../src-main/electron/sender';

const DEV = 'http://localhost:5173/';

function rig(url: string) {
  const mainFrame = { url };
  const webContents = { mainFrame };
  const window: WindowFacts = { destroyed: false, webContents, mainFrame };
  return { mainFrame, webContents, window };
}

test('a call from the app window main frame on the app page is trusted', () => {
  for (const url of ['app://wolkvox/index.html', 'app://wolkvox/index.html#x', 'app://wolkvox/']) {
    const { mainFrame, webContents, window } = rig(url);
    assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window, undefined), true, url);
  }
});

test('the same frame on any other page is refused, packaged or in development', () => {
  for (const url of [
    'app://evil/',
    'app://wolkvox.evil/',
    'file:///etc/passwd',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,x',
    'javascript:alert(1)',
    'chrome://gpu',
    'https://user:pw@example.com/',
    'http://localhost:5174/',
    'http://localhost.evil:5173/',
    '',
    'garbage',
  ]) {
    const { mainFrame, webContents, window } = rig(url);
    assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window, undefined), false, url);
    assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window, DEV), false, `${url} (dev)`);
  }
});

test('the dev server page is trusted only when the app runs on that dev server', () => {
  const { mainFrame, webContents, window } = rig('http://localhost:5173/');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window, DEV), true);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window, undefined), false);
});

test('another web contents, a subframe, a gone frame or a destroyed window is refused', () => {
  const { mainFrame, webContents, window } = rig('app://wolkvox/index.html');
  const other = rig('app://wolkvox/index.html');
  const subframe = { url: 'app://wolkvox/index.html' };
  assert.equal(isTrustedSender({ sender: other.webContents, senderFrame: other.mainFrame }, window, undefined), false, 'another window of the app');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: other.mainFrame }, window, undefined), false, 'a frame of another window');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: subframe }, window, undefined), false, 'an iframe on the app page');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: { ...subframe, parent: mainFrame } }, window, undefined), false, 'an iframe that says whose child it is');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: { url: 'app://wolkvox/index.html', parent: null } }, window, undefined), true, 'another wrapper of the top frame (parent null)');
  assert.equal(isTrustedSender({ sender: other.webContents, senderFrame: { url: 'app://wolkvox/index.html', parent: null } }, window, undefined), false, 'a top frame of another web contents');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: null }, window, undefined), false, 'a frame that navigated away');
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: undefined }, window, undefined), false);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, { ...window, destroyed: true }, undefined), false);
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, null, undefined), false, 'no window yet');
  const odd = { url: 42 } as unknown as { url: string };
  assert.equal(isTrustedSender({ sender: webContents, senderFrame: odd }, { ...window, mainFrame: odd }, undefined), false, 'a url that is not text');
});
