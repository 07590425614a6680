import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startWebHost, KEY_HEADER, type WebHost } from '../../src-main/web-host/index';
import { fakeService, type FakeService } from '../helpers/e2e-fake-service';
import { tempDir } from '../helpers/temp-dir';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, because fetch will not let a test forge Host or Sec-Fetch-Site the way a hostile page could. */
function send(host: WebHost, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser host', () => {
  const root = tempDir('wolkvox-web-host-');
  const ui = join(root, 'ui');
  let service: FakeService;
  let host: WebHost;
  const json = { 'content-type': 'application/json' };
  const withKey = () => ({ ...json, [KEY_HEADER]: host.key });
  const callInfo = (headers: Record<string, string>) => send(host, 'POST', '/api/call/app%2Finfo', headers, '{}');

  before(async () => {
    mkdirSync(join(ui, 'assets'), { recursive: true });
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'web-host-secret.txt'), 'outside');
    service = fakeService({ 'app/info': { version: '1', host: 'browser', dataDir: '/d', demo: false, hasData: false } });
    host = await startWebHost({ service, rendererDir: ui });
  });
  after(async () => {
    await host.close();
  });

  test('listens on 127.0.0.1 only, and prints the key in the fragment', () => {
    const url = new URL(host.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.hash, `#key=${host.key}`);
    assert.ok(host.key.length >= 40);
  });

  test('serves the UI with a strict Content-Security-Policy', async () => {
    const page = await send(host, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>ui<\/title>/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    const asset = await send(host, 'GET', '/assets/app.js');
    assert.equal(asset.status, 200);
    assert.match(String(asset.headers['content-type']), /javascript/);
  });

  test('never serves a file outside the UI folder', async () => {
    for (const path of ['/../web-host-secret.txt', '/assets/..%2f..%2fweb-host-secret.txt', '/%2e%2e/web-host-secret.txt']) {
      const r = await send(host, 'GET', path);
      assert.doesNotMatch(r.body, /outside/, path);
    }
  });

  test('answers a call that carries the key', async () => {
    const r = await callInfo(withKey());
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { ok: true, value: { version: '1', host: 'browser', dataDir: '/d', demo: false, hasData: false } });
    assert.equal(r.headers['cache-control'], 'no-store');
  });

  test('refuses calls without the key or with a wrong one, before the service sees them', async () => {
    const before = service.calls.length;
    assert.equal((await callInfo(json)).status, 401);
    assert.equal((await callInfo({ ...json, [KEY_HEADER]: 'x'.repeat(host.key.length) })).status, 401);
    assert.equal((await callInfo({ ...json, [KEY_HEADER]: '' })).status, 401);
    assert.equal((await send(host, 'GET', '/api/events')).status, 401);
    assert.equal(service.calls.length, before);
  });

  test('refuses another Origin, a cross-site fetch and a rebound host name, even with the key', async () => {
    const before = service.calls.length;
    assert.equal((await callInfo({ ...withKey(), origin: 'http://evil.example' })).status, 403);
    assert.equal((await callInfo({ ...withKey(), origin: `http://127.0.0.1:1` })).status, 403);
    assert.equal((await callInfo({ ...withKey(), origin: 'null' })).status, 403);
    assert.equal((await callInfo({ ...withKey(), 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await callInfo({ ...withKey(), 'sec-fetch-site': 'same-site' })).status, 403);
    const port = new URL(host.origin).port;
    assert.equal((await callInfo({ ...withKey(), host: `evil.example:${port}` })).status, 421);
    assert.equal((await send(host, 'GET', '/', { host: `evil.example:${port}` })).status, 421);
    assert.equal(service.calls.length, before);
    // Our own page's fetches pass.
    assert.equal((await callInfo({ ...withKey(), origin: host.origin, 'sec-fetch-site': 'same-origin' })).status, 200);
  });

  test('accepts only JSON bodies (a form post from another page cannot get through)', async () => {
    const r = await send(host, 'POST', '/api/call/app%2Finfo', { [KEY_HEADER]: host.key, 'content-type': 'text/plain' }, '{}');
    assert.equal(r.status, 415);
    const bad = await send(host, 'POST', '/api/call/app%2Finfo', withKey(), '{nope');
    assert.equal(bad.status, 400);
    assert.equal(JSON.parse(bad.body).error.kind, 'bad-input');
  });

  test('validates arguments through the contract', async () => {
    const unknown = JSON.parse((await send(host, 'POST', '/api/call/shell%2Fexec', withKey(), '{}')).body);
    assert.equal(unknown.ok, false);
    assert.equal(unknown.error.kind, 'bad-input');
    const malformed = JSON.parse((await send(host, 'POST', '/api/call/interactions%2Fpage', withKey(), '{"filter":{},"offset":-1,"limit":10}')).body);
    assert.equal(malformed.error.kind, 'bad-input');
    const huge = await send(host, 'POST', '/api/call/app%2Finfo', withKey(), 'x'.repeat(1024 * 1024 + 10));
    assert.equal(huge.status, 413);
  });

  test('streams the service events to a client with the key', async () => {
    const res = await fetch(`${host.origin}/api/events`, { headers: { [KEY_HEADER]: host.key } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const first = await reader.read();
    text += first.value ?? '';
    service.emit('data/changed', { reason: 'sync' });
    while (!text.includes('data/changed')) {
      const next = await reader.read();
      if (next.done) break;
      text += next.value;
    }
    assert.match(text, /event: data\/changed\ndata: \{"reason":"sync"\}\n\n/);
    await reader.cancel();
  });
});
