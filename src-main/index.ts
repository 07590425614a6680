import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { app, dialog, Menu, session, shell, type BrowserWindow } from 'electron';
import { createDispatch } from './bridge/dispatch';
import { CLI_COMMAND_NAMES, runCliInApp } from './cli-app';
import { composeApp } from './core/compose/index';
import { defaultDataDir } from './core/paths';
import { takeEnvironmentToken } from './core/service/tokens';
import type { AppService } from './core/service/types';
import { openWithRecovery } from './electron/cache-recovery';
import { askSavePath, saveDialogOptions } from './electron/export-dialog';
import { caFileDialogOptions, chosenFile } from './electron/ca-file-dialog';
import { cliInvocation } from './electron/cli-invocation';
import { cacheProblemPrompt } from './electron/prompts';
import { secondInstanceActions } from './electron/policy';
import { devServerUrlFor, startUrlFor } from './electron/urls';
import { startElectronUpdates } from './electron/updates';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { ensureDemoProfile } from './web-host/demo-profile';
import { createMainWindow, externalOpener, guardContents, hardenSession, registerAppScheme, serveRenderer, watchRenderer } from './window';

/**
 * Electron lifecycle only: one instance, one window, the application service built once and closed on
 * quit. Everything the UI can do goes through the service (src-main/core), which knows nothing of Electron;
 * every decision taken here is a pure function in src-main/electron/.
 */
// Read once, first thing, and removed: no helper process Electron starts, and no child of the app, inherits it.
const envToken = takeEnvironmentToken(process.env);
// `wolkvox-audit sync …`: the same CLI, headless, in this process (see cli-app.ts).
const cliArgv = cliInvocation(process.argv, { isPackaged: app.isPackaged, defaultApp: process.defaultApp === true }, CLI_COMMAND_NAMES);
const devServerUrl = devServerUrlFor({ isPackaged: app.isPackaged, env: process.env });
// The same folder the CLI uses (WOLKVOX_AUDIT_DATA_DIR moves it), so both share one cache.
app.setPath('userData', defaultDataDir());
registerAppScheme();

let win: BrowserWindow | null = null;
let service: AppService | null = null;
let disposeIpc: (() => void) | null = null;
const locale = () => app.getLocale();
const openExternal = externalOpener(() => win, locale);

function focusWindow(): void {
  const w = win && !win.isDestroyed() ? win : null;
  for (const action of secondInstanceActions({ exists: w !== null, minimized: w?.isMinimized() ?? false, visible: w?.isVisible() ?? false })) w?.[action]();
}

/** The service on the user's cache; a cache it cannot use is moved aside only if the user says so. Null: quit. */
async function openService(dataDir: string): Promise<AppService | null> {
  const root = composeApp({
    host: 'electron', dataDir, envToken, log: (line: string) => console.error(line),
    writerWorkerUrl: new URL('./store-writer.js', import.meta.url),
  });
  const { dbPath } = root.paths;
  const opened = await openWithRecovery(
    () =>
      root.openService({
        version: app.getVersion(),
        downloadsDir: app.getPath('downloads'),
        revealInFolder: (path: string) => shell.showItemInFolder(path),
        // The renderer names no path: the user picks the destination in the native save dialog.
        chooseExportPath: async ({ name, format }) => {
          const options = saveDialogOptions({ downloadsDir: app.getPath('downloads'), name, format, locale: locale() });
          const parent = win && !win.isDestroyed() ? win : null;
          return askSavePath(
            {
              showSaveDialog: (o) => (parent ? dialog.showSaveDialog(parent, o) : dialog.showSaveDialog(o)),
              confirm: async (box) => (await (parent ? dialog.showMessageBox(parent, box) : dialog.showMessageBox(box))).response === 0,
              exists: (path) => existsSync(path),
            },
            options,
            format,
            locale(),
          );
        },
        // The team cache's CA file: picked in the native open dialog, never named by the renderer.
        chooseCaFile: async () => {
          const parent = win && !win.isDestroyed() ? win : null;
          const options = caFileDialogOptions(locale());
          return chosenFile(await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)));
        },
        demo: process.env.WOLKVOX_DEMO === '1',
      }),
    {
      recovery: root.recovery,
      now: () => new Date(),
      ask: async (problem, movedTo) => {
        const { response } = await dialog.showMessageBox(cacheProblemPrompt(problem, dbPath, movedTo, locale()));
        return response === 0 ? 'move' : 'quit';
      },
    },
  );
  for (const m of opened?.moved ?? []) console.error(`Cache moved aside: ${m.from} -> ${m.to}`);
  return opened?.value ?? null;
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const svc = await openService(dataDir);
  if (!svc) return app.quit();
  service = svc;
  // `npm run demo` points the app at its simulator (the token comes from WOLKVOX_TOKEN).
  const demoUrl = process.env.WOLKVOX_DEMO_BASE_URL;
  if (demoUrl) await ensureDemoProfile(svc, demoUrl);
  hardenSession(session.defaultSession, devServerUrl);
  serveRenderer(fileURLToPath(new URL('../renderer', import.meta.url)));
  const w = createMainWindow({
    preloadPath: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
    startUrl: startUrlFor(devServerUrl),
    isPackaged: app.isPackaged,
  });
  win = w;
  guardContents(w.webContents, openExternal);
  watchRenderer(w, locale, () => app.quit());
  disposeIpc = registerIpc(w, createDispatch(svc.handlers, (line) => console.error(line)), svc, devServerUrl);
  w.on('closed', () => {
    disposeIpc?.();
    disposeIpc = null;
    win = null;
  });
  Menu.setApplicationMenu(buildMenu(() => win, dataDir));
  // Only an installed build with an https update feed looks for updates; it asks before restarting.
  startElectronUpdates(app, dialog, () => win, (line) => console.error(line)).catch((error: unknown) => console.error(`updates: ${String(error)}`));
}

if (cliArgv) {
  runCliInApp(cliArgv, envToken);
} else if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // Every web contents, whatever creates it, gets the same rules as the main window.
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));
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
      // A cache the user chose not to move, a missing keychain, a full disk: say so, then stop.
      dialog.showErrorBox('Wolkvox Audit', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
