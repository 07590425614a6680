import { BrowserWindow, dialog, protocol, shell, type Session, type WebContents } from 'electron';
import { crashResponse, mayDownload, mayGrantPermission, mayNavigate, shouldCancelRequest, webPreferencesFor, windowOpenDecision, withContentSecurityPolicy, WEB_REQUEST_URLS } from './electron/policy';
import { crashPrompt, externalOpenPrompt } from './electron/prompts';
import { APP_HOST, APP_SCHEME } from './electron/urls';
import { CONTENT_SECURITY_POLICY } from './web-host/headers';
import { readStatic } from './web-host/static-files';

/**
 * Wiring of the one app window and its session to the rules in src-main/electron/ (pure, unit-tested):
 * sandboxed renderer, strict CSP, no navigation, no new windows (http(s) links go to the system browser
 * after the main process's own confirmation), no permissions, no downloads, no web requests, no webviews.
 * The UI is served from app://wolkvox/ (a standard, secure scheme) rather than file://, so it has a real
 * origin, its responses carry headers, and nothing else on disk can be loaded.
 */

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on app://wolkvox/, nothing outside its folder, every answer with the CSP. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST && request.method === 'GET' ? await readStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } });
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  });
}

/** Session-wide rules: CSP on every response, no permissions, no downloads, no requests to the web. */
export function hardenSession(ses: Session, devServerUrl: string | undefined): void {
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
  ses.webRequest.onBeforeRequest({ urls: [...WEB_REQUEST_URLS] }, (details, callback) => callback({ cancel: shouldCancelRequest(details.url, devServerUrl) }));
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(mayGrantPermission(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  ses.setDevicePermissionHandler(() => mayGrantPermission('device'));
  ses.on('will-download', (event, item) => {
    if (!mayDownload(item.getURL())) event.preventDefault();
  });
}

export interface WindowOptions {
  preloadPath: string;
  startUrl: string;
  isPackaged: boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Wolkvox Audit',
    backgroundColor: '#f6f7f8',
    webPreferences: webPreferencesFor(options),
  });
  win.once('ready-to-show', () => win.show());
  // loadURL rejects when the load is aborted or the renderer dies during it (the crash dialog handles that):
  // logged, never an unhandled rejection, which Electron would show as a main-process error.
  win.loadURL(options.startUrl).catch((error: unknown) => console.error(`The window could not load ${options.startUrl}: ${String(error)}`));
  return win;
}

/**
 * The rules every web contents gets, whatever creates it: no navigation, no webviews, and new windows
 * denied; an http(s) URL among them is handed to `openExternal` (which asks the user first).
 */
export function guardContents(contents: WebContents, openExternal: (url: string) => void): void {
  const stop = (event: { preventDefault(): void }, url: string) => {
    if (!mayNavigate(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stop(event, event.url));
  contents.on('will-frame-navigate', (event) => stop(event, event.url));
  contents.on('will-redirect', (event) => stop(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

/**
 * Opens http(s) URLs in the system browser only after the main process's own dialog, which names the host
 * (the renderer's confirmation alone could be skipped by a compromised renderer). One dialog at a time:
 * a page that asks again and again gets no pile of dialogs.
 */
export function externalOpener(getWindow: () => BrowserWindow | null, locale: () => string): (url: string) => void {
  let asking = false;
  return (url) => {
    const prompt = externalOpenPrompt(url, locale());
    if (!prompt || asking) return;
    asking = true;
    const win = getWindow();
    void (win ? dialog.showMessageBox(win, prompt) : dialog.showMessageBox(prompt))
      .then(({ response }) => (response === 0 ? shell.openExternal(url) : undefined))
      .catch(() => undefined)
      .finally(() => {
        asking = false;
      });
  };
}

/** A crashed or killed renderer: offer to reload the window (the service never stopped) or quit. */
export function watchRenderer(win: BrowserWindow, locale: () => string, quit: () => void): void {
  win.webContents.on('render-process-gone', (_event, details) => {
    if (crashResponse(details.reason) === 'ignore' || win.isDestroyed()) return;
    void dialog.showMessageBox(win, crashPrompt(details.reason, locale())).then(({ response }) => {
      if (response !== 0) quit();
      else if (!win.isDestroyed()) win.webContents.reload();
    });
  });
}
