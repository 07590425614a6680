import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createHttpApi } from '../../src-renderer/api/http-client';

/**
 * The renderer's client of the browser host, run against a real HTTP server that answers aggregates
 * slowly: aggregates go two at a time (a browser gives a host six connections, one of them the event
 * stream), the grid's pages pass them, and the same aggregate already waiting is asked once.
 */
let server: ReturnType<typeof createServer>;
let base = '';
let inFlight = 0;
let maxAggregatesInFlight = 0;
const seen: string[] = [];
let release: (() => void) | null = null;
let gate = Promise.resolve();

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const channel = decodeURIComponent((req.url ?? '').replace('/api/call/', ''));
      seen.push(`${channel} ${body}`);
      const aggregate = channel !== 'interactions/page';
      if (aggregate) {
        inFlight += 1;
        maxAggregatesInFlight = Math.max(maxAggregatesInFlight, inFlight);
        await gate;
        inFlight -= 1;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, value: { channel, args: JSON.parse(body) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('aggregates run two at a time, pages pass them, and a question already waiting is asked once', async () => {
  gate = new Promise<void>((resolve) => (release = resolve));
  const api = createHttpApi('key', base);
  const facets = (field: string) => api.call('facets/get', { filter: { agents: [field] }, fields: ['channel'] });
  const aggregates = [
    facets('a'),
    api.call('interactions/count', { filter: {} }),
    facets('b'),
    api.call('reviews/progress', { filter: {} }),
    facets('b'),
    facets('c'),
  ];
  const page = await api.call('interactions/page', { filter: {}, offset: 500, limit: 100 });
  assert.ok(page.ok, 'a page is answered while aggregates are held');
  assert.equal(inFlight, 2, 'two aggregates at the server, the rest waiting in the client');
  release?.();
  const answers = await Promise.all(aggregates);
  assert.ok(answers.every((a) => a.ok));
  assert.equal(maxAggregatesInFlight, 2);
  assert.deepEqual(answers[2], answers[4], 'the twin got the same answer');
  assert.equal(seen.filter((s) => s.startsWith('facets/get') && s.includes('"b"')).length, 1, 'the twin was asked once');
  assert.equal(seen.filter((s) => !s.startsWith('interactions/page')).length, 5);
});
