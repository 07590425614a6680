/**
 * What each URL the main process is handed is. Electron passes URLs as strings; Node's URL parser reports
 * the origin of any non-special scheme (app:, devtools:, chrome:) as the string "null", so origins are never
 * compared here: the scheme, host and port are (as VS Code does for vscode-file://). Nothing here imports
 * electron, so every rule runs and is tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'wolkvox';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Hosts a dev server may listen on: electron-vite's own, on this machine only. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A URL, or null for anything the WHATWG parser refuses (and for non-strings, which IPC can carry). */
export function parseUrl(text: unknown): URL | null {
  if (typeof text !== 'string' || text === '') return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** The app's own page: app://wolkvox/…, exactly that host, no port, no credentials. */
export function isAppOwnUrl(url: string): boolean {
  const u = parseUrl(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/**
 * The dev server's page (or, with `schemes`, its hot-reload socket): same host and port as the dev server
 * electron-vite started, compared part by part so that localhost:5174 or localhost.evil:5173 never match.
 */
export function isDevServerUrl(url: string, devServerUrl: string | undefined, schemes: readonly string[] = ['http:']): boolean {
  if (devServerUrl === undefined) return false;
  const dev = parseUrl(devServerUrl);
  const u = parseUrl(url);
  if (!dev || !u || !schemes.includes(u.protocol)) return false;
  return u.hostname === dev.hostname && u.port === dev.port && u.username === '' && u.password === '';
}

/** The pages the app window may show and that may call the bridge: the app, or the dev server in `electron-vite dev`. */
export function isAppPageUrl(url: string, devServerUrl: string | undefined): boolean {
  return isAppOwnUrl(url) || isDevServerUrl(url, devServerUrl);
}

/**
 * The dev server to load instead of app://wolkvox/: only in an unpackaged run, only an http URL on this
 * machine. A packaged app ignores ELECTRON_RENDERER_URL, so an environment variable cannot swap its UI.
 */
export function devServerUrlFor(options: { isPackaged: boolean; env: NodeJS.ProcessEnv }): string | undefined {
  if (options.isPackaged) return undefined;
  const u = parseUrl(options.env.ELECTRON_RENDERER_URL);
  if (!u || u.protocol !== 'http:' || !LOOPBACK_HOSTS.has(u.hostname) || u.username !== '' || u.password !== '') return undefined;
  return u.href;
}

export function startUrlFor(devServerUrl: string | undefined): string {
  return devServerUrl ?? APP_START_URL;
}

/**
 * The URL the system browser may be asked to open, normalised, or null. Only http(s) with a host and without
 * credentials in it (https://user:pw@host/ shows one host and may hide another); every other scheme
 * (file:, javascript:, data:, smb:, custom protocol handlers of other apps) is dropped.
 */
export function externalBrowserUrl(url: string): string | null {
  if (url.length > 2048) return null;
  const u = parseUrl(url);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) return null;
  if (u.hostname === '' || u.username !== '' || u.password !== '') return null;
  return u.href;
}
