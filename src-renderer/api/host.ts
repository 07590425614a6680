import type { WolkvoxApi } from '../../src-main/core/api/contract';
import { createHttpApi } from './http-client';

declare global {
  interface Window {
    /** Present only in the Electron app, exposed by the preload through contextBridge. */
    wolkvox?: WolkvoxApi;
  }
}

const KEY_STORAGE = 'wolkvox.hostKey';

/**
 * The browser host prints a URL whose fragment holds its per-launch access key. The key moves to this
 * tab's session storage and out of the address bar (so it is not shared with a screenshot or a bookmark);
 * a reload of the tab still finds it.
 */
function browserHostKey(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('key');
  if (fromHash) {
    sessionStorage.setItem(KEY_STORAGE, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

/** The one place the renderer learns which host it runs in; nothing else differs. */
export function connectApi(): { api: WolkvoxApi; host: 'electron' | 'browser' } {
  if (window.wolkvox) return { api: window.wolkvox, host: 'electron' };
  return { api: createHttpApi(browserHostKey()), host: 'browser' };
}
