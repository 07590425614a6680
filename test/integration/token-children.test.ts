import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers/temp-dir';

/**
 * No child process of an entry point receives WOLKVOX_TOKEN. Each entry is started exactly as its npm
 * script starts it (package.json), with the token in its environment; once it serves, every descendant
 * process is listed from /proc and its environment (/proc/PID/environ: what it was started with) read.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const CANARY = 'canary-token-children-7c2e4b';
const dir = tempDir('wolkvox-token-children-');
const skip = process.platform !== 'linux' && 'child environments are read from /proc (Linux only)';
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

interface Child {
  pid: number;
  command: string;
  hasToken: boolean;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return out;
  // Each thread has its own children (tsx's loader thread starts esbuild).
  for (const task of readdirSync(tasks)) {
    let listed: string;
    try {
      listed = readFileSync(`${tasks}/${task}/children`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    for (const child of listed.trim().split(/\s+/).filter(Boolean).map(Number)) out.push(child, ...descendants(child));
  }
  return out;
}

function describeProcess(pid: number): Child | null {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 160);
    return { pid, command, hasToken: environ.some((v) => v.startsWith('WOLKVOX_TOKEN=')) };
  } catch {
    return null; // gone meanwhile
  }
}

/** Starts `node <args>` with the canary, waits for its address on stdout, lists its descendants, then stops it. */
async function childrenOf(args: string[], env: NodeJS.ProcessEnv): Promise<Child[]> {
  // tsx's cache off: it transforms every file, as after any change to the sources, so esbuild runs.
  const entry = spawn(process.execPath, args, {
    cwd: ROOT, env: { ...process.env, WOLKVOX_TOKEN: CANARY, TSX_DISABLE_CACHE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  entry.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => entry.on('exit', resolve));
  const serving = new Promise<void>((resolve) => entry.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('http://127.0.0.1') && resolve())));
  try {
    const first = await Promise.race([serving.then(() => 'serving'), exited.then((code) => `exited ${code}`)]);
    assert.equal(first, 'serving', err);
    return descendants(entry.pid!).map(describeProcess).filter((c): c is Child => c !== null);
  } finally {
    entry.kill('SIGTERM');
    await exited;
  }
}

/** An npm script's command as arguments of node ("node scripts/launch.mjs ENTRY" → [scripts/launch.mjs, ENTRY]). */
function scriptArgs(name: string): string[] {
  const [bin, ...args] = scripts[name]!.split(' ');
  assert.equal(bin, 'node', `${name} is started by node`);
  return args;
}

const entries: [string, string[], NodeJS.ProcessEnv][] = [
  ['npm run cli -- serve', [...scriptArgs('cli'), 'serve', '--port', '0'], { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'cli') }],
  ['npm run web', [...scriptArgs('web'), '--port', '0'], { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'web') }],
  ['npm run demo (browser)', scriptArgs('demo'), { WOLKVOX_DEMO_BROWSER: '1', WOLKVOX_DEMO_DIR: join(dir, 'demo') }],
];

for (const [name, args, env] of entries) {
  test(`${name}: no child process has WOLKVOX_TOKEN`, { skip }, async () => {
    const children = await childrenOf(args, env);
    assert.ok(children.length > 0, 'the entry has children to check (tsx starts esbuild)');
    const leaking = children.filter((c) => c.hasToken);
    assert.deepEqual(leaking, [], `children with the token:\n${leaking.map((c) => `${c.pid} ${c.command}`).join('\n')}`);
  });
}

test('the listing sees a leak where there is one: tsx loaded before our code hands the token to esbuild', { skip }, async () => {
  const children = await childrenOf(['--import', 'tsx', 'src-main/cli.ts', 'serve', '--port', '0'], { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'direct') });
  assert.ok(children.some((c) => c.hasToken && c.command.includes('esbuild')), JSON.stringify(children));
});

test('the launcher hands the token to the entry: the CLI reads it, for the server\'s own host', async () => {
  const run = spawn(process.execPath, [...scriptArgs('cli'), 'token', 'status', '--server', '0032', '--json'], {
    cwd: ROOT, env: { ...process.env, WOLKVOX_TOKEN: CANARY, WOLKVOX_AUDIT_DATA_DIR: join(dir, 'status') }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  run.stdout.on('data', (d: Buffer) => (out += d.toString()));
  assert.equal(await new Promise((resolve) => run.on('exit', resolve)), 0);
  assert.deepEqual(JSON.parse(out), { server: '0032', saved: true, source: 'environment' });
});
