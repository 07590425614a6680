import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FromChild, HarnessConfig, ToChild } from './main-process';
import type { StandInControl } from './standin/index';

/**
 * The test side of the harness: starts the real built main process under the stand-in (main-process.ts)
 * in a child process, sends it control messages, and attaches Playwright to the Chromium that renders its
 * window, so a test drives the app's own page while the main process runs the app's own code.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Where the stand-in shows app://wolkvox/ in Chromium (standin/urls.ts). */
export const APP_PAGE_PREFIX = 'http://wolkvox.app.localhost/';

export interface HarnessOptions {
  root: string;
  dataDir: string;
  isPackaged?: boolean;
  locale?: string;
  env?: NodeJS.ProcessEnv;
  /** The main entry to run; default the built app, out/main/index.js. */
  main?: string;
  /** Dialog answers the app will need while starting, before the test can script them. */
  scripted?: { api: string; answer: unknown }[];
  /** Arguments after the executable (and the app folder when unpackaged): CLI arguments start the CLI. */
  args?: string[];
}

type Control = { [K in keyof StandInControl]: (...args: Parameters<StandInControl[K]>) => Promise<Awaited<ReturnType<StandInControl[K]>>> };

export interface Harness {
  child: ChildProcess;
  /** Resolves with the exit code when the main process ends. */
  exited: Promise<number | null>;
  /** Resolves when the main entry has been imported and 'ready' emitted; rejects if it failed to load. */
  loaded: Promise<void>;
  control: Control;
  /** The app window's page, as the test's own Playwright sees it. */
  appPage(): Promise<Page>;
  /** The first page whose URL starts with `prefix` (as Chromium shows it). */
  pageAt(prefix: string): Promise<Page>;
  output(): string;
  /** The main process's stdout alone (what a CLI run prints for its caller). */
  stdout(): string;
  stderr(): string;
  /** The stand-in's state as the main process ended (null until it has). */
  finalState(): Awaited<ReturnType<StandInControl['state']>> | null;
  close(): Promise<number | null>;
}

export function launchHarness(options: HarnessOptions): Harness {
  const config: HarnessConfig = {
    main: options.main ?? join(options.root, 'out/main/index.js'),
    packageJson: join(options.root, 'package.json'),
    isPackaged: options.isPackaged ?? false,
    locale: options.locale ?? 'en-US',
    chromium: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    scripted: options.scripted ?? [],
    args: options.args ?? [],
  };
  // No dev server: the window must load the built renderer through app://.
  // (unless the test sets one, to show that a packaged app ignores it).
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.ELECTRON_RENDERER_URL;
  const env: NodeJS.ProcessEnv = { ...inherited, ...options.env, WOLKVOX_AUDIT_DATA_DIR: options.dataDir, WOLKVOX_HARNESS_CONFIG: JSON.stringify(config) };
  const child = spawn(process.execPath, ['--import', 'tsx', join(options.root, 'test/harness/main-process.ts')], {
    cwd: options.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let output = '';
  const streams = { stdout: '', stderr: '' };
  const keep = (name: keyof typeof streams) => (d: Buffer) => {
    output += d.toString();
    streams[name] += d.toString();
    if (process.env.WOLKVOX_HARNESS_VERBOSE) process.stderr.write(d);
  };
  child.stdout!.on('data', keep('stdout'));
  child.stderr!.on('data', keep('stderr'));
  // 'close', not 'exit': by then its output and its last IPC messages (the final state) have arrived.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let chromiumInfo: { endpoint: string; pid: number } | null = null;
  let finalState: ReturnType<Harness['finalState']> = null;
  let onChromium: (() => void) | null = null;
  let loadedSettle: { resolve(): void; reject(e: Error): void };
  const loaded = new Promise<void>((resolve, reject) => (loadedSettle = { resolve, reject }));
  loaded.catch(() => {});
  child.on('message', (raw) => {
    const msg = raw as FromChild;
    if ('type' in msg) {
      if (msg.type === 'chromium') {
        chromiumInfo = { endpoint: msg.endpoint, pid: msg.pid };
        onChromium?.();
      } else if (msg.type === 'final') finalState = msg.state as typeof finalState;
      else if (msg.type === 'loaded') loadedSettle.resolve();
      else loadedSettle.reject(new Error(`the main entry failed to load:\n${msg.error}`));
      return;
    }
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.ok) waiter?.resolve(msg.value);
    else waiter?.reject(new Error(`harness control failed: ${msg.error}`));
  });
  void exited.then((code) => {
    loadedSettle.reject(new Error(`the main process exited (${code}) before loading:\n${output}`));
    for (const w of pending.values()) w.reject(new Error(`the main process exited (${code}):\n${output.slice(-3000)}`));
    pending.clear();
  });

  const control = new Proxy({} as Control, {
    get: (_t, cmd: string) => (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || !child.connected) return reject(new Error(`the main process has exited:\n${output.slice(-3000)}`));
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ id, cmd: cmd as ToChild['cmd'], args } satisfies ToChild);
      }),
  });

  let browser: Promise<Browser> | null = null;
  const connect = async (): Promise<Browser> => {
    if (!chromiumInfo) {
      await Promise.race([
        new Promise<void>((resolve) => (onChromium = resolve)),
        exited.then((code) => Promise.reject(new Error(`the main process exited (${code}) before opening a window:\n${output}`))),
      ]);
    }
    return chromium.connectOverCDP(chromiumInfo!.endpoint);
  };

  return {
    child,
    exited,
    loaded,
    control,
    output: () => output,
    stdout: () => streams.stdout,
    stderr: () => streams.stderr,
    finalState: () => finalState,
    appPage() {
      return this.pageAt(APP_PAGE_PREFIX);
    },
    async pageAt(prefix: string) {
      browser ??= connect();
      const context = (await browser).contexts()[0]!;
      // Pages appear and navigate on their own schedule: wait for the condition, checking as events arrive.
      for (;;) {
        const page = context.pages().find((p) => p.url().startsWith(prefix));
        if (page) return page;
        if (child.exitCode !== null) throw new Error(`the main process exited before showing the app:\n${output}`);
        await Promise.race([context.waitForEvent('page').catch(() => {}), new Promise((r) => setTimeout(r, 100))]);
      }
    },
    async close() {
      if (child.exitCode === null) {
        await control.quit().catch(() => {});
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      if (browser) await (await browser).close().catch(() => {});
      if (chromiumInfo) {
        try {
          process.kill(chromiumInfo.pid, 'SIGKILL');
        } catch {
          // already gone with its main process
        }
      }
      return exited;
    },
  };
}
