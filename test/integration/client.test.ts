import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { openStoreWriter, type StoreWriter } from '../../src-main/core/store/sqlite/threads/writer';
import { inThreadParser, type AnswerParser } from '../../src-main/core/wolkvox/answer';
import { ApiError } from '../../src-main/core/wolkvox/api-error';
import { Chat4Client } from '../../src-main/core/wolkvox/client';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { tempDir } from '../helpers/temp-dir';

const TOKEN = 'secret-token-for-client-tests';
const NOW = Date.UTC(2026, 2, 1, 17); // 2026-03-01 12:00 in Bogota
let sim: Simulator;
let writer: StoreWriter;
const dir = tempDir('wolkvox-client-');

before(async () => {
  sim = await startSimulator({ tokens: [TOKEN], now: () => NOW, quotaPerDay: 10_000, dataset: { from: '2026-02-01', to: '2026-02-28', rowsPerDay: 50 } });
  writer = await openStoreWriter({ dbPath: join(dir, 'cache.sqlite') });
});
after(async () => {
  await writer.close();
  await sim.stop();
});

// The client's own time limits unless a test provokes a timeout: a tight one could expire under load.
const client = (timeoutMs?: number, parser: AnswerParser = inThreadParser) =>
  new Chat4Client({ server: '0032', baseUrl: sim.url, parser, ...(timeoutMs === undefined ? {} : { timeoutMs }) });

const ZONE = 'America/Bogota';
const day = { zone: ZONE, dateIni: '20260210000000', dateEnd: '20260210235959' };

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    assert.ok(!error.message.includes(TOKEN), 'the token never appears in an error message');
    return error.kind;
  }
}

test('a day of data arrives with all 17 fields as strings and the raw record kept', async () => {
  const answer = await client().fetchWindow({ token: TOKEN, ...day });
  assert.equal(answer.noData, false);
  assert.equal(answer.count, 50);
  assert.ok(Array.isArray(answer.records));
  assert.equal(answer.records.length, 50);
  for (const r of answer.records) {
    assert.equal(Object.keys(r.fields).length, 17);
    for (const v of Object.values(r.fields)) assert.equal(typeof v, 'string');
    assert.ok(r.fields.date_creation.startsWith('2026-02-10'));
    assert.doesNotThrow(() => JSON.parse(r.raw));
  }
  const bogota = new ZoneConverter(ZONE);
  assert.deepEqual([...answer.createdUtc], answer.records.map((r) => bogota.parseToUtc(r.fields.date_creation)));
});

test('read on the preparer thread, an answer stays there: its count and creation dates come back, not its records', async () => {
  const here = await client().fetchWindow({ token: TOKEN, ...day });
  const there = await client(undefined, writer.parser).fetchWindow({ token: TOKEN, ...day });
  assert.equal(there.noData, false);
  assert.equal(there.count, here.count);
  assert.deepEqual(there.createdUtc, here.createdUtc);
  assert.ok(!Array.isArray(there.records) && typeof there.records.kept === 'symbol', 'an opaque handle, not the records');
});

test('kept records are committed by the store that kept them, once; a handle it did not make is refused', async () => {
  const there = await client(undefined, writer.parser).fetchWindow({ token: TOKEN, ...day });
  const start = new ZoneConverter(ZONE).parseToUtc('2026-02-10 00:00:00')!;
  const runId = await writer.startRun({ server: '0032', mode: 'range', rangeStartUtc: start, rangeEndUtc: start + 86_400_000, startedAt: NOW });
  const call = { server: '0032', windowStartUtc: start, windowEndUtc: start + 86_400_000, startedAt: NOW, durationMs: 1, outcome: 'ok', rows: there.count };
  const commit = (records: typeof there.records) => writer.commitWindow({ runId, records, server: '0032', zone: ZONE, now: NOW, cursorUtc: start + 1, call });
  assert.equal((await commit(there.records)).inserted, there.count);
  const refused = (e: unknown) => e instanceof Error && (e as { kind?: string }).kind === 'storage' && /not read by this cache, or were written already/.test(e.message);
  await assert.rejects(commit(there.records), refused, 'a second commit of the same records');
  await assert.rejects(commit({ kept: Symbol('forged') }), refused, 'a handle this store never made');
  assert.equal((await commit([])).inserted, 0, 'the writer keeps working');
});

// The app reads answers on the store's preparer thread; tools read them here. Both must mean the same.
for (const where of ['this thread', 'the preparer thread'] as const) {
  const pick = () => (where === 'this thread' ? inThreadParser : writer.parser);

  test(`a range with no records (404) is an empty answer, not an error (read on ${where})`, async () => {
    const answer = await client(undefined, pick()).fetchWindow({ token: TOKEN, zone: ZONE, dateIni: '20250101000000', dateEnd: '20250102000000' });
    assert.deepEqual(answer, { records: [], noData: true, count: 0, createdUtc: new Float64Array(0) });
  });

  test(`every answer of the error table maps to its kind (read on ${where})`, async () => {
    const c = () => client(undefined, pick());
    assert.equal(await kindOf(c().fetchWindow({ token: 'wrong-token', ...day })), 'auth');
    assert.equal(await kindOf(c().fetchWindow({ token: '', ...day })), 'auth');
    assert.equal(await kindOf(c().fetchWindow({ token: TOKEN, zone: ZONE, dateIni: '20260101000000', dateEnd: '20260301000000' })), 'bad-input');
    const noToken = await fetch(`${sim.url}/api/v2/reports_manager.php?api=chat_4&date_ini=${day.dateIni}&date_end=${day.dateEnd}`);
    assert.equal(noToken.status, 401, 'the simulator asks for the token');
    const cases: Array<[string, string]> = [
      ['maintenance', 'maintenance'],
      ['concurrency', 'concurrency'],
      ['500', 'server'],
      ['502', 'server'],
      ['html', 'invalid-response'],
      ['truncated', 'invalid-response'],
      ['reset', 'network'],
    ];
    for (const [fault, kind] of cases) {
      sim.setFaults({ failNext: [fault as 'html'] });
      assert.equal(await kindOf(c().fetchWindow({ token: TOKEN, ...day })), kind, fault);
    }
    sim.setFaults({});
  });
}

test('a call slower than the timeout is a network error marked as timed out', async () => {
  // Ten minutes against 200 ms (the simulator lets go when the client leaves): no load can make it answer in time.
  sim.setFaults({ hangMs: 600_000 });
  try {
    await client(200).fetchWindow({ token: TOKEN, ...day });
    assert.fail('should time out');
  } catch (error) {
    assert.ok(error instanceof ApiError);
    assert.equal(error.kind, 'network');
    assert.equal(error.timedOut, true);
  } finally {
    sim.setFaults({});
  }
});

test('quota exhaustion is its own kind', async () => {
  const small = await startSimulator({ tokens: [TOKEN], now: () => NOW, quotaPerDay: 1, dataset: { from: '2026-02-01', to: '2026-02-28', rowsPerDay: 5 } });
  try {
    const c = new Chat4Client({ server: '0032', baseUrl: small.url });
    assert.equal(await kindOf(c.fetchWindow({ token: TOKEN, ...day })), 'ok');
    assert.equal(await kindOf(c.fetchWindow({ token: TOKEN, ...day })), 'quota');
  } finally {
    await small.stop();
  }
});

test('bad server names and malformed dates fail before any request', async () => {
  const before = sim.stats().requests;
  assert.throws(() => new Chat4Client({ server: 'evil.com/x' }), (e: Error & { kind?: string }) => e.kind === 'bad-input');
  assert.equal(await kindOf(client().fetchWindow({ token: TOKEN, zone: ZONE, dateIni: '2026-02-10', dateEnd: '20260210235959' })), 'bad-input');
  assert.equal(sim.stats().requests, before);
});

test('an answer sent in chunks with no length, multi-byte characters split across chunks, arrives whole', async () => {
  const { createServer } = await import('node:http');
  const record = (i: number) => ({ date_creation: '2026-02-10 10:00:00', case_id: String(i), body: `Señal 🦊 ${'ñ'.repeat(i % 50)} ${'·'.repeat(100)} <b>${i}</b>` });
  const bytes = Buffer.from(JSON.stringify({ code: 200, data: Array.from({ length: 9000 }, (_, i) => record(i)) }), 'utf8');
  assert.ok(bytes.length > 2 << 20, 'larger than the first buffer, twice');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    // Odd-sized pieces: the emoji and the ñ fall across chunk boundaries; no Content-Length, so the buffer grows.
    let at = 0;
    const next = () => {
      if (at >= bytes.length) return res.end();
      const piece = bytes.subarray(at, at + 65_537);
      at += piece.length;
      res.write(piece, next);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as import('node:net').AddressInfo).port;
    for (const parser of [inThreadParser, writer.parser]) {
      const answer = await new Chat4Client({ server: '0032', baseUrl: `http://127.0.0.1:${port}`, parser }).fetchWindow({ token: TOKEN, ...day });
      assert.equal(answer.count, 9000);
      if (Array.isArray(answer.records)) assert.equal(answer.records[8999]!.fields.body, record(8999).body);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('the production host is built from the server name', () => {
  assert.equal(new Chat4Client({ server: '0102' }).host, 'wv0102.wolkvox.com');
});

/** A loopback server for one test; its sockets are tracked so a test can see them closed. */
async function loopback(handler: import('node:http').RequestListener) {
  const { createServer } = await import('node:http');
  const server = createServer(handler);
  const closed: Promise<void>[] = [];
  server.on('connection', (socket) => closed.push(new Promise((resolve) => socket.on('close', () => resolve()))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  return {
    url,
    /** Resolves when every connection made so far has been closed. */
    allClosed: () => Promise.all(closed),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

test('a redirect is never followed: the target gets nothing, the error names its host and is not retried', async () => {
  const seen: string[] = [];
  const target = await loopback((req, res) => {
    seen.push(String(req.headers['wolkvox-token'] ?? '(none)'));
    res.end('{}');
  });
  const targetHost = new URL(target.url).host;
  try {
    for (const status of [301, 302, 303, 307, 308]) {
      const origin = await loopback((_req, res) => {
        res.writeHead(status, { location: `${target.url}/api/v2/reports_manager.php?stolen=1` });
        res.end();
      });
      try {
        const c = new Chat4Client({ server: '0032', baseUrl: origin.url });
        const error = await c.fetchWindow({ token: TOKEN, ...day }).then(() => null, (e: unknown) => e);
        assert.ok(error instanceof ApiError, String(error));
        assert.equal(error.kind, 'invalid-response');
        assert.match(error.message, new RegExp(`redirect \\(HTTP ${status}\\) to ${targetHost.replace('.', '\\.')}; the token was not sent there`));
        assert.ok(!error.message.includes(TOKEN));
        const { isRetryable } = await import('../../src-main/core/wolkvox/api-error');
        assert.equal(isRetryable(error), false, 'a redirect is not asked again');
      } finally {
        await origin.stop();
      }
    }
    assert.deepEqual(seen, [], 'the redirect target never received a request');
  } finally {
    await target.stop();
  }
});

test('a body that stops flowing is given up after the idle limit, as a timeout, and its connection is closed', async () => {
  const stalled = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write('{"code":200,"data":[');
    // …and nothing more: the connection stays open until the client gives up.
  });
  try {
    const c = new Chat4Client({ server: '0032', baseUrl: stalled.url, timeouts: { idleMs: 300 } });
    const error = await c.fetchWindow({ token: TOKEN, ...day }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.kind, 'network');
    assert.equal(error.timedOut, true);
    assert.match(error.message, /stopped sending its answer/);
    await stalled.allClosed();
  } finally {
    await stalled.stop();
  }
});

test('a body that trickles is given up at the cap computed from its size', async () => {
  let timer: NodeJS.Timeout | undefined;
  const slow = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    timer = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(timer));
  });
  try {
    // Cap: 3 s idle allowance + 1000 bytes at 1 MB/s; the trickle would need 20 s.
    const c = new Chat4Client({ server: '0032', baseUrl: slow.url, timeouts: { idleMs: 3_000, minBytesPerSecond: 1_000_000 } });
    const error = await c.fetchWindow({ token: TOKEN, ...day }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.timedOut, true);
    assert.match(error.message, /did not finish sending its answer within 3 s/);
    await slow.allClosed();
  } finally {
    clearInterval(timer);
    await slow.stop();
  }
});

test('a cancelled call is cancelled, not a timeout, and closes its connection', async () => {
  let arrived!: () => void;
  const request = new Promise<void>((resolve) => (arrived = resolve));
  const hanging = await loopback(() => arrived());
  try {
    const controller = new AbortController();
    const pending = new Chat4Client({ server: '0032', baseUrl: hanging.url }).fetchWindow({ token: TOKEN, ...day, signal: controller.signal });
    await request;
    controller.abort();
    assert.equal(await kindOf(pending), 'cancelled');
    await hanging.allClosed();
  } finally {
    await hanging.stop();
  }
});

test('addresses the token may not go to are refused when the client is built, before any request', () => {
  for (const baseUrl of ['https://example.com', 'http://wv0032.wolkvox.com', 'https://wv0032.wolkvox.com@evil.com', 'http://192.168.1.20:8080']) {
    assert.throws(() => new Chat4Client({ server: '0032', baseUrl }), (e: Error & { kind?: string }) => e.kind === 'bad-input', baseUrl);
  }
});
