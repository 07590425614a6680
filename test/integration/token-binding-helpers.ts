import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

/** The canary: a token that must never reach a listener other than the simulator it was given for. */
export const CANARY = 'canary-token-6e1f0c9a52';

export interface Listener {
  url: string;
  host: string;
  /** Every request received: its path and headers. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Every TCP connection accepted, request or not. */
  connections: () => number;
  /** True when any request carried the canary, in any header or in the path. */
  sawCanary: () => boolean;
  stop(): Promise<void>;
}

/** A real HTTP listener that records everything it receives; `answer` decides the reply (default: 200 {}). */
export async function listener(address = '127.0.0.1', answer?: RequestListener): Promise<Listener> {
  const requests: Listener['requests'] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    if (answer) return answer(req, res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"code":200,"data":[]}');
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
  return {
    url: `http://${host}`,
    host,
    requests,
    connections: () => connections,
    sawCanary: () => requests.some((r) => r.path.includes(CANARY) || JSON.stringify(r.headers).includes(CANARY)),
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** A loopback server that answers every request with a redirect to `location`. */
export function redirector(status: number, location: string): Promise<Listener> {
  return listener('127.0.0.1', (_req, res) => {
    res.writeHead(status, { location, 'content-type': 'text/html' });
    res.end(`<a href="${location}">moved</a>`);
  });
}

/** This machine's first non-loopback IPv4 address (its LAN address), if it has one. */
export function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return null;
}
