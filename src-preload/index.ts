import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ArgsOf, Channel, EventName, EventOf, Result, ResultOf, WolkvoxApi } from '../src-main/core/api/contract';

/**
 * The sandboxed preload: exposes two named functions, `call` and `on`, on window.wolkvox, and nothing raw
 * (no ipcRenderer, no channel of the renderer's choosing). It imports only types from the contract, so it
 * stays one small bundle with no module loading, as a sandboxed preload must; the main process validates.
 * Channel names must match src-main/ipc.ts.
 */
const CALL_CHANNEL = 'wolkvox:call';
const EVENT_CHANNEL = 'wolkvox:event';

const EVENT_NAMES = ['sync/progress', 'sync/finished', 'export/progress', 'export/finished', 'data/changed', 'search/index', 'team/status', 'offline/status'] as const satisfies readonly EventName[];
// Fails to compile when the contract gains an event this list lacks.
const everyEvent: Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : false = true;
void everyEvent;

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

const api = {
  call<C extends Channel>(channel: C, args: ArgsOf<C>): Promise<Result<ResultOf<C>>> {
    return ipcRenderer.invoke(CALL_CHANNEL, String(channel), args) as Promise<Result<ResultOf<C>>>;
  },
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
    if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') throw new TypeError('Unknown event');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const wrapped: Listener = (payload) => listener(payload as EventOf<E>);
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  },
} satisfies WolkvoxApi;

contextBridge.exposeInMainWorld('wolkvox', api);
