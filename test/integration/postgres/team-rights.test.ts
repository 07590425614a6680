// Rights enforced by PostgreSQL (migration 2 "team rights", 8 "review versions", 9 "column rights", store/postgres/team): `team init` on a real
// server, one user per group made by `team add-user`, and every write each group must not make tried as
// that user over plain SQL, expecting the server's refusal (SQLSTATE 42501: no privilege, or a row-level
// security violation; an UPDATE or DELETE of rows the policies hide changes nothing). Each allowed write
// succeeds. Every statement runs in a transaction rolled back afterwards, so the fixture stays as it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openTeamAdmin } from '../../../src-main/core/compose/team-admin';
import { LEAD_ONLY_SCORECARD } from '../../../src-main/core/api/team-schemas';
import { isAppError } from '../../../src-main/core/errors';
import { PG_MIGRATIONS } from '../../../src-main/core/store/postgres/migrations';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import { scramVerifier } from '../../../src-main/core/store/postgres/team/scram';
import type { TeamAdmin, TeamRole } from '../../../src-main/core/store/team-admin';
import { startPostgres } from '../../helpers/postgres-server';
import { pgConfigOf } from '../../helpers/postgres-store';

const server = await startPostgres();
const db = server.createDatabase('team');
const env = {};
const admin: TeamAdmin = await openTeamAdmin(server.url(db), env);
const init = await admin.init();
// Who plays each part: a sync host, two auditors (Ana's reviews are someone else's to Bea) and a lead.
const passwords = new Map<string, string>();
for (const [name, role] of [['sync_host', 'sync'], ['ana', 'auditor'], ['bea', 'auditor'], ['lia', 'lead']] as const) {
  passwords.set(name, (await admin.addUser(name, role)).password);
}
await admin.close();

async function connectAs(user: string, database = db): Promise<pg.Client> {
  const client = new pg.Client({ host: server.host, port: server.port, database, user, password: user === server.user ? server.password : passwords.get(user), options: '-c search_path=wolkvox' });
  await client.connect();
  return client;
}

// The fixture, as the administrator (the schema's owner): one of every row, and a review by each person.
const owner = await connectAs(server.user);
const INTERACTION_COLUMNS = `id, uid, server, zone, created_utc, closed_utc, content_hash, first_synced_at, updated_at, channel, agent_name, skill_id, case_id, status, cod_act,
  evaluation_survey, date_creation, close_date, cod_description, subject, from_addr, to_addr, attachments, comments, answer, body, raw, change_seq, search`;
const interactionValues = (id: number, uid: string) =>
  `(${id}, '${uid}', 's1', 'America/Bogota', 1, 2, 'h', 1, 1, 'chat', 'Agent', '7', 'c${id}', 'close', '', '', '', '', '', 'Hello', '', '', '', '', '', 'body', NULL, 1, 'hello'::tsvector)`;
await owner.query(`
  INSERT INTO interactions (${INTERACTION_COLUMNS}) VALUES ${interactionValues(1, 'u1')}, ${interactionValues(2, 'u2')}, ${interactionValues(3, 'u3')};
  INSERT INTO interaction_history (interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash) VALUES (1, 1, '[]', '{}', '', 'h0');
  INSERT INTO interaction_removals (id) VALUES (99);
  INSERT INTO sync_runs (server, mode, range_start_utc, range_end_utc, status, started_at) VALUES ('s1', 'range', 0, 1, 'done', 1), ('s1', 'range', 1, 2, 'done', 2);
  INSERT INTO sync_calls (run_id, server, window_start_utc, window_end_utc, started_at, duration_ms, outcome) VALUES (1, 's1', 0, 1, 1, 5, 'ok');
  -- team init saved the default scorecard (version 1) already.
  INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES ('default', 1, 'Default', 80, '[]', 1) ON CONFLICT DO NOTHING;
  INSERT INTO reviews (interaction_uid, scorecard_id, scorecard_version, reviewer, created_at, updated_at) VALUES
    ('u1', 'default', 1, 'ana', 1, 1), ('u2', 'bea', 1, 'bea', 1, 1), ('u3', 'default', 1, 'lia', 1, 1);
  INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES ('u1', 1, 'ana', 'create', '{}');
  INSERT INTO samples (name, seed, params, filter, created_at) VALUES ('week 1', 'seed', '{}', '{}', 1);
  INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position) VALUES (1, 'u1', 'Agent', NULL, 0);
  INSERT INTO settings (key, value) VALUES ('profiles', '[]'), ('autoSync.refreshed.s1', '{}');
`.replace("('u2', 'bea', 1", "('u2', 'default', 1"));
// Assignments and calibration (migration "assignments and calibration"): Ana has the sample's member; a
// calibration of u1 and u2 by Ana, Bea and Lia, each with a score of u1.
await owner.query(`
  INSERT INTO assignments (sample_id, interaction_uid, auditor, assigned_at) VALUES (1, 'u1', 'ana', 1);
  INSERT INTO calibrations (name, sample_id, scorecard_id, scorecard_version, created_at) VALUES ('cal 1', 1, 'default', 1, 1);
  INSERT INTO calibration_auditors (calibration_id, auditor) VALUES (1, 'ana'), (1, 'bea'), (1, 'lia');
  INSERT INTO calibration_members (calibration_id, interaction_uid, position) VALUES (1, 'u1', 0), (1, 'u2', 1);
  -- A second calibration of u1 by the same people, without scores: a score must not move into it.
  INSERT INTO calibrations (name, sample_id, scorecard_id, scorecard_version, created_at) VALUES ('cal 0', 1, 'default', 1, 1);
  INSERT INTO calibration_auditors (calibration_id, auditor) VALUES (2, 'ana'), (2, 'bea'), (2, 'lia');
  INSERT INTO calibration_members (calibration_id, interaction_uid, position) VALUES (2, 'u1', 0);
  INSERT INTO calibration_scores (calibration_id, interaction_uid, auditor, scores, status, overall_score, updated_at) VALUES
    (1, 'u1', 'ana', '{}', 'unreviewed', NULL, 1), (1, 'u1', 'bea', '{}', 'unreviewed', NULL, 1), (1, 'u1', 'lia', '{}', 'unreviewed', NULL, 1);
`);
await owner.end();

const USERS: Record<TeamRole, string> = { sync: 'sync_host', auditor: 'ana', lead: 'lia' };
type Outcome = { ok: true; rows: number } | { ok: false; code: string; message: string };

/** Runs `statements` as `user` in a transaction that is rolled back: the last statement's row count, or the refusal. */
async function attempt(user: string, statements: readonly string[]): Promise<Outcome> {
  const client = await connectAs(user);
  try {
    await client.query('BEGIN');
    let rows = 0;
    for (const sql of statements) rows = (await client.query(sql)).rowCount ?? 0;
    return { ok: true, rows };
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { ok: false, code: e.code ?? '', message: e.message };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

interface Case {
  what: string;
  table: string;
  sql: string[];
  /** The groups that may do it; every other group is refused. */
  allow: TeamRole[];
}

const review = (uid: string, reviewer: string) =>
  `INSERT INTO reviews (interaction_uid, scorecard_id, scorecard_version, reviewer, created_at, updated_at) VALUES ('${uid}', 'default', 1, ${reviewer}, 2, 2)`;
const history = (reviewer: string) => `INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES ('u9', 2, ${reviewer}, 'create', '{}')`;

const CAL_SCORE = "INSERT INTO calibration_scores (calibration_id, interaction_uid, auditor, scores, status, overall_score, updated_at) VALUES (1, 'u2', ";

const CASES: Case[] = [
  { what: 'add an interaction', table: 'interactions', sql: [`INSERT INTO interactions (${INTERACTION_COLUMNS}) VALUES ${interactionValues(10, 'u10')}`], allow: ['sync'] },
  { what: 'change an interaction', table: 'interactions', sql: ["UPDATE interactions SET subject = 'changed' WHERE id = 1"], allow: ['sync'] },
  { what: 'delete an interaction (retention, removal)', table: 'interactions', sql: ['DELETE FROM interactions WHERE id = 1'], allow: ['lead'] },
  { what: "refresh the planner's statistics (after a large sync)", table: 'interactions', sql: ['SELECT refresh_statistics()'], allow: ['sync', 'lead'] },
  { what: "record an interaction's change", table: 'interaction_history', sql: ["INSERT INTO interaction_history (interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash) VALUES (2, 2, '[]', '{}', '', 'h')"], allow: ['sync'] },
  { what: "rewrite an interaction's history", table: 'interaction_history', sql: ['UPDATE interaction_history SET changed_at = 5'], allow: [] },
  { what: "delete an interaction's history", table: 'interaction_history', sql: ['DELETE FROM interaction_history WHERE interaction_id = 1'], allow: ['lead'] },
  { what: 'add a change counter', table: 'change_counter', sql: ['INSERT INTO change_counter (one, seq) VALUES (2, 0)'], allow: [] },
  { what: 'take the next change stamp', table: 'change_counter', sql: ['UPDATE change_counter SET seq = seq + 1'], allow: ['sync', 'lead'] },
  { what: 'delete the change counter', table: 'change_counter', sql: ['DELETE FROM change_counter'], allow: [] },
  // Kept by the interactions' triggers alone (migration 14): read by all, written directly by none.
  { what: 'add a facet total', table: 'facet_totals', sql: ["INSERT INTO facet_totals (field, value, count) VALUES ('channel', 'fax', 1)"], allow: [] },
  { what: 'change a facet total', table: 'facet_totals', sql: ['UPDATE facet_totals SET count = count + 1'], allow: [] },
  { what: 'erase the facet totals', table: 'facet_totals', sql: ['DELETE FROM facet_totals'], allow: [] },
  { what: 'log a removal', table: 'interaction_removals', sql: ['INSERT INTO interaction_removals (id) VALUES (5)'], allow: ['sync', 'lead'] },
  { what: 'rewrite the removal log', table: 'interaction_removals', sql: ['UPDATE interaction_removals SET id = 6'], allow: [] },
  { what: 'erase the removal log', table: 'interaction_removals', sql: ['DELETE FROM interaction_removals'], allow: [] },
  { what: 'start a sync run', table: 'sync_runs', sql: ["INSERT INTO sync_runs (server, mode, range_start_utc, range_end_utc, status, started_at) VALUES ('s1', 'incremental', 0, 1, 'running', 3)"], allow: ['sync'] },
  { what: 'finish a sync run', table: 'sync_runs', sql: ["UPDATE sync_runs SET status = 'failed' WHERE id = 1"], allow: ['sync'] },
  { what: "delete a server's sync runs (removal)", table: 'sync_runs', sql: ['DELETE FROM sync_runs WHERE id = 2'], allow: ['lead'] },
  { what: 'log an API call', table: 'sync_calls', sql: ["INSERT INTO sync_calls (run_id, server, window_start_utc, window_end_utc, started_at, duration_ms, outcome) VALUES (1, 's1', 1, 2, 2, 5, 'ok')"], allow: ['sync'] },
  { what: 'rewrite an API call', table: 'sync_calls', sql: ["UPDATE sync_calls SET outcome = 'quota'"], allow: [] },
  { what: "unlink calls from a removed server's runs", table: 'sync_calls', sql: ['UPDATE sync_calls SET run_id = NULL WHERE run_id = 1'], allow: ['lead'] },
  { what: 'erase the API call log (the quota count)', table: 'sync_calls', sql: ['DELETE FROM sync_calls'], allow: [] },
  { what: 'save a scorecard version', table: 'scorecards', sql: ["INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES ('default', 2, 'Default', 70, '[]', 2)"], allow: ['lead'] },
  { what: 'change a scorecard version', table: 'scorecards', sql: ['UPDATE scorecards SET pass_mark = 10'], allow: [] },
  { what: 'delete a scorecard version', table: 'scorecards', sql: ['DELETE FROM scorecards'], allow: [] },
  { what: 'write an own review', table: 'reviews', sql: [review('u9', 'session_user')], allow: ['auditor', 'lead'] },
  { what: "write a review in someone else's name", table: 'reviews', sql: [review('u9', "'bea'")], allow: [] },
  { what: 'change an own review', table: 'reviews', sql: ["UPDATE reviews SET note = 'mine', status = 'pass', version = version + 1 WHERE reviewer = session_user"], allow: ['auditor', 'lead'] },
  { what: "change someone else's review in their name", table: 'reviews', sql: ["UPDATE reviews SET note = 'not mine' WHERE reviewer <> session_user"], allow: [] },
  // "Keep mine" after a conflict (migration 3 "review versions"): a colleague's review is taken over, signed as oneself.
  { what: "take over someone else's review, signed as oneself", table: 'reviews', sql: ["UPDATE reviews SET reviewer = session_user, note = 'mine', version = version + 1 WHERE reviewer <> session_user"], allow: ['auditor', 'lead'] },
  { what: 'hand an own review to someone else', table: 'reviews', sql: ["UPDATE reviews SET reviewer = 'bea' WHERE reviewer = session_user"], allow: [] },
  { what: "hand someone else's review to a third person", table: 'reviews', sql: ["UPDATE reviews SET reviewer = 'bea' WHERE reviewer NOT IN ('bea', session_user)"], allow: [] },
  { what: "save over someone else's review, signed as oneself (the store's save)", table: 'reviews', sql: [`${review('u2', 'session_user')} ON CONFLICT (interaction_uid) DO UPDATE SET note = 'kept mine', reviewer = excluded.reviewer, version = reviews.version + 1`], allow: ['auditor', 'lead'] },
  { what: "save over someone else's review, leaving it in their name", table: 'reviews', sql: [`${review('u2', 'session_user')} ON CONFLICT (interaction_uid) DO UPDATE SET note = 'overwritten', version = reviews.version + 1`], allow: [] },
  // Column rights (migration "column rights"): row-level security picks the rows, the grants and a trigger the columns.
  { what: 'move an own review to another interaction', table: 'reviews', sql: ["UPDATE reviews SET interaction_uid = 'u9' WHERE reviewer = session_user"], allow: [] },
  { what: "backdate an own review's creation", table: 'reviews', sql: ['UPDATE reviews SET created_at = 0 WHERE reviewer = session_user'], allow: [] },
  { what: "wind an own review's version back (or skip ahead)", table: 'reviews', sql: ["UPDATE reviews SET version = version + 5, note = 'x' WHERE reviewer = session_user"], allow: [] },
  { what: "take over someone else's review, keeping its version", table: 'reviews', sql: ["UPDATE reviews SET reviewer = session_user, note = 'mine' WHERE reviewer <> session_user"], allow: [] },
  { what: 'delete reviews (retention, removal)', table: 'reviews', sql: ["DELETE FROM reviews WHERE interaction_uid = 'u1'"], allow: ['lead'] },
  { what: "record an own review's change", table: 'review_history', sql: [history('session_user')], allow: ['auditor', 'lead'] },
  { what: "record a change in someone else's name", table: 'review_history', sql: [history("'bea'")], allow: [] },
  { what: 'rewrite review history', table: 'review_history', sql: ["UPDATE review_history SET changes = '{}'"], allow: [] },
  { what: 'purge review history (retention)', table: 'review_history', sql: ["SET LOCAL wolkvox.purge = 'on'", "DELETE FROM review_history WHERE interaction_uid = 'u1'"], allow: ['lead'] },
  { what: 'draw a sample', table: 'samples', sql: ["INSERT INTO samples (name, seed, params, filter, created_at) VALUES ('week 2', 's', '{}', '{}', 2)"], allow: ['lead'] },
  { what: 'rename a sample', table: 'samples', sql: ["UPDATE samples SET name = 'renamed'"], allow: ['lead'] },
  { what: 'delete a sample', table: 'samples', sql: ['DELETE FROM samples'], allow: ['lead'] },
  { what: "add a sample's member", table: 'sample_members', sql: ["INSERT INTO sample_members (sample_id, interaction_uid, agent_name, stratum, position) VALUES (1, 'u2', 'Agent', NULL, 1)"], allow: ['lead'] },
  { what: "reorder a sample's members", table: 'sample_members', sql: ['UPDATE sample_members SET position = 5'], allow: ['lead'] },
  { what: "remove a sample's member", table: 'sample_members', sql: ['DELETE FROM sample_members'], allow: ['lead'] },
  { what: "name the cache once (its id)", table: 'settings', sql: ["INSERT INTO settings (key, value) VALUES ('cacheId', '\"abc\"')"], allow: ['sync', 'auditor', 'lead'] },
  { what: "record a server's auto-sync marks", table: 'settings', sql: ["INSERT INTO settings (key, value) VALUES ('autoSync.refreshed.s2', '{}')"], allow: ['sync', 'lead'] },
  { what: "update a server's auto-sync marks", table: 'settings', sql: ["UPDATE settings SET value = '{\"x\":1}' WHERE key = 'autoSync.refreshed.s1'"], allow: ['sync', 'lead'] },
  { what: 'set the retention policy', table: 'settings', sql: ["INSERT INTO settings (key, value) VALUES ('retention', '{}')"], allow: ['lead'] },
  { what: 'change the profiles', table: 'settings', sql: ["UPDATE settings SET value = '[1]' WHERE key = 'profiles'"], allow: ['lead'] },
  { what: 'change the profiles by saving over them', table: 'settings', sql: ["INSERT INTO settings (key, value) VALUES ('profiles', '[2]') ON CONFLICT (key) DO UPDATE SET value = excluded.value"], allow: ['lead'] },
  { what: 'remove a setting', table: 'settings', sql: ["DELETE FROM settings WHERE key = 'profiles'"], allow: ['lead'] },
  // Assignments and calibration: the lead splits samples and makes calibrations; an auditor writes their own calibration scores.
  { what: 'split a sample among auditors', table: 'assignments', sql: ['DELETE FROM assignments', "INSERT INTO assignments (sample_id, interaction_uid, auditor, assigned_at) VALUES (1, 'u1', 'bea', 2)"], allow: ['lead'] },
  { what: 'take over an assignment', table: 'assignments', sql: ['UPDATE assignments SET auditor = session_user'], allow: [] },
  { what: 'remove an assignment', table: 'assignments', sql: ['DELETE FROM assignments'], allow: ['lead'] },
  { what: 'make a calibration', table: 'calibrations', sql: ["INSERT INTO calibrations (name, sample_id, scorecard_id, scorecard_version, created_at) VALUES ('cal 2', 1, 'default', 1, 2)"], allow: ['lead'] },
  { what: 'change a calibration', table: 'calibrations', sql: ["UPDATE calibrations SET name = 'renamed'"], allow: [] },
  { what: 'delete a calibration', table: 'calibrations', sql: ['DELETE FROM calibrations'], allow: ['lead'] },
  { what: 'name an auditor of a calibration', table: 'calibration_auditors', sql: ["INSERT INTO calibration_auditors (calibration_id, auditor) VALUES (1, 'zed')"], allow: ['lead'] },
  { what: "change a calibration's auditors", table: 'calibration_auditors', sql: ["UPDATE calibration_auditors SET auditor = 'zed'"], allow: [] },
  { what: 'take an auditor out of a calibration', table: 'calibration_auditors', sql: ["DELETE FROM calibration_auditors WHERE auditor = 'bea'"], allow: ['lead'] },
  { what: 'add an interaction to a calibration', table: 'calibration_members', sql: ["INSERT INTO calibration_members (calibration_id, interaction_uid, position) VALUES (1, 'u3', 2)"], allow: ['lead'] },
  { what: "reorder a calibration's interactions", table: 'calibration_members', sql: ['UPDATE calibration_members SET position = position + 5'], allow: [] },
  { what: 'remove an interaction from a calibration', table: 'calibration_members', sql: ["DELETE FROM calibration_members WHERE interaction_uid = 'u2'"], allow: ['lead'] },
  { what: 'score a calibration in one\'s own name', table: 'calibration_scores', sql: [`${CAL_SCORE}session_user, '{}', 'in review', NULL, 2)`], allow: ['auditor', 'lead'] },
  { what: "score a calibration in someone else's name", table: 'calibration_scores', sql: [`${CAL_SCORE}'bea', '{}', 'in review', NULL, 2)`], allow: [] },
  { what: 'change an own calibration score', table: 'calibration_scores', sql: ["UPDATE calibration_scores SET status = 'pass' WHERE auditor = session_user"], allow: ['auditor', 'lead'] },
  { what: "change someone else's calibration score", table: 'calibration_scores', sql: ["UPDATE calibration_scores SET status = 'fail' WHERE auditor <> session_user"], allow: [] },
  { what: 'move an own calibration score to another interaction', table: 'calibration_scores', sql: ["UPDATE calibration_scores SET interaction_uid = 'u2' WHERE auditor = session_user"], allow: [] },
  { what: 'move an own calibration score to another calibration', table: 'calibration_scores', sql: ['UPDATE calibration_scores SET calibration_id = 2 WHERE auditor = session_user'], allow: [] },
  { what: 'delete calibration scores', table: 'calibration_scores', sql: ['DELETE FROM calibration_scores'], allow: ['lead'] },
  { what: 'forge a schema step', table: 'schema_migrations', sql: ["INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'x', 'x', 1)"], allow: [] },
  { what: 'rewrite the schema history', table: 'schema_migrations', sql: ["UPDATE schema_migrations SET checksum = 'x'"], allow: [] },
  { what: 'erase the schema history', table: 'schema_migrations', sql: ['DELETE FROM schema_migrations'], allow: [] },
];

const TABLES = (await (async () => {
  const c = await connectAs(server.user);
  try {
    return (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'wolkvox' ORDER BY 1")).rows.map((r) => r.t);
  } finally {
    await c.end();
  }
})());

const refused = (o: Outcome) => (!o.ok && o.code === '42501') || (o.ok && o.rows === 0);

test('team init made the groups and the schema; the users are logins in their group, with a SCRAM password', async () => {
  assert.deepEqual(init.groups, { sync: 'wolkvox_sync', auditor: 'wolkvox_auditor', lead: 'wolkvox_lead' });
  assert.deepEqual(init.applied, PG_MIGRATIONS.map((m) => m.version));
  assert.equal(init.schemaVersion, PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version);
  const rows = server.psql(
    "SELECT r.rolname, r.rolcanlogin, r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolbypassrls, left(a.rolpassword, 14), (SELECT string_agg(g.rolname, ',') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) FROM pg_roles r JOIN pg_authid a ON a.oid = r.oid WHERE r.rolname IN ('sync_host', 'ana', 'bea', 'lia', 'wolkvox_sync', 'wolkvox_auditor', 'wolkvox_lead') ORDER BY 1",
  );
  assert.equal(
    rows,
    ['ana|t|f|SCRAM-SHA-256$|wolkvox_auditor', 'bea|t|f|SCRAM-SHA-256$|wolkvox_auditor', 'lia|t|f|SCRAM-SHA-256$|wolkvox_lead', 'sync_host|t|f|SCRAM-SHA-256$|wolkvox_sync',
      'wolkvox_auditor|f|f||', 'wolkvox_lead|f|f||wolkvox_auditor', 'wolkvox_sync|f|f||'].join('\n'),
  );
  for (const [name, password] of passwords) assert.match(password, /^[A-Za-z0-9_-]{24}$/, name);
  assert.equal(new Set(passwords.values()).size, passwords.size, 'each user has a password of their own');
});

test('every table of the cache has its rights tried below: a table a later step adds must be given rights and tests', () => {
  assert.deepEqual([...new Set(CASES.map((c) => c.table))].sort(), TABLES);
});

for (const role of ['sync', 'auditor', 'lead'] as const) {
  test(`as ${role}: every write it must not make is refused by the server, and each one it may make succeeds`, async () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const outcome = await attempt(USERS[role], c.sql);
      const allowed = c.allow.includes(role);
      if (allowed && !(outcome.ok && outcome.rows > 0)) wrong.push(`${c.what}: should succeed, got ${JSON.stringify(outcome)}`);
      if (!allowed && !refused(outcome)) wrong.push(`${c.what}: should be refused, got ${JSON.stringify(outcome)}`);
    }
    for (const table of TABLES) {
      const outcome = await attempt(USERS[role], [`TRUNCATE ${table} CASCADE`]);
      if (outcome.ok || outcome.code !== '42501') wrong.push(`TRUNCATE ${table}: should be refused, got ${JSON.stringify(outcome)}`);
    }
    assert.deepEqual(wrong, []);
  });
}

test("what each group reads: the sync host reads what ingest and the plan read, never the reviews; auditors read everything, everyone's reviews included", async () => {
  const read = async (user: string, table: string) => attempt(user, [`SELECT * FROM ${table}`]);
  for (const table of ['interactions', 'interaction_history', 'change_counter', 'interaction_removals', 'facet_totals', 'sync_runs', 'sync_calls', 'settings', 'schema_migrations']) {
    assert.ok((await read('sync_host', table)).ok, `sync reads ${table}`);
  }
  for (const table of ['reviews', 'review_history', 'scorecards', 'samples', 'sample_members', 'assignments', 'calibrations', 'calibration_auditors', 'calibration_members', 'calibration_scores']) {
    const outcome = await read('sync_host', table);
    assert.ok(!outcome.ok && outcome.code === '42501', `sync must not read ${table}: ${JSON.stringify(outcome)}`);
  }
  for (const user of ['ana', 'lia']) {
    for (const table of TABLES) assert.ok((await read(user, table)).ok, `${user} reads ${table}`);
    assert.deepEqual(await attempt(user, ['SELECT * FROM reviews']), { ok: true, rows: 3 }, `${user} sees every review`);
  }
});

test('no way around the rules: no schema changes, no other group, no turning row-level security off', async () => {
  for (const user of Object.values(USERS)) {
    for (const sql of [
      'CREATE TABLE wolkvox.mine (x integer)',
      'ALTER TABLE reviews DISABLE ROW LEVEL SECURITY',
      'DROP POLICY reviews_take_over ON reviews',
      'ALTER TABLE interactions ADD COLUMN x integer',
      'DROP TABLE settings',
      'SET ROLE wolkvox_lead',
      'GRANT wolkvox_lead TO CURRENT_USER',
      'CREATE ROLE intruder LOGIN',
    ]) {
      if (user === 'lia' && sql === 'SET ROLE wolkvox_lead') continue; // a lead already is one
      const outcome = await attempt(user, [sql]);
      assert.ok(!outcome.ok && outcome.code === '42501', `${user}: ${sql} must be refused, got ${JSON.stringify(outcome)}`);
    }
  }
  // A lead who sets the group role still writes reviews only in their own name: the login, not the role set.
  assert.ok(refused(await attempt('lia', ['SET ROLE wolkvox_lead', review('u9', 'current_user')])), 'a review in the name of the role set is refused');
  assert.ok((await attempt('lia', ['SET ROLE wolkvox_lead', review('u9', 'session_user')])).ok);
});

test("each group's user opens the team cache through the store (its schema checked, nothing left to migrate)", async () => {
  for (const user of ['sync_host', 'ana', 'lia']) {
    const store = await openPostgresStore({ config: pgConfigOf(server, db, user, passwords.get(user)!), now: () => 1 });
    await store.close();
  }
});

test('only the team connects to its database', async () => {
  const outsider = 'outsider';
  server.psql(`CREATE ROLE ${outsider} LOGIN PASSWORD '${scramVerifier('outsider-pw')}'`);
  passwords.set(outsider, 'outsider-pw');
  await assert.rejects(connectAs(outsider), (e: { code?: string }) => e.code === '42501');
  (await connectAs(outsider, 'postgres')).end();
  (await connectAs('ana')).end();
});

test('team init again is safe (nothing left to apply); another database on the same server is refused: one server, one team', async () => {
  const again = await openTeamAdmin(server.url(db), env);
  try {
    assert.deepEqual((await again.init()).applied, []);
  } finally {
    await again.close();
  }
  const other = server.createDatabase('team_b');
  const second = await openTeamAdmin(server.url(other), env);
  try {
    await assert.rejects(second.init(), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && e.message.includes(`already hosts a team cache in the database "${db}"`));
  } finally {
    await second.close();
  }
});

test('add-user refuses an existing name, an invalid or reserved one, and a user who may not create roles', async () => {
  const a = await openTeamAdmin(server.url(db), env);
  try {
    await assert.rejects(a.addUser('ana', 'lead'), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /already exists/.test(e.message));
    for (const bad of ['Ana', '1ana', 'ana-p', 'ana p', '', 'x'.repeat(64), 'pg_ana', 'wolkvox_sync', 'public', 'postgres', 'ana"; DROP ROLE lia; --']) {
      await assert.rejects(a.addUser(bad, 'auditor'), (e: unknown) => isAppError(e) && e.kind === 'bad-input', bad);
    }
    assert.equal(server.psql("SELECT count(*) FROM pg_roles WHERE rolname IN ('lia', 'ana')"), '2');
  } finally {
    await a.close();
  }
  // The lead is no administrator: it may not add people.
  const url = new URL(server.url(db));
  url.username = 'lia';
  url.password = passwords.get('lia')!;
  const lead = await openTeamAdmin(url.toString(), env);
  try {
    await assert.rejects(lead.addUser('newcomer', 'auditor'), (e: unknown) => isAppError(e) && e.kind === 'auth' && /may not create users/.test(e.message));
  } finally {
    await lead.close();
  }
});

test('assignments and calibration scores: an auditor reads their own, the lead every one; through the store, the login names the user and the team its auditors', async () => {
  assert.deepEqual(await attempt('ana', ['SELECT * FROM assignments']), { ok: true, rows: 1 });
  assert.deepEqual(await attempt('bea', ['SELECT * FROM assignments']), { ok: true, rows: 0 }, "Bea does not see Ana's assignment");
  assert.deepEqual(await attempt('lia', ['SELECT * FROM assignments']), { ok: true, rows: 1 });
  assert.deepEqual(await attempt('ana', ['SELECT * FROM calibration_scores']), { ok: true, rows: 1 }, 'only her own scores');
  assert.deepEqual(await attempt('lia', ['SELECT * FROM calibration_scores']), { ok: true, rows: 3 }, 'the lead reads every score (the agreement)');
  const ana = await openPostgresStore({ config: pgConfigOf(server, db, 'ana', passwords.get('ana')!), now: () => 1 });
  try {
    assert.equal(await ana.currentUser(), 'ana');
    assert.deepEqual(await ana.knownAuditors(), ['ana', 'bea', 'lia'], 'the auditor group and leads, never the sync host or the administrator');
    assert.deepEqual((await ana.sampleAssignment(1)).auditors.map((a) => a.auditor), ['ana']);
    // Refused by the server's rights, said as such (kind 'auth'), never the driver's "permission denied".
    const byRights = (e: unknown) => isAppError(e) && e.kind === 'auth' && /your role on the team cache does not allow this/.test(e.message) && !/permission denied/.test(e.message);
    await assert.rejects(ana.assignSample(1, ['ana', 'bea'], 2), byRights, 'an auditor may not split a sample');
    const card = await ana.activeScorecard(2);
    await assert.rejects(
      ana.saveScorecard({ id: card.id, name: 'Ana\'s own card', passMark: card.passMark, attributes: card.attributes }, 2),
      (e: unknown) => isAppError(e) && e.kind === 'auth' && e.message === LEAD_ONLY_SCORECARD,
      'only a lead changes the scorecard, in those words',
    );
    await assert.rejects(ana.createCalibration({ name: 'mine', sampleId: 1, auditors: ['ana', 'bea'] }, 2), (e: unknown) => isAppError(e), 'nor make a calibration');
  } finally {
    await ana.close();
  }
});

test('through the store as the team: the lead splits a sample and makes a calibration, each auditor scores their own, the lead reads the agreement', async () => {
  const open = (user: string) => openPostgresStore({ config: pgConfigOf(server, db, user, passwords.get(user)!), now: () => 5 });
  const [lia, ana, bea] = await Promise.all([open('lia'), open('ana'), open('bea')]);
  try {
    const split = await lia.assignSample(1, ['bea'], 5);
    assert.deepEqual(split.auditors.map((a) => [a.auditor, a.assigned]), [['bea', 1]]);
    assert.deepEqual((await ana.sampleAssignment(1)).auditors, [], 'Ana has no part any more, and sees no one else\'s');
    assert.deepEqual((await bea.assignedMembers(1, 'bea')).map((m) => m.uid), ['u1']);
    const calibration = await lia.createCalibration({ name: 'team calibration', sampleId: 1, auditors: ['ana', 'bea'] }, 5);
    await ana.saveCalibrationScore({ calibrationId: calibration.id, uid: 'u1', auditor: 'ana', scores: {} }, 5);
    await bea.saveCalibrationScore({ calibrationId: calibration.id, uid: 'u1', auditor: 'bea', scores: {} }, 5);
    await assert.rejects(ana.saveCalibrationScore({ calibrationId: calibration.id, uid: 'u1', auditor: 'bea', scores: {} }, 6), (e: unknown) => isAppError(e), "not in Bea's name");
    assert.deepEqual((await ana.calibrationScores(calibration.id)).map((s) => s.auditor), ['ana'], 'an auditor reads their own scores');
    assert.deepEqual((await lia.calibrationScores(calibration.id)).map((s) => s.auditor), ['ana', 'bea'], 'the lead reads them all');
    await assert.rejects(bea.deleteCalibration(calibration.id), (e: unknown) => isAppError(e));
    await lia.deleteCalibration(calibration.id);
  } finally {
    await Promise.all([lia.close(), ana.close(), bea.close()]);
  }
});

test('two auditors through the store: a stale save is refused with the colleague\'s review; "keep mine" takes it over, each save signed by its login in the history', async () => {
  const open = (user: string) => openPostgresStore({ config: pgConfigOf(server, db, user, passwords.get(user)!), now: () => 10 });
  const ana = await open('ana');
  const bea = await open('bea');
  try {
    const opened = (await bea.getReview('u1'))!; // Bea opens Ana's review…
    const anaSaved = await ana.saveReview({ uid: 'u1', reviewer: 'ana', note: 'ana, second look', baseVersion: opened.version }, 20); // …Ana saves meanwhile
    const refused = await bea.saveReview({ uid: 'u1', reviewer: 'bea', note: 'bea thinks otherwise', baseVersion: opened.version }, 30).then(
      () => assert.fail('a stale base must be refused'),
      (e: unknown) => e as { kind: string; theirs?: unknown },
    );
    assert.deepEqual([refused.kind, refused.theirs], ['concurrency', anaSaved]);
    const kept = await bea.saveReview({ uid: 'u1', reviewer: 'bea', note: 'bea thinks otherwise', baseVersion: anaSaved.version }, 40);
    assert.deepEqual([kept.reviewer, kept.note, kept.version], ['bea', 'bea thinks otherwise', opened.version + 2]);
    assert.deepEqual((await ana.reviewHistory('u1')).slice(-2).map((h) => [h.reviewer, h.changes.note]), [
      ['ana', { from: opened.note, to: 'ana, second look' }],
      ['bea', { from: 'ana, second look', to: 'bea thinks otherwise' }],
    ]);
    // Taking over is signed as oneself: saving in another's name is still refused by the server.
    await assert.rejects(ana.saveReview({ uid: 'u1', reviewer: 'bea', note: 'as bea', baseVersion: kept.version }, 50));
  } finally {
    await bea.close();
    await ana.close();
  }
});
