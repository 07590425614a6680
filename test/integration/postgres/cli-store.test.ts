// The CLI's --store URL on a real PostgreSQL server, run as a scheduled job runs it (its own process): a sync
// from the HTTP simulator into a team cache, then the reading commands on it; the password from the URL or
// from WOLKVOX_STORE_PASSWORD, and never printed; --db with --store, and a bad address, are usage errors;
// a wrong or missing password, an unreachable server and a missing database exit with their kinds' codes and name the
// server without the password.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startSimulator, type Simulator } from '../../../src-main/sim/server';
import { runCliProcess } from '../../helpers/cli-run';
import { startPostgres } from '../../helpers/postgres-server';
import { tempDir } from '../../helpers/temp-dir';

const TOKEN = 'cli-store-token-5e2a9c';
const server = await startPostgres();
const dir = tempDir('wolkvox-cli-store-');
let sim: Simulator;
const simNow = Date.UTC(2026, 2, 1, 17);

before(async () => {
  sim = await startSimulator({ tokens: [TOKEN], now: () => simNow, quotaPerDay: 100_000, dataset: { from: '2026-01-01', to: '2026-02-28', rowsPerDay: 300 } });
});
after(() => sim.stop());

const env = (name: string, more: NodeJS.ProcessEnv = {}) => ({ WOLKVOX_AUDIT_DATA_DIR: join(dir, name), WOLKVOX_TOKEN: TOKEN, WOLKVOX_STORE_PASSWORD: '', ...more });
const syncArgs = (store: string, ...more: string[]) => ['sync', '--server', '0032', '--from', '2026-02-01', '--to', '2026-02-03', '--base-url', sim.url, '--store', store, ...more];
/** The team cache's address without its password. */
const bare = (database: string) => server.url(database).replace(`:${encodeURIComponent(server.password)}@`, '@');
const where = `${server.host}:${server.port}`;

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

test('--db with --store, and an address that is not a team cache, are usage errors (exit 2) before any request', async () => {
  const requests = sim.stats().requests;
  const database = server.createDatabase('usage');
  const cases: [string[], RegExp][] = [
    [[...syncArgs(server.url(database)), '--db', join(dir, 'x.sqlite')], /either --db FILE or --store URL, not both/],
    [['stats', '--db', join(dir, 'x.sqlite'), '--store', server.url(database)], /not both/],
    [['search', 'hola', '--store', 'mysql://u@127.0.0.1/db'], /starts with postgres:\/\//],
    [['export', '--out', join(dir, 'x.csv'), '--store', 'postgres://u@db.example.com/team?sslmode=require'], /verify-full/],
    [['purge', '--server', '0032', '--older-than', '30', '--store', ''], /--store needs the team cache address/],
  ];
  for (const [args, message] of cases) {
    const r = await runCliProcess(args, env('usage'));
    assert.equal(r.code, 2, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, /Error \(bad-input\)/);
    assert.match(r.stderr, message);
  }
  assert.equal(sim.stats().requests, requests, 'no request reached the service');
});

test('a wrong or missing password exits 3, an unreachable server 5, a missing database 2: each names the server, never the password', async () => {
  const database = server.createDatabase('refused');
  const wrong = 'Wr0ng-s3cret-pw';
  const port = await closedPort();
  const cases: [string[], NodeJS.ProcessEnv, number, RegExp][] = [
    [['stats', '--store', server.url(database).replace(`:${encodeURIComponent(server.password)}@`, `:${wrong}@`)], {}, 3, new RegExp(`\\(auth\\): The team database at ${where} refused the user`)],
    [['stats', '--store', bare(database)], { WOLKVOX_STORE_PASSWORD: wrong }, 3, /\(auth\)/],
    [['stats', '--store', bare(database)], {}, 3, new RegExp(`\\(auth\\): The team database at ${where} asks for the password of the user "${server.user}", and none was given`)],
    [syncArgs(`postgres://someone:${wrong}@127.0.0.1:${port}/team`), {}, 5, new RegExp(`\\(network\\): The team database server at 127\\.0\\.0\\.1:${port} cannot be reached`)],
    [['search', 'hola', '--store', server.url('no_such_db')], {}, 2, /\(bad-input\): .*has no database named "no_such_db"/],
  ];
  for (const [args, more, code, message] of cases) {
    const r = await runCliProcess(args, env('refused', more));
    assert.equal(r.code, code, `${args.join(' ')}\n${r.stderr}`);
    assert.match(r.stderr, message);
    for (const secret of [wrong, server.password]) assert.ok(!`${r.stdout}${r.stderr}`.includes(secret), 'no password printed');
  }
});

test('sync fills a team cache from the simulator; stats reads it, with the password from the environment', async () => {
  const database = server.createDatabase('team');
  const s = await runCliProcess(syncArgs(server.url(database), '--json'), env('team'));
  assert.equal(s.code, 0, s.stderr);
  const summary = JSON.parse(s.stdout) as { status: string; rows: number };
  assert.equal(summary.status, 'done');
  assert.equal(summary.rows, 900);
  assert.equal(server.psql('SELECT count(*) FROM wolkvox.interactions', database), '900', 'the rows are in the team cache');
  assert.equal(server.psql("SELECT count(*) FROM wolkvox.sync_runs WHERE status = 'done'", database), '1');

  const stats = await runCliProcess(['stats', '--store', bare(database), '--json'], env('team', { WOLKVOX_STORE_PASSWORD: server.password }));
  assert.equal(stats.code, 0, stats.stderr);
  const figures = JSON.parse(stats.stdout) as { total: number; lastSync: { status: string } | null };
  assert.equal(figures.total, 900);
  assert.equal(figures.lastSync?.status, 'done');
  for (const r of [s, stats]) assert.ok(!`${r.stdout}${r.stderr}`.includes(server.password), 'the password appears nowhere');

  const search = await runCliProcess(['search', 'atencion', '--store', server.url(database), '--json', '--limit', '5'], env('team'));
  assert.equal(search.code, 0, search.stderr);
  const hits = JSON.parse(search.stdout) as Record<string, string>[];
  assert.ok(hits.length > 0 && hits.every((h) => /atenci[oó]n/i.test(Object.values(h).join(' '))), 'accent-insensitive matches');

  // The same export from the team cache and from a SQLite cache synced from the same service: byte for byte.
  const sqlite = await runCliProcess(['sync', '--server', '0032', '--from', '2026-02-01', '--to', '2026-02-03', '--base-url', sim.url, '--db', join(dir, 'same.sqlite')], env('same'));
  assert.equal(sqlite.code, 0, sqlite.stderr);
  const exportArgs = (out: string) => ['export', '--out', out, '--headers', 'api', '--from', '2026-02-02', '--to', '2026-02-02'];
  const fromTeam = await runCliProcess([...exportArgs(join(dir, 'team.csv')), '--store', server.url(database)], env('team'));
  assert.equal(fromTeam.code, 0, fromTeam.stderr);
  const fromFile = await runCliProcess([...exportArgs(join(dir, 'file.csv')), '--db', join(dir, 'same.sqlite')], env('same'));
  assert.equal(fromFile.code, 0, fromFile.stderr);
  const csv = readFileSync(join(dir, 'team.csv'));
  assert.ok(csv.toString('utf8').split('\n').length > 300, 'a whole day of rows');
  assert.ok(csv.equals(readFileSync(join(dir, 'file.csv'))), 'the same bytes as from the SQLite cache');

  // Again, incremental: the same cache, nothing twice.
  const again = await runCliProcess(['sync', '--server', '0032', '--incremental', '--base-url', sim.url, '--store', server.url(database), '--json'], env('team'));
  assert.equal(again.code, 0, again.stderr);
  assert.equal(server.psql('SELECT count(DISTINCT uid) = count(*) FROM wolkvox.interactions', database), 't');
});

test('purge --store removes what it says from the team cache', async () => {
  const database = server.createDatabase('purge');
  const s = await runCliProcess(syncArgs(server.url(database)), env('purge'));
  assert.equal(s.code, 0, s.stderr);
  // The CLI's clock is the real one: everything synced (February 2026) is older than a day.
  const purge = await runCliProcess(['purge', '--server', '0032', '--older-than', '1', '--store', server.url(database), '--json'], env('purge'));
  assert.equal(purge.code, 0, purge.stderr);
  assert.equal((JSON.parse(purge.stdout) as { removed: { interactions: number } }).removed.interactions, 900);
  assert.equal(server.psql('SELECT count(*) FROM wolkvox.interactions', database), '0');
});
