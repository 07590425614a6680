import type { Channel, EventName, Result, WolkvoxApi } from '../../src-main/core/api/contract';

/**
 * The contract over the browser host's loopback HTTP: calls are `POST /api/call/<channel>`, events one
 * Server-Sent Events stream read with fetch (EventSource cannot send the access key header).
 */
export const KEY_HEADER = 'x-wolkvox-key';

type Listener = (payload: unknown) => void;

const unreachable = (detail: string): Result<never> => ({
  ok: false,
  error: { kind: 'network', message: `The app's local service is not answering (${detail}).` },
});

/**
 * Aggregates over the whole cache (hundreds of ms on a million rows, and asked again at each commit of
 * a sync). Chromium opens at most 6 connections to the host and the event stream holds one, so these
 * get two at a time and the grid's pages always find a free connection; the same question already
 * waiting is asked once.
 */
const AGGREGATES: ReadonlySet<Channel> = new Set<Channel>(['facets/get', 'interactions/count', 'reviews/progress']);
const AGGREGATES_AT_ONCE = 2;

export function createHttpApi(key: string, base = ''): WolkvoxApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let streaming = false;
  let aggregatesRunning = 0;
  const waiting: { id: string; run: () => void; result: Promise<Result<never>> }[] = [];

  function call(channel: Channel, args: unknown): Promise<Result<never>> {
    if (!AGGREGATES.has(channel)) return send(channel, args);
    const id = `${channel} ${JSON.stringify(args ?? {})}`;
    const same = waiting.find((w) => w.id === id);
    if (same) return same.result;
    if (aggregatesRunning < AGGREGATES_AT_ONCE) return runAggregate(channel, args);
    let run!: () => void;
    const result = new Promise<Result<never>>((resolve) => (run = () => resolve(runAggregate(channel, args))));
    waiting.push({ id, run, result });
    return result;
  }

  async function runAggregate(channel: Channel, args: unknown): Promise<Result<never>> {
    aggregatesRunning += 1;
    try {
      return await send(channel, args);
    } finally {
      aggregatesRunning -= 1;
      waiting.shift()?.run();
    }
  }

  async function send(channel: Channel, args: unknown): Promise<Result<never>> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/call/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [KEY_HEADER]: key },
        body: JSON.stringify(args ?? {}),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return unreachable('no connection');
    }
    try {
      const body = (await res.json()) as Result<never>;
      if (body && typeof body === 'object' && 'ok' in body) return body;
    } catch {
      // fall through
    }
    return unreachable(`HTTP ${res.status}`);
  }

  function dispatch(block: string): void {
    let event = '';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!event || data.length === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    for (const listener of listeners.get(event as EventName) ?? []) listener(payload);
  }

  async function stream(): Promise<void> {
    let delay = 500;
    while (streaming) {
      try {
        const res = await fetch(`${base}/api/events`, { headers: { [KEY_HEADER]: key }, credentials: 'omit', cache: 'no-store' });
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        delay = 500;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        }
      } catch {
        // The host restarted or the page is going away: try again, more slowly each time.
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
  }

  return {
    call: call as WolkvoxApi['call'],
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as Listener);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => {
        set.delete(listener as Listener);
      };
    },
  };
}
