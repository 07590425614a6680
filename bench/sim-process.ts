import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The simulator in a process of its own (`npm run sim`): building a 46 MB answer takes it a second of
 * CPU, which must not be counted against the app's thread a benchmark is measuring.
 */
export async function simProcess(args: string[]): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/sim/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the simulator exited (code ${code}) before it served`);
  });
  const [url] = (await Promise.race([once(createInterface({ input: child.stdout! }), 'line'), exited])) as [string];
  return { url, stop: () => child.kill() };
}
