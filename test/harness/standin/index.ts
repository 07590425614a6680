import { StandInApp } from './app';
import { ChromiumHost } from './chromium';
import { StandInIpcMain } from './ipc-main';
import { createDialog, createMenu, createProtocol, createShell, type MenuItemOptions } from './modules';
import type { ProtocolHandler } from './page-routing';
import { plain, Recorder, ScriptedAnswers } from './recorder';
import { StandInSession } from './session';
import { missing, strict } from './strict';
import { UrlMap } from './urls';
import { createWindowClasses } from './windows';

/**
 * A stand-in for the `electron` module of the main process, for running the app's real built main entry and
 * preload under plain Node with the window rendered by real Chromium (test/harness/main-process.ts).
 *
 * WHAT IT PROVES: the app's own main-process code (index.ts, window.ts, ipc.ts, menu.ts, src-main/electron)
 * and its own preload, as built by electron-vite, start, register what they register, and decide what they
 * decide when Electron hands them what its documentation says it hands over: URLs as strings in the app's
 * scheme, `event.sender` the window's webContents, `event.senderFrame.url` the frame's URL, Request/Response
 * through protocol.handle, lifecycle events in their documented order. The real renderer, in real
 * Chromium, reaches the real dispatcher and service through that ipc.ts. Dialogs, shell and menu calls are
 * recorded for the tests; an Electron API the app starts using that is not implemented here throws
 * "stand-in electron: X not implemented" instead of answering undefined.
 *
 * WHAT IT CANNOT PROVE (the real-Electron tests, electron-window/electron-app.test.ts, cover these in CI):
 * - Chromium-inside-Electron: the OS sandbox of the renderer (sandbox: true), contextIsolation (here the
 *   preload runs in Node and its API reaches the page through a script in the page's own world, so a page
 *   could tamper with it), nodeIntegration: the webPreferences are only recorded and asserted as values.
 * - The real protocol privileges: app:// is shown as http://wolkvox.app.localhost (standard, secure-context
 *   behaviour comes from Chromium's *.localhost rules, not from registerSchemesAsPrivileged), and whether
 *   Electron applies webRequest handlers to custom-protocol responses.
 * - Electron's own URL handling (its URL parser, will-navigate for every renderer-initiated case, redirects,
 *   will-frame-navigate, popups from forms), the exact structured-clone behaviour of contextBridge (arguments
 *   cross as JSON here), and timing: ready-to-show, did-finish-load and crash events come from Chromium's
 *   page events, not Electron's.
 * - Fuses, asar, code signing, packaging, auto-updates, native dialogs and menus (answers are scripted),
 *   the keychain as Electron's process sees it (keytar runs in Node here), native modules built for
 *   Electron's ABI (better-sqlite3 is Node's build here), and the single-instance lock's own implementation
 *   (a lock file and a local socket here).
 * - For a command-line run (the app started with CLI arguments, test/e2e/electron-harness-cli.test.ts):
 *   process.argv is set to the shape Electron gives (main-process.ts), not produced by Electron; whether
 *   Chromium starts without a display, what disableHardwareAcceleration does to the GPU process, and the
 *   console a Windows GUI executable attaches its output to are Electron's own and are not exercised.
 */
export interface StandInOptions {
  isPackaged: boolean;
  version: string;
  name: string;
  locale: string;
  chromium: { executablePath: string; args: string[] };
  onChromium(info: { endpoint: string; pid: number }): void;
  terminate(code: number): void;
}

/** Every name Electron's main-process module exports; those this app does not use throw when touched. */
export const ELECTRON_MAIN_EXPORTS = [
  'app', 'autoUpdater', 'BaseWindow', 'BrowserView', 'BrowserWindow', 'clipboard', 'contentTracing', 'crashReporter', 'desktopCapturer',
  'dialog', 'globalShortcut', 'ImageView', 'inAppPurchase', 'ipcMain', 'Menu', 'MenuItem', 'MessageChannelMain', 'MessagePortMain',
  'nativeImage', 'nativeTheme', 'net', 'netLog', 'Notification', 'powerMonitor', 'powerSaveBlocker', 'protocol', 'pushNotifications',
  'safeStorage', 'screen', 'session', 'ShareMenu', 'shell', 'systemPreferences', 'TouchBar', 'Tray', 'utilityProcess', 'View',
  'webContents', 'WebContentsView', 'webFrameMain',
] as const;

export function createElectronStandIn(options: StandInOptions) {
  const recorder = new Recorder();
  const answers = new ScriptedAnswers();
  const errors: string[] = [];
  const privileged = new Map<string, object>();
  const handlers = new Map<string, ProtocolHandler>();
  const urls = new UrlMap(() => [...privileged.keys()]);
  const session = new StandInSession();
  const ipcMain = new StandInIpcMain();
  const chromium = new ChromiumHost({ ...options.chromium, locale: options.locale, onLaunch: options.onChromium });
  const onError = (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    errors.push(text);
    console.error(`[stand-in electron] ${text}`);
  };
  let quitting = false;
  const app: StandInApp = new StandInApp({
    isPackaged: options.isPackaged,
    version: options.version,
    name: options.name,
    locale: options.locale,
    recorder,
    async closeAllWindows() {
      quitting = true;
      const closed = windowing.windows().every((w) => w.close());
      if (!closed) quitting = false;
      return closed;
    },
    terminate(code) {
      chromium.kill();
      options.terminate(code);
    },
  });
  const windowing = createWindowClasses({
    urls,
    session: strict('session.defaultSession', session),
    ipcMain,
    recorder,
    isReady: () => app.isReady(),
    isQuitting: () => quitting,
    lastWindowClosed: () => app.lastWindowClosed(),
    created(window, contents) {
      app.emit('browser-window-created', { preventDefault() {} }, window);
      app.emit('web-contents-created', { preventDefault() {} }, contents);
    },
    protocolHandler: (scheme) => handlers.get(scheme),
    newPage: () => chromium.newPage(),
    onError,
  });
  const menu = createMenu(recorder);
  const implemented: Record<string, unknown> = {
    app: strict('app', app),
    BrowserWindow: windowing.BrowserWindow,
    ipcMain: strict('ipcMain', ipcMain),
    protocol: createProtocol({ recorder, isReady: () => app.isReady(), privileged, handlers }),
    session: strict('session', { defaultSession: strict('session.defaultSession', session), fromPartition: missing('session.fromPartition') }),
    dialog: createDialog(recorder, answers),
    shell: createShell(recorder),
    Menu: menu.Menu,
  };
  const electron: Record<string, unknown> = {};
  for (const name of ELECTRON_MAIN_EXPORTS) electron[name] = implemented[name] ?? missing(name);

  const firstWindow = () => {
    const w = windowing.windows()[0];
    if (!w) throw new Error('harness: the app has no window');
    return w;
  };
  const findItem = (items: MenuItemOptions[], path: string[]): MenuItemOptions => {
    const item = items.find((i) => i.label === path[0] || i.role === path[0]);
    if (!item) throw new Error(`harness: no menu item ${path[0]}`);
    return path.length > 1 ? findItem(item.submenu ?? [], path.slice(1)) : item;
  };

  const control = {
    state: () => ({
      ready: app.isReady(),
      isPackaged: app.isPackaged,
      records: recorder.records,
      errors,
      privileged: Object.fromEntries(privileged),
      protocols: [...handlers.keys()],
      ipcChannels: ipcMain.channels(),
      windows: windowing.windows().map((w) => ({ options: plain(w.options), url: w.webContents.getURL(), visible: w.isVisible(), minimized: w.isMinimized() })),
      menu: plain(menu.applicationMenu()?.items ?? null),
      session: {
        beforeRequest: session.webRequest.beforeRequest ? plain(session.webRequest.beforeRequest.filter) : 'none',
        headersReceived: session.webRequest.headersReceived ? 'set' : 'none',
        permissionRequest: session.permissionRequestHandler ? 'set' : 'none',
        permissionCheck: session.permissionCheckHandler ? 'set' : 'none',
        devicePermission: session.devicePermissionHandler ? 'set' : 'none',
        willDownload: session.listenerCount('will-download'),
      },
    }),
    script: (api: string, answer: unknown) => answers.push(api, answer),
    loadURL: (url: string) => firstWindow().webContents.loadURL(url),
    minimize: () => firstWindow().minimize(),
    /** The user closes the window (its close button): 'close', 'closed', then the app's window-all-closed rule. */
    closeWindow: () => firstWindow().close(),
    requestPermission: (permission: string, details: object) => session.requestPermission(firstWindow().webContents, permission, details),
    checkPermission: (permission: string, origin: string, details: object) => session.checkPermission(firstWindow().webContents, permission, origin, details),
    checkDevice: (details: object) => session.checkDevice(details),
    willDownload: (item: { url: string; filename: string }) => session.willDownload(item, firstWindow().webContents),
    beforeRequest: (url: string) => session.beforeRequest({ id: 0, url, method: 'GET', resourceType: 'xhr', referrer: '', timestamp: Date.now() }),
    menuClick: async (path: string[]) => {
      const items = menu.applicationMenu()?.items;
      if (!items) throw new Error('harness: no application menu');
      const item = findItem(items, path);
      if (!item.click) throw new Error(`harness: menu item ${path.join(' > ')} has no click handler (role ${item.role ?? 'none'})`);
      await item.click(item, firstWindow(), { triggeredByAccelerator: false });
    },
    quit: () => app.quit(),
  };
  return { electron, app, control, chromium };
}

export type StandInControl = ReturnType<typeof createElectronStandIn>['control'];
