import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createDispatch } from '../../src-main/bridge/dispatch';
import type { AppService } from '../../src-main/core/service/index';
import { openAppService } from '../helpers/open-service';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import { startWebHost, KEY_HEADER, type WebHost } from '../../src-main/web-host/index';
import { ARG_LIMITS } from '../../src-main/core/api/contract';
import { tempDir } from '../helpers/temp-dir';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every value on the bridge is bounded: over-deep, over-large and unknown input is 'bad-input' with a
 * message, never a 'server' error, through the dispatcher both hosts use and over the browser host's HTTP,
 * with the real application service (real SQLite) behind them, which must be left as it was.
 */
function deep(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}
function deepArrays(levels: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const HUGE_ARRAY = new Array(1_000_000).fill(1);
const cyclic: Record<string, unknown> = { colId: 'a' };
cyclic.self = cyclic;

/** Calls no handler may accept, each with the words its message must carry. */
const ODD: { what: string; channel: string; args: unknown; says: RegExp; json?: string }[] = [
  {
    what: 'a setting nested 10,000 levels deep',
    channel: 'settings/set',
    args: { key: 'ui.gridColumns', value: deep(10_000) },
    says: /nested deeper than/,
    // JSON.stringify itself overflows at this depth: the body is written by hand.
    json: `{"key":"ui.gridColumns","value":${'{"a":'.repeat(10_000)}"leaf"${'}'.repeat(10_000)}}`,
  },
  {
    what: 'arrays nested 10,000 levels deep',
    channel: 'settings/set',
    args: { key: 'ui.gridColumns', value: deepArrays(10_000) },
    says: /nested deeper than/,
    json: `{"key":"ui.gridColumns","value":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
  },
  { what: 'a 10 MB string setting', channel: 'settings/set', args: { key: 'reviewer', value: TEN_MB }, says: /characters/ },
  { what: 'a 10 MB search text', channel: 'interactions/count', args: { filter: { text: TEN_MB } }, says: /characters/ },
  { what: 'a 10 MB review note', channel: 'reviews/save', args: { uid: 'u', note: TEN_MB }, says: /characters/ },
  { what: 'a huge array setting', channel: 'settings/set', args: { key: 'ui.gridColumns', value: HUGE_ARRAY }, says: /values/ },
  { what: 'a huge filter list', channel: 'interactions/count', args: { filter: { agents: HUGE_ARRAY.map(String) } }, says: /values/ },
  { what: 'a huge object of scores', channel: 'reviews/save', args: { uid: 'u', scores: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, true])) }, says: /values/ },
  { what: 'too many scores', channel: 'reviews/save', args: { uid: 'u', scores: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, true])) }, says: /at most 50 scores/ },
  { what: 'an unknown setting key', channel: 'settings/set', args: { key: 'ui.somethingElse', value: 1 }, says: /key.*(ui\.language|discriminator)/ },
  { what: 'a wrong value for a known key', channel: 'settings/set', args: { key: 'ui.language', value: 'fr' }, says: /value/ },
  { what: 'a column state with a 1 KB id', channel: 'settings/set', args: { key: 'ui.gridColumns', value: [{ colId: 'c'.repeat(1000) }] }, says: /colId/ },
  { what: 'too many columns', channel: 'settings/set', args: { key: 'ui.gridColumns', value: Array.from({ length: 300 }, (_, i) => ({ colId: `c${i}` })) }, says: /value/ },
  { what: 'a value that refers to itself', channel: 'settings/set', args: { key: 'ui.gridColumns', value: [cyclic] }, says: /nested deeper than|values/ },
  { what: 'a facet list longer than the facets', channel: 'facets/get', args: { filter: {}, fields: Array(20).fill('channel') }, says: /fields/ },
  { what: 'a 1 KB export job id', channel: 'export/cancel', args: { jobId: 'j'.repeat(1000) }, says: /jobId/ },
];

describe('bounded bridge values', () => {
  const dataDir = tempDir('wolkvox-bridge-bounds-');
  let service: AppService;
  let host: WebHost;

  before(async () => {
    service = await openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: '0.0.0-test', env: {}, log: () => {} });
    const ui = join(dataDir, 'ui');
    mkdirSync(ui, { recursive: true });
    writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    host = await startWebHost({ service, rendererDir: ui });
  });
  after(async () => {
    await host?.close();
    await service?.close();
  });

  test('the dispatcher refuses each odd value as bad-input with a message, and the settings stay as they were', async () => {
    const dispatch = createDispatch(service.handlers);
    const ok = await dispatch('settings/set', { key: 'ui.language', value: 'es' });
    assert.deepEqual(ok, { ok: true, value: {} });
    for (const { what, channel, args, says } of ODD) {
      const r = await dispatch(channel, args);
      assert.equal(r.ok, false, `${what} was accepted`);
      if (r.ok) continue;
      assert.equal(r.error.kind, 'bad-input', `${what}: ${r.error.kind} ${r.error.message}`);
      assert.match(r.error.message, says, what);
      assert.ok(r.error.message.length < 300, `${what}: the message is short`);
    }
    assert.deepEqual(await dispatch('settings/get', {}), { ok: true, value: { 'ui.language': 'es' } });
  });

  test('every setting the renderer saves is accepted as it saves it', async () => {
    const dispatch = createDispatch(service.handlers);
    const columns = [
      { colId: 'date_creation', width: 160, hide: false, pinned: 'left', sort: 'desc', sortIndex: 0, flex: null, aggFunc: null, rowGroup: false, rowGroupIndex: null, pivot: false, pivotIndex: null },
      { colId: 'body', width: 300, hide: true, pinned: null, sort: null, sortIndex: null, flex: 1, aggFunc: null, rowGroup: false, rowGroupIndex: null, pivot: false, pivotIndex: null },
    ];
    for (const [key, value] of [['ui.language', 'en'], ['ui.gridColumns', columns], ['reviewer', 'Ana Auditora']] as const) {
      assert.deepEqual(await dispatch('settings/set', { key, value }), { ok: true, value: {} }, key);
    }
    const got = await dispatch('settings/get', {});
    assert.ok(got.ok);
    assert.deepEqual(got.value, { 'ui.language': 'en', 'ui.gridColumns': columns, reviewer: 'Ana Auditora' });
  });

  test('values just inside the limits pass the size check (and are then judged by their schema)', async () => {
    const dispatch = createDispatch(service.handlers);
    const r = await dispatch('interactions/count', { filter: { agents: Array.from({ length: 1000 }, (_, i) => `agent ${i}`) } });
    assert.deepEqual(r, { ok: true, value: { total: 0 } });
    const nested = await dispatch('settings/set', { key: 'ui.gridColumns', value: deep(ARG_LIMITS.depth - 2) });
    assert.equal(nested.ok, false);
    if (!nested.ok) assert.doesNotMatch(nested.error.message, /nested deeper/, 'refused by the schema, not the depth limit');
  });

  test('over the browser host HTTP: bad-input every time, never server', async () => {
    for (const { what, channel, args, json } of ODD) {
      if (args === ODD.find((o) => o.what.includes('refers to itself'))?.args) continue; // JSON cannot carry a cycle
      const body = json ?? JSON.stringify(args);
      const r = await post(host, channel, body);
      const answer = JSON.parse(r.body) as { ok: boolean; error?: { kind: string; message: string } };
      assert.equal(answer.ok, false, `${what} accepted over HTTP`);
      assert.equal(answer.error?.kind, 'bad-input', `${what} over HTTP: ${r.status} ${r.body.slice(0, 200)}`);
      assert.ok([200, 413].includes(r.status), `${what}: status ${r.status}`);
    }
    // A body nested 10,000 levels (20 KB of JSON, under the size limit) reaches the dispatcher and is refused there.
    const r = await post(host, 'settings/set', ODD[0]!.json!);
    assert.equal(r.status, 200);
    assert.match(r.body, /"kind":"bad-input".*nested deeper than/);
    const got = await post(host, 'settings/get', '{}');
    assert.ok(!got.body.includes('xxxxxxxx'), 'nothing of the refused values was stored');
  });
});

function post(host: WebHost, channel: string, body: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/call/${encodeURIComponent(channel)}`,
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', [KEY_HEADER]: host.key, origin: host.origin, 'sec-fetch-site': 'same-origin' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    // The host may answer 413 and close before reading a 10 MB body: that is an answer, not a failure.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end(body);
  });
}
