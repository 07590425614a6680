import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The Electron executable, if this machine has one, found without `require('electron')` (which would try
 * to download it). null here, where the binary cannot be downloaded.
 */
export function electronBinary(root: string): string | null {
  const pkg = join(root, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative ?? 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_REASON =
  'no Electron binary in node_modules/electron/dist (it cannot be downloaded on this machine); these tests run in CI (.github/workflows/electron-e2e.yml), and the harness tests cover the same flows under Node here';

/**
 * The harness (test/harness) runs the main process under Node and the window in real Chromium; without
 * either the harness tests skip, saying which. better-sqlite3 fails to load in Node after
 * `electron-builder install-app-deps` rebuilt it for Electron (CI runs the harness before that step).
 */
const HARNESS_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function sqliteInNode(): string | null {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => { close(): void };
    new Database(':memory:').close();
    return null;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return `better-sqlite3 does not load in Node (${first}); it is built for Electron's ABI after electron-builder install-app-deps — run the harness before that, or npm rebuild better-sqlite3`;
  }
}

/** The harness without a window (a CLI run in the built main entry) needs only better-sqlite3 in Node. */
export const HARNESS_CLI_SKIP_REASON: string | null = sqliteInNode();

export const HARNESS_SKIP_REASON: string | null = !existsSync(HARNESS_CHROMIUM) ? `Chromium is not installed at ${HARNESS_CHROMIUM} (install it or set CHROMIUM_PATH)` : sqliteInNode();

/** Every role named anywhere in a menu template (as the stand-in records it). */
export function menuRoles(menu: unknown): string[] {
  const out: string[] = [];
  const walk = (items: unknown) => {
    if (!Array.isArray(items)) return;
    for (const item of items as { role?: string; submenu?: unknown }[]) {
      if (item.role) out.push(item.role);
      walk(item.submenu);
    }
  };
  walk(menu);
  return out;
}

/**
 * Waits for a condition another process brings about, checking again every 50 ms. The deadline only turns
 * a hang into a message naming what never happened; it is not a speed check.
 */
export async function until(check: () => Promise<boolean> | boolean, what: string, deadlineMs = 120_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * What the Electron binary is started with: the project folder, so Electron reads package.json ("main":
 * out/main/index.js) and the app has its own name and version, as a packaged build does.
 */
export function electronLaunchArgs(root: string): string[] {
  return [root];
}
