import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Profile, SyncRange, SyncRun } from '../../src-main/core/api/contract';
import { MemorySecretStore, type SecretStore } from '../../src-main/core/secrets/secret-store';
import { composeApp } from '../../src-main/core/compose/index';
import type { AppService } from '../../src-main/core/service/types';
import type { FetchFn } from '../../src-main/core/wolkvox/client';
import { startSimulator, type SimOptions, type Simulator } from '../../src-main/sim/server';
import { startWebHost, type WebHost } from '../../src-main/web-host/index';
import { ensureBuiltForTests } from '../harness/build';

/**
 * One end-to-end rig: the simulator, the real application service on a temporary data folder (tokens in
 * memory; the keychain has its own tests), the browser host in this process, and real Chromium.
 */
export const ROOT = new URL('../../', import.meta.url).pathname;
/**
 * Screenshots of the real UI go to .tmp/screenshots on every run, and to docs/screenshots (the README's,
 * committed) only when WOLKVOX_SCREENSHOTS=docs, so that a test run leaves the working tree clean.
 */
export const SCREENSHOTS = join(ROOT, process.env.WOLKVOX_SCREENSHOTS === 'docs' ? 'docs/screenshots' : '.tmp/screenshots');
export const TOKEN = 'e2e-secret-token-5f1c9a77d2';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Rig {
  sim: Simulator;
  service: AppService;
  host: WebHost;
  browser: Browser;
  dataDir: string;
  /** The browser host's Downloads folder: exports from the UI land here (dataDir/Downloads). */
  downloadsDir: string;
  close(): Promise<void>;
}

export interface RigOptions {
  dataDir: string;
  sim?: SimOptions;
  /** Wraps the service's fetch (to reshape simulator answers). */
  fetch?: FetchFn;
  /** The keychain (default a new in-memory one): a rig restarted on the same data folder passes the same. */
  secrets?: SecretStore;
}

/**
 * Real Chromium, started first: where it is missing or cannot start, the e2e files fail at once saying what
 * to install, rather than after the test timeout with the simulator, service and host still holding the process.
 */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: the UI tests need real Chromium (Debian/Ubuntu: apt-get install chromium; elsewhere set CHROMIUM_PATH).`);
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`Chromium at ${CHROMIUM} did not start: ${detail}`, { cause: error });
  }
}

export async function startRig(options: RigOptions): Promise<Rig> {
  const browser = await launchChromium();
  // What started so far, closed in reverse order if a later step fails (or when the rig closes).
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    const errors: unknown[] = [];
    await browser.close().catch(() => {});
    for (const stop of stops.reverse()) await stop().catch((e: unknown) => errors.push(e));
    return errors;
  };
  try {
    const rendererDir = await ensureBuiltForTests(ROOT);
    const sim = await startSimulator({ tokens: [TOKEN], ...options.sim });
    // A test may have stopped the simulator itself.
    stops.push(() => sim.stop().catch(() => {}));
    // Built as the browser host builds it (cli serve): the one composition root.
    const root = composeApp({ host: 'browser', dataDir: options.dataDir, secrets: options.secrets ?? new MemorySecretStore(), env: {}, fetch: options.fetch, log: () => {} });
    const downloadsDir = join(options.dataDir, 'Downloads');
    const service = await root.openService({ version: '0.0.0-e2e', downloadsDir });
    stops.push(() => service.close());
    const host = await startWebHost({ service, rendererDir });
    stops.push(() => host.close());
    let stopped: Promise<void> | null = null;
    return {
      sim,
      service,
      host,
      browser,
      dataDir: options.dataDir,
      downloadsDir,
      // Every part is closed even if one fails; the first failure is the close's.
      close: () =>
        (stopped ??= stopAll().then((errors) => {
          if (errors.length) throw errors[0];
        })),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested. */
  requests: string[];
  /** Every response body the page received from the host, as text (see bodiesRead). */
  bodies: string[];
  /** Resolves once every body of the responses the page has received so far is in `bodies`. */
  bodiesRead(): Promise<void>;
  errors: string[];
  dialogs: string[];
}

/** A fresh browser profile (no storage) on the app, in a locale and a time zone unlike the profile's. */
export async function openApp(rig: Rig, locale = 'en-US', opts: { captureBodies?: boolean } = {}): Promise<Watched> {
  const context = await rig.browser.newContext({ locale, timezoneId: 'Asia/Tokyo', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Each body is read asynchronously after its response event: the reads still running, for bodiesRead.
  const reading = new Set<Promise<void>>();
  const bodiesRead = async () => {
    while (reading.size) await Promise.all(reading);
  };
  const watched: Watched = { page, context, requests: [], bodies: [], bodiesRead, errors: [], dialogs: [] };
  page.on('request', (r) => watched.requests.push(r.url()));
  page.on('pageerror', (e) => watched.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.errors.push(m.text());
  });
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  if (opts.captureBodies) {
    page.on('response', (r) => {
      if (!r.url().startsWith(rig.host.origin) || r.url().includes('/api/events')) return;
      const read: Promise<void> = r.text().then(
        (t) => void watched.bodies.push(t),
        () => {},
      ).finally(() => reading.delete(read));
      reading.add(read);
    });
  }
  await page.goto(rig.host.url);
  return watched;
}

export async function call<T>(service: AppService, channel: string, args: unknown): Promise<T> {
  const handler = (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!;
  return handler(args);
}

/** A profile pointed at the simulator, its token saved, made active. */
export async function seedProfile(rig: Rig, name = 'Demo operation'): Promise<Profile> {
  const profile = await call<Profile>(rig.service, 'profiles/save', { name, server: 'demo', zone: 'America/Bogota', baseUrl: rig.sim.url });
  await call(rig.service, 'token/set', { profileId: profile.id, token: TOKEN });
  await call(rig.service, 'profiles/activate', { profileId: profile.id });
  return profile;
}

/** Starts a sync through the service and resolves with its finished run. */
export async function syncNow(rig: Rig, profileId: string, range: SyncRange): Promise<SyncRun> {
  const finished = new Promise<SyncRun>((resolve) => {
    const off = rig.service.subscribe((event, payload) => {
      if (event === 'sync/finished') {
        off();
        resolve((payload as { run: SyncRun }).run);
      }
    });
  });
  await call(rig.service, 'sync/start', { profileId, range });
  return finished;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The number in the row counter once it shows one. */
export async function rowCount(page: Page): Promise<number> {
  const el = page.getByTestId('row-count');
  await el.locator('xpath=self::*[@data-total!=""]').waitFor();
  return Number(await el.getAttribute('data-total'));
}

/** Waits until the counter settles on a value other than `previous`. */
export async function rowCountChange(page: Page, previous: number): Promise<number> {
  await page.waitForFunction(
    (prev) => {
      const v = document.querySelector('[data-testid="row-count"]')?.getAttribute('data-total');
      return v !== null && v !== undefined && v !== '' && Number(v) !== prev;
    },
    previous,
  );
  return rowCount(page);
}

/** Rows the grid shows now, as cell text by column id (a row may span the pinned and the centre containers). */
export async function visibleRows(page: Page, columns: string[]): Promise<Record<string, string>[]> {
  return page.evaluate((cols) => {
    const byIndex = new Map<number, Record<string, string>>();
    for (const r of document.querySelectorAll('.ag-row[row-index]')) {
      const index = Number(r.getAttribute('row-index'));
      const row = byIndex.get(index) ?? {};
      for (const c of cols) {
        const cell = r.querySelector(`[col-id="${c}"]`);
        if (cell) row[c] = cell.textContent ?? '';
      }
      byIndex.set(index, row);
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  }, columns);
}
