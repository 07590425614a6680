import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ApiError } from '../../src-main/core/wolkvox/api-error';
import { Chat4Client } from '../../src-main/core/wolkvox/client';
import { MAX_ANSWER_BYTES } from '../../src-main/core/wolkvox/transfer';

/**
 * Answers are bounded in bytes, not only in time: a body that never ends stops at MAX_ANSWER_BYTES, one
 * that sends more than it announced stops at its Content-Length, and one that announces more than the cap
 * is refused before its body is read. The servers are raw loopback sockets, so that they can lie about
 * their length in ways an HTTP library would not let them.
 */
const TOKEN = 'secret-token-for-bound-tests';
const day = { token: TOKEN, zone: 'America/Bogota', dateIni: '20260301000000', dateEnd: '20260301235959' };
const CHUNK = Buffer.alloc(1 << 20, 0x20); // 1 MiB of spaces: valid JSON whitespace, so only the size can fail.

interface RawServer {
  url: string;
  /** Bytes the server managed to write before the client closed the connection. */
  written: () => number;
  closed: () => Promise<void>;
  stop: () => Promise<void>;
}

/** A server that writes `head` and then `CHUNK`s as fast as the socket drains, until `limit` or forever. */
async function rawServer(head: string, limit = Infinity): Promise<RawServer> {
  let written = 0;
  let onClose!: () => void;
  const closed = new Promise<void>((resolve) => (onClose = resolve));
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => onClose());
    socket.once('data', () => {
      socket.write(head);
      const pump = () => {
        while (!socket.destroyed && written < limit) {
          const piece = limit - written < CHUNK.length ? CHUNK.subarray(0, limit - written) : CHUNK;
          written += piece.length;
          if (!socket.write(piece)) return void socket.once('drain', pump);
        }
        if (written >= limit) socket.end();
      };
      pump();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    closed: () => closed,
    stop: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

const headOf = (length?: number) =>
  `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${length === undefined ? 'connection: close\r\n' : `content-length: ${length}\r\n`}\r\n`;

async function failure(url: string): Promise<ApiError> {
  const error = await new Chat4Client({ server: '0032', baseUrl: url }).fetchWindow(day).then(() => null, (e: unknown) => e);
  assert.ok(error instanceof ApiError, `an ApiError, got ${String(error)}`);
  return error;
}

test('an endless body without a length stops at MAX_ANSWER_BYTES as an invalid answer that names the size', async () => {
  const endless = await rawServer(headOf());
  try {
    const error = await failure(endless.url);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /sent more than 256 MB/);
    assert.match(error.message, /at most 256 MB/);
    assert.ok(!error.message.includes(TOKEN));
    await endless.closed();
    // The server wrote what fitted in the socket buffers past the cap, not the endless rest.
    assert.ok(endless.written() < MAX_ANSWER_BYTES + 64 * CHUNK.length, `server wrote ${endless.written()} bytes`);
  } finally {
    await endless.stop();
  }
});

test('a body longer than its Content-Length stops at the announced size', async () => {
  const liar = await rawServer(headOf(3 * CHUNK.length));
  try {
    const error = await failure(liar.url);
    // Either our bound or the HTTP layer's own length check stops it; never is the extra accepted.
    assert.ok(['invalid-response', 'network'].includes(error.kind), error.message);
    await liar.closed();
    assert.ok(liar.written() < 200 * CHUNK.length, `server wrote ${liar.written()} bytes`);
  } finally {
    await liar.stop();
  }
});

test('an announced length above the cap is refused before the body is read', async () => {
  const big = await rawServer(headOf(300 * CHUNK.length));
  try {
    const error = await failure(big.url);
    assert.equal(error.kind, 'invalid-response');
    assert.match(error.message, /announced 300 MB; answers are at most 256 MB/);
    await big.closed();
    assert.ok(big.written() < 100 * CHUNK.length, `server wrote ${big.written()} bytes`);
  } finally {
    await big.stop();
  }
});

/**
 * The largest allowed answer, without a Content-Length (the worst case for the buffer), read in a child
 * process so that its peak memory is its own: under 600 MB.
 */
test('reading the largest allowed answer keeps the process under 600 MB', { skip: process.platform !== 'linux' && 'peak memory is read from /proc (Linux only)' }, async () => {
  for (const announced of [false, true]) {
    const largest = await rawServer(headOf(announced ? MAX_ANSWER_BYTES : undefined), MAX_ANSWER_BYTES);
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', new URL('./answer-bounds-child.ts', import.meta.url).pathname, largest.url], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 0, err);
      const { bytes, peakRssMb, baselineRssMb } = JSON.parse(out) as { bytes: number; peakRssMb: number; baselineRssMb: number };
      assert.equal(bytes, MAX_ANSWER_BYTES, 'the whole allowed answer was read');
      console.log(`largest answer (${announced ? 'with' : 'without'} Content-Length): peak RSS ${peakRssMb} MB (before the call: ${baselineRssMb} MB)`);
      assert.ok(peakRssMb < 600, `peak RSS ${peakRssMb} MB`);
    } finally {
      await largest.stop();
    }
  }
});
