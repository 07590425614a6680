/**
 * The script the harness adds to every document of a window (before the page's own scripts), standing in
 * for what contextBridge does in Electron: it defines window[apiKey] with the same keys the preload exposed,
 * frozen, each function forwarding to the preload running in Node. Only in the top frame (Electron runs the
 * preload in the main frame only: nodeIntegrationInSubFrames is false). It keeps the binding it talks
 * through in a closure and deletes the global one.
 *
 * Known difference: a call crosses to Node and back asynchronously, so an exposed function returns a
 * "callable promise": awaiting it gives the preload's (awaited) result, calling it calls the function the
 * preload returned (an unsubscribe). A synchronous throw in the preload arrives as a rejection.
 */
export type ExposePlan = Record<string, { kind: 'function' } | { kind: 'value'; value: unknown } | { kind: 'object'; members: Record<string, 'function' | 'value'>; values: Record<string, unknown> }>;

interface Params {
  binding: string;
  plan: ExposePlan;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- this function runs in the page, written for any page */
function pageMain({ binding, plan }: Params): void {
  if (window.top !== window) return;
  const w = window as any;
  const send = w[binding] as ((msg: unknown) => Promise<any>) | undefined;
  if (typeof send !== 'function') return;
  try {
    delete w[binding];
  } catch {
    // left in place: harmless
  }
  const doc = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const pageFns = new Map<number, (...a: unknown[]) => unknown>();
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
  const unwrap = (r: any): any => {
    if (r.kind === 'throw') throw new Error(r.message);
    if (r.kind === 'function') return (...args: unknown[]) => callable(send({ op: 'fn', doc, id: r.id, args: marshal(args) }));
    return r.value;
  };
  const callable = (p: Promise<any>): any => {
    const settled = p.then(unwrap);
    const f: any = (...args: unknown[]) => settled.then((fn: any) => fn(...args));
    f.then = (a: any, b: any) => settled.then(a, b);
    f.catch = (b: any) => settled.catch(b);
    f.finally = (c: any) => settled.finally(c);
    return f;
  };
  const forward = (apiKey: string, path: string[]) => (...args: unknown[]) => callable(send({ op: 'call', doc, apiKey, path, args: marshal(args) }));
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
  w.open = function open(url?: string | URL, target?: string, features?: string) {
    const href = url === undefined || url === '' ? 'about:blank' : new URL(String(url), location.href).href;
    void send({ op: 'open', doc, url: href, frameName: target ?? '', features: features ?? '' });
    return null;
  };
  // Events and callbacks from the main process, in the order they were sent.
  void (async () => {
    for (;;) {
      const batch = (await send({ op: 'poll', doc })) as { id: number; args: unknown[] }[] | null;
      if (!batch) return;
      for (const c of batch) {
        try {
          pageFns.get(c.id)?.(...c.args);
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
