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
    // Chunks leave in arrival order, each `delayMs` after it came: a later chunk never overtakes an earlier one.
    let lastDue = 0;
    from.on('data', (chunk) => {
      if (stalled) return;
      if (delayMs <= 0) {
        to.write(chunk);
        return;
      }
      const due = Math.max(Date.now() + delayMs, lastDue);
      lastDue = due;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, due - Date.now());
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, lastDue - Date.now())));
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
