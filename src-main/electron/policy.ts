import { CONTENT_SECURITY_POLICY } from '../web-host/headers';
import { externalBrowserUrl, isDevServerUrl } from './urls';

/**
 * Every yes/no the main process answers for the window and its session, as plain functions over the
 * values Electron hands to its handlers. window.ts only wires them to the events.
 */

/** No page of this app navigates: the UI is one page, links go through the confirmation and the system browser. */
export function mayNavigate(_url: string): boolean {
  return false;
}

/**
 * A request for a new window (window.open, a link with a target, a middle click) never opens one. An http(s)
 * URL becomes a request to open it in the system browser, which the main process confirms with the user first.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalBrowserUrl(url) };
}

/** Camera, notifications, clipboard reads, USB, HID, serial…: the app needs none of them. */
export function mayGrantPermission(_permission: string): boolean {
  return false;
}

/** Only these schemes are checked by the session's request filter: the rest are the app's own or Chromium's. */
export const WEB_REQUEST_URLS: readonly string[] = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * The renderer has no business on the network (the service in the main process talks to Wolkvox): every
 * web request is cancelled, except the dev server's page, modules and hot-reload socket in `electron-vite dev`.
 */
export function shouldCancelRequest(url: string, devServerUrl: string | undefined): boolean {
  return !isDevServerUrl(url, devServerUrl, ['http:', 'ws:']);
}

/** Nothing is downloaded through the window; exports are written by the service. */
export function mayDownload(_url: string): boolean {
  return false;
}

/** The response headers with the app's CSP in place of any the response carried (a dev server's, say). */
export function withContentSecurityPolicy(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** DevTools only in an unpackaged run (development); a packaged app has neither the menu item nor the shortcut. */
export function devToolsAllowed(isPackaged: boolean): boolean {
  return !isPackaged;
}

/**
 * The window's webPreferences: sandboxed renderer, context isolation, no Node anywhere, no webviews, no
 * insecure content; DevTools only when unpackaged.
 */
export function webPreferencesFor(options: { preloadPath: string; isPackaged: boolean }) {
  return {
    preload: options.preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: devToolsAllowed(options.isPackaged),
  } as const;
}

/**
 * What a crashed or killed renderer calls for. A clean exit (the window closing) needs nothing; anything
 * else gets the reload-or-quit dialog. The service keeps running in the main process, so nothing saved is lost.
 */
export function crashResponse(reason: string): 'ignore' | 'offer-reload' {
  return reason === 'clean-exit' ? 'ignore' : 'offer-reload';
}

/**
 * What a second launch does to the first instance's window: brought back and to the front, whatever state
 * it is in (minimised, hidden behind the tray on some desktops). No window yet (the first instance is still
 * asking about its cache): nothing, its dialog is already in front.
 */
export function secondInstanceActions(window: { exists: boolean; minimized: boolean; visible: boolean }): ('restore' | 'show' | 'focus')[] {
  if (!window.exists) return [];
  return [...(window.minimized ? (['restore'] as const) : []), ...(window.visible ? [] : (['show'] as const)), 'focus'];
}
