// Reads of the team cache (store/postgres/reads/) where PostgreSQL differs from SQLite underneath: text
// PostgreSQL cannot hold (U+0000, lone surrogates) and the escape character itself come back from the grid,
// the detail, the conversation, the export walk, facets and filters exactly as the SQLite cache gives them
// for the same records; a long field cut for the grid is still found by a search past the cut; and the
// export walk's connection (a server-side cursor) goes back to the pool whenever the walk ends: finished,
// abandoned by its consumer, or broken by a lost connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore } from '../../../src-main/core/store/sqlite/sqlite-store';
import type { Store } from '../../../src-main/core/store/store';
import { syncRecords } from '../../contract/sync-helpers';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { freshDbPath, NOW, recordOf, SERVER } from '../store-fixtures';

const server = await startPostgres();

/** Texts PostgreSQL's `text` cannot hold as they are, and the character the store escapes them with. */
const ODD = [
  'nul\u0000inside',
  '\u0000',
  'ends with nul\u0000',
  'private use \uE000 and \uE0000 that looks escaped',
  '\uE0000',
  'lone high \uD83D here',
  'lone low \uDE00 here',
  'pair 😀 kept',
  'all \u0000\uE000\uDBFFx',
];
/** Long bodies: the grid's cut must fall where SQLite's does, escapes or not. */
const LONG = [`antes\u0000\uE000 después 😀 ${'x'.repeat(3000)}`, `${'y'.repeat(1995)}\u0000\uE0000zz${'z'.repeat(50)}`];

function records() {
  const odd = ODD.map((text, i) =>
    recordOf({ agent_name: text, subject: text, comments: `nota ${text}`, cod_act: `o${i}`, case_id: 'T', date_creation: `2026-01-${String(i + 1).padStart(2, '0')} 10:00:00` }),
  );
  const long = LONG.map((body, i) => recordOf({ body, answer: body, cod_act: `l${i}`, case_id: 'T', date_creation: `2026-01-2${i} 10:00:00` }));
  // A word only past the grid's cut, in visible HTML text: the search must still say which field holds it.
  const hidden = recordOf({ body: `<p>${'palabra '.repeat(400)}</p><p>escondida al final</p>`, cod_act: 'h', date_creation: '2026-01-25 10:00:00' });
  return [...odd, ...long, hidden];
}

async function withBoth(body: (sqlite: Store, postgres: Store) => Promise<void>): Promise<void> {
  const sqlite = await openSqliteStore({ dbPath: freshDbPath('wolkvox-pg-reads-'), now: () => NOW, readers: 'on-demand' });
  const postgres = await openPgStore(server, server.createDatabase('reads'), () => NOW);
  try {
    const same = records();
    for (const store of [sqlite, postgres]) await syncRecords(store, same);
    await body(sqlite, postgres);
  } finally {
    await sqlite.close();
    await postgres.close();
  }
}

/** A row without its id (each backend allocates its own), for comparing the two. */
const noId = <T extends { id: number }>({ id: _id, ...rest }: T) => rest;

test('odd text comes back from page, interaction, conversation, export walk, facets and filters exactly as SQLite gives it', () =>
  withBoth(async (sqlite, postgres) => {
    const both = async <T>(read: (s: Store) => Promise<T>): Promise<[T, T]> => [await read(sqlite), await read(postgres)];
    const sort = { field: 'created', dir: 'asc' } as const;

    const [litePage, pgPage] = await both((s) => s.page({ sort, limit: 1000 }));
    assert.equal(pgPage.rows.length, ODD.length + LONG.length + 1);
    assert.deepEqual(pgPage.rows.map(noId), litePage.rows.map(noId), 'grid rows, cut and all');
    assert.deepEqual(pgPage.rows.slice(0, ODD.length).map((r) => r.agent_name), litePage.rows.slice(0, ODD.length).map((r) => r.agent_name));
    assert.equal(pgPage.rows[0]!.subject, 'nul\u0000inside', 'a NUL is text like any other');

    for (const [i, row] of pgPage.rows.entries()) {
      const [lite, pg] = [await sqlite.interaction(litePage.rows[i]!.id), await postgres.interaction(row.id)];
      assert.deepEqual(noId(pg!), noId(lite!), `detail of ${row.cod_act}`);
    }
    const [liteTalk, pgTalk] = await both((s) => s.conversation('T', SERVER));
    assert.deepEqual(pgTalk.map(noId), liteTalk.map(noId), 'the conversation, whole');

    const walk = async (s: Store) => {
      const rows = [];
      for await (const batch of s.exportWalk({}, sort, 4)) rows.push(...batch.map(noId));
      return rows;
    };
    const [liteWalk, pgWalk] = await both(walk);
    assert.deepEqual(pgWalk, liteWalk, 'the export walk, whole');
    assert.equal(pgWalk.find((r) => r.cod_act === 'l0')!.body, LONG[0], 'a long body is whole in the export');

    const [liteFacets, pgFacets] = await both((s) => s.facets({}, ['agent_name']));
    assert.deepEqual(new Set(pgFacets.agent_name), new Set(liteFacets.agent_name), 'facet values as SQLite reads them');
    for (const text of ODD) {
      const [liteCount, pgCount] = await both((s) => s.count({ agents: [text] }));
      assert.equal(pgCount, liteCount, `a filter on ${JSON.stringify(text)}`);
      assert.equal(pgCount, 1, `one row named ${JSON.stringify(text)}`);
    }
    const [liteSome, pgSome] = await both((s) => s.page({ filter: { agents: ODD.slice(0, 4) }, sort, limit: 100 }));
    assert.deepEqual(pgSome.rows.map((r) => r.uid), liteSome.rows.map((r) => r.uid));
  }));

test('a search says which field holds the word also past the grid cut, as SQLite does', () =>
  withBoth(async (sqlite, postgres) => {
    for (const text of ['escondida ', 'palabra ', 'despues ', 'kept ', 'nota ']) {
      const [lite, pg] = [await sqlite.search(text, { limit: 100 }), await postgres.search(text, { limit: 100 })];
      const matched = (p: typeof lite) => p.rows.map((r) => [r.cod_act, r.matchedFields]);
      assert.deepEqual(matched(pg), matched(lite), text);
    }
    const hidden = (await postgres.search('escondida ', { limit: 10 })).rows;
    assert.deepEqual(hidden.map((r) => [r.cod_act, r.truncated, r.matchedFields]), [['h', true, ['body']]]);
  }));

/** Sessions of this database that hold a transaction open (a cursor an export left behind would). */
const openTransactions = (db: string) =>
  Number(server.psql(`SELECT count(*) FROM pg_stat_activity WHERE datname = '${db}' AND state LIKE 'idle in transaction%'`, 'postgres').trim());

test('an export walk returns its connection to the pool when finished, abandoned, failed by its consumer, or cut off', async () => {
  const db = server.createDatabase('walk');
  const store = await openPgStore(server, db, () => NOW);
  // A connection left in use would make close() wait for it: when the test fails, it must fail, not hang.
  let passed = false;
  try {
    await syncRecords(store, Array.from({ length: 40 }, (_, i) => recordOf({ date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00` })));
    let rows = 0;
    for await (const batch of store.exportWalk({}, undefined, 7)) {
      rows += batch.length;
      assert.equal(openTransactions(db), 1, 'the walk reads one snapshot through one cursor');
    }
    assert.equal(rows, 40);
    assert.equal(openTransactions(db), 0, 'finished: nothing left open');

    for await (const _ of store.exportWalk({}, undefined, 5)) break;
    assert.equal(openTransactions(db), 0, 'abandoned after its first batch: nothing left open');
    // More abandoned walks than the pool has connections: a connection kept by any of them would hang the next.
    for (let k = 0; k < 8; k++) for await (const _ of store.exportWalk({}, { field: 'agent_name', dir: 'asc' }, 3)) break;
    await assert.rejects(
      (async () => {
        for await (const _ of store.exportWalk({}, undefined, 5)) throw new Error('the writer failed');
      })(),
      /the writer failed/,
    );
    assert.equal(openTransactions(db), 0, 'after abandoned and failed walks: nothing left open');

    // The server ends the walk's session between two batches: the walk fails as a lost connection, and the pool carries on.
    const cutOff = (async () => {
      for await (const _ of store.exportWalk({}, undefined, 5)) {
        server.psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db}' AND state LIKE 'idle in transaction%'`, 'postgres');
      }
    })();
    await assert.rejects(cutOff, (e: unknown) => (e as { kind?: string }).kind === 'network');
    assert.equal(await store.count({}), 40, 'the pool still answers');
    assert.equal((await store.page({ limit: 100 })).rows.length, 40);
    passed = true;
  } finally {
    if (passed) await store.close();
    else {
      server.psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db}'`, 'postgres');
      void store.close();
    }
  }
});
