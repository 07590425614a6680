import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import { createDispatch } from './bridge/dispatch';
import { defaultDataDir } from './core/paths';
import { KeytarSecretStore } from './core/secrets/keytar-store';
import { openAppService } from './core/service/index';
import type { AppService } from './core/service/types';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { ensureDemoProfile } from './web-host/demo-profile';
import { createMainWindow, denyNavigation, hardenSession, isAppUrl, registerAppScheme, serveRenderer, APP_ORIGIN } from './window';

/**
 * Electron lifecycle only: one instance, one window, the application service built once and closed on
 * quit. Everything the UI can do goes through the service (src-main/core), which knows nothing of Electron.
 */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
// The same folder the CLI uses (WOLKVOX_AUDIT_DATA_DIR moves it), so both share one cache.
app.setPath('userData', defaultDataDir());
registerAppScheme();

let win: BrowserWindow | null = null;
let service: AppService | null = null;
let disposeIpc: (() => void) | null = null;

function focusWindow(): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const svc = await openAppService({
    dataDir,
    secrets: new KeytarSecretStore(),
    host: 'electron',
    version: app.getVersion(),
    writerWorkerUrl: new URL('./store-writer.js', import.meta.url),
    downloadsDir: app.getPath('downloads'),
    revealInFolder: (path: string) => shell.showItemInFolder(path),
    demo: process.env.WOLKVOX_DEMO === '1',
    log: (line: string) => console.error(line),
  });
  service = svc;
  // `npm run demo` points the app at its simulator (the token comes from WOLKVOX_TOKEN).
  const demoUrl = process.env.WOLKVOX_DEMO_BASE_URL;
  if (demoUrl) await ensureDemoProfile(svc, demoUrl);
  hardenSession(session.defaultSession, devServerUrl);
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  win = createMainWindow({
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    startUrl: devServerUrl ?? `${APP_ORIGIN}/index.html`,
    devServerUrl,
  });
  disposeIpc = registerIpc(win, createDispatch(svc.handlers, (line) => console.error(line)), svc, (url) => isAppUrl(url, devServerUrl));
  win.on('closed', () => {
    disposeIpc?.();
    disposeIpc = null;
    win = null;
  });
  Menu.setApplicationMenu(buildMenu(() => win, dataDir));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // Every web contents, whatever creates it, gets the same rules as the main window.
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !service) return;
    closing = true;
    event.preventDefault();
    const s = service;
    service = null;
    void s.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // For example a database from a newer version of the app: say so, then stop.
      dialog.showErrorBox('Wolkvox Audit', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
