import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The harness runs what `npx electron-vite build` wrote to out/. When out/main or out/preload is missing or
 * older than its sources, it builds first, holding the lock folder the renderer build also uses
 * (src-main/web-host/renderer-build.ts), so that two test files never build into out/ at once.
 */
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const STALE_LOCK_MS = 10 * 60_000;

function newest(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), info.mtimeMs);
}

export function electronBuildIsFresh(root: string): boolean {
  const source = Math.max(...SOURCES.map((s) => newest(join(root, s))));
  return OUTPUTS.every((o) => (statSync(join(root, o), { throwIfNoEntry: false })?.mtimeMs ?? 0) >= source);
}

function build(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npx electron-vite build failed (${code}):\n${output.slice(-4000)}`))));
  });
}

export async function ensureElectronBuilt(root: string): Promise<void> {
  if (electronBuildIsFresh(root)) return;
  mkdirSync(join(root, 'out'), { recursive: true });
  const lock = join(root, 'out/.renderer-build.lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = statSync(lock, { throwIfNoEntry: false });
      if (info && Date.now() - info.mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    if (electronBuildIsFresh(root)) return;
    try {
      await build(root);
    } catch {
      // Concurrent writers to out/ (another helper's build) can make one attempt fail oddly: retry once.
      await build(root);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
