import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZoneConverter } from '../core/time/zone';
import { INFO_PATH, REPORT_PATH, serveApi, type ApiContext } from './api-handler';
import { CONTROL_PREFIX, handleControl, type ControlTarget } from './control';
import { resolveDataset, type DatasetOptions } from './dataset';
import { mixSeed, mulberry32 } from './prng';
import { RecordSource } from './record-source';
import { notFoundPage, writeReply } from './responses';
import { SimState, type SimFaults, type SimStats } from './sim-state';

/**
 * A local stand-in for the Wolkvox chat_4 service (shared/chat4-api.md) over real HTTP, for tests,
 * benchmarks and the demo mode. Everything it knows lives in the object it returns: two simulators in
 * one process share nothing.
 *
 * Choices where the contract is silent, so clients can be tested against a fixed behaviour:
 * - Check order: token present (401), token valid (403), quota left (403), one unit charged, requests
 *   in flight on the token (403), injected fault, then the report's parameters (400) and data (404/200).
 *   Calls with a missing or unknown token cost nothing; a call refused for quota costs nothing more.
 * - Every charged call counts, whatever it answers: 400s, 404s, faults, the concurrency 403, token_info.
 * - Faults (failNext, failRate) are consumed only by requests that got past the checks above.
 *   latencyMs + hangMs delay every API answer while the request counts as in flight; `hold` keeps it
 *   in flight after that until faults without `hold` are set.
 * - At the row cap the answer keeps the earliest rows (or a random subset with order 'shuffled') and
 *   its msg counts the rows sent ("60000 records were found"): nothing reveals the cut.
 * - `code` as "200" and `data` as a lone object are decided per (seed, date_ini, date_end).
 * - Control endpoints (loopback only): GET /__sim/stats, POST /__sim/faults (SimFaults JSON),
 *   POST /__sim/reset-stats, POST /__sim/now ({"nowMs": n} freezes the clock, {"advanceMs": n} shifts it).
 */
export type { SimFaults, SimStats, SimCall } from './sim-state';
export type { DatasetOptions } from './dataset';

export interface SimOptions {
  /** 0 = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: number;
  /** Valid tokens; default ['demo-token']. */
  tokens?: string[];
  /** Daily quota shared by all tokens; default 1000. */
  quotaPerDay?: number;
  /** Default 1: beyond that the 403 concurrency error. */
  maxInFlightPerToken?: number;
  /** Default 'America/Bogota'. */
  zone?: string;
  /** Simulated clock, UTC ms; default Date.now. */
  now?: () => number;
  dataset?: DatasetOptions;
  /** Default ascending by date_creation (like an SQL ORDER BY); 'shuffled' is the worst case. */
  order?: 'ascending' | 'shuffled';
  faults?: SimFaults;
  /** Default 60,000: answers are cut there silently. */
  rowCap?: number;
}

export interface Simulator {
  /** Base URL like http://127.0.0.1:PORT. */
  url: string;
  stats(): SimStats;
  resetStats(): void;
  setFaults(f: SimFaults): void;
  setNow(fn: () => number): void;
  stop(): Promise<void>;
}

/** True once the client went away (or the answer is already out): nothing more to write. */
function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded || !res.socket || res.socket.destroyed;
}

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const zone = new ZoneConverter(opts.zone ?? 'America/Bogota');
  const seed = (opts.seed ?? 1) >>> 0;
  const now = opts.now ?? Date.now;
  const state = new SimState(opts.quotaPerDay ?? 1000, zone, now, mulberry32(mixSeed(seed, 0xfa17)));
  if (opts.faults) state.setFaults(opts.faults);

  // Pending waits, so stop() can end them instead of leaving timers to hold the process open.
  const pendingWaits = new Set<() => void>();
  const wait = (ms: number, res: ServerResponse): Promise<boolean> => {
    if (isGone(res)) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (open: boolean) => {
        clearTimeout(timer);
        res.off('close', onClose);
        pendingWaits.delete(cancel);
        resolve(open);
      };
      const timer = setTimeout(() => finish(!isGone(res)), ms);
      const onClose = () => finish(false);
      const cancel = () => finish(false);
      res.once('close', onClose);
      pendingWaits.add(cancel);
    });
  };

  // An answer held by the `hold` fault waits for its release, unless its client leaves or the simulator stops.
  const hold = (res: ServerResponse): Promise<boolean> => {
    const gate = state.held();
    if (!gate || isGone(res)) return Promise.resolve(!isGone(res));
    return new Promise((resolve) => {
      const finish = (open: boolean) => {
        res.off('close', onClose);
        pendingWaits.delete(cancel);
        resolve(open);
      };
      const onClose = () => finish(false);
      const cancel = () => finish(false);
      res.once('close', onClose);
      pendingWaits.add(cancel);
      void gate.then(() => finish(!isGone(res)));
    });
  };

  const ctx: ApiContext = {
    state,
    source: new RecordSource(seed, zone.zone, resolveDataset(opts.dataset, now(), zone.zone)),
    zone,
    seed,
    tokens: new Set(opts.tokens ?? ['demo-token']),
    maxInFlightPerToken: opts.maxInFlightPerToken ?? 1,
    rowCap: opts.rowCap ?? 60_000,
    order: opts.order ?? 'ascending',
    wait,
    hold,
  };
  const control: ControlTarget = {
    stats: () => state.stats(),
    resetStats: () => state.resetStats(),
    setFaults: (f) => state.setFaults(f),
    setNow: (fn) => state.setNow(fn),
    clock: () => state.clock(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) return writeReply(res, await handleControl(control, req, url));
    if (url.pathname === REPORT_PATH || url.pathname === INFO_PATH) return serveApi(ctx, req, res, url);
    state.countRequest();
    state.recordOutcome('not-found');
    writeReply(res, notFoundPage());
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the simulator must show up as a 500 in the test that hit it, not crash the test process.
      console.error('simulator error:', error);
      if (!res.headersSent) writeReply(res, { status: 500, contentType: 'text/plain', body: 'simulator error', rows: 0, outcome: 'bug' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    stats: control.stats,
    resetStats: control.resetStats,
    setFaults: control.setFaults,
    setNow: control.setNow,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const cancel of [...pendingWaits]) cancel();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
