import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDispatch } from '../bridge/dispatch';
import type { AppService } from '../core/service/types';
import { EventStreams } from './event-stream';
import { RequestGuard, type Refusal } from './guard';
import { COMMON_HEADERS } from './headers';
import { readStatic } from './static-files';

export { KEY_HEADER } from './guard';

export interface WebHostOptions {
  service: AppService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** A fixed key (tests); default 32 random bytes per launch. */
  key?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  /** The exact URL to open: http://127.0.0.1:PORT/#key=KEY (the fragment never reaches a server). */
  url: string;
  /** http://127.0.0.1:PORT, without the key. */
  origin: string;
  key: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const CALL_PREFIX = '/api/call/';

/**
 * The application service over loopback HTTP, for a browser and for the end-to-end tests: the built UI,
 * `POST /api/call/<channel>` (JSON arguments in, a Result out) and `GET /api/events` (Server-Sent Events).
 * Bound to 127.0.0.1 only; see guard.ts for who may call it.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const key = options.key ?? randomBytes(32).toString('base64url');
  const dispatch = createDispatch(options.service.handlers, options.log);
  const streams = new EventStreams();
  const unsubscribe = options.service.subscribe((event, payload) => streams.send(event, payload));
  let guard: RequestGuard | null = null;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!guard) return refuse(res, { status: 503, reason: 'Starting.' });
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      const refusal = guard.checkApi(req);
      if (refusal) return refuse(res, refusal);
      if (path === '/api/events' && req.method === 'GET') return streams.open(res);
      if (path.startsWith(CALL_PREFIX) && req.method === 'POST') return call(req, res, path.slice(CALL_PREFIX.length));
      return refuse(res, { status: 404, reason: 'No such API.' });
    }
    const refusal = guard.checkSite(req);
    if (refusal) return refuse(res, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, { status: 405, reason: 'Method not allowed.' });
    const file = await readStatic(options.rendererDir, path);
    if (!file) return refuse(res, { status: 404, reason: 'Not found.' });
    res.writeHead(200, {
      ...COMMON_HEADERS,
      'content-type': file.contentType,
      'content-length': file.body.length,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const call = async (req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> => {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, { status: 415, reason: 'JSON only.' });
    const text = await readBody(req);
    if (text === null) return refuse(res, { status: 413, reason: 'Request too large.' });
    let args: unknown;
    try {
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, { ok: false, error: { kind: 'bad-input', message: 'The request body is not valid JSON.' } });
    }
    let name = channel;
    try {
      name = decodeURIComponent(channel);
    } catch {
      // Left as sent: dispatch refuses it as an unknown operation.
    }
    sendJson(res, 200, await dispatch(name, args));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`web host error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { kind: 'server', message: 'The app could not answer this request.' } });
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 0; // event streams stay open
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  guard = new RequestGuard(port, key);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#key=${key}`,
    origin,
    key,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        streams.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  const body = JSON.stringify({ ok: false, error: { kind: 'bad-input', message: refusal.reason } });
  res.writeHead(refusal.status, { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
