// What the tests need from the operating system, checked by what the tests actually use (a command, a
// file), each mapped to the Debian/Ubuntu package that provides it. As root with apt-get, the missing
// ones are installed; otherwise the exact install command is printed and the tests that need them say so.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian puts each major version's server under /usr/lib/postgresql/<version>/bin, off PATH. */
const postgresInstalled = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => Number(v) >= 15 && existsSync(join('/usr/lib/postgresql', v, 'bin', 'pg_ctl')));

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/** The capabilities every run needs: [Debian package, what it gives the tests, present?]. */
function baseNeeds() {
  return [
    ['chromium', `real Chromium at ${CHROMIUM} for the UI tests`, () => existsSync(CHROMIUM)],
    ['dbus', 'dbus-run-session, the private D-Bus session of the keychain tests', () => has('dbus-run-session')],
    ['dbus-x11', 'dbus-launch', () => has('dbus-launch')],
    ['gnome-keyring', 'gnome-keyring-daemon, the Secret Service of the keychain tests', () => has('gnome-keyring-daemon')],
    ['unzip', "unzip, the independent reader that checks exported workbooks", () => has('unzip')],
    ['postgresql', 'PostgreSQL 15 or newer (initdb, pg_ctl and the unaccent/pg_trgm extensions), the real server of the team-cache tests', () => postgresInstalled()],
    ['libreoffice-calc-nogui', 'soffice (LibreOffice Calc, headless), which imports exported CSVs to prove no formula cell appears', () => has('soffice')],
  ];
}

/** What building keytar from source needs (only asked when keytar does not load). */
function keytarBuildNeeds() {
  return [
    ['libsecret-1-dev', 'libsecret headers, to build the keychain module keytar', () => spawnSync('pkg-config', ['--exists', 'libsecret-1']).status === 0],
    ['pkg-config', 'pkg-config, which finds libsecret for that build', () => has('pkg-config')],
    ['g++', 'a C++ compiler for that build', () => has('g++')],
    ['make', 'make for that build', () => has('make')],
    ['python3', 'python3 for node-gyp', () => has('python3')],
  ];
}

/** Whether keytar loads in a fresh Node process from the project (a failed optional build leaves it absent). */
export function keytarLoads(root) {
  const r = spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? { ok: true } : { ok: false, why: (r.stderr.split('\n').find((l) => /Error/.test(l)) ?? r.stderr).trim().slice(0, 300) };
}

function missing(needs) {
  return needs.filter(([, , present]) => !present());
}

function aptInstall(packages, log) {
  log(`npm test: installing ${packages.join(' ')} (apt-get, as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  return install.status === 0;
}

/**
 * Makes the OS packages present when it can; returns what is still missing, each with its purpose.
 * `install: false` only reports.
 */
export function ensureSystem(root, { install, log }) {
  const canInstall = install && process.getuid?.() === 0 && has('apt-get');
  const keytar = keytarLoads(root);
  const needs = [...baseNeeds(), ...(keytar.ok ? [] : keytarBuildNeeds())];
  let absent = missing(needs);
  if (absent.length && canInstall) {
    aptInstall(absent.map(([pkg]) => pkg), log);
    absent = missing(needs);
  }
  if (absent.length) {
    log(`npm test: these OS packages are missing:`);
    for (const [pkg, what] of absent) log(`  ${pkg.padEnd(16)} ${what}`);
    log(`Install them with: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y ${absent.map(([pkg]) => pkg).join(' ')}`);
    log('The tests that need them will fail or be skipped, each naming what is missing.');
  }
  return absent.map(([pkg, what]) => ({ pkg, what }));
}

/**
 * keytar is an optional dependency: npm drops it when its native build fails (no libsecret headers). Once
 * the headers are there, build it so the keychain tests run: `npm rebuild` for a folder left without its
 * binary, otherwise an install of the range package.json names, without touching package.json or the lock.
 */
export function ensureKeytar(root, { log }) {
  const before = keytarLoads(root);
  if (before.ok) return before;
  if (spawnSync('pkg-config', ['--exists', 'libsecret-1']).status !== 0) {
    return { ok: false, why: `keytar is not built and libsecret-1-dev is missing (${before.why})` };
  }
  const range = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies?.keytar ?? 'latest';
  const args = existsSync(join(root, 'node_modules/keytar/package.json'))
    ? ['rebuild', 'keytar']
    : ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `keytar@${range}`];
  log(`npm test: keytar does not load (${before.why}); running npm ${args.join(' ')}…`);
  spawnSync('npm', args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const after = keytarLoads(root);
  if (!after.ok) log(`npm test: keytar still does not load: ${after.why}`);
  return after;
}
