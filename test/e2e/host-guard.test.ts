import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { ensureBuiltForTests } from '../harness/build';
import { startWebHost, type WebHost } from '../../src-main/web-host/index';
const ROOT = new URL('../../', import.meta.url).pathname;
import { fakeService, type FakeService } from '../helpers/e2e-fake-service';

/**
 * The browser host in real Chromium: another local page, another site, or a site that rebinds its name
 * to 127.0.0.1 cannot call it, even one that somehow knows the key; the app's own page can.
 */
describe('browser host refuses every caller but its own page', () => {
  let service: FakeService;
  let host: WebHost;
  let other: Server;
  let otherOrigin: string;
  let browser: Browser;

  before(async () => {
    const rendererDir = await ensureBuiltForTests(ROOT);
    service = fakeService({
      'app/info': { version: 't', host: 'browser', dataDir: '/d', demo: false, hasData: false },
      'profiles/list': { profiles: [], activeId: null },
    });
    host = await startWebHost({ service, rendererDir });
    // A hostile local page (any other app on this machine could serve one).
    other = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>other</title>');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const port = new URL(host.origin).port;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // evil.test resolves to 127.0.0.1 here, like a DNS-rebinding attack would make it.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--host-resolver-rules=MAP evil.test 127.0.0.1`],
    });
    void port;
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await new Promise((r) => other?.close(r));
  });

  test('the app page with the key works, and the key leaves the address bar', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.getByTestId('first-run').waitFor();
    assert.equal(new URL(page.url()).hash, '');
    assert.ok(service.calls.some((c) => c.channel === 'app/info'));
    await page.close();
  });

  test('the app page without the key gets nothing from the API', async () => {
    const before = service.calls.length;
    const page = await browser.newPage();
    await page.goto(host.origin + '/');
    await page.getByTestId('start-error').waitFor();
    assert.equal(service.calls.length, before);
    await page.close();
  });

  test('another local page cannot call it, with or without the key', async () => {
    const before = service.calls.length;
    const page = await browser.newPage();
    await page.goto(otherOrigin);
    const outcomes = await page.evaluate(
      async ({ origin, key }) => {
        // No named helpers in here: the test's transpiler would wrap them in a function the page lacks.
        const inits: RequestInit[] = [
          { method: 'POST', headers: { 'content-type': 'application/json', 'x-wolkvox-key': key }, body: '{}' },
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
          // A "simple" request needs no preflight; the server must still refuse it.
          { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' },
          { method: 'GET', mode: 'no-cors' },
        ];
        const tries: string[] = [];
        for (const init of inits) {
          try {
            const r = await fetch(`${origin}/api/call/app%2Finfo`, init);
            tries.push(`status ${r.status}`);
          } catch {
            tries.push('blocked');
          }
        }
        return tries;
      },
      { origin: host.origin, key: host.key },
    );
    assert.ok(outcomes.every((o) => o === 'blocked' || o === 'status 0'), outcomes.join(', '));
    assert.equal(service.calls.length, before, 'nothing reached the service');
    await page.close();
  });

  test('a site rebound to 127.0.0.1 is refused by the Host check', async () => {
    const before = service.calls.length;
    const page = await browser.newPage();
    const port = new URL(host.origin).port;
    const res = await page.goto(`http://evil.test:${port}/`);
    assert.equal(res?.status(), 421);
    const status = await page.evaluate(async (key) => {
      const r = await fetch('/api/call/app%2Finfo', { method: 'POST', headers: { 'content-type': 'application/json', 'x-wolkvox-key': key }, body: '{}' });
      return r.status;
    }, host.key);
    assert.equal(status, 421);
    assert.equal(service.calls.length, before);
    await page.close();
  });
});
