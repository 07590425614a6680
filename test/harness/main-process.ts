/**
 * The harness's main process: the real built main entry (out/main/index.js) running in plain Node with the
 * stand-in for `electron`. Started by driver.ts as a child process (the app calls app.exit and installs
 * process listeners), it answers the test's control messages over the IPC channel and reports where its
 * Chromium listens so that the test can drive the same pages.
 *
 * Config: WOLKVOX_HARNESS_CONFIG (JSON of HarnessConfig).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Module, { register } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createElectronStandIn, type StandInControl } from './standin/index';

export interface HarnessConfig {
  /** The built main entry. */
  main: string;
  packageJson: string;
  isPackaged: boolean;
  locale: string;
  chromium: { executablePath: string; args: string[] };
  /** Dialog answers scripted before the app starts (a dialog the app shows while starting). */
  scripted: { api: string; answer: unknown }[];
  /** The arguments the app is started with, after the executable (and, unpackaged, the app folder). */
  args: string[];
}

export type ToChild = { id: number; cmd: keyof StandInControl; args: unknown[] };
export type FromChild =
  | { type: 'chromium'; endpoint: string; pid: number }
  | { type: 'loaded' }
  | { type: 'load-failed'; error: string }
  | { type: 'final'; state: unknown }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

const config = JSON.parse(process.env.WOLKVOX_HARNESS_CONFIG ?? 'null') as HarnessConfig | null;
if (!config) throw new Error('harness: WOLKVOX_HARNESS_CONFIG is not set (start the harness through test/harness/driver.ts)');
const pkg = JSON.parse(readFileSync(config.packageJson, 'utf8')) as { name: string; productName?: string; version: string };
const send = (msg: FromChild) => process.send?.(msg);

const standin = createElectronStandIn({
  isPackaged: config.isPackaged,
  version: pkg.version,
  name: pkg.productName ?? pkg.name,
  locale: config.locale,
  chromium: config.chromium,
  onChromium: (info) => send({ type: 'chromium', ...info }),
  terminate: (code) => {
    process.exitCode = code;
    // What the app did, for a test whose app quits by itself before it could ask.
    if (process.send && process.connected) process.send({ type: 'final', state: standin.control.state() } satisfies FromChild, () => process.exit(code));
    else process.exit(code);
  },
});
for (const s of config.scripted) standin.control.script(s.api, s.answer);
(globalThis as Record<symbol, unknown>)[Symbol.for('wolkvox.harness.electron')] = standin.electron;
// Electron's main process has these; an unpackaged app's resources folder is Electron's own (which holds no
// app-update.yml, so an update check finds no feed, as in `electron .`).
Object.assign(process, { type: 'browser', resourcesPath: join(dirname(config.packageJson), 'node_modules', 'electron', 'dist', 'resources') });
// process.argv as Electron gives it: installed [exe, ...args]; `electron .` [electron, appFolder, ...args]
// with process.defaultApp set.
const appFolder = dirname(config.packageJson);
process.argv = config.isPackaged ? [join(appFolder, 'wolkvox-audit'), ...config.args] : [join(appFolder, 'node_modules/.bin/electron'), appFolder, ...config.args];
if (!config.isPackaged) Object.assign(process, { defaultApp: true });

// ESM imports of 'electron' (the built main) through the module hooks; CommonJS requires (electron-updater)
// through the resolver.
register('./loader-hooks.mjs', import.meta.url, { data: { electronUrl: new URL('./electron-esm.mjs', import.meta.url).href } });
const cjsShim = fileURLToPath(new URL('./electron-cjs.cjs', import.meta.url));
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = resolver._resolveFilename;
resolver._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'electron' ? cjsShim : resolveFilename.call(this, request, ...rest);
};

// Electron prints a main-process rejection and goes on; the harness records it so the test sees it.
process.on('unhandledRejection', (reason) => {
  console.error('[harness] unhandled rejection in the main process:', reason);
  (standin.control.state().errors as string[]).push(`unhandled rejection: ${String(reason)}`);
});
process.on('exit', () => standin.chromium.kill());
// The test process went away: nothing will ever ask this app to quit.
process.on('disconnect', () => standin.app.exit(1));

process.on('message', (raw) => {
  const msg = raw as ToChild;
  void (async () => {
    try {
      const fn = standin.control[msg.cmd] as (...a: unknown[]) => unknown;
      send({ id: msg.id, ok: true, value: await fn(...msg.args) });
    } catch (error) {
      send({ id: msg.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});

try {
  await import(pathToFileURL(config.main).href);
  standin.app.markReady();
  send({ type: 'loaded' });
} catch (error) {
  send({ type: 'load-failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  console.error('[harness] the main entry failed to load:', error);
  standin.app.exit(1);
}
