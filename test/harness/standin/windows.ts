import { EventEmitter } from 'node:events';
import type { Page } from 'playwright-core';
import type { StandInIpcMain } from './ipc-main';
import { PageBridge } from './page-bridge';
import { installRouting, type ProtocolHandler } from './page-routing';
import type { Recorder } from './recorder';
import type { StandInSession } from './session';
import { NotImplemented, strict } from './strict';
import { WebFrameMain } from './web-frame-main';
import type { UrlMap } from './urls';

/**
 * BrowserWindow, its WebContents and main WebFrameMain, each window's page a real Chromium page. What the
 * main process reads is what Electron reports: URLs in the app's own scheme, `mainFrame` one stable
 * object, `webContents` throwing once the window is destroyed; events ready-to-show, dom-ready,
 * did-finish-load, did-navigate, will-navigate (preventable), render-process-gone, close (preventable), closed.
 */
export interface WindowsHost {
  urls: UrlMap;
  session: StandInSession;
  ipcMain: StandInIpcMain;
  recorder: Recorder;
  isReady(): boolean;
  isQuitting(): boolean;
  lastWindowClosed(): void;
  /** app's 'web-contents-created' and 'browser-window-created'. */
  created(window: unknown, contents: unknown): void;
  protocolHandler(scheme: string): ProtocolHandler | undefined;
  newPage(): Promise<Page>;
  onError(error: unknown): void;
}

interface WebPreferences {
  preload?: string;
  [key: string]: unknown;
}

export function createWindowClasses(host: WindowsHost) {
  const windows: StandInBrowserWindow[] = [];
  let nextId = 1;
  let nextRequest = 1;

  class StandInWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly harnessLabel = `WebContents(${this.id})`;
    readonly session = host.session;
    readonly mainFrame: WebFrameMain;
    /** The one object the main process holds (so `event.sender === win.webContents` can hold). */
    readonly proxy: StandInWebContents;
    /** The current renderer's page; replaced when a reload follows a crash (Electron starts a new renderer). */
    page: Promise<Page>;
    private crashed = false;
    private url = '';
    private destroyed = false;
    private openHandler: ((details: object) => { action: string }) | null = null;
    private readonly expected = new Set<string>();
    private bridge: PageBridge | null = null;

    constructor(
      private readonly window: StandInBrowserWindow,
      private readonly preferences: WebPreferences,
    ) {
      super();
      this.proxy = strict('webContents', this as StandInWebContents);
      this.mainFrame = strict('WebFrameMain', new WebFrameMain(() => this.getURL()));
      this.page = this.open();
      this.page.catch((error: unknown) => host.onError(error));
    }

    private async open(): Promise<Page> {
      const preferences = this.preferences;
      const page = await host.newPage();
      const { width, height } = this.window.options as { width?: number; height?: number };
      await page.setViewportSize({ width: width ?? 800, height: height ?? 600 });
      if (preferences.preload) {
        this.bridge = new PageBridge({
          preloadPath: preferences.preload,
          ipc: { invoke: (channel, args) => host.ipcMain.invoke({ processId: 1, frameId: 1, sender: this.proxy, senderFrame: this.mainFrame }, channel, args) },
          openWindow: (details) => this.openWindow(details),
          onError: host.onError,
        });
        await this.bridge.install(page);
      }
      await installRouting(page, {
        urls: host.urls,
        session: host.session,
        webContentsId: this.id,
        requestId: () => nextRequest++,
        protocolHandler: host.protocolHandler,
        expectedNavigation: (url) => this.expected.delete(url.split('#')[0]!),
        willNavigate: (url) => {
          let prevented = false;
          this.emit('will-navigate', { preventDefault: () => (prevented = true), url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame }, url);
          host.recorder.add('webContents.will-navigate', [url, prevented]);
          return prevented;
        },
        onError: host.onError,
        bridge: this.bridge ?? undefined,
      });
      page.on('framenavigated', (frame) => {
        if (frame !== page.mainFrame()) return;
        this.url = host.urls.toElectron(frame.url());
        this.emit('did-navigate', { preventDefault() {} }, this.url, 200, 'OK');
      });
      page.on('domcontentloaded', () => this.emit('dom-ready', { preventDefault() {} }));
      page.on('load', () => {
        this.emit('did-finish-load', { preventDefault() {} });
        this.window.firstLoad();
      });
      page.on('crash', () => {
        this.crashed = true;
        host.recorder.add('webContents.render-process-gone', [{ reason: 'crashed' }]);
        this.emit('render-process-gone', { preventDefault() {} }, { reason: 'crashed', exitCode: 0 });
      });
      page.on('popup', (popup) => {
        // A link with target=_blank: Electron asks the window-open handler before any window exists.
        void popup.close();
        this.openWindow({ url: host.urls.toElectron(popup.url()), frameName: '', features: '' });
      });
      return page;
    }

    openWindow(details: { url: string; frameName: string; features: string }): void {
      const full = { ...details, disposition: 'new-window', referrer: { url: this.url, policy: 'strict-origin-when-cross-origin' }, postBody: undefined };
      const result = this.openHandler ? this.openHandler(full) : { action: 'allow' };
      host.recorder.add('webContents.windowOpen', [details.url, result?.action]);
      if (result?.action !== 'deny') host.onError(new NotImplemented(`a new window the window-open handler allowed (${details.url})`));
    }

    setWindowOpenHandler(handler: (details: object) => { action: string }): void {
      this.openHandler = handler;
    }

    send(channel: string, ...args: unknown[]): void {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
      this.bridge?.deliver(channel, args);
    }

    getURL(): string {
      return this.url;
    }

    async loadURL(url: string): Promise<void> {
      host.recorder.add('webContents.loadURL', [url]);
      this.expected.add(url.split('#')[0]!);
      const page = await this.page;
      const response = await page.goto(host.urls.toPage(url), { waitUntil: 'load' }).catch((error: unknown) => {
        throw new Error(`ERR_FAILED (-2) loading '${url}': ${String(error)}`);
      });
      void response;
    }

    reload(): void {
      host.recorder.add('webContents.reload', []);
      const url = this.url;
      this.expected.add(url.split('#')[0]!);
      if (!this.crashed) {
        void this.page.then((p) => p.reload()).catch(host.onError);
        return;
      }
      // The renderer died: Electron reloads into a new renderer process; here, a new page for the same contents.
      this.crashed = false;
      const old = this.page;
      this.page = this.open().then(async (page) => {
        await page.goto(host.urls.toPage(url), { waitUntil: 'load' });
        return page;
      });
      this.page.catch(host.onError);
      void old.then((p) => p.close()).catch(() => {});
    }

    isCrashed(): boolean {
      return this.crashed;
    }

    focus(): void {
      host.recorder.add('webContents.focus', []);
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    isLoading(): boolean {
      return false;
    }

    destroyPage(): void {
      this.destroyed = true;
      this.emit('destroyed');
      void this.page.then((p) => p.close()).catch(() => {});
    }
  }

  class StandInBrowserWindow extends EventEmitter {
    readonly id = nextId++;
    readonly harnessLabel = `BrowserWindow(${this.id})`;
    readonly options: Record<string, unknown>;
    private readonly contents: StandInWebContents;
    private visible: boolean;
    private minimized = false;
    private destroyed = false;
    private loadedOnce = false;
    /** What `new BrowserWindow()` gives the main process: unknown methods throw. */
    readonly proxy: StandInBrowserWindow;

    static getAllWindows(): StandInBrowserWindow[] {
      return windows.filter((w) => !w.destroyed).map((w) => w.proxy);
    }

    static fromWebContents(contents: unknown): StandInBrowserWindow | null {
      return windows.find((w) => !w.destroyed && w.contents.proxy === contents)?.proxy ?? null;
    }

    static getFocusedWindow(): StandInBrowserWindow | null {
      return windows.find((w) => !w.destroyed && w.visible)?.proxy ?? null;
    }

    constructor(options: Record<string, unknown> = {}) {
      super();
      if (!host.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
      this.options = options;
      host.recorder.add('new BrowserWindow', [options]);
      this.visible = options.show !== false;
      this.contents = new StandInWebContents(this, (options.webPreferences ?? {}) as WebPreferences);
      this.proxy = strict('BrowserWindow', this as StandInBrowserWindow);
      windows.push(this);
      host.created(this.proxy, this.contents.proxy);
      // The main process must hold the strict object.
      return this.proxy;
    }

    get webContents(): StandInWebContents {
      if (this.destroyed) throw new TypeError('Object has been destroyed');
      return this.contents.proxy;
    }

    firstLoad(): void {
      if (this.loadedOnce) return;
      this.loadedOnce = true;
      this.emit('ready-to-show');
    }

    loadURL(url: string): Promise<void> {
      return this.contents.loadURL(url);
    }

    show(): void {
      host.recorder.add('win.show', []);
      this.visible = true;
      this.emit('show');
    }

    hide(): void {
      this.visible = false;
    }

    isVisible(): boolean {
      return this.visible;
    }

    focus(): void {
      host.recorder.add('win.focus', []);
      this.visible = true;
      void this.contents.page.then((p) => p.bringToFront()).catch(() => {});
      this.emit('focus');
    }

    isFocused(): boolean {
      return this.visible && !this.minimized;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    minimize(): void {
      host.recorder.add('win.minimize', []);
      this.minimized = true;
    }

    restore(): void {
      host.recorder.add('win.restore', []);
      this.minimized = false;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    /** 'close' may be prevented; false when it was. */
    close(): boolean {
      if (this.destroyed) return true;
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return false;
      this.destroy();
      return true;
    }

    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.contents.destroyPage();
      this.emit('closed');
      if (!host.isQuitting() && StandInBrowserWindow.getAllWindows().length === 0) host.lastWindowClosed();
    }
  }

  return { BrowserWindow: StandInBrowserWindow, windows: () => StandInBrowserWindow.getAllWindows() };
}
