import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { callsToday, createSyncLog, getRun, recentRuns } from '../../src-main/core/store/sqlite/writes/sync-log';
import type { CallLogEntry } from '../../src-main/core/sync/sync-store';
import { NOW, openFresh, recordOf, SERVER, ZONE } from '../integration/store-fixtures';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1, 5);
const END = START + 10 * 24 * HOUR;

function callFor(windowStartUtc: number, windowEndUtc: number, rows: number, outcome = 'ok'): CallLogEntry {
  return { server: SERVER, windowStartUtc, windowEndUtc, startedAt: NOW, durationMs: 1234.4, outcome, rows };
}

test('a run advances its checkpoint window by window, with counters and a log line per call', () => {
  const { db } = openFresh();
  const log = createSyncLog(db);
  const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
  assert.deepEqual(log.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START, status: 'running' });
  const records = [recordOf(), recordOf(), recordOf()];
  const counts = log.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 24 * HOUR, call: callFor(START, START + 24 * HOUR, 3) });
  assert.deepEqual(counts, { inserted: 3, updated: 0, unchanged: 0 });
  log.commitWindow({ runId, records: records.slice(0, 1), server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 48 * HOUR, call: callFor(START + 24 * HOUR, START + 48 * HOUR, 1) });
  log.logCall(runId, callFor(START + 48 * HOUR, START + 72 * HOUR, 0, 'network'));

  assert.deepEqual(log.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START + 48 * HOUR, status: 'running' });
  assert.equal(log.findResumableRun(SERVER, START + 1, END), null, 'only a range from the same start resumes');
  assert.equal(log.findResumableRun(SERVER, START, END + HOUR)?.id, runId, 'a range ending later (a preset ending now) resumes too');
  assert.equal(log.lastCoveredUtc(SERVER), START + 48 * HOUR);
  assert.equal(log.lastCoveredUtc('other'), null);
  const run = getRun(db, runId)!;
  assert.equal(run.status, 'running');
  assert.equal(run.calls, 3);
  assert.equal(run.rowsReceived, 4);
  assert.equal(run.inserted, 3);
  assert.equal(run.updated, 0);
  const calls = db.prepare('SELECT outcome, rows, duration_ms FROM sync_calls WHERE run_id = ? ORDER BY id').all(runId);
  assert.deepEqual(calls, [
    { outcome: 'ok', rows: 3, duration_ms: 1234 },
    { outcome: 'ok', rows: 1, duration_ms: 1234 },
    { outcome: 'network', rows: 0, duration_ms: 1234 },
  ]);

  log.finishRun(runId, 'failed', NOW + 5, { kind: 'network', message: 'The server did not answer.' });
  assert.deepEqual(log.findResumableRun(SERVER, START, END), { id: runId, cursorUtc: START + 48 * HOUR, status: 'failed' }, 'a failed run (quota) is gone on from');
  const done = recentRuns(db, 5)[0]!;
  assert.equal(done.status, 'failed');
  assert.equal(done.finishedAt, NOW + 5);
  assert.equal(done.errorKind, 'network');
  const next = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW, cursorUtc: START + 48 * HOUR });
  assert.deepEqual(log.findResumableRun(SERVER, START, END), { id: next, cursorUtc: START + 48 * HOUR, status: 'running' }, 'a run going on from a checkpoint starts there');
  log.finishRun(next, 'done', NOW + 6);
  assert.equal(log.findResumableRun(SERVER, START, END), null, 'after a done run, the same range is synced afresh');
  db.close();
});

test('commitWindow is atomic: a failure mid-window saves neither rows, nor checkpoint, nor log line', () => {
  const { db } = openFresh();
  const log = createSyncLog(db);
  const runId = log.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
  log.commitWindow({ runId, records: [recordOf()], server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + HOUR, call: callFor(START, START + HOUR, 1) });
  const snapshot = () => ({
    rows: db.prepare('SELECT count(*) FROM interactions').pluck().get(),
    fts: db.prepare("SELECT count(*) FROM interactions_fts WHERE interactions_fts MATCH 'mensaje'").pluck().get(),
    calls: db.prepare('SELECT count(*) FROM sync_calls').pluck().get(),
    run: getRun(db, runId),
  });
  const before = snapshot();
  // The disk fills, a constraint fires, the process dies...: simulated by a trigger that aborts on one row.
  db.exec("CREATE TRIGGER boom BEFORE INSERT ON interactions WHEN NEW.case_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
  const window = [recordOf(), recordOf(), recordOf({ case_id: 'BOOM' }), recordOf()];
  assert.throws(
    () => log.commitWindow({ runId, records: window, server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 2 * HOUR, call: callFor(START + HOUR, START + 2 * HOUR, 4) }),
    /simulated failure/,
  );
  assert.deepEqual(snapshot(), before);
  db.exec('DROP TRIGGER boom');
  assert.equal(log.commitWindow({ runId, records: window, server: SERVER, zone: ZONE, now: NOW, cursorUtc: START + 2 * HOUR, call: callFor(START + HOUR, START + 2 * HOUR, 4) }).inserted, 4);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

test('a window for a run that is no longer running is refused whole', () => {
  const { db } = openFresh();
  const log = createSyncLog(db);
  const runId = log.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
  log.finishRun(runId, 'cancelled', NOW);
  assert.throws(
    () => log.commitWindow({ runId, records: [recordOf()], server: SERVER, zone: ZONE, now: NOW, cursorUtc: END, call: callFor(START, END, 1) }),
    (e: unknown) => e instanceof AppError && e.kind === 'storage',
  );
  assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), 0);
  db.close();
});

test('calls today count the operation’s local day', () => {
  const { db } = openFresh();
  const log = createSyncLog(db);
  // 2026-03-01 00:30 and 23:30 in Bogota (UTC-5), and one just before that day starts.
  const dayStart = Date.UTC(2026, 2, 1, 5);
  for (const startedAt of [dayStart - 1, dayStart, dayStart + 23.5 * HOUR, dayStart + 24 * HOUR]) {
    log.logCall(null, { ...callFor(START, END, 0), startedAt });
  }
  assert.equal(callsToday(db, dayStart + 12 * HOUR, ZONE), 2);
  assert.equal(callsToday(db, dayStart + 12 * HOUR, ZONE, SERVER), 2);
  assert.equal(callsToday(db, dayStart + 12 * HOUR, ZONE, 'other'), 0);
  assert.equal(callsToday(db, dayStart + 12 * HOUR, 'UTC'), 2);
  db.close();
});
