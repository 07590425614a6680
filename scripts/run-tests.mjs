#!/usr/bin/env node
// `npm test`: every test with Node's test runner, then one summary (ran, passed, failed, skipped with their
// reasons, duration) whose last line is `tests: N passed, N failed, N skipped`.
//
// Before that it makes the machine able to run them (scripts/test-env/system.mjs): the OS packages the tests
// use (installed with apt-get when run as root, otherwise named with the command that installs them) and the
// optional keychain module keytar (built once libsecret is there). The keychain tests need a Secret Service:
// the whole run happens inside a private D-Bus session with an unlocked throwaway gnome-keyring (HOME points
// at a temporary folder, so the user's own keyring is never touched).
//
//   node scripts/run-tests.mjs [FILTER...]   the tests whose path contains a filter (all without one)
//   node scripts/run-tests.mjs --system      only the OS packages (.ci/run, before npm ci)
//   WOLKVOX_TEST_NO_INSTALL=1                report what is missing, install nothing
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startKeyring } from './test-env/keyring.mjs';
import { ensureKeytar, ensureSystem } from './test-env/system.mjs';

const root = new URL('..', import.meta.url).pathname;
const self = new URL(import.meta.url).pathname;
const reporter = new URL('./test-env/reporter.mjs', import.meta.url).href;
const args = process.argv.slice(2);
const log = (line) => console.error(line);
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...testFiles(full));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, full));
  }
  return out.sort();
}

/** Runs the test files in this process's environment; resolves with the runner's exit code. */
function runNodeTests(env, filters) {
  let files = testFiles(join(root, 'test'));
  if (filters.length) files = files.filter((f) => filters.some((p) => f.includes(p)));
  // The timeout only catches a hang: it also bounds each whole file, and on a loaded 2-core machine a sound
  // file can take several minutes (cli.test.ts took over 5 beside seven other runs), so it is generous.
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=1800000',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${reporter}`, '--test-reporter-destination=stdout',
      ...files,
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1))));
}

function duration(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The closing summary; returns true when nothing failed. */
function printSummary(resultsFile, code, startedAt, missing) {
  const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
  const say = (line) => console.log(line);
  say('');
  if (!results) {
    say(`The test runner ended (exit ${code}) before reporting any result.`);
    say('tests: 0 passed, 1 failed, 0 skipped');
    return false;
  }
  const where = (r) => `${r.file ? relative(root, r.file) : '?'}: ${r.name}`;
  const of = (outcome) => results.filter((r) => r.outcome === outcome);
  const [passed, failed, skipped, todo] = [of('pass'), of('fail'), of('skip'), of('todo')];
  if (skipped.length) {
    say(`Skipped (${skipped.length}):`);
    for (const r of skipped) say(`  ${where(r)}\n      because ${r.reason ?? 'no reason given'}`);
  }
  if (todo.length) say(`Todo (${todo.length}): ${todo.map(where).join('; ')}`);
  if (failed.length) {
    say(`Failed (${failed.length}):`);
    for (const r of failed) say(`  ${where(r)}${r.error ? `\n      ${r.error}` : ''}`);
  }
  for (const r of of('suite')) say(`  the group ${where(r)} failed${r.error ? `: ${r.error}` : ''}`);
  if (missing.length) say(`Missing OS packages: ${missing.map((m) => m.pkg).join(' ')} (see the start of this run).`);
  const unexplained = failed.length === 0 && code !== 0;
  if (unexplained) say(`The test runner exited ${code} although no test failed.`);
  // Where CI's minutes go: each file's outermost tests added up (inside a describe they are one level down;
  // a subtest's time is already its parent's; setup outside tests is not counted).
  const outermost = new Map();
  for (const r of results) if (r.file && r.outcome !== 'suite') outermost.set(r.file, Math.min(outermost.get(r.file) ?? Infinity, r.nesting));
  const perFile = new Map();
  for (const r of results) if (r.file && r.outcome !== 'suite' && r.nesting === outermost.get(r.file)) perFile.set(r.file, (perFile.get(r.file) ?? 0) + r.ms);
  const slowest = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (slowest.length > 1) say(`Slowest files (their tests' time): ${slowest.map(([file, ms]) => `${relative(root, file)} ${duration(ms)}`).join(', ')}.`);
  say(`${results.length - of('suite').length} tests ran in ${duration(Date.now() - startedAt)}.`);
  say(`tests: ${passed.length} passed, ${failed.length + (unexplained ? 1 : 0)} failed, ${skipped.length} skipped`);
  return failed.length === 0 && !unexplained;
}

/** Inside the private D-Bus session: the keyring, then the tests. */
async function inner(filters) {
  const env = { ...process.env };
  const reason = env.WOLKVOX_TEST_KEYRING_REASON || startKeyring(env, root);
  env.WOLKVOX_TEST_KEYRING = reason ? '' : '1';
  env.WOLKVOX_TEST_KEYRING_REASON = reason ?? '';
  if (reason) log(`npm test: the keychain tests will be skipped: ${reason}`);
  process.exit(await runNodeTests(env, filters));
}

/** Why no private keyring session can be made here, or null. */
function sessionBlocker() {
  if (process.env.WOLKVOX_TEST_NO_KEYRING) return 'WOLKVOX_TEST_NO_KEYRING is set';
  const absent = [['dbus-run-session', 'dbus'], ['gnome-keyring-daemon', 'gnome-keyring']].filter(([cmd]) => !has(cmd));
  if (!absent.length) return null;
  return `${absent.map(([cmd]) => cmd).join(' and ')} missing (apt-get install ${absent.map(([, pkg]) => pkg).join(' ')})`;
}

async function outer(filters) {
  const startedAt = Date.now();
  const install = !process.env.WOLKVOX_TEST_NO_INSTALL;
  const missing = ensureSystem(root, { install, log });
  const keytar = install ? ensureKeytar(root, { log }) : { ok: true };
  const run = mkdtempSync(join(tmpdir(), 'wolkvox-test-run-'));
  const home = join(run, 'home');
  mkdirSync(home);
  const env = {
    ...process.env,
    WOLKVOX_TEST_RESULTS: join(run, 'results.json'),
    WOLKVOX_TEST_KEYRING_REASON: keytar.ok ? '' : `the keychain module keytar does not load: ${keytar.why}`,
  };
  const blocker = sessionBlocker();
  let code;
  if (blocker) {
    code = await runNodeTests({ ...env, WOLKVOX_TEST_KEYRING: '', WOLKVOX_TEST_KEYRING_REASON: env.WOLKVOX_TEST_KEYRING_REASON || `no private Secret Service: ${blocker}` }, filters);
  } else {
    const sessionEnv = { ...env, HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_RUNTIME_DIR: home };
    const child = spawn('dbus-run-session', ['--', process.execPath, self, '--inner', ...filters], { cwd: root, env: sessionEnv, stdio: 'inherit' });
    code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(signal ? 1 : (c ?? 1))));
  }
  const ok = printSummary(env.WOLKVOX_TEST_RESULTS, code, startedAt, missing);
  rmSync(run, { recursive: true, force: true });
  process.exit(ok ? 0 : 1);
}

if (args[0] === '--inner') await inner(args.slice(1));
else if (args[0] === '--system') {
  const missing = ensureSystem(root, { install: !process.env.WOLKVOX_TEST_NO_INSTALL, log });
  process.exit(missing.length ? 1 : 0);
} else await outer(args);
