import { randomBytes } from 'node:crypto';
import type { Frame, Page } from 'playwright-core';
import { runPreload, type PreloadInstance, type RendererIpc } from './preload';
import { BRIDGE_FALLBACK_ORIGIN, BRIDGE_PATH, pageScript, type Delivery, type ExposePlan, type Reply } from './page-script';
import { NotImplemented } from './strict';

/**
 * Node side of the contextBridge stand-in for one window: one preload instance per document of the top
 * frame (created when that document first speaks, as Electron runs the preload for each new document),
 * synchronous calls from the page (page-script.ts) run against what that instance exposed, functions and
 * promises cross as references, and settlements and callbacks go back in order through the page's poll.
 */
interface Doc {
  preload: PreloadInstance;
  nodeFns: Map<number, (...a: unknown[]) => unknown>;
  nextRef: number;
  queue: Delivery[];
  wake: ((batch: Delivery[] | null) => void) | null;
}

type SyncMessage = { op: 'call'; doc: string; apiKey: string; path: string[]; args: unknown[] } | { op: 'fn'; doc: string; id: number; args: unknown[] };
type PollMessage = { op: 'poll'; doc: string } | { op: 'open'; doc: string; url: string; frameName: string; features: string };

export interface BridgeHost {
  preloadPath: string;
  ipc: RendererIpc;
  openWindow(details: { url: string; frameName: string; features: string }): void;
  onError(error: unknown): void;
}

export function exposePlan(exposed: Map<string, unknown>): ExposePlan {
  const plan: ExposePlan = {};
  for (const [key, api] of exposed) {
    if (typeof api === 'function') plan[key] = { kind: 'function' };
    else if (api && typeof api === 'object') {
      const members: Record<string, 'function' | 'value'> = {};
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(api)) {
        members[k] = typeof v === 'function' ? 'function' : 'value';
        if (typeof v !== 'function') values[k] = structuredClone(v);
      }
      plan[key] = { kind: 'object', members, values };
    } else plan[key] = { kind: 'value', value: api };
  }
  return plan;
}

export class PageBridge {
  private readonly docs = new Map<string, Doc>();
  private readonly retired = new Set<string>();
  private current: string | null = null;
  private readonly binding = `__wolkvoxHarness${randomBytes(6).toString('hex')}`;
  private readonly secret = randomBytes(12).toString('hex');

  constructor(private readonly host: BridgeHost) {}

  async install(page: Page): Promise<void> {
    // A first run learns the keys the preload exposes, so each document can have them before its scripts run.
    const probe = runPreload(this.host.preloadPath, { invoke: () => Promise.reject(new Error('probe')) });
    const plan = exposePlan(probe.exposed);
    await page.exposeBinding(this.binding, (source: { frame: Frame }, msg: PollMessage) => this.handlePoll(source.frame === page.mainFrame(), msg));
    await page.addInitScript(pageScript({ binding: this.binding, secret: this.secret, plan, path: BRIDGE_PATH, fallback: BRIDGE_FALLBACK_ORIGIN }));
  }

  /** True for the synchronous calls of page-script.ts (answered by handleSync, never by the app's protocol). */
  isBridgeRequest(url: string): boolean {
    try {
      return new URL(url).pathname === `${BRIDGE_PATH}${this.secret}`;
    } catch {
      return false;
    }
  }

  /** webContents.send: to the current document's ipcRenderer listeners. */
  deliver(channel: string, args: unknown[]): void {
    const doc = this.current ? this.docs.get(this.current) : undefined;
    doc?.preload.deliver(channel, args);
  }

  handleSync(fromTopFrame: boolean, body: string): Reply {
    const msg = JSON.parse(body) as SyncMessage;
    const doc = fromTopFrame ? this.docFor(msg.doc) : null;
    if (!doc) return { kind: 'throw', name: 'Error', message: 'harness bridge: not the current top-frame document' };
    const run = (): unknown => {
      if (msg.op === 'fn') {
        const fn = doc.nodeFns.get(msg.id);
        if (!fn) throw new Error('harness bridge: unknown function reference');
        return fn(...(this.unmarshal(doc, msg.args) as unknown[]));
      }
      const api = doc.preload.exposed.get(msg.apiKey) as Record<string, unknown>;
      const fn = (msg.path.length ? api[msg.path[0]!] : api) as (...a: unknown[]) => unknown;
      return fn.apply(msg.path.length ? api : undefined, this.unmarshal(doc, msg.args) as unknown[]);
    };
    let value: unknown;
    try {
      value = run();
    } catch (error) {
      return { kind: 'throw', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
    }
    if (typeof value === 'function') {
      const id = doc.nextRef++;
      doc.nodeFns.set(id, value as (...a: unknown[]) => unknown);
      return { kind: 'function', id };
    }
    if (value instanceof Promise) {
      const id = doc.nextRef++;
      value.then(
        (v) => this.push(doc, { type: 'settle', id, ok: true, value: this.copy(v) }),
        (e: unknown) => this.push(doc, { type: 'settle', id, ok: false, message: e instanceof Error ? e.message : String(e) }),
      );
      return { kind: 'promise', id };
    }
    return { kind: 'value', value: this.copy(value) };
  }

  private copy(value: unknown): unknown {
    try {
      return structuredClone(value);
    } catch (error) {
      this.host.onError(error);
      throw new NotImplemented('contextBridge: a function nested inside a value');
    }
  }

  private docFor(id: string): Doc | null {
    const known = this.docs.get(id);
    if (known) return known;
    if (this.retired.has(id)) return null;
    // A new document replaced the old one: its preload and callbacks are gone, as in Electron.
    for (const [oldId, old] of this.docs) {
      old.wake?.(null);
      this.retired.add(oldId);
    }
    this.docs.clear();
    const doc: Doc = { preload: runPreload(this.host.preloadPath, this.host.ipc), nodeFns: new Map(), nextRef: 1, queue: [], wake: null };
    this.docs.set(id, doc);
    this.current = id;
    return doc;
  }

  private async handlePoll(fromTopFrame: boolean, msg: PollMessage): Promise<Delivery[] | null> {
    const doc = fromTopFrame ? this.docFor(msg.doc) : null;
    if (!doc) return null;
    if (msg.op === 'open') {
      try {
        this.host.openWindow(msg);
      } catch (error) {
        this.host.onError(error);
      }
      return null;
    }
    if (doc.queue.length) return doc.queue.splice(0);
    return new Promise((resolve) => (doc.wake = resolve));
  }

  private push(doc: Doc, delivery: Delivery): void {
    doc.queue.push(delivery);
    const wake = doc.wake;
    doc.wake = null;
    wake?.(doc.queue.splice(0));
  }

  /** Page function references become functions that call back into the page, in order. */
  private unmarshal(doc: Doc, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.unmarshal(doc, v));
    if (value && typeof value === 'object') {
      const ref = (value as { __harnessFn?: number }).__harnessFn;
      if (typeof ref === 'number') return (...args: unknown[]) => this.push(doc, { type: 'callback', id: ref, args: this.copy(args) as unknown[] });
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.unmarshal(doc, v)]));
    }
    return value;
  }
}
