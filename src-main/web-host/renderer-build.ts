import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Builds the renderer (the same settings as electron.vite.config.ts's renderer entry) when out/renderer is
 * missing or older than its sources, for `npm run web`, the demo and the end-to-end tests. A lock folder
 * keeps two processes (two test files) from building into the same folder at once.
 */
const SOURCES = [
  'src-renderer',
  'src-main/core/api',
  'src-main/core/wolkvox/fields.ts',
  'src-main/core/wolkvox/service-address.ts',
  'src-main/core/reviews/types.ts',
  'src-main/core/errors.ts',
  'src-main/core/time/zone.ts',
];
const STALE_LOCK_MS = 5 * 60_000;

export function newestMtime(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function rendererIsFresh(rootDir: string, outDir = join(rootDir, 'out/renderer')): boolean {
  const built = statSync(join(outDir, 'index.html'), { throwIfNoEntry: false });
  if (!built) return false;
  return SOURCES.every((s) => newestMtime(join(rootDir, s)) <= built.mtimeMs);
}

/**
 * Runs `fn` holding the one lock of builds into `out/` (a folder, created atomically), so that two processes
 * (test files, the demo) never build into it at once. A lock left by a dead process goes stale.
 */
export async function withBuildLock<T>(rootDir: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(rootDir, 'out'), { recursive: true });
  const lockDir = join(rootDir, 'out/.renderer-build.lock');
  for (;;) {
    try {
      mkdirSync(lockDir, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = statSync(lockDir, { throwIfNoEntry: false });
      if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Returns the renderer folder, built first if needed. */
export async function ensureRendererBuilt(rootDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const outDir = join(rootDir, 'out/renderer');
  if (rendererIsFresh(rootDir, outDir)) return outDir;
  await withBuildLock(rootDir, async () => {
    if (rendererIsFresh(rootDir, outDir)) return;
    log('Building the UI (out/renderer)…');
    // Dev-only tools, loaded only when a build is needed.
    const { build } = await import('vite');
    const { default: react } = await import('@vitejs/plugin-react');
    await build({
      configFile: false,
      root: join(rootDir, 'src-renderer'),
      plugins: [react()],
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, rollupOptions: { input: { index: join(rootDir, 'src-renderer/index.html') } } },
    });
  });
  return outDir;
}
