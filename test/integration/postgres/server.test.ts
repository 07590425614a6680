// The PostgreSQL test server itself (test/helpers/postgres-launch.ts): a real server that a client reaches
// with a password over loopback, with the extensions the schema needs, and nothing left once stopped.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { launchPostgres, postgresBinDir, serverProcessesOf } from '../../helpers/postgres-launch';

test('starts a loopback server with password auth and unaccent/pg_trgm, and leaves nothing once stopped', async () => {
  const server = await launchPostgres();
  let dataDir: string | undefined;
  try {
    assert.match(server.version, /PostgreSQL\) (1[5-9]|[2-9]\d)/, 'PostgreSQL 15 or newer');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))![1]);
    assert.notEqual(uid, 0, 'the server does not run as root');
    const database = server.createDatabase();
    const client = new pg.Client({ connectionString: server.url(database) });
    await client.connect();
    try {
      const who = await client.query<{ user: string; superuser: string; addr: string; pw: string }>(
        "SELECT current_user AS user, current_setting('is_superuser') AS superuser, inet_server_addr()::text AS addr, current_setting('password_encryption') AS pw",
      );
      assert.deepEqual(who.rows[0], { user: server.user, superuser: 'on', addr: '127.0.0.1/32', pw: 'scram-sha-256' });
      dataDir = (await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d")).rows[0]!.d;
      await client.query('CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm');
      const folded = await client.query<{ f: string; s: number }>("SELECT lower(unaccent('ÁRBOL Pingüino Ñandú')) AS f, similarity('canción', 'cancion') AS s");
      assert.equal(folded.rows[0]!.f, 'arbol pinguino nandu');
      assert.ok(folded.rows[0]!.s > 0.3);
    } finally {
      await client.end();
    }
    // A wrong password is refused: the server really checks passwords, even on loopback.
    const intruder = new pg.Client({ connectionString: server.url(database).replace(`:${server.password}@`, ':wrong@') });
    await assert.rejects(intruder.connect(), /password authentication failed/);
  } finally {
    server.stop();
  }
  assert.deepEqual(serverProcessesOf(server.pid), [], 'no server process left');
  assert.ok(dataDir && !existsSync(dataDir), 'the data folder is removed');
  server.stop();
});

test('a test process that crashes still stops its server and removes its folder', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts')], { encoding: 'utf8', env: process.env });
  assert.notEqual(child.status, 0, 'the child crashed');
  assert.match(child.stderr, /the test process crashed/);
  const started = JSON.parse(child.stdout.split('\n').find((l) => l.startsWith('{'))!) as { pid: number; dir: string };
  assert.deepEqual(serverProcessesOf(started.pid), []);
  assert.equal(existsSync(started.dir), false);
});

test('without PostgreSQL installed the failure names the package to install', () => {
  const empty = mkdtempSync(join(tmpdir(), 'wolkvox-no-pg-'));
  assert.throws(() => postgresBinDir(empty), /PostgreSQL is not installed.*Debian's `postgresql` package.*apt-get install -y postgresql/s);
  assert.throws(() => postgresBinDir(join(empty, 'absent')), /apt-get install -y postgresql/);
});
