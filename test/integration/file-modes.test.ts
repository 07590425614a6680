import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { tempDir } from '../helpers/temp-dir';

/**
 * The user's files are the user's: on Linux and macOS the data folder is 0700 and the cache, its -wal
 * and -shm, the lock folder and an export 0600/0700 whatever the umask, checked on real files after a
 * real sync in a child process whose umask is set (0 and 022).
 */
const TOKEN = 'file-modes-secret-token';
const ROOT = new URL('../../', import.meta.url).pathname;
const dir = tempDir('wolkvox-modes-');
let sim: Simulator;
before(async () => {
  sim = await startSimulator({ tokens: [TOKEN], dataset: { from: '2026-01-01', to: '2026-01-05', rowsPerDay: 40 } });
});
after(() => sim.stop());

const unix = process.platform !== 'win32';
const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, WOLKVOX_TOKEN: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** The CLI with a given umask, set by the shell that execs it (as a cron job's would be). */
function cliWithUmask(umask: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn('sh', ['-c', `umask ${umask} && exec "$0" --import tsx src-main/cli.ts "$@"`, process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ code: number | null; err: string }>((resolve) => child.on('close', (code) => resolve({ code, err })));
}

for (const umask of ['000', '022']) {
  test(`app service under umask ${umask}: data folder 0700, cache and its -wal/-shm 0600, lock folder 0700`, { skip: !unix && 'file modes are a unix matter' }, async () => {
    const dataDir = join(dir, `app-${umask}`, 'nested', 'data');
    const home = join(dir, `home-${umask}`);
    const r = await run(['test/integration/file-modes-child.ts', umask, dataDir, home, sim.url, TOKEN]);
    assert.equal(r.code, 0, r.err);
    const { umask: seen, run: sync, modes } = JSON.parse(r.out.trim()) as { umask: string; run: { status: string; rows: number }; modes: Record<string, string> };
    assert.equal(seen, String(Number(umask)), 'the child ran with that umask');
    assert.equal(sync.status, 'done');
    assert.equal(sync.rows, 80);
    assert.equal(modes['data'], '700');
    for (const suffix of ['', '-wal', '-shm']) {
      assert.equal(modes[`data/${DB_FILE_NAME}${suffix}`], '600', `${DB_FILE_NAME}${suffix} (SQLite gives the journals the main file's mode)`);
    }
    for (const [name, m] of Object.entries(modes)) {
      if (name === 'data' || name === 'locks') assert.equal(m, '700', name);
      else assert.equal(m, '600', name);
    }
    assert.ok(Object.keys(modes).some((n) => n.startsWith('locks/lock-')), 'a lock file was made');
    assert.equal(modes['data/preferences.json'], '600', "the user's preferences file");
  });
}

test('the CLI under umask 000: data folder, cache and export are the user\'s alone', { skip: !unix && 'file modes are a unix matter' }, async () => {
  const dataDir = join(dir, 'cli', 'data');
  const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, HOME: join(dir, 'cli-home'), WOLKVOX_TOKEN: TOKEN };
  const sync = await cliWithUmask('000', ['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-03', '--base-url', sim.url], env);
  assert.equal(sync.code, 0, sync.err);
  const out = join(dir, 'cli', 'export.csv');
  const exp = await cliWithUmask('000', ['export', '--out', out], env);
  assert.equal(exp.code, 0, exp.err);
  assert.equal(mode(dataDir), '700');
  for (const name of readdirSync(dataDir)) assert.equal(mode(join(dataDir, name)), '600', name);
  assert.equal(mode(out), '600', 'the export');
  assert.equal(mode(join(dir, 'cli-home', '.config', 'Wolkvox Audit', 'locks')), '700');
});

test('a data folder and cache an older version left open to others are closed on the next run', { skip: !unix && 'file modes are a unix matter' }, async () => {
  const dataDir = join(dir, 'old', 'data');
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  const db = join(dataDir, DB_FILE_NAME);
  writeFileSync(db, '');
  chmodSync(db, 0o644);
  writeFileSync(`${db}-journal`, '');
  chmodSync(`${db}-journal`, 0o644);
  const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, HOME: join(dir, 'old-home'), WOLKVOX_TOKEN: TOKEN };
  const sync = await cliWithUmask('022', ['sync', '--server', '0032', '--from', '2026-01-02', '--to', '2026-01-02', '--base-url', sim.url], env);
  assert.equal(sync.code, 0, sync.err);
  assert.equal(mode(dataDir), '700');
  assert.equal(mode(db), '600');
  if (existsSync(`${db}-journal`)) assert.equal(mode(`${db}-journal`), '600');
});
