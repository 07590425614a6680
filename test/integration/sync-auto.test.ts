import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planAutoSyncFor, recordAutoSync } from '../../src-main/core/service/auto-sync';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { recordsForDay } from '../../src-main/sim/dataset';
import { NOW, syncRig, ZONE } from '../helpers/sync-rig';

const MIN = 60_000;
const ROWS = 400;

/**
 * An interaction created well before the first sync that closes 20-50 minutes after it: the 5-minute ticks
 * never reach back to it, so only the hourly re-fetch of open interactions can bring its closing.
 */
function closingSoon() {
  const records = [...recordsForDay(1, '2026-02-28', ROWS, ZONE), ...recordsForDay(1, '2026-03-01', ROWS, ZONE)];
  const rec = records.find(
    (r) =>
      r.createdUtcMs < NOW - 30 * MIN && r.closedUtcMs > NOW + 20 * MIN && r.closedUtcMs < NOW + 50 * MIN &&
      records.filter((o) => o.createdUtcMs === r.createdUtcMs).length === 1,
  );
  assert.ok(rec, 'the data set has an interaction that closes within the hour after the first sync');
  return rec;
}

test('with the planned auto-sync, an open interaction that closes later still arrives closed, by the hourly re-fetch', async () => {
  const rec = closingSoon();
  const rig = await syncRig({ dataset: { from: '2026-02-25', to: '2026-03-01', rowsPerDay: ROWS } });
  const db = openDatabase(rig.dbPath);
  const store = await openSqliteStore({ dbPath: rig.dbPath, readers: 'on-demand' });
  const cached = () =>
    db.prepare('SELECT status, close_date AS closeDate FROM interactions WHERE created_utc = ? AND case_id = ?').get(rec.createdUtcMs, rec.fields.case_id) as
      | { status: string; closeDate: string }
      | undefined;
  try {
    const ticks: { at: number; kinds: string[]; rows: number; calls: number; status: string | undefined }[] = [];
    for (let at = NOW; at <= NOW + 65 * MIN; at += 5 * MIN) {
      const plan = await planAutoSyncFor(store, '0032', at);
      rig.sim.resetStats();
      const result = await rig.sync({ kind: 'incremental', fromUtc: plan.startUtc }, { now: at });
      assert.equal(result.status, 'done', JSON.stringify(result.error));
      await recordAutoSync(store, '0032', plan, at);
      const stats = rig.sim.stats();
      ticks.push({ at, kinds: plan.kinds, rows: stats.calls.reduce((n, c) => n + c.rows, 0), calls: stats.requests, status: cached()?.status });
    }
    assert.deepEqual(ticks[0]!.kinds, ['full'], 'the first tick takes the 48 h overlap');
    assert.equal(ticks[0]!.status, 'open', 'the interaction arrives open');
    const hourly = ticks.findIndex((t) => t.kinds.includes('open'));
    assert.equal(ticks[hourly]!.at, NOW + 60 * MIN, 'open interactions are re-fetched an hour after the last time');
    for (const t of ticks.slice(1, hourly)) {
      assert.deepEqual(t.kinds, ['new']);
      assert.equal(t.calls, 1, 'one call per tick');
      assert.ok(t.rows < 20, `a 5-minute tick brings only what is new (${t.rows} rows)`);
      assert.equal(t.status, 'open', 'the small ticks do not reach back to it: it stays as first seen');
    }
    assert.equal(ticks[hourly]!.status, 'close', 'the hourly re-fetch brings its closing');
    assert.equal(cached()!.closeDate, rec.fields.close_date);
    assert.equal(ticks[hourly]!.calls, 1, 'in one call');
  } finally {
    await store.close();
    db.close();
  }
});
