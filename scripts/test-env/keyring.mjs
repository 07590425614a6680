// The keychain tests' Secret Service: a throwaway gnome-keyring in the private D-Bus session the runner
// started, unlocked, then proven by a real keytar write/read/delete. Whatever fails, the reason the tests
// print is the true cause (the daemon's own stderr, keytar's error), never a guess.
import { spawnSync } from 'node:child_process';

const PROBE = `
const k = require('keytar');
const s = 'Wolkvox Audit (test probe)', a = 'probe-' + process.pid;
k.setPassword(s, a, 'probe')
  .then(() => k.getPassword(s, a))
  .then((v) => { if (v !== 'probe') throw new Error('the keyring gave back ' + JSON.stringify(v)); return k.deletePassword(s, a); })
  .then(() => process.exit(0), (e) => { console.error(e && e.message ? e.message : String(e)); process.exit(1); });
`;

const firstLines = (text) => text.trim().split('\n').filter(Boolean).slice(0, 4).join(' | ').slice(0, 400);

/**
 * Starts and unlocks the keyring in `env` (adding its variables). Returns null when a real keytar round
 * trip works, otherwise the reason the keychain tests cannot run.
 */
export function startKeyring(env, root) {
  // gnome-keyring-daemon waits for a password on stdin: a newline unlocks a new, empty login keyring.
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: '\n', env, encoding: 'utf8', timeout: 60_000 });
  // A daemon that exits without reading its password leaves an EPIPE here: its exit status and stderr say more.
  if (r.error && r.status === null) return `gnome-keyring-daemon could not start: ${r.error.message}`;
  for (const line of (r.stdout ?? '').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  if (r.status !== 0) return `gnome-keyring-daemon failed to unlock a keyring (exit ${r.status}): ${firstLines(r.stderr ?? '') || 'no message'}`;
  const probe = spawnSync(process.execPath, ['-e', PROBE], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) {
    const why = firstLines(probe.stderr ?? '') || (probe.error?.message ?? `exit ${probe.status}`);
    const daemon = firstLines(r.stderr ?? '');
    return `the unlocked keyring did not answer keytar: ${why}${daemon ? ` (gnome-keyring-daemon said: ${daemon})` : ''}`;
  }
  return null;
}
