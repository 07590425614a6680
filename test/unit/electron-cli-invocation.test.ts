/**
 * Is this launch the command line, and with which arguments? Over the exact process.argv shapes Electron
 * gives the main process on each OS: installed [exe, ...args], `electron .` [electron, appFolder, ...args].
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliInvocation, type LaunchShape } from '../../src-main/electron/cli-invocation';

const COMMANDS = ['sync', 'search', 'stats', 'export', 'token', 'serve', 'purge', 'scorecard', 'help'];
const INSTALLED: LaunchShape = { isPackaged: true, defaultApp: false };
const DEV: LaunchShape = { isPackaged: false, defaultApp: true };
const LINUX_EXE = '/opt/Wolkvox Audit/wolkvox-audit';
const WIN_EXE = 'C:\\Users\\ana\\AppData\\Local\\Programs\\wolkvox-audit\\Wolkvox Audit.exe';
const MAC_EXE = '/Applications/Wolkvox Audit.app/Contents/MacOS/Wolkvox Audit';
const ELECTRON = '/home/dev/wolkvox/node_modules/electron/dist/electron';

test('an installed app started with a command runs the CLI with everything from the command on (each OS)', () => {
  const args = ['sync', '--server', '0032', '--incremental', '--base-url', 'http://127.0.0.1:8080'];
  for (const exe of [LINUX_EXE, WIN_EXE, MAC_EXE, '/tmp/.mount_WolkvoXYZ/wolkvox-audit']) {
    assert.deepEqual(cliInvocation([exe, ...args], INSTALLED, COMMANDS), args, exe);
  }
  assert.deepEqual(cliInvocation([WIN_EXE, 'export', '--out', 'C:\\Shared\\night.xlsx'], INSTALLED, COMMANDS), ['export', '--out', 'C:\\Shared\\night.xlsx']);
  assert.deepEqual(cliInvocation([LINUX_EXE, 'help'], INSTALLED, COMMANDS), ['help']);
});

test('a development run (electron ., electron-vite preview) skips the app folder', () => {
  assert.deepEqual(cliInvocation([ELECTRON, '.', 'stats', '--json'], DEV, COMMANDS), ['stats', '--json']);
  assert.deepEqual(cliInvocation([ELECTRON, '/home/dev/wolkvox', 'search', 'refund'], DEV, COMMANDS), ['search', 'refund']);
  // Electron's own switches may come before the app folder.
  assert.deepEqual(cliInvocation([ELECTRON, '--no-sandbox', '.', 'stats'], DEV, COMMANDS), ['stats']);
  // The app folder itself is never taken for a command, even one named like it.
  assert.equal(cliInvocation([ELECTRON, 'sync'], DEV, COMMANDS), null);
  assert.equal(cliInvocation([ELECTRON, '.'], DEV, COMMANDS), null);
});

test("Chromium's switches and macOS's -psn_ argument before the command belong to Electron and are dropped", () => {
  assert.deepEqual(cliInvocation([LINUX_EXE, '--no-sandbox', '--ozone-platform=x11', 'stats', '--json'], INSTALLED, COMMANDS), ['stats', '--json']);
  assert.deepEqual(cliInvocation([MAC_EXE, '-psn_0_1234567', 'stats'], INSTALLED, COMMANDS), ['stats']);
  assert.equal(cliInvocation([MAC_EXE, '-psn_0_1234567'], INSTALLED, COMMANDS), null);
});

test('the desktop app: no arguments, switches only, or what the OS passes to open (files, URLs)', () => {
  assert.equal(cliInvocation([LINUX_EXE], INSTALLED, COMMANDS), null);
  assert.equal(cliInvocation([WIN_EXE, '--no-sandbox'], INSTALLED, COMMANDS), null);
  assert.equal(cliInvocation([LINUX_EXE, '/home/ana/report.xlsx'], INSTALLED, COMMANDS), null);
  assert.equal(cliInvocation([WIN_EXE, 'C:\\Users\\ana\\sync'], INSTALLED, COMMANDS), null);
  // Command names are exact: no prefix, case or typo turns the GUI into a CLI run.
  for (const word of ['Sync', 'syncs', 'sync.exe', 'statistics', 'constructor', '__proto__']) assert.equal(cliInvocation([LINUX_EXE, word], INSTALLED, COMMANDS), null, word);
});

test('a flag or its value that looks like a command is the CLI’s, after the command', () => {
  assert.deepEqual(cliInvocation([LINUX_EXE, 'search', 'sync'], INSTALLED, COMMANDS), ['search', 'sync']);
  assert.deepEqual(cliInvocation([LINUX_EXE, 'stats', '--db', '/data/stats'], INSTALLED, COMMANDS), ['stats', '--db', '/data/stats']);
});
