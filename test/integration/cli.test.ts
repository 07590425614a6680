import { FRIENDLY_HEADERS } from '../../src-main/core/wolkvox/fields';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess, spawnCli } from '../helpers/cli-run';
import { keyringUnavailable } from '../helpers/capabilities';
import { tempDir } from '../helpers/temp-dir';
import { readWorkbook, sheetArrays } from './export-helpers';

const TOKEN = 'cli-secret-token-7d1f3b';
const dir = tempDir('wolkvox-cli-');
let sim: Simulator;
const simNow = Date.UTC(2026, 2, 1, 17);

before(async () => {
  sim = await startSimulator({ tokens: [TOKEN], now: () => simNow, quotaPerDay: 100_000, dataset: { from: '2026-01-01', to: '2026-02-28', rowsPerDay: 300 } });
});
after(() => sim.stop());

const env = (name: string, token = TOKEN) => ({ WOLKVOX_AUDIT_DATA_DIR: join(dir, name), WOLKVOX_TOKEN: token });
const syncArgs = (from: string, to: string, ...more: string[]) => ['sync', '--server', '0032', '--from', from, '--to', to, '--base-url', sim.url, ...more];

function allFiles(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const p = join(root, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

test('bad server names, malformed dates and backwards ranges exit 2 before any request', async () => {
  const before = sim.stats().requests;
  const cases = [
    ['sync', '--server', '00.32', '--from', '2026-01-01', '--to', '2026-01-02', '--base-url', sim.url],
    ['sync', '--server', 'evil/x', '--from', '2026-01-01', '--to', '2026-01-02'],
    syncArgs('2026-02-30', '2026-03-01'),
    syncArgs('01/01/2026', '2026-03-01'),
    syncArgs('2026-02-10', '2026-02-01'),
    syncArgs('2026-02-01', '2026-02-02', '--tz', 'Mars/Olympus'),
    syncArgs('2026-02-01', '2026-02-02', '--unknown-flag'),
    ['sync', '--server', '0032', '--from', '2026-01-01', '--to', '2026-01-02', '--base-url', 'ftp://x'],
    ['export', '--out', join(dir, 'x.pdf')],
    ['frobnicate'],
  ];
  for (const args of cases) {
    const r = await runCliProcess(args, env('bad'));
    assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, /Error \(bad-input\)|Unknown command/);
  }
  assert.equal(sim.stats().requests, before, 'no request reached the service');
});

test('dry run reports the cost without calling', async () => {
  const before = sim.stats().requests;
  const r = await runCliProcess(syncArgs('2026-01-01', '2026-02-28', '--dry-run', '--json'), env('dry'));
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal(plan.windows, 2);
  assert.equal(plan.estimatedCalls, 2);
  assert.equal(sim.stats().requests, before);
});

test('sync, search, stats and export work together, and the token appears nowhere', async () => {
  const e = env('full');
  const s = await runCliProcess(syncArgs('2026-02-01', '2026-02-10', '--json'), e);
  assert.equal(s.code, 0, s.stderr);
  const summary = JSON.parse(s.stdout);
  assert.equal(summary.status, 'done');
  assert.equal(summary.rows, 3000);
  const search = await runCliProcess(['search', 'atencion', '--json', '--limit', '5'], e);
  assert.equal(search.code, 0, search.stderr);
  const hits = JSON.parse(search.stdout) as Array<Record<string, string>>;
  assert.ok(hits.length > 0);
  assert.ok(hits.every((h) => /atenci[oó]n/i.test(Object.values(h).join(' '))), 'accent-insensitive match');
  const stats = await runCliProcess(['stats', '--json'], e);
  assert.equal(JSON.parse(stats.stdout).total, 3000);
  const out = join(dir, 'full-export.xlsx');
  const x = await runCliProcess(['export', '--out', out, '--headers', 'api', '--from', '2026-02-03', '--to', '2026-02-03'], e);
  assert.equal(x.code, 0, x.stderr);
  const rows = sheetArrays((await readWorkbook(out)).sheet('Interactions'));
  assert.deepEqual(rows[0], ['channel', 'agent_name', 'skill_id', 'case_id', 'subject', 'from', 'to', 'body', 'answer', 'date_creation', 'close_date', 'evaluation_survey', 'cod_act', 'cod_description', 'comments', 'attachments', 'status']);
  assert.equal(rows.length - 1, 300, 'one day, whole');
  const csv = join(dir, 'full-export.csv');
  assert.equal((await runCliProcess(['export', '--out', csv, '--status', 'close', '--channel', 'Email'], e)).code, 0);
  const spanish = join(dir, 'es-export.xlsx');
  const es = await runCliProcess(['export', '--out', spanish, '--lang', 'es', '--from', '2026-02-03', '--to', '2026-02-03'], e);
  assert.equal(es.code, 0, es.stderr);
  assert.ok(sheetArrays((await readWorkbook(spanish)).sheet('Interacciones'))[0]!.includes(FRIENDLY_HEADERS.es.agent_name), 'Spanish friendly headers and sheet name');
  assert.equal((await runCliProcess(['export', '--out', spanish, '--lang', 'fr'], e)).code, 2, '--lang is en or es');
  for (const text of [s.stdout, s.stderr, search.stdout, stats.stdout, x.stdout, x.stderr]) assert.ok(!text.includes(TOKEN));
  for (const file of allFiles(join(dir, 'full')).concat([out, csv])) assert.ok(!readFileSync(file).includes(TOKEN), `token found in ${file}`);
});

test('exit codes: 3 auth, 4 quota, 5 network after retries, 6 invalid response', async () => {
  const auth = await runCliProcess(syncArgs('2026-02-01', '2026-02-02'), env('codes', 'wrong-token'));
  assert.equal(auth.code, 3, auth.stderr);
  assert.match(auth.stderr, /Token rejected/);
  const noToken = await runCliProcess(syncArgs('2026-02-01', '2026-02-02'), { ...env('codes'), WOLKVOX_TOKEN: '' , HOME: join(dir, 'nohome')});
  assert.ok(noToken.code === 3 || noToken.code === 1, noToken.stderr);
  sim.setFaults({ failNext: ['502', '502'] });
  const beforeNet = sim.stats().requests;
  const net = await runCliProcess(syncArgs('2026-02-01', '2026-02-02', '--retries', '1'), env('codes'));
  assert.equal(net.code, 5, net.stderr);
  assert.equal(sim.stats().requests - beforeNet, 2, 'after retries: the first try and the one retry allowed, then no more');
  sim.setFaults({ failNext: ['html'] });
  const invalid = await runCliProcess(syncArgs('2026-02-01', '2026-02-02', '--retries', '0'), env('codes'));
  assert.equal(invalid.code, 6, invalid.stderr);
  sim.setFaults({});
  const small = await startSimulator({ tokens: [TOKEN], now: () => simNow, quotaPerDay: 1, dataset: { from: '2026-01-01', to: '2026-02-28', rowsPerDay: 10 } });
  try {
    const quota = await runCliProcess(['sync', '--server', '0032', '--from', '2026-01-01', '--to', '2026-02-28', '--base-url', small.url], env('quota'));
    assert.equal(quota.code, 4, quota.stderr);
    assert.match(quota.stderr, /quota/i);
  } finally {
    await small.stop();
  }
});

/** Waits for a condition, checked every few ms; fails the test with `what` if it never holds. */
async function until(what: string, check: () => boolean, limitMs = 120_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('kill -9 mid-sync, then the same command resumes: nothing missing, nothing twice, no call paid twice', async () => {
  const e = env('killed');
  const dbPath = join(dir, 'killed', 'wolkvox-audit.sqlite');
  const rowsIn = () => {
    try {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
      } finally {
        db.close();
      }
    } catch {
      return 0; // not created yet
    }
  };
  // The range is two windows (January, February). The first answer is slowed a little; the moment it is asked
  // for, every later request is made to hang (the simulator runs in this process and fixes a request's delay
  // when it arrives), so the kill lands while the first window is committed and the second is in flight.
  sim.resetStats();
  sim.setFaults({ latencyMs: 150 });
  const { child, done } = spawnCli(syncArgs('2026-01-01', '2026-02-28', '--json'), e);
  await until('the first request', () => sim.stats().requests >= 1);
  sim.setFaults({ hangMs: 10 * 60_000 });
  await until('the first window committed and the second asked', () => sim.stats().requests >= 2 && rowsIn() > 0);
  child.kill('SIGKILL');
  const killed = await done;
  assert.equal(killed.code, null, 'the sync was killed, it did not finish');
  assert.equal(rowsIn(), 31 * 300, 'January committed, February not');

  sim.setFaults({});
  sim.resetStats();
  const resumed = await runCliProcess(syncArgs('2026-01-01', '2026-02-28', '--json'), e);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.equal(JSON.parse(resumed.stdout).resumed, true);
  assert.deepEqual(
    sim.stats().calls.map((c) => [c.dateIni.slice(0, 8), c.dateEnd.slice(0, 8)]),
    [['20260201', '20260228']],
    'only the missing window is asked again',
  );
  const db = new Database(dbPath, { readonly: true });
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const { total, uniq } = db.prepare('SELECT count(*) AS total, count(DISTINCT uid) AS uniq FROM interactions').get() as { total: number; uniq: number };
  assert.equal(total, 59 * 300);
  assert.equal(uniq, total);
  db.close();
});

test('two syncs started at once on one token never have two requests in flight', async () => {
  // They overlap by construction: the first sync's request is held in flight by the simulator until the
  // second sync has started and reached its first call (its first progress line is printed just before it
  // asks the token lock), whatever the speed of this machine.
  sim.resetStats();
  sim.setFaults({ hold: true });
  const first = spawnCli(syncArgs('2026-01-01', '2026-01-20', '--json'), env('twin-a'));
  let second: ReturnType<typeof spawnCli> | undefined;
  try {
    await until('the first sync\'s request, held', () => sim.stats().requests >= 1);
    second = spawnCli(syncArgs('2026-01-21', '2026-02-10', '--json'), env('twin-b'));
    let secondSays = '';
    second.child.stderr!.on('data', (d) => (secondSays += d));
    await until('the second sync at its first call', () => /\d+% \d+ calls?/.test(secondSays) || sim.stats().requests >= 2);
    assert.equal(sim.stats().calls.length, 0, 'the first request was still in flight when the second sync reached its call');
  } finally {
    sim.setFaults({});
  }
  const [a, b] = await Promise.all([first.done, second!.done]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  assert.equal(sim.stats().maxInFlightPerToken, 1);
  assert.equal(sim.stats().calls.filter((c) => c.status === 200).length, 2, 'one window each, both answered');
});

test('token set reads stdin into the real keychain; status and clear follow', { skip: keyringUnavailable() }, async () => {
  const e = { WOLKVOX_AUDIT_DATA_DIR: join(dir, 'keychain'), WOLKVOX_TOKEN: '' };
  // The entry is keyed by server and address: the same --base-url as the sync below.
  const at = ['--base-url', sim.url];
  const set = await runCliProcess(['token', 'set', '--server', '0777', ...at], e, `${TOKEN}\n`);
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!set.stdout.includes(TOKEN) && !set.stderr.includes(TOKEN));
  const status = await runCliProcess(['token', 'status', '--server', '0777', ...at, '--json'], e);
  assert.deepEqual(JSON.parse(status.stdout), { server: '0777', saved: true, source: 'keychain' });
  const synced = await runCliProcess(syncArgs('2026-02-01', '2026-02-01').map((a) => (a === '0032' ? '0777' : a)), e);
  assert.equal(synced.code, 0, synced.stderr);
  assert.equal((await runCliProcess(['token', 'set', '--server', '0777', TOKEN], e)).code, 2, 'never as an argument');
  assert.equal((await runCliProcess(['token', 'clear', '--server', '0777', ...at], e)).code, 0);
  const after = await runCliProcess(['token', 'status', '--server', '0777', ...at, '--json'], e);
  assert.equal(JSON.parse(after.stdout).saved, false);
  const noToken = await runCliProcess(syncArgs('2026-02-01', '2026-02-01').map((a) => (a === '0032' ? '0777' : a)), e);
  assert.equal(noToken.code, 3);
});
