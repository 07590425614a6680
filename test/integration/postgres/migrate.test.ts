// PostgreSQL migrations on a real server: applied once, checksummed, serialised between hosts by an
// advisory lock, and a cache this app does not know (newer, edited, foreign) refused and left untouched.
// Also: text from the API is stored exactly (U+0000, emoji, 100 KB), and lone surrogates read back as
// the SQLite cache reads them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { isAppError } from '../../../src-main/core/errors';
import { parsePostgresUrl } from '../../../src-main/core/store/postgres/config';
import { connectPostgres, type PgConnection } from '../../../src-main/core/store/postgres/connection';
import { checkSchema, MIGRATION_LOCK, migrate } from '../../../src-main/core/store/postgres/migrate';
import { checksumOf, PG_MIGRATIONS, type PgMigration } from '../../../src-main/core/store/postgres/migrations';
import { decodeText, encodeText } from '../../../src-main/core/store/postgres/text-codec';
import { openDatabase } from '../../../src-main/core/store/sqlite/connection/database';
import { tempDir } from '../../helpers/temp-dir';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server';

// Started at the top level: its `after` then belongs to the file (inside a `before` hook it would end with the hook).
const server: PostgresServer = await startPostgres();

const noFile = (path: string): string => assert.fail(`no CA file expected, asked for ${path}`);
async function connect(database: string): Promise<PgConnection> {
  const c = await connectPostgres(parsePostgresUrl(server.url(database)), noFile);
  return c;
}
async function withDb<T>(fn: (c: PgConnection, name: string) => Promise<T>): Promise<T> {
  const name = server.createDatabase();
  const c = await connect(name);
  try {
    return await fn(c, name);
  } finally {
    await c.close();
  }
}
const storageRefusal = (pattern: RegExp) => (e: unknown) => isAppError(e) && e.kind === 'storage' && pattern.test(e.message);
// The step after this app's last one (its number follows however many steps the app has).
const LATEST = PG_MIGRATIONS.length;
const STEP_2: PgMigration = { version: LATEST + 1, name: 'a later step', sql: 'CREATE TABLE later_step (x integer)' };

test('a fresh database gets every step once, with its checksum; opening it again changes nothing', async () => {
  await withDb(async (c) => {
    assert.deepEqual(await migrate(c, { now: () => 1234 }), PG_MIGRATIONS.map((m) => m.version));
    const history = await c.query('SELECT version, name, checksum, applied_at::int AS applied_at FROM wolkvox.schema_migrations');
    assert.deepEqual(history, PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m), applied_at: 1234 })));
    const tables = (await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'wolkvox' ORDER BY 1")).map((r) => r.t);
    for (const t of ['interactions', 'interaction_history', 'sync_runs', 'sync_calls', 'reviews', 'review_history', 'scorecards', 'samples', 'sample_members', 'settings', 'change_counter', 'interaction_removals']) {
      assert.ok(tables.includes(t), `table ${t}`);
    }
    assert.deepEqual(await migrate(c), []);
    await checkSchema(c);
  });
});

test("the team cache's tables have the SQLite cache's columns (plus the search vector), in the same order", async () => {
  const sqlite = openDatabase(`${tempDir()}/cache.db`);
  await withDb(async (c) => {
    await migrate(c);
    const tables = ['interactions', 'interaction_history', 'sync_runs', 'sync_calls', 'scorecards', 'reviews', 'review_history', 'samples', 'sample_members', 'settings', 'change_counter', 'interaction_removals'];
    for (const table of tables) {
      const theirs = (sqlite.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[]).map((r) => r.name);
      const ours = (
        await c.query<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'wolkvox' AND table_name = $1 ORDER BY ordinal_position", [table])
      ).map((r) => r.name);
      assert.deepEqual(ours, table === 'interactions' ? [...theirs, 'search'] : theirs, table);
    }
  });
  sqlite.close();
});

test('two hosts starting together: the second waits for the first and finds nothing left to do', async () => {
  await withDb(async (holder, name) => {
    // Hold the migration lock, start two migrations, then let them go: they must run one after the other.
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, $2)', MIGRATION_LOCK);
    const [a, b] = [await connect(name), await connect(name)];
    try {
      const runs = [migrate(a), migrate(b)];
      // Both are waiting on the lock (seen by the server) before it is released.
      for (;;) {
        const [row] = await holder.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        if (row!.n === 2) break;
      }
      await holder.query('COMMIT');
      const applied = await Promise.all(runs);
      assert.deepEqual(applied.map((v) => v.length).sort(), [0, PG_MIGRATIONS.length]);
      const [count] = await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM wolkvox.schema_migrations');
      assert.equal(count!.n, PG_MIGRATIONS.length);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

test('a database newer than the app is refused, and so is one whose applied step was edited; nothing is changed', async () => {
  await withDb(async (c) => {
    await migrate(c, { migrations: [...PG_MIGRATIONS, STEP_2] });
    await assert.rejects(migrate(c), storageRefusal(new RegExp(`newer version of Wolkvox Audit \\(schema ${LATEST + 1}; this app knows up to ${LATEST}\\)`)));
    await assert.rejects(checkSchema(c), storageRefusal(/newer version/));
  });
  await withDb(async (c) => {
    await migrate(c);
    const edited = [{ ...PG_MIGRATIONS[0]!, sql: `${PG_MIGRATIONS[0]!.sql}\nCREATE TABLE sneaky (x integer);` }, ...PG_MIGRATIONS.slice(1), STEP_2];
    await assert.rejects(migrate(c, { migrations: edited }), storageRefusal(/change history this app does not recognise \(step 1, "team cache"\)/));
    // The refused run applied nothing of step 2 either.
    assert.deepEqual(await c.query("SELECT to_regclass('wolkvox.later_step') AS t"), [{ t: null }]);
  });
});

test('an older cache is upgraded by the writer, and refused by a connection that must not change it', async () => {
  await withDb(async (c) => {
    await migrate(c);
    await assert.rejects(checkSchema(c, [...PG_MIGRATIONS, STEP_2]), storageRefusal(/older version of Wolkvox Audit/));
    assert.deepEqual(await migrate(c, { migrations: [...PG_MIGRATIONS, STEP_2] }), [STEP_2.version]);
    await checkSchema(c, [...PG_MIGRATIONS, STEP_2]);
  });
});

test("a wolkvox schema made by another program is refused; a failing step leaves no trace", async () => {
  await withDb(async (c) => {
    await c.query('CREATE SCHEMA wolkvox; CREATE TABLE wolkvox.theirs (x integer)');
    await assert.rejects(migrate(c), storageRefusal(/did not make/));
  });
  await withDb(async (c) => {
    const broken: PgMigration = { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE fine (x integer); SELECT no_such_function()' };
    await assert.rejects(migrate(c, { migrations: [...PG_MIGRATIONS, broken] }), storageRefusal(/could not be prepared: .*no_such_function/));
    assert.deepEqual(await c.query("SELECT to_regnamespace('wolkvox') AS s"), [{ s: null }]);
  });
});

test('append-only rules hold: scorecard versions and review history refuse changes; a purge may delete history', async () => {
  await withDb(async (c) => {
    await migrate(c);
    await c.query("INSERT INTO scorecards (id, version, name, pass_mark, attributes, created_at) VALUES ('std', 1, 'Standard', 80, '[]', 1)");
    await assert.rejects(c.query("UPDATE scorecards SET name = 'x'"), /immutable: save a new version/);
    await assert.rejects(c.query('DELETE FROM scorecards'), /immutable/);
    await c.query("INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES ('u1', 1, 'Ana', 'create', '{}')");
    await assert.rejects(c.query("UPDATE review_history SET reviewer = 'x'"), /append-only/);
    await assert.rejects(c.query('DELETE FROM review_history'), /append-only/);
    await c.query('BEGIN');
    await c.query("SET LOCAL wolkvox.purge = 'on'");
    await c.query('DELETE FROM review_history');
    await c.query('COMMIT');
    assert.deepEqual(await c.query('SELECT count(*)::int AS n FROM review_history'), [{ n: 0 }]);
    await c.query("INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES ('u2', 1, 'Ana', 'create', '{}')");
    await assert.rejects(c.query('DELETE FROM review_history'), /append-only/, 'the purge setting ended with its transaction');
  });
});

test('API text is stored exactly: U+0000, emoji, hostile HTML, 100 KB; lone surrogates read back as SQLite reads them', async () => {
  const texts = [
    'a\u0000b', '\u0000', 'ends with \u0000', 'private \uE000 use, and \uE0000 after it', 'Señor Pérez 😡👨‍👩‍👧🇨🇴 مرحبا',
    '<img src=x onerror=alert(1)>\r\n\t\u0001\u001b[31m\u2028\u202e', `${'ñ'.repeat(50_000)}\u0000${'😊'.repeat(25_000)}`,
  ];
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (v TEXT)');
  const sqliteRoundTrip = (v: string) => {
    sqlite.prepare('DELETE FROM t').run();
    sqlite.prepare('INSERT INTO t VALUES (?)').run(v);
    return sqlite.prepare('SELECT v FROM t').pluck().get() as string;
  };
  await withDb(async (c) => {
    await migrate(c);
    const lone = ['\ud83d', 'x\udc00y', '\ud83d\ud83d\ude00', '\udc00\ud800\u0000'];
    for (const [i, text] of [...texts, ...lone].entries()) {
      await c.query(
        `INSERT INTO interactions (id, uid, server, zone, content_hash, first_synced_at, updated_at, channel, agent_name, skill_id, case_id, subject, from_addr, to_addr, body, answer, date_creation, close_date, evaluation_survey, cod_act, cod_description, comments, attachments, status, raw, search)
         VALUES ($1, $2, '0032', 'America/Bogota', 'h', 1, 1, 'Email', $3, '', '', $3, '', '', $3, '', '', '', '', '', '', '', '', 'open', $3, ''::tsvector)`,
        [i, `uid-${i}`, encodeText(text)],
      );
    }
    const rows = await c.query<{ agent_name: string; subject: string; body: string; raw: string }>('SELECT agent_name, subject, body, raw FROM interactions ORDER BY id');
    rows.slice(0, texts.length).forEach((row, i) => {
      for (const v of [row.agent_name, row.subject, row.body, row.raw]) assert.equal(decodeText(v), texts[i], `text ${i}`);
    });
    rows.slice(texts.length).forEach((row, i) => {
      // Neither store can keep a lone surrogate (UTF-8 has none); both read back the same U+FFFD in its place.
      assert.equal(decodeText(row.body), sqliteRoundTrip(lone[i]!), `lone surrogate ${i}`);
      assert.ok(decodeText(row.body).includes('\uFFFD'));
    });
    // An equality filter finds the row by the text as the API sent it, once encoded like the stored value.
    const found = await c.query('SELECT uid FROM interactions WHERE agent_name = $1', [encodeText('a\u0000b')]);
    assert.deepEqual(found, [{ uid: 'uid-0' }]);
  });
  sqlite.close();
});
