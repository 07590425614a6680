import { spawn, type ChildProcess } from 'node:child_process';

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/** Starts the real CLI in its own process (as a scheduled job would). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, stdin?: string): { child: ChildProcess; done: Promise<CliOutcome> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, WOLKVOX_TOKEN: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.end(stdin ?? '');
  const done = new Promise<CliOutcome>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export function runCliProcess(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliOutcome> {
  return spawnCli(args, env, stdin).done;
}
