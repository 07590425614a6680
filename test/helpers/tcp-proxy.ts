/**
 * A TCP proxy between a client and a real server, for what a network does to a team cache: latency (each
 * chunk held `delayMs` in each direction, order kept) and failures (every open connection cut at once, new
 * ones refused while "offline"). Used by the PostgreSQL bench (20 ms each way) and by fault tests (the
 * connection dropped during a save). Loopback only.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Connections made through the proxy so far. */
  readonly connections: number;
  /** Cuts every open connection (both sides reset), as a dropped network does. */
  cutAll(): void;
  /** While offline, new connections are cut at once and open ones are cut; online restores service. */
  setOffline(offline: boolean): void;
  /**
   * While stalled, nothing is forwarded either way and nothing is closed: a network that dropped silently
   * (Wi-Fi lost, a VPN down). What arrives meanwhile is thrown away, as such a network loses it.
   */
  setStalled(stalled: boolean): void;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** Held in each direction, per chunk (default 0). */
  delayMs?: number;
}

export async function startTcpProxy(options: TcpProxyOptions): Promise<TcpProxy> {
  const { targetPort, targetHost = '127.0.0.1', delayMs = 0 } = options;
  const open = new Set<Socket>();
  let offline = false;
  let stalled = false;
  let made = 0;

  const relay = (from: Socket, to: Socket) => {
    // Chunks leave in arrival order, each `delayMs` after it came. One queue and one timer per direction:
    // a timer per chunk let two chunks due in the same millisecond leave swapped (Node orders timers of
    // different durations by due time only), which garbled a 4 MB answer.
    const queue: { chunk: Buffer; due: number }[] = [];
    let timer: NodeJS.Timeout | null = null;
    let ended = false;
    const flush = () => {
      timer = null;
      while (queue.length > 0 && queue[0]!.due <= Date.now()) {
        const { chunk } = queue.shift()!;
        if (!to.destroyed) to.write(chunk);
      }
      if (queue.length > 0) timer = setTimeout(flush, queue[0]!.due - Date.now());
      else if (ended) to.end();
    };
    from.on('data', (chunk: Buffer) => {
      if (stalled) return;
      if (delayMs <= 0) {
        to.write(chunk);
        return;
      }
      queue.push({ chunk, due: Date.now() + delayMs });
      timer ??= setTimeout(flush, delayMs);
    });
    from.on('end', () => {
      ended = true;
      if (queue.length === 0 && timer === null) to.end();
    });
  };

  const server: Server = createServer((client) => {
    made++;
    client.on('error', () => undefined);
    if (offline) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ port: targetPort, host: targetHost });
    for (const s of [client, upstream]) {
      open.add(s);
      s.setNoDelay(true);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no TCP port.');

  const cutAll = () => {
    for (const s of open) s.resetAndDestroy();
    open.clear();
  };
  return {
    port: address.port,
    get connections() {
      return made;
    },
    cutAll,
    setStalled(value) {
      stalled = value;
    },
    setOffline(value) {
      offline = value;
      if (value) cutAll();
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
