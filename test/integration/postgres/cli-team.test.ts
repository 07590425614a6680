// The CLI's `team` command in its own process, on a real server: init, add-user with the password alone on
// stdout (a script captures it; it works once typed), the administrator's password from
// WOLKVOX_STORE_PASSWORD, and refusals with the CLI's exit codes (2 bad input, 3 auth).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import { runCliProcess } from '../../helpers/cli-run';
import { startPostgres } from '../../helpers/postgres-server';
import { pgConfigOf } from '../../helpers/postgres-store';

const server = await startPostgres();
const db = server.createDatabase('team');
// The administrator's URL without its password, which comes from the environment, as a scheduled job's would.
const bare = new URL(server.url(db));
bare.password = '';
const store = bare.toString();
const env = { WOLKVOX_STORE_PASSWORD: server.password };

test('team init prepares the cache; add-user prints the new password alone on stdout, and it logs in', async () => {
  const init = await runCliProcess(['team', 'init', '--store', store, '--json'], env);
  assert.equal(init.code, 0, init.stderr);
  const done = JSON.parse(init.stdout) as { database: string; applied: number[]; groups: Record<string, string> };
  assert.equal(done.database, db);
  assert.ok(done.applied.length > 0);
  assert.deepEqual(done.groups, { sync: 'wolkvox_sync', auditor: 'wolkvox_auditor', lead: 'wolkvox_lead' });

  const added = await runCliProcess(['team', 'add-user', 'ana', '--role', 'auditor', '--store', store], env);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /^[A-Za-z0-9_-]{24}\n$/);
  const password = added.stdout.trim();
  assert.match(added.stderr, /"ana" added as auditor.*shown this once/);
  assert.ok(!added.stderr.includes(password), 'the password is on stdout only');
  assert.ok(!added.stderr.includes(server.password) && !added.stdout.includes(server.password), "the administrator's password is never printed");
  const ana = new pg.Client({ host: server.host, port: server.port, database: db, user: 'ana', password });
  await ana.connect();
  const [row] = (await ana.query<{ member: boolean }>("SELECT pg_has_role('wolkvox_auditor', 'MEMBER') AS member")).rows;
  await ana.end();
  assert.equal(row!.member, true);
  // An auditor may not add scorecards: init saved the default one, so an auditor's first review has one to use.
  const asAna = await openPostgresStore({ config: pgConfigOf(server, db, 'ana', password), now: Date.now, access: 'write' });
  try {
    const card = await asAna.activeScorecard(Date.now());
    assert.deepEqual([card.version, (await asAna.listScorecards()).length], [1, 1]);
    await assert.rejects(asAna.saveScorecard({ id: card.id, name: 'Mine', passMark: card.passMark, attributes: card.attributes }, Date.now()), /Only a lead can change the scorecard/);
  } finally {
    await asAna.close();
  }

  const again = await runCliProcess(['team', 'add-user', 'ana', '--role', 'lead', '--store', store], env);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /A user named "ana" already exists/);
  assert.equal(again.stdout, '');
});

test('bad input is exit 2 before anything is done; a wrong administrator password is exit 3', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['team', 'add-user', 'bob', '--role', 'boss', '--store', store], /--role must be sync, auditor or lead/],
    [['team', 'add-user', 'Bob', '--role', 'auditor', '--store', store], /not a valid user name/],
    [['team', 'add-user', 'bob', '--store', store], /--role/],
    [['team', 'init'], /--store/],
    [['team', 'promote', '--store', store], /Use team init/],
  ];
  for (const [args, says] of cases) {
    const r = await runCliProcess(args, env);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, says);
  }
  const wrong = await runCliProcess(['team', 'init', '--store', store], { WOLKVOX_STORE_PASSWORD: 'not-the-password' });
  assert.equal(wrong.code, 3, wrong.stderr);
  assert.match(wrong.stderr, /refused the user/);
  assert.equal(server.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'bob'"), '0');
});
