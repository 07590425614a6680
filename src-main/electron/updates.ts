import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App, BrowserWindow, Dialog, MessageBoxOptions } from 'electron';

/**
 * Updates of the installed app, with electron-updater, only when the build names a feed.
 *
 * The feed is set at build time (electron-builder `publish: { provider: generic, url }`, added by the release
 * workflow when a feed is configured), which makes electron-builder write app-update.yml into the app's
 * resources folder. No file, no updates: nothing is checked, nothing is downloaded.
 *
 * What protects a downloaded update:
 * - the feed must be https (refused otherwise), and every file is checked against the SHA-512 in the feed's
 *   latest*.yml by electron-updater;
 * - Windows: electron-updater verifies the installer's Authenticode signature against the publisher named in
 *   app-update.yml (electron-builder writes it when the build is signed). An unsigned build has no publisher
 *   to compare with, so this module does not update it at all;
 * - macOS: Squirrel.Mac installs an update only when its code signature satisfies the running app's
 *   designated requirement (same Developer ID);
 * - Linux: AppImage and deb updates carry no publisher signature, so they are off; a new version comes as a
 *   new .deb (from the administrator) or AppImage.
 * Downloads start on their own; installing waits for the user: "Restart now" or "Later" (a later launch
 * asks again). Nothing installs silently on quit.
 *
 * The decisions are pure functions; startUpdates takes the updater, the dialog and the app as values, so
 * the unit tests run it under Node with stand-ins. electron-updater loads `electron` when imported, so it is
 * imported only inside startElectronUpdates, which only src-main/index.ts calls.
 */

/** The publish configuration electron-builder wrote into app-update.yml. */
export interface UpdateFeed {
  provider: string;
  url: string;
  /** Windows only: the certificate subject(s) an update's signature must match. */
  publisherName: string[];
}

export type UpdateDecision = { check: true; feed: UpdateFeed } | { check: false; reason: string };

/** Set to 1 by an administrator to turn updates off on a managed machine. */
export const NO_UPDATES_ENV = 'WOLKVOX_AUDIT_NO_UPDATES';
/** A supervisor may keep the app open for days: look again this often. */
export const RECHECK_MS = 12 * 60 * 60 * 1000;

/** An https URL with a host and no user:password@ part; anything else never becomes a feed. */
export function isAllowedFeedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
}

/**
 * The keys this module needs from app-update.yml, which electron-builder writes with js-yaml's dump: one
 * `key: value` per line (the value plain, 'single' or "double" quoted) and lists as `key:` then `  - item`
 * lines. Null when the text names no provider or url.
 */
export function parseAppUpdateYml(text: string): UpdateFeed | null {
  const scalars = new Map<string, string>();
  const lists = new Map<string, string[]>();
  let listKey: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      lists.get(listKey)?.push(unquote(item[1] ?? ''));
      continue;
    }
    const entry = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    listKey = null;
    if (!entry) continue;
    const [, key = '', value = ''] = entry;
    if (value === '') {
      listKey = key;
      lists.set(key, []);
    } else scalars.set(key, unquote(value));
  }
  const provider = scalars.get('provider');
  const url = scalars.get('url');
  if (!provider || !url) return null;
  const publisher = scalars.get('publisherName');
  return { provider, url, publisherName: lists.get('publisherName') ?? (publisher ? [publisher] : []) };
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replaceAll("''", "'");
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return JSON.parse(v) as string;
  return v;
}

/** Whether this run of the app looks for updates, and why not when it does not (logged, never shown). */
export function decideUpdates(input: {
  packaged: boolean;
  platform: NodeJS.Platform;
  feed: UpdateFeed | null;
  env: Record<string, string | undefined>;
}): UpdateDecision {
  const { packaged, platform, feed, env } = input;
  if (!packaged) return { check: false, reason: 'not an installed build (development run)' };
  if (env[NO_UPDATES_ENV] === '1') return { check: false, reason: `${NO_UPDATES_ENV}=1` };
  if (!feed) return { check: false, reason: 'this build has no update feed (no app-update.yml)' };
  if (feed.provider !== 'generic') return { check: false, reason: `feed provider "${feed.provider}" is not the generic https feed` };
  if (!isAllowedFeedUrl(feed.url)) return { check: false, reason: 'the update feed is not an https URL' };
  if (platform === 'win32' && feed.publisherName.length === 0) {
    return { check: false, reason: 'unsigned Windows build: an update signature could not be checked' };
  }
  if (platform !== 'win32' && platform !== 'darwin') {
    return { check: false, reason: 'Linux packages carry no publisher signature: install new versions as packages' };
  }
  return { check: true, feed };
}

/** app-update.yml under the app's resources folder, or null when the build has none. */
export function readFeed(resourcesPath: string): UpdateFeed | null {
  let text: string;
  try {
    text = readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
  return parseAppUpdateYml(text);
}

/** The question asked once an update is downloaded: button 0 restarts into it, button 1 waits. */
export function restartPrompt(version: string, locale: string): MessageBoxOptions {
  const es = locale.toLowerCase().startsWith('es');
  return {
    type: 'info',
    title: 'Wolkvox Audit',
    message: es ? `Wolkvox Audit ${version} está listo para instalarse` : `Wolkvox Audit ${version} is ready to install`,
    detail: es
      ? 'Reiniciar ahora cierra la aplicación, instala la nueva versión y la vuelve a abrir. Las revisiones y los datos sincronizados se conservan. Si elige Más tarde, se le preguntará en el próximo inicio.'
      : 'Restarting closes the app, installs the new version and opens it again. Your reviews and synced data are kept. If you choose Later, you will be asked again next time the app starts.',
    buttons: es ? ['Reiniciar ahora', 'Más tarde'] : ['Restart now', 'Later'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}

/** The part of electron-updater's AppUpdater this module uses. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateDeps {
  decision: UpdateDecision;
  updater: () => Promise<UpdaterLike>;
  ask: (options: MessageBoxOptions) => Promise<{ response: number }>;
  locale: string;
  log: (line: string) => void;
  /** Runs fn every ms milliseconds; returns the cancel. */
  every: (fn: () => void, ms: number) => () => void;
}

/**
 * Wires the updater when the decision says so: download on its own, ask before installing, check again every
 * RECHECK_MS. Resolves with a stop function (a no-op when updates are off).
 */
export async function startUpdates(deps: UpdateDeps): Promise<() => void> {
  const { decision, log } = deps;
  if (!decision.check) {
    log(`updates: off (${decision.reason})`);
    return () => {};
  }
  const updater = await deps.updater();
  updater.autoDownload = true;
  // Never install behind the user's back when the app quits: only "Restart now" installs.
  updater.autoInstallOnAppQuit = false;
  let asking = false;
  const declined = new Set<string>();
  updater.on('error', (error) => log(`updates: ${error.message}`));
  updater.on('update-downloaded', (info) => {
    if (asking || declined.has(info.version)) return;
    asking = true;
    deps
      .ask(restartPrompt(info.version, deps.locale))
      .then(({ response }) => {
        if (response === 0) updater.quitAndInstall(true, true);
        else declined.add(info.version);
      })
      .catch((error: unknown) => log(`updates: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        asking = false;
      });
  });
  const check = (): void => {
    updater.checkForUpdates().catch((error: unknown) => log(`updates: check failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  log(`updates: checking ${decision.feed.url}`);
  check();
  return deps.every(check, RECHECK_MS);
}

/** The Electron wiring, called once from src-main/index.ts after the window exists (async: a failure here is a
 * rejection the caller logs, never an exception out of the app's start). */
export async function startElectronUpdates(app: App, dialog: Dialog, getWindow: () => BrowserWindow | null, log: (line: string) => void): Promise<() => void> {
  const decision = decideUpdates({
    packaged: app.isPackaged,
    platform: process.platform,
    feed: app.isPackaged ? readFeed(process.resourcesPath) : null,
    env: process.env,
  });
  return startUpdates({
    decision,
    updater: async () => {
      // CommonJS module whose autoUpdater export is a getter: read it from the module object.
      const mod = await import('electron-updater');
      const updater = (mod.default ?? mod).autoUpdater;
      updater.logger = { info: (m: unknown) => log(`updates: ${String(m)}`), warn: (m: unknown) => log(`updates: ${String(m)}`), error: (m: unknown) => log(`updates: ${String(m)}`) };
      return updater;
    },
    ask: (options) => {
      const win = getWindow();
      return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
    },
    locale: app.getLocale(),
    log,
    every: (fn, ms) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      return () => clearInterval(timer);
    },
  });
}
