// What a sync window leaves in the team cache (store/postgres/sync), read back with plain SQL on a real
// server: date-ordered ids with twins in arrival order after the rows already in a second, uids, content
// hashes, the search vector, text escaped as text-codec.ts says, one change stamp per window, earlier
// versions in interaction_history, ids that follow a moved creation second; and a window whose commit is
// cut off (its connection terminated while it writes) leaves neither rows nor checkpoint, and the run
// goes on from its checkpoint with nothing twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { isAppError } from '../../../src-main/core/errors';
import { canonicalRaw } from '../../../src-main/core/store/identity';
import { searchVectorOf } from '../../../src-main/core/store/postgres/search';
import { encodeText } from '../../../src-main/core/store/postgres/text-codec';
import { createPreparer } from '../../../src-main/core/store/sql/prepare';
import { SLOTS_PER_SECOND } from '../../../src-main/core/store/sql/row-ids';
import type { Store } from '../../../src-main/core/store/store';
import type { IncomingRecord } from '../../../src-main/core/wolkvox/fields';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { changed, NOW, recordOf, SERVER, ZONE } from '../store-fixtures';

const server = await startPostgres();
const START = Date.UTC(2026, 0, 1, 5);
const END = Date.UTC(2026, 0, 31, 5);
const HOUR = 3_600_000;
const call = (rows: number) => ({ server: SERVER, windowStartUtc: START, windowEndUtc: END, startedAt: NOW, durationMs: 5, outcome: 'ok', rows });

async function withCache(body: (store: Store, sql: pg.Client, db: string) => Promise<void>): Promise<void> {
  const db = server.createDatabase('ingest');
  const store = await openPgStore(server, db, () => NOW);
  const sql = new pg.Client({ connectionString: server.url(db), options: '-c search_path=wolkvox' });
  await sql.connect();
  try {
    await body(store, sql, db);
  } finally {
    await sql.end();
    await store.close();
  }
}

async function commit(store: Store, runId: number, records: IncomingRecord[], cursorUtc: number, zone = ZONE) {
  return store.sync.commitWindow({ runId, records, server: SERVER, zone, now: NOW, cursorUtc, call: call(records.length) });
}

const startRun = (store: Store, cursorUtc?: number) =>
  store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW, ...(cursorUtc === undefined ? {} : { cursorUtc }) });

interface Row {
  id: string;
  uid: string;
  created_utc: string;
  content_hash: string;
  body: string;
  raw: string | null;
  change_seq: string;
  search: string;
}
const rowsOf = async (sql: pg.Client) => (await sql.query<Row>('SELECT id, uid, created_utc, content_hash, body, raw, change_seq, search::text AS search FROM interactions ORDER BY id')).rows;

test('new rows: date-ordered ids, twins in arrival order after the rows a second already holds, as prepared, one stamp per window', () =>
  withCache(async (store, sql) => {
    const runId = await startRun(store);
    const at = (time: string, body: string, extra?: Record<string, unknown>) => recordOf({ date_creation: `2026-01-02 ${time}`, body }, extra);
    const first = [at('10:00:00', 'segundo'), at('09:00:00', 'primero\u0000 con NUL y \uE000'), at('10:00:00', '<b>tercero</b> 😀', { extra: 1 })];
    assert.deepEqual(await commit(store, runId, first, START + HOUR), { inserted: 3, updated: 0, unchanged: 0 });
    const later = [at('10:00:00', 'cuarto'), recordOf({ date_creation: 'no es una fecha', body: 'sin fecha' })];
    assert.deepEqual(await commit(store, runId, later, START + 2 * HOUR), { inserted: 2, updated: 0, unchanged: 0 });

    const rows = await rowsOf(sql);
    const ten = Date.UTC(2026, 0, 2, 15) / 1000;
    const nine = Date.UTC(2026, 0, 2, 14) / 1000;
    assert.deepEqual(
      rows.map((r) => [Number(r.id), r.body]),
      [
        [0, 'sin fecha'],
        [nine * SLOTS_PER_SECOND, encodeText(first[1]!.fields.body)],
        [ten * SLOTS_PER_SECOND, 'segundo'],
        [ten * SLOTS_PER_SECOND + 1, '<b>tercero</b> 😀'],
        [ten * SLOTS_PER_SECOND + 2, 'cuarto'],
      ],
    );
    assert.equal(rows[1]!.body, 'primero\uE0000 con NUL y \uE000E', 'U+0000 and the escape character stored escaped');
    const prepared = new Map([...createPreparer(ZONE)(first), ...createPreparer(ZONE)(later)].map((p) => [p.uid, p]));
    const all = [...first, ...later];
    for (const row of rows) {
      const p = prepared.get(row.uid);
      assert.ok(p, `the uid ${row.uid} is the preparer's`);
      assert.equal(row.content_hash, p.hash);
      assert.equal(row.raw, p.raw === null ? null : encodeText(p.raw));
      const record = all.find((r) => createPreparer(ZONE)([r])[0]!.hash === p.hash)!;
      const expected = (await sql.query<{ v: string }>('SELECT $1::tsvector::text AS v', [searchVectorOf(record.fields)])).rows[0]!.v;
      assert.equal(row.search, expected);
    }
    assert.equal(rows.find((r) => r.body === '<b>tercero</b> 😀')!.raw !== null, true, 'a raw record with extra fields is kept');
    assert.equal(rows.find((r) => r.body === 'segundo')!.raw, null, 'a canonical raw record is rebuilt on reading');
    const seqs = rows.map((r) => Number(r.change_seq));
    const counter = Number((await sql.query<{ seq: string }>('SELECT seq FROM change_counter')).rows[0]!.seq);
    assert.deepEqual(new Set(seqs), new Set([counter - 1, counter]), 'each window one stamp, the latest the counter');
    assert.equal(seqs.filter((s) => s === counter).length, 2);
  }));

test('re-synced rows: unchanged ones untouched, changed ones updated with their old values in history, a moved second moves the id', () =>
  withCache(async (store, sql) => {
    const runId = await startRun(store);
    const a = recordOf({ date_creation: '2026-01-03 08:00:00', status: 'open' });
    const b = recordOf({ date_creation: '2026-01-03 08:00:00', status: 'open' });
    await commit(store, runId, [a, b], START + HOUR);
    const before = await rowsOf(sql);
    const stamp = Number(before[0]!.change_seq);

    const a2 = changed(a, { status: 'closed', comments: 'cerrado' });
    assert.deepEqual(await commit(store, runId, [a2, b], START + 2 * HOUR), { inserted: 0, updated: 1, unchanged: 1 });
    const after = await rowsOf(sql);
    const rowA = after.find((r) => r.uid === before[0]!.uid)!;
    const rowB = after.find((r) => r.uid === before[1]!.uid)!;
    assert.equal(rowA.id, before[0]!.id, 'same second, same id');
    assert.equal(Number(rowA.change_seq), stamp + 1);
    assert.deepEqual(rowB, before[1], 'the unchanged row is not written');
    const history = (await sql.query('SELECT interaction_id, changed_at, changed_fields, old_fields, old_raw, old_content_hash FROM interaction_history')).rows;
    assert.deepEqual(history, [
      {
        interaction_id: before[0]!.id,
        changed_at: String(NOW),
        changed_fields: JSON.stringify(['comments', 'status']),
        old_fields: JSON.stringify(a.fields),
        old_raw: canonicalRaw(a.fields),
        old_content_hash: before[0]!.content_hash,
      },
    ]);

    // Changed again and read in a zone an hour behind (Mexico City): the creation second moves, and the id
    // with it, to the end of its new second; the old id is logged as removed and the history follows the row.
    const a3 = changed(a2, { comments: 'reabierto' });
    const c = recordOf({ date_creation: '2026-01-03 08:00:00' });
    await commit(store, runId, [c], START + 3 * HOUR, 'America/Mexico_City');
    assert.deepEqual(await commit(store, runId, [a3], START + 4 * HOUR, 'America/Mexico_City'), { inserted: 0, updated: 1, unchanged: 0 });
    const moved = (await rowsOf(sql)).find((r) => r.uid === before[0]!.uid)!;
    const second = Date.UTC(2026, 0, 3, 14) / 1000;
    assert.equal(Number(moved.created_utc), second * 1000);
    assert.equal(Number(moved.id), second * SLOTS_PER_SECOND + 1, 'after the row already in that second');
    assert.deepEqual((await sql.query('SELECT id FROM interaction_removals')).rows, [{ id: before[0]!.id }]);
    assert.deepEqual((await sql.query('SELECT interaction_id, changed_fields FROM interaction_history ORDER BY id')).rows, [
      { interaction_id: moved.id, changed_fields: JSON.stringify(['comments', 'status']) },
      { interaction_id: moved.id, changed_fields: JSON.stringify(['comments']) },
    ]);
    const run = (await store.getRun(runId))!;
    assert.deepEqual([run.calls, run.rowsReceived, run.inserted, run.updated, run.cursorUtc], [4, 6, 3, 2, START + 4 * HOUR]);
  }));

/** Polls until `check` holds (a condition, never a fixed wait). */
async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up waiting for ${what}`);
}

test('a window whose connection is terminated while it writes leaves neither rows nor checkpoint; the run goes on from its checkpoint, nothing twice', () =>
  withCache(async (store, sql, db) => {
    const runId = await startRun(store);
    const first = Array.from({ length: 5 }, (_, i) => recordOf({ date_creation: `2026-01-04 0${i}:00:00` }));
    await commit(store, runId, first, START + HOUR);
    const second = Array.from({ length: 500 }, (_, i) => recordOf({ date_creation: `2026-01-05 ${String(i % 24).padStart(2, '0')}:00:00`, body: `ventana dos ${i}` }));

    // Another session holds the run's row: the window writes its rows, then waits at its checkpoint.
    const holder = new pg.Client({ connectionString: server.url(db), options: '-c search_path=wolkvox' });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM sync_runs WHERE id = $1 FOR UPDATE', [runId]);
    const cut = commit(store, runId, second, START + 2 * HOUR);
    const outcome = cut.then(
      () => null,
      (error: unknown) => error,
    );
    const pid = await until(async () => {
      const rows = (await sql.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE sync_runs SET cursor_utc%'")).rows;
      return rows[0]?.pid;
    }, 'the window to wait at its checkpoint');
    const writing = await sql.query("SELECT 1 FROM pg_locks WHERE pid = $1 AND relation = 'wolkvox.interactions'::regclass AND mode = 'RowExclusiveLock'", [pid]);
    assert.equal(writing.rowCount, 1, 'the window has written into interactions when it is cut');
    await sql.query('SELECT pg_terminate_backend($1)', [pid]);
    const error = await outcome;
    await holder.query('ROLLBACK');
    await holder.end();
    assert.ok(isAppError(error), `the failure is the app's: ${String(error)}`);
    assert.equal(error.kind, 'network', error.message);

    assert.equal(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM interactions')).rows[0]!.n), 5, 'no row of the cut window');
    const run = (await store.getRun(runId))!;
    assert.deepEqual([run.cursorUtc, run.calls, run.inserted], [START + HOUR, 1, 5], 'nor its checkpoint or call');
    assert.equal(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM sync_calls')).rows[0]!.n), 1);

    // The sync is killed there; the next one goes on from the checkpoint, through a new connection of the pool.
    const resumable = await store.sync.findResumableRun(SERVER, START, END);
    assert.deepEqual(resumable, { id: runId, cursorUtc: START + HOUR, status: 'running' });
    const next = await startRun(store, resumable.cursorUtc);
    assert.deepEqual(await commit(store, next, second, START + 2 * HOUR), { inserted: 500, updated: 0, unchanged: 0 });
    assert.deepEqual(await commit(store, next, [...first, ...second], START + 3 * HOUR), { inserted: 0, updated: 0, unchanged: 505 });
    const counts = (await sql.query<{ n: string; uids: string; ids: string }>('SELECT count(*) AS n, count(DISTINCT uid) AS uids, count(DISTINCT id) AS ids FROM interactions')).rows[0]!;
    assert.deepEqual([counts.n, counts.uids, counts.ids].map(Number), [505, 505, 505]);
  }));

test('a window of several parts: slots run on across parts in the window order; a row the server refuses in a later part leaves nothing of the window', () =>
  withCache(async (store, sql) => {
    const runId = await startRun(store);
    // 4,500 records over three seconds, so each second's rows are sent in more than one part.
    const big = Array.from({ length: 4500 }, (_, i) => recordOf({ date_creation: `2026-01-06 10:00:0${i % 3}`, body: `fila ${i}` }));
    // The server refuses one row near the end (a trigger of this test's database only).
    await sql.query(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF new.body = 'fila 4400' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN new; END $$`);
    await sql.query('CREATE TRIGGER refuse_boom BEFORE INSERT ON interactions FOR EACH ROW EXECUTE FUNCTION refuse_boom()');
    await assert.rejects(commit(store, runId, big, START + HOUR), (e: unknown) => isAppError(e) && e.kind === 'storage' && /refused by the test/.test(e.message));
    assert.equal(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM interactions')).rows[0]!.n), 0);
    assert.deepEqual([(await store.getRun(runId))!.cursorUtc, (await store.getRun(runId))!.calls], [null, 0]);

    await sql.query('DROP TRIGGER refuse_boom ON interactions');
    assert.deepEqual(await commit(store, runId, big, START + HOUR), { inserted: 4500, updated: 0, unchanged: 0 }, 'the store goes on after a refusal');
    const rows = (await sql.query<{ id: string; body: string }>('SELECT id, body FROM interactions ORDER BY id')).rows;
    const base = Date.UTC(2026, 0, 6, 15) / 1000;
    const expected = big
      .map((r, i) => ({ second: base + (i % 3), slot: Math.floor(i / 3), body: r.fields.body }))
      .map((e) => [String((e.second * SLOTS_PER_SECOND) + e.slot), e.body]);
    assert.deepEqual(rows.map((r) => [r.id, r.body]), expected.sort((a, b) => Number(a[0]) - Number(b[0])));
  }));

test('a connection dropped while the sync host prepares the next part of a window: the window fails as a network error, nothing of it stays, the store goes on', () =>
  withCache(async (store, sql) => {
    const runId = await startRun(store);
    const records = Array.from({ length: 4000 }, (_, i) => recordOf({ date_creation: `2026-01-07 11:00:0${i % 5}`, body: `parte ${i}` }));
    // Reading the first record of the second part ends the writing transaction's connection from another
    // session (the one that has written rows: its first part), while this process is between statements.
    let terminated: Promise<unknown> | undefined;
    const first = records[2000]!;
    const fields = first.fields;
    Object.defineProperty(first, 'fields', {
      get() {
        terminated ??= sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL');
        return fields;
      },
    });
    await assert.rejects(commit(store, runId, records, START + HOUR), (e: unknown) => isAppError(e) && e.kind === 'network');
    assert.ok(terminated, 'the connection was ended during the window');
    await terminated;
    assert.equal(Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM interactions')).rows[0]!.n), 0);
    assert.equal((await store.getRun(runId))!.cursorUtc, null);
    const clean = records.map((r) => ({ fields: r.fields, raw: r.raw }));
    assert.deepEqual(await commit(store, runId, clean, START + HOUR), { inserted: 4000, updated: 0, unchanged: 0 });
  }));

test('a store opened to read only writes nothing of a sync', () =>
  withCache(async (store, _sql, db) => {
    const runId = await startRun(store);
    const reader = await openPgStore(server, db, () => NOW, 'read');
    try {
      const refused = (e: unknown) => isAppError(e) && e.kind === 'storage' && /read only/.test(e.message);
      await assert.rejects(startRun(reader), refused);
      await assert.rejects(commit(reader, runId, [recordOf()], START + HOUR), refused);
      await assert.rejects(reader.sync.logCall(runId, call(0)), refused);
      await assert.rejects(reader.sync.finishRun(runId, 'done'), refused);
      assert.deepEqual((await reader.getRun(runId))!.status, 'running', 'it still reads the log');
      assert.equal(await reader.sync.lastCoveredUtc(SERVER), null);
    } finally {
      await reader.close();
    }
  }));
