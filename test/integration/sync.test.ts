import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inThreadParser } from '../../src-main/core/wolkvox/answer';
import { bogota, NOW, range, syncRig } from '../helpers/sync-rig';

const DAY = 86_400_000;

function countRows(db: import('better-sqlite3').Database): { total: number; uniq: number } {
  return db.prepare('SELECT count(*) AS total, count(DISTINCT uid) AS uniq FROM interactions').get() as { total: number; uniq: number };
}

test('a day with 70,000 interactions arrives whole despite the silent 60,000-row cap', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-10', to: '2026-02-10', rowsPerDay: 70_000 } });
  const result = await rig.sync(range('2026-02-10', '2026-02-11'));
  assert.equal(result.status, 'done', JSON.stringify(result.error));
  assert.equal(countRows(rig.read()).total, 70_000);
  assert.equal(result.calls, 2, 'the capped answer is continued from its last complete second, not thrown away');
  assert.equal(rig.sim.stats().maxInFlightPerToken, 1);
});

test('when capped rows come in no order, the window is halved until nothing is capped', async () => {
  const rig = await syncRig({ order: 'shuffled', dataset: { from: '2026-02-10', to: '2026-02-10', rowsPerDay: 70_000 } });
  const result = await rig.sync(range('2026-02-10', '2026-02-11'));
  assert.equal(result.status, 'done');
  assert.equal(countRows(rig.read()).total, 70_000);
  const calls = rig.sim.stats().calls;
  assert.ok(calls.every((c) => c.rows < 60_000 || c.dateIni === '20260210000000'), 'only the first, whole-day call was capped');
});

test('answers read on this thread or on the preparer thread fill the cache alike', async () => {
  const dataset = { from: '2026-02-20', to: '2026-02-22', rowsPerDay: 700 };
  const [there, here] = await Promise.all([syncRig({ dataset }), syncRig({ dataset })]);
  const a = await there.sync(range('2026-02-20', '2026-02-23'));
  const b = await here.sync(range('2026-02-20', '2026-02-23'), { parser: inThreadParser });
  assert.equal(a.status, 'done');
  assert.equal(b.status, 'done');
  assert.equal(a.rows, 2_100);
  const rows = (db: import('better-sqlite3').Database) =>
    db.prepare('SELECT uid, content_hash, created_utc, closed_utc, body, raw FROM interactions ORDER BY uid').all();
  assert.deepEqual(rows(there.read()), rows(here.read()));
});

test('a 90-day backfill at 2,000 rows a day costs at most 4 calls', async () => {
  const rig = await syncRig({ dataset: { from: '2025-12-01', to: '2026-02-28', rowsPerDay: 2_000 } });
  const result = await rig.sync(range('2025-12-01', '2026-03-01'));
  assert.equal(result.status, 'done');
  assert.equal(countRows(rig.read()).total, 180_000);
  assert.ok(result.calls <= 4, `${result.calls} calls`);
  assert.equal(rig.sim.stats().requests, result.calls);
});

test('re-syncing an overlapping range duplicates nothing, updates changed fields and keeps their history', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-25', to: '2026-03-01', rowsPerDay: 400 } });
  const first = await rig.sync(range('2026-02-25', '2026-03-02'));
  assert.equal(first.status, 'done');
  const db = rig.read();
  const open = db.prepare("SELECT uid, status FROM interactions WHERE status = 'open'").all() as { uid: string }[];
  assert.ok(open.length > 0, 'some interactions are still open at the first sync');
  // Two days later the open interactions have been answered and closed.
  const second = await rig.sync(range('2026-02-27', '2026-03-01'), { now: NOW + 2 * DAY });
  assert.equal(second.status, 'done');
  const { total, uniq } = countRows(db);
  assert.equal(total, uniq);
  assert.equal(total, first.rows, 'the overlap added no row');
  assert.ok(second.updated > 0);
  const still = db.prepare(`SELECT count(*) FROM interactions WHERE status = 'open' AND uid IN (${open.map(() => '?').join(',')})`).pluck().get(...open.map((o) => o.uid)) as number;
  assert.ok(still < open.length, 'changed statuses were updated in place');
  const hist = db.prepare('SELECT changed_fields FROM interaction_history').all() as { changed_fields: string }[];
  assert.equal(hist.length, second.updated);
  assert.ok(hist.some((h) => JSON.parse(h.changed_fields).includes('status')));
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
});

test('transient faults are retried with backoff and the range still arrives whole', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-01', to: '2026-02-03', rowsPerDay: 100 } });
  rig.sim.setFaults({ failNext: ['500', 'maintenance', 'reset', 'truncated', 'concurrency'] });
  const result = await rig.sync(range('2026-02-01', '2026-02-04'));
  assert.equal(result.status, 'done');
  assert.equal(countRows(rig.read()).total, 300);
  const outcomes = rig.read().prepare('SELECT outcome FROM sync_calls ORDER BY id').pluck().all();
  assert.deepEqual(outcomes.slice(0, 3), ['server', 'maintenance', 'network']);
});

test('a rejected token stops the run at once and is never retried', async () => {
  // The simulator knows another token only: ours is answered 403 "PLEASE VALIDATE TOKEN".
  const rig = await syncRig({ tokens: ['some-other-valid-token-7a1c'], dataset: { from: '2026-02-01', to: '2026-02-03', rowsPerDay: 50 } });
  const result = await rig.sync(range('2026-02-01', '2026-02-04'));
  assert.equal(result.status, 'failed');
  assert.equal(result.error?.kind, 'auth');
  assert.equal(rig.sim.stats().requests, 1, 'one request, not retried (the retry policy allows 6 attempts)');
  assert.equal(result.calls, 1);
  assert.equal(countRows(rig.read()).total, 0);
  const run = rig.read().prepare('SELECT status, error_kind FROM sync_runs').get();
  assert.deepEqual(run, { status: 'failed', error_kind: 'auth' });
});

test('an exhausted quota stops the run at once, keeping what was fetched', async () => {
  const rig = await syncRig({ quotaPerDay: 2, dataset: { from: '2025-10-01', to: '2026-02-28', rowsPerDay: 50 } });
  const result = await rig.sync(range('2025-10-01', '2026-03-01'));
  assert.equal(result.status, 'failed');
  assert.equal(result.error?.kind, 'quota');
  assert.equal(result.calls, 3);
  assert.ok(countRows(rig.read()).total > 0, 'the windows fetched before the quota ran out are kept');
  const run = rig.read().prepare('SELECT status, error_kind FROM sync_runs').get();
  assert.deepEqual(run, { status: 'failed', error_kind: 'quota' });
});

test('a timed-out window is halved and asked again', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-01', to: '2026-02-01', rowsPerDay: 100 } });
  const { Chat4Client } = await import('../../src-main/core/wolkvox/client');
  const { runSync } = await import('../../src-main/core/sync/sync-engine');
  const { FileTokenLock } = await import('../../src-main/core/store/sqlite/locks/file-token-lock');
  const { defaultSleep } = await import('../../src-main/core/sync/token-lock');
  // The first request hangs for ten minutes in the simulator (cut short when the client gives up), far
  // past the client's 100 ms; the client's second request lifts the hang before it is sent. So exactly
  // one request times out, however fast or slow this machine is.
  rig.sim.setFaults({ hangMs: 600_000 });
  let sent = 0;
  const liftHangAfterFirst: typeof fetch = (input, init) => {
    sent += 1;
    if (sent === 2) rig.sim.setFaults({});
    return fetch(input, init);
  };
  const client = new Chat4Client({ server: '0032', baseUrl: rig.sim.url, timeoutMs: 100, fetch: liftHangAfterFirst });
  const result = await runSync(
    { client, store: rig.writer, lock: new FileTokenLock({ dir: `${rig.dir}/locks` }), now: () => NOW, sleep: defaultSleep, retry: { attempts: 2, baseMs: 1, maxMs: 1 } },
    { server: '0032', token: 'sync-rig-secret-token-0d9e', zone: 'America/Bogota', range: range('2026-02-01', '2026-02-02') },
  );
  assert.equal(result.status, 'done');
  assert.equal(result.calls, 3, 'one timeout, then two halves');
  assert.equal(countRows(rig.read()).total, 100);
  // What the simulator saw: the whole day, left by the client (status 0), then its two halves.
  const seen = rig.sim.stats().calls.map((c) => `${c.dateIni}-${c.dateEnd} ${c.status}`);
  assert.deepEqual(seen.sort(), ['20260201000000-20260201115959 200', '20260201000000-20260201235959 0', '20260201120000-20260201235959 200']);
});

test('incremental sync goes from the last synced point minus the overlap to now', async () => {
  const rig = await syncRig({ dataset: { from: '2026-02-20', to: '2026-03-01', rowsPerDay: 100 } });
  await rig.sync(range('2026-02-20', '2026-02-27'));
  const result = await rig.sync({ kind: 'incremental', overlapMs: 48 * 3_600_000 });
  assert.equal(result.status, 'done');
  assert.equal(result.startUtc, bogota.parseToUtc('2026-02-25 00:00:00'));
  assert.equal(result.endUtc, NOW);
  const total = countRows(rig.read());
  assert.equal(total.total, total.uniq);
});

test('a cancelled sync stops at once, even with a call in flight, asks nothing more and records it', async () => {
  const rig = await syncRig({ dataset: { from: '2025-11-01', to: '2026-02-28', rowsPerDay: 20 } });
  // The first call would hang for ten minutes: the cancel lands once the simulator holds it.
  rig.sim.setFaults({ hangMs: 600_000 });
  const controller = new AbortController();
  const running = rig.sync(range('2025-11-01', '2026-03-01'), { signal: controller.signal });
  while (rig.sim.stats().requests < 1) await new Promise((resolve) => setTimeout(resolve, 5));
  controller.abort();
  const result = await running;
  assert.equal(result.status, 'cancelled');
  assert.equal(rig.sim.stats().requests, 1, 'nothing asked after the cancel');
  assert.equal(countRows(rig.read()).total, 0);
  assert.equal(rig.read().prepare('SELECT status FROM sync_runs').pluck().get(), 'cancelled');
});
