import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Module from 'node:module';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { runInThisContext } from 'node:vm';
import { missing, strict } from './strict';

/**
 * Runs the real built preload (CommonJS) once per document, as Electron runs a sandboxed preload: its
 * `require` knows only 'electron' (contextBridge, ipcRenderer), 'events', 'timers' and 'url'; anything
 * else fails as in a sandboxed renderer. It runs in this Node process, not in an isolated world of the page:
 * what it exposes is carried into the page by the bridge (page-bridge.ts).
 */
export interface RendererIpc {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
}

export interface PreloadInstance {
  /** apiKey -> the value the preload passed to contextBridge.exposeInMainWorld. */
  exposed: Map<string, unknown>;
  /** webContents.send delivering to this document's ipcRenderer listeners. */
  deliver(channel: string, args: unknown[]): void;
}

export function runPreload(path: string, ipc: RendererIpc): PreloadInstance {
  const exposed = new Map<string, unknown>();
  const emitter = new EventEmitter();
  const ipcRenderer = strict('ipcRenderer', {
    invoke: (channel: string, ...args: unknown[]) => ipc.invoke(String(channel), args),
    on(channel: string, listener: (...a: unknown[]) => void) {
      emitter.on(channel, listener);
      return ipcRenderer;
    },
    once(channel: string, listener: (...a: unknown[]) => void) {
      emitter.once(channel, listener);
      return ipcRenderer;
    },
    off(channel: string, listener: (...a: unknown[]) => void) {
      emitter.off(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (...a: unknown[]) => void) {
      emitter.off(channel, listener);
      return ipcRenderer;
    },
    removeAllListeners(channel?: string) {
      emitter.removeAllListeners(channel);
      return ipcRenderer;
    },
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(apiKey: string, api: unknown) {
      if (exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      exposed.set(apiKey, api);
    },
  });
  const electron = strict('electron (renderer)', { contextBridge, ipcRenderer, webFrame: missing('webFrame'), webUtils: missing('webUtils'), crashReporter: missing('crashReporter'), nativeImage: missing('nativeImage') });
  const allowed: Record<string, unknown> = { electron, events: EventEmitter, timers, url };
  const sandboxedRequire = (name: string) => {
    if (name in allowed) return allowed[name];
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} as unknown };
  const wrapped = runInThisContext(Module.wrap(readFileSync(path, 'utf8')), { filename: path }) as (...a: unknown[]) => void;
  wrapped.call(module.exports, module.exports, sandboxedRequire, module, path, dirname(path));
  return {
    exposed,
    deliver(channel, args) {
      const event = { sender: ipcRenderer, senderId: 0, ports: [] };
      emitter.emit(channel, event, ...structuredClone(args));
    },
  };
}
