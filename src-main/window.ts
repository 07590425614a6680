import { BrowserWindow, protocol, shell, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './web-host/headers';
import { readStatic } from './web-host/static-files';

/**
 * The one app window, hardened: sandboxed renderer with context isolation and no Node, a strict
 * Content-Security-Policy on every response, no navigation, no new windows (http(s) links go to the
 * system browser, after the renderer asked the user), no permissions, no downloads, no webviews.
 * The UI is served from app://wolkvox/ (a standard, secure scheme) rather than file://, so it has a real
 * origin, its responses carry headers, and nothing else on disk can be loaded.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://wolkvox`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on app://wolkvox/, nothing outside its folder, every answer with the CSP. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'wolkvox' && request.method === 'GET' ? await readStatic(rendererDir, url.pathname) : null;
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

/** True for the pages the window may show: the app itself, or the dev server in `electron-vite dev`. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (u.origin === APP_ORIGIN) return true;
    return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol: p } = new URL(url);
    return p === 'http:' || p === 'https:';
  } catch {
    return false;
  }
}

/** Session-wide rules: CSP on every response, no permissions, no downloads, no requests to the web. */
export function hardenSession(ses: Session, devServerUrl: string | undefined): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  // The renderer has no business on the network: the service in the main process talks to Wolkvox.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    callback({ cancel: !(devServerUrl && isAppUrl(details.url, devServerUrl)) });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

export interface WindowOptions {
  preloadPath: string;
  startUrl: string;
  devServerUrl: string | undefined;
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
    webPreferences: {
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
    },
  });
  denyNavigation(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.startUrl);
  return win;
}

/** No page of this app navigates; a new window becomes the system browser for http(s), else nothing. */
export function denyNavigation(contents: Electron.WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // The renderer opens a link only after the user confirmed it (LinkConfirm); anything but http(s) is dropped.
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
