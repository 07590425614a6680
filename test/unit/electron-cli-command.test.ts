/**
 * macOS's "Install 'wolkvox-audit' command": the shell command osascript runs as root writes a script that
 * starts the app's executable with every argument unchanged and returns its exit code. The shell layers run
 * here for real (sh, into a temporary folder, with a stand-in executable); osascript itself exists only on
 * macOS, so its layer is checked by reading the AppleScript literal back.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { appleScriptString, CLI_COMMAND_PATH, installCommandArgs, installShellCommand, wasCancelled } from '../../src-main/electron/cli-command';

const dir = mkdtempSync(join(tmpdir(), 'wolkvox-cli-command-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Reads an AppleScript string literal back (the escapes appleScriptString may write). */
function readAppleScriptString(literal: string): string {
  assert.ok(literal.startsWith('"') && literal.endsWith('"'));
  return literal.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

test("the installed command starts the app's executable with every argument as given, and returns its exit code", () => {
  // A bundle path with what breaks naive quoting: spaces, a quote, a dollar sign, a backslash.
  const bundle = join(dir, `Wolkvox Audit's $HOME \\ copy.app`, 'Contents', 'MacOS');
  mkdirSync(bundle, { recursive: true });
  const exe = join(bundle, 'Wolkvox Audit');
  writeFileSync(exe, `#!/bin/sh\nfor a in "$@"; do printf '[%s]' "$a"; done\nexit 3\n`);
  chmodSync(exe, 0o755);
  const target = join(dir, 'usr local', 'bin', 'wolkvox-audit');

  const install = spawnSync('sh', ['-c', installShellCommand(exe, target)], { encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  assert.equal(statSync(target).mode & 0o777, 0o755);
  const run = spawnSync(target, ['export', '--out', 'a b.xlsx', "it's", '$PATH', '*'], { encoding: 'utf8', cwd: dir });
  assert.equal(run.stdout, "[export][--out][a b.xlsx][it's][$PATH][*]");
  assert.equal(run.status, 3, 'the exit code of the app is the command’s');
  assert.match(readFileSync(target, 'utf8'), /^#!\/bin\/sh\n/);
});

test('osascript gets the same shell command, run with administrator privileges, into /usr/local/bin', () => {
  const exe = '/Applications/Wolkvox Audit.app/Contents/MacOS/Wolkvox Audit';
  const [flag, script] = installCommandArgs(exe);
  assert.equal(flag, '-e');
  const match = /^do shell script (".*") with administrator privileges$/s.exec(script!);
  assert.ok(match, script);
  assert.equal(readAppleScriptString(match[1]!), installShellCommand(exe));
  assert.ok(installShellCommand(exe).endsWith(`chmod 755 '${CLI_COMMAND_PATH}'`));
  assert.equal(readAppleScriptString(appleScriptString('a "b" \\ c\nd')), 'a "b" \\ c\nd');
});

test('a cancelled password prompt is told apart from a failure', () => {
  assert.equal(wasCancelled('0:75: execution error: User canceled. (-128)\n'), true);
  assert.equal(wasCancelled('0:75: execution error: mkdir: /usr/local/bin: Read-only file system (1)\n'), false);
});
