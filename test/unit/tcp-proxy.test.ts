// The test proxy itself: it relays both ways in order, holds each chunk the asked time, cuts every connection
// at once, and refuses new ones while offline (the fault tests and the bench rely on each).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { startTcpProxy } from '../helpers/tcp-proxy';

async function echoServer() {
  const server = createServer((s) => {
    s.on('error', () => undefined);
    s.pipe(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Resolves at 'close' (events.once would reject on the reset's 'error', which is what is expected here). */
function closeOf(s: Socket): Promise<void> {
  return new Promise((resolve) => s.once('close', () => resolve()));
}

function readBytes(s: Socket, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let got = 0;
    s.on('data', (d: Buffer) => {
      parts.push(d);
      got += d.length;
      if (got >= n) resolve(Buffer.concat(parts));
    });
    s.once('close', () => reject(new Error(`closed after ${got} of ${n} bytes`)));
  });
}

test('relays both ways in order, each direction held the asked delay', async () => {
  const echo = await echoServer();
  const proxy = await startTcpProxy({ targetPort: echo.port, delayMs: 40 });
  try {
    const s = await connect(proxy.port);
    const sent = Buffer.from(Array.from({ length: 50 }, (_, i) => `chunk-${i};`).join(''));
    const started = Date.now();
    const answer = readBytes(s, sent.length);
    for (let i = 0; i < sent.length; i += 37) s.write(sent.subarray(i, i + 37));
    assert.equal((await answer).toString(), sent.toString());
    // Two crossings of 40 ms: the answer cannot arrive sooner (the lower bound is what the proxy promises).
    assert.ok(Date.now() - started >= 80, `the round trip took ${Date.now() - started} ms`);
    s.destroy();
  } finally {
    await proxy.close();
    echo.server.close();
  }
});

test('cutAll drops open connections; offline refuses new ones until online again', async () => {
  const echo = await echoServer();
  const proxy = await startTcpProxy({ targetPort: echo.port });
  try {
    const s = await connect(proxy.port);
    s.on('error', () => undefined);
    const closed = closeOf(s);
    proxy.cutAll();
    await closed;
    proxy.setOffline(true);
    const refused = createConnection({ port: proxy.port, host: '127.0.0.1' });
    refused.on('error', () => undefined);
    await closeOf(refused);
    proxy.setOffline(false);
    const again = await connect(proxy.port);
    const answer = readBytes(again, 4);
    again.write('ping');
    assert.equal((await answer).toString(), 'ping');
    again.destroy();
    assert.equal(proxy.connections, 3);
  } finally {
    await proxy.close();
    echo.server.close();
  }
});

test('a large answer sent in many small writes arrives byte for byte through a delayed proxy', async () => {
  // A server that answers 8 MB in 4 KB writes as soon as a client connects: the chunks reach the proxy
  // across many milliseconds, the case where per-chunk timers once let two of them swap.
  const total = 8 * 2 ** 20;
  const payload = Buffer.alloc(total);
  for (let i = 0; i < total; i += 4) payload.writeUInt32BE(i / 4, i);
  const server = createServer((s) => {
    s.on('error', () => undefined);
    // One write per turn of the event loop: the proxy sees thousands of chunks spread over milliseconds.
    let at = 0;
    const next = () => {
      if (at >= total || s.destroyed) return;
      s.write(payload.subarray(at, (at += 4096)));
      setImmediate(next);
    };
    next();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    for (const delayMs of [1, 2, 3]) {
      const proxy = await startTcpProxy({ targetPort: (server.address() as { port: number }).port, delayMs });
      try {
        const client = await connect(proxy.port);
        const got = await readBytes(client, total);
        client.destroy();
        assert.equal(got.length, total);
        assert.ok(got.equals(payload), `the bytes arrived in the order they were sent (${delayMs} ms)`);
      } finally {
        await proxy.close();
      }
    }
  } finally {
    server.close();
  }
});
