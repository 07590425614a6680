import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRendererBuilt, newestMtime, withBuildLock } from '../../src-main/web-host/renderer-build';

/**
 * The harness runs what `npx electron-vite build` wrote to out/. When out/main or out/preload is missing or
 * older than its sources, it builds first, holding the lock folder the renderer build also uses
 * (src-main/web-host/renderer-build.ts), so that two test files never build into out/ at once.
 */
const SOURCES = ['src-main', 'src-preload', 'src-renderer', 'electron.vite.config.ts', 'package.json'];
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

export function electronBuildIsFresh(root: string): boolean {
  const source = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
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
  await withBuildLock(root, async () => {
    if (!electronBuildIsFresh(root)) await build(root);
  });
}

/**
 * The renderer folder for a test that serves it (e2e rigs, the host guard, `cli serve`): the one full build
 * of out/ first, under the same lock. A renderer-only build would leave out/main stale, and the first
 * harness test would then rebuild everything, emptying out/renderer while another test file's page was
 * loading a chunk from it (every test of that file then timed out waiting for its view).
 */
export async function ensureBuiltForTests(root: string): Promise<string> {
  await ensureElectronBuilt(root);
  return ensureRendererBuilt(root);
}
