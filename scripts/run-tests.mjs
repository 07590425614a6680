#!/usr/bin/env node
// Runs every test with Node's test runner. The keychain tests need a Secret Service: when this machine has
// dbus-run-session and gnome-keyring-daemon, the whole run happens inside a private D-Bus session with an
// unlocked throwaway keyring (HOME points at a temporary folder, so the user's own keyring is never touched).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const inner = args[0] === '--inner';
const filters = inner ? args.slice(1) : args;

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, full));
  }
  return out.sort();
}

function runNodeTests(env) {
  let files = testFiles(join(root, 'test'));
  if (filters.length) files = files.filter((f) => filters.some((p) => f.includes(p)));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=300000', ...files],
    { cwd: root, env, stdio: 'inherit' },
  );
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}

function startKeyring(env) {
  // gnome-keyring-daemon waits for a password on stdin: a newline unlocks a new, empty login keyring.
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: '\n', env, encoding: 'utf8' });
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  env.WOLKVOX_TEST_KEYRING = r.status === 0 ? '1' : '';
}

if (inner) {
  const env = { ...process.env };
  startKeyring(env);
  runNodeTests(env);
} else if (has('dbus-run-session') && has('gnome-keyring-daemon') && !process.env.WOLKVOX_TEST_NO_KEYRING) {
  const home = mkdtempSync(join(tmpdir(), 'wolkvox-test-home-'));
  const env = { ...process.env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_RUNTIME_DIR: home };
  const child = spawn('dbus-run-session', ['--', process.execPath, new URL(import.meta.url).pathname, '--inner', ...filters], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    rmSync(home, { recursive: true, force: true });
    process.exit(signal ? 1 : (code ?? 1));
  });
} else {
  runNodeTests({ ...process.env, WOLKVOX_TEST_KEYRING: '' });
}
