/**
 * The script the harness adds to every document of a window (before the page's own scripts), standing in
 * for what contextBridge does in Electron: it defines window[apiKey] with the same keys the preload exposed,
 * frozen, each function forwarding to the preload running in Node. Only in the top frame (Electron runs the
 * preload in the main frame only: nodeIntegrationInSubFrames is false).
 *
 * A call crosses synchronously, as through contextBridge: a synchronous XMLHttpRequest to a path only the
 * harness answers (same origin, so the page's CSP allows it) runs the preload's function and answers at once
 * with its value, its thrown error, a reference to the function it returned, or a reference to the promise it
 * returned. Promise settlements and calls of page functions the preload holds (event listeners) come back in
 * order through a long poll on a Playwright binding. Arguments cross as JSON (the contract's are JSON).
 */
export type ExposePlan = Record<string, { kind: 'function' } | { kind: 'value'; value: unknown } | { kind: 'object'; members: Record<string, 'function' | 'value'>; values: Record<string, unknown> }>;

export const BRIDGE_PATH = '/__wolkvox_harness_bridge__/';
/** For documents whose origin the harness does not serve (data:, about:); answered with CORS allowed. */
export const BRIDGE_FALLBACK_ORIGIN = 'http://bridge.harness.localhost';

interface Params {
  binding: string;
  secret: string;
  plan: ExposePlan;
  path: string;
  fallback: string;
}

export type Reply = { kind: 'value'; value: unknown } | { kind: 'function'; id: number } | { kind: 'promise'; id: number } | { kind: 'throw'; name: string; message: string };
export type Delivery = { type: 'callback'; id: number; args: unknown[] } | { type: 'settle'; id: number; ok: boolean; value?: unknown; message?: string };

/* eslint-disable @typescript-eslint/no-explicit-any -- this function runs in the page, written for any page */
function pageMain({ binding, secret, plan, path, fallback }: Params): void {
  if (window.top !== window) return;
  const w = window as any;
  const poll = w[binding] as ((msg: unknown) => Promise<any>) | undefined;
  if (typeof poll !== 'function') return;
  try {
    delete w[binding];
  } catch {
    // left in place: harmless
  }
  const doc = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const url = `${location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : fallback}${path}${secret}`;
  const Xhr = XMLHttpRequest;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const pageFns = new Map<number, (...a: unknown[]) => unknown>();
  const promises = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let next = 1;
  const marshal = (v: any): any => {
    if (typeof v === 'function') {
      pageFns.set(next, v);
      return { __harnessFn: next++ };
    }
    if (Array.isArray(v)) return v.map(marshal);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marshal(x)]));
    return v;
  };
  const send = (msg: object): any => {
    const xhr = new Xhr();
    xhr.open('POST', url, false);
    xhr.send(stringify({ ...msg, doc }));
    if (xhr.status !== 200) throw new Error(`harness bridge: HTTP ${xhr.status}`);
    return parse(xhr.responseText);
  };
  const unwrap = (r: any): any => {
    if (r.kind === 'throw') {
      const error = new Error(r.message);
      error.name = r.name;
      throw error;
    }
    if (r.kind === 'function') return (...args: unknown[]) => unwrap(send({ op: 'fn', id: r.id, args: marshal(args) }));
    if (r.kind === 'promise') return new Promise((resolve, reject) => promises.set(r.id, { resolve, reject }));
    return r.value;
  };
  const forward = (apiKey: string, path: string[]) => (...args: unknown[]) => unwrap(send({ op: 'call', apiKey, path, args: marshal(args) }));
  for (const [apiKey, spec] of Object.entries(plan)) {
    let value: unknown;
    if (spec.kind === 'function') value = forward(apiKey, []);
    else if (spec.kind === 'value') value = spec.value;
    else {
      const o: Record<string, unknown> = {};
      for (const [k, t] of Object.entries(spec.members)) o[k] = t === 'function' ? forward(apiKey, [k]) : spec.values[k];
      value = Object.freeze(o);
    }
    Object.defineProperty(window, apiKey, { value, enumerable: true, configurable: false, writable: false });
  }
  // window.open goes to the main process's window-open handler; denied windows give null, as in Electron.
  w.open = function open(target?: string | URL, frameName?: string, features?: string) {
    const href = target === undefined || target === '' ? 'about:blank' : new URL(String(target), location.href).href;
    void poll({ op: 'open', doc, url: href, frameName: frameName ?? '', features: features ?? '' });
    return null;
  };
  // Settlements and callbacks from the main process, in the order they happened there.
  void (async () => {
    for (;;) {
      const batch = (await poll({ op: 'poll', doc })) as Delivery[] | null;
      if (!batch) return;
      for (const d of batch) {
        if (d.type === 'settle') {
          const p = promises.get(d.id);
          promises.delete(d.id);
          if (d.ok) p?.resolve(d.value);
          else p?.reject(new Error(d.message));
          continue;
        }
        try {
          pageFns.get(d.id)?.(...d.args);
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    }
  })();
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function pageScript(params: Params): string {
  // tsx may wrap functions in esbuild's __name helper, which the page does not have.
  return `(() => { const __name = (target) => target; return (${pageMain.toString()}); })()(${JSON.stringify(params)});`;
}
