/**
 * The sync side of the port (Store.sync) and the sync log it leaves: a run's checkpoint advances window by
 * window, with its counters; an unfinished range run (running after a kill, failed at the quota,
 * cancelled) is gone on from by a sync of the same server and start, whatever its end; a done run means a
 * fresh sync; a window for a run no longer running is refused whole; API answers are read by the store's
 * own parser and their records committed as they are; the day's calls are counted in the operation's zone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changed, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';
import { IMPLEMENTATIONS, withStore } from './implementations';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1, 5);
const END = Date.UTC(2026, 0, 31, 5);
const call = (from: number, to: number, rows: number, outcome = 'ok', startedAt = NOW) => ({ server: SERVER, windowStartUtc: from, windowEndUtc: to, startedAt, durationMs: 1234, outcome, rows });

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a run's checkpoint advances window by window and an unfinished run is gone on from`, () =>
    withStore(impl, async (store) => {
      const runId = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
      assert.deepEqual(await store.sync.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START, status: 'running' });
      const records = [recordOf(), recordOf(), recordOf()];
      const commit = (recs: typeof records, cursorUtc: number, c = call(START, cursorUtc, recs.length)) => store.sync.commitWindow({ runId, records: recs, server: SERVER, zone: ZONE, now: NOW, cursorUtc, call: c });
      assert.deepEqual(await commit(records, START + 24 * HOUR), { inserted: 3, updated: 0, unchanged: 0 });
      assert.deepEqual(await commit([changed(records[0]!, { status: 'closed' }), records[1]!], START + 48 * HOUR), { inserted: 0, updated: 1, unchanged: 1 });
      await store.sync.logCall(runId, call(START + 48 * HOUR, START + 72 * HOUR, 0, 'network'));
      assert.deepEqual(await store.sync.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START + 48 * HOUR, status: 'running' });
      assert.equal(await store.sync.findResumableRun(SERVER, START + 1, END), null, 'only a range from the same start');
      assert.equal((await store.sync.findResumableRun(SERVER, START, END + HOUR))?.id, runId, 'a range ending later resumes too');
      assert.equal(await store.sync.findResumableRun('other', START, END), null);
      assert.equal(await store.sync.lastCoveredUtc(SERVER), START + 48 * HOUR);
      assert.equal(await store.lastCoveredUtc(SERVER), START + 48 * HOUR);
      const run = (await store.getRun(runId))!;
      assert.deepEqual(
        [run.server, run.mode, run.status, run.cursorUtc, run.calls, run.rowsReceived, run.inserted, run.updated, run.startedAt, run.finishedAt],
        [SERVER, 'range', 'running', START + 48 * HOUR, 3, 5, 3, 1, NOW, null],
      );

      await store.sync.finishRun(runId, 'failed', { kind: 'quota', message: 'The daily quota is used.\nTry tomorrow.' });
      assert.deepEqual(await store.sync.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START + 48 * HOUR, status: 'failed' });
      const failed = (await store.recentRuns(1))[0]!;
      assert.deepEqual([failed.id, failed.status, failed.errorKind], [runId, 'failed', 'quota']);
      assert.ok(failed.errorMessage?.startsWith('The daily quota is used.'));
      assert.ok(failed.finishedAt !== null);
      await assert.rejects(commit(records, START + 72 * HOUR), 'a window for a run no longer running is refused');
      assert.equal(await store.count({}), 3, 'and writes nothing');
      assert.equal((await store.getRun(runId))!.cursorUtc, START + 48 * HOUR);

      const next = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW + 1, cursorUtc: START + 48 * HOUR });
      assert.deepEqual(await store.sync.findResumableRun(SERVER, START, END), { id: next, cursorUtc: START + 48 * HOUR, status: 'running' }, 'it starts at the checkpoint');
      await store.sync.finishRun(next, 'cancelled');
      assert.equal((await store.sync.findResumableRun(SERVER, START, END))?.status, 'cancelled');
      const last = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW + 2, cursorUtc: START + 48 * HOUR });
      await store.sync.finishRun(last, 'done');
      assert.equal(await store.sync.findResumableRun(SERVER, START, END), null, 'after a done run the range is synced afresh');
      const incremental = await store.sync.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: END, rangeEndUtc: END + HOUR, startedAt: NOW + 3 });
      assert.equal(await store.sync.findResumableRun(SERVER, END, END + HOUR), null, 'an incremental run is never resumed');
      await store.sync.finishRun(incremental, 'done');
      assert.deepEqual((await store.recentRuns(10)).map((r) => r.id), [incremental, last, next, runId], 'newest first');
      assert.deepEqual((await store.recentRuns(2)).map((r) => r.id), [incremental, last]);
    }));

  test(`${impl.name}: an API answer is read by the store's parser and its records committed as they are`, () =>
    withStore(impl, async (store) => {
      const fields = [recordOf({ body: '<b>hola</b> 😀', date_creation: '2026-01-02 10:00:00' }).fields, recordOf({ date_creation: '2026-01-03 11:30:00' }).fields];
      const raw = (status: number, body: unknown) => ({ status, contentType: 'application/json', body: new TextEncoder().encode(JSON.stringify(body)), server: SERVER, host: 'sim', zone: ZONE });
      const answer = await store.sync.parser.parse(raw(200, { code: 200, error: null, msg: '2 records were found', data: fields }));
      assert.deepEqual([answer.noData, answer.count, [...answer.createdUtc]], [false, 2, [Date.UTC(2026, 0, 2, 15), Date.UTC(2026, 0, 3, 16, 30)]]);
      const runId = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
      assert.deepEqual(await store.sync.commitWindow({ runId, records: answer.records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: END, call: call(START, END, 2) }), { inserted: 2, updated: 0, unchanged: 0 });
      await store.sync.finishRun(runId, 'done');
      const rows = (await store.page({ sort: { field: 'created', dir: 'asc' } })).rows;
      assert.deepEqual(rows.map((r) => r.body), [fields[0]!.body, fields[1]!.body], 'stored exactly');
      assert.equal((await store.sync.parser.parse(raw(404, { code: 404, error: 'no records', msg: '', data: [] }))).noData, true);
      await assert.rejects(store.sync.parser.parse(raw(401, {})), (e: unknown) => (e as { kind?: string }).kind === 'auth');
    }));

  test(`${impl.name}: the day's calls are counted in the operation's local day, per server or all`, () =>
    withStore(impl, async (store) => {
      const dayStart = Date.UTC(2026, 2, 1, 5); // 1 March 2026, midnight in Bogotá
      const runId = await store.sync.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: START, rangeEndUtc: END, startedAt: dayStart });
      for (const startedAt of [dayStart - 1, dayStart, dayStart + 23.5 * HOUR, dayStart + 24 * HOUR]) await store.sync.logCall(runId, call(START, END, 0, 'ok', startedAt));
      await store.sync.logCall(runId, { ...call(START, END, 0, 'ok', dayStart + HOUR), server: 'other' });
      assert.equal(await store.callsToday(dayStart + 12 * HOUR, ZONE), 3);
      assert.equal(await store.callsToday(dayStart + 12 * HOUR, ZONE, SERVER), 2);
      assert.equal(await store.callsToday(dayStart + 12 * HOUR, ZONE, 'nobody'), 0);
      // 04:00 UTC on 2 March: still 1 March in Bogotá, already 2 March in UTC (whose day holds the last two calls).
      assert.equal(await store.callsToday(dayStart + 23 * HOUR, ZONE, SERVER), 2);
      assert.deepEqual(await store.callsToday(dayStart + 23 * HOUR, 'UTC', SERVER), 2);
      assert.equal(await store.callsToday(dayStart + 25 * HOUR, ZONE, SERVER), 1, 'the next local day: one');
      assert.equal((await store.stats(dayStart + 12 * HOUR, ZONE)).callsToday, 3);
    }));
}
