import type { BindingSource, Page } from 'playwright-core';
import { runPreload, type PreloadInstance, type RendererIpc } from './preload';
import { pageScript, type ExposePlan } from './page-script';
import { NotImplemented } from './strict';

/**
 * Node side of the contextBridge stand-in for one window: one preload instance per document of the top
 * frame (created when that document first speaks), calls from the page forwarded to what the preload
 * exposed, functions crossing either way as references, and main-to-page callbacks delivered in order
 * through a long poll the page keeps open.
 */
interface Doc {
  preload: PreloadInstance;
  nodeFns: Map<number, (...a: unknown[]) => unknown>;
  nextFn: number;
  queue: { id: number; args: unknown[] }[];
  wake: ((batch: { id: number; args: unknown[] }[] | null) => void) | null;
}

type Message =
  | { op: 'poll'; doc: string }
  | { op: 'call'; doc: string; apiKey: string; path: string[]; args: unknown[] }
  | { op: 'fn'; doc: string; id: number; args: unknown[] }
  | { op: 'open'; doc: string; url: string; frameName: string; features: string };

type Reply = { kind: 'value'; value: unknown } | { kind: 'function'; id: number } | { kind: 'throw'; message: string };

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
  private readonly binding = `__wolkvoxHarness${Math.random().toString(36).slice(2)}`;

  constructor(private readonly host: BridgeHost) {}

  async install(page: Page): Promise<void> {
    // A first run learns the keys the preload exposes, so each document can have them before its scripts run.
    const probe = runPreload(this.host.preloadPath, { invoke: () => Promise.reject(new Error('probe')) });
    const plan = exposePlan(probe.exposed);
    await page.exposeBinding(this.binding, (source: BindingSource, msg: Message) => this.handle(page, source, msg));
    await page.addInitScript(pageScript({ binding: this.binding, plan }));
  }

  /** webContents.send: to the current document's ipcRenderer listeners. */
  deliver(channel: string, args: unknown[]): void {
    const doc = this.current ? this.docs.get(this.current) : undefined;
    doc?.preload.deliver(channel, args);
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
    const doc: Doc = { preload: runPreload(this.host.preloadPath, this.host.ipc), nodeFns: new Map(), nextFn: 1, queue: [], wake: null };
    this.docs.set(id, doc);
    this.current = id;
    return doc;
  }

  private async handle(page: Page, source: BindingSource, msg: Message): Promise<unknown> {
    if (source.frame !== page.mainFrame()) return { kind: 'throw', message: 'not the top frame' };
    const doc = this.docFor(msg.doc);
    if (!doc) return msg.op === 'poll' ? null : { kind: 'throw', message: 'document gone' };
    try {
      switch (msg.op) {
        case 'poll':
          if (doc.queue.length) return doc.queue.splice(0);
          return await new Promise((resolve) => (doc.wake = resolve));
        case 'call': {
          const api = doc.preload.exposed.get(msg.apiKey) as Record<string, unknown> | ((...a: unknown[]) => unknown);
          const fn = (msg.path.length ? (api as Record<string, unknown>)[msg.path[0]!] : api) as (...a: unknown[]) => unknown;
          return await this.reply(doc, () => fn.apply(msg.path.length ? api : undefined, this.unmarshal(doc, msg.args) as unknown[]));
        }
        case 'fn': {
          const fn = doc.nodeFns.get(msg.id);
          if (!fn) return { kind: 'throw', message: 'unknown function' };
          return await this.reply(doc, () => fn(...(this.unmarshal(doc, msg.args) as unknown[])));
        }
        case 'open':
          this.host.openWindow(msg);
          return { kind: 'value', value: null };
      }
    } catch (error) {
      this.host.onError(error);
      return { kind: 'throw', message: String(error) };
    }
  }

  private async reply(doc: Doc, run: () => unknown): Promise<Reply> {
    let value: unknown;
    try {
      value = run();
      if (value && typeof (value as PromiseLike<unknown>).then === 'function') value = await value;
    } catch (error) {
      return { kind: 'throw', message: error instanceof Error ? error.message : String(error) };
    }
    if (typeof value === 'function') {
      const id = doc.nextFn++;
      doc.nodeFns.set(id, value as (...a: unknown[]) => unknown);
      return { kind: 'function', id };
    }
    try {
      return { kind: 'value', value: structuredClone(value) };
    } catch {
      throw new NotImplemented('contextBridge: a function nested inside a returned value');
    }
  }

  /** Page function references become functions that call back into the page, in order. */
  private unmarshal(doc: Doc, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.unmarshal(doc, v));
    if (value && typeof value === 'object') {
      const ref = (value as { __harnessFn?: number }).__harnessFn;
      if (typeof ref === 'number') {
        return (...args: unknown[]) => {
          doc.queue.push({ id: ref, args: structuredClone(args) });
          const wake = doc.wake;
          doc.wake = null;
          wake?.(doc.queue.splice(0));
        };
      }
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.unmarshal(doc, v)]));
    }
    return value;
  }
}
