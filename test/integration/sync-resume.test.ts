import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOW, range, syncRig } from '../helpers/sync-rig';

const DAY = 86_400_000;

/** Report calls the simulator answered with data or "no records" (a call refused for quota is not one). */
function servedWindows(calls: { dateIni: string; dateEnd: string; status: number }[]): string[] {
  return calls.filter((c) => c.status === 200 || c.status === 404).map((c) => `${c.dateIni}-${c.dateEnd}`);
}

test('a sync stopped by the daily quota, run again on later days, pays for each window exactly once', async () => {
  // 2025-10-01 .. 2026-03-01 is five 31-day windows; two calls a day.
  const rig = await syncRig({ quotaPerDay: 2, dataset: { from: '2025-10-01', to: '2026-02-28', rowsPerDay: 50 } });
  const all = range('2025-10-01', '2026-03-01');
  const served: string[] = [];

  const first = await rig.sync(all);
  assert.equal(first.status, 'failed');
  assert.equal(first.error?.kind, 'quota');
  served.push(...servedWindows(rig.sim.stats().calls));
  assert.equal(served.length, 2);

  rig.sim.resetStats();
  const second = await rig.sync(all, { now: NOW + DAY });
  assert.equal(second.error?.kind, 'quota', 'the next day again stops at the quota');
  assert.equal(second.resumed, true);
  const secondServed = servedWindows(rig.sim.stats().calls);
  assert.equal(secondServed.length, 2);
  assert.equal(secondServed[0]!.slice(0, 14), '20251202000000', 'it goes on after the two committed windows');
  served.push(...secondServed);

  rig.sim.resetStats();
  const third = await rig.sync(all, { now: NOW + 2 * DAY });
  assert.equal(third.status, 'done', JSON.stringify(third.error));
  assert.equal(third.resumed, true);
  assert.equal(third.calls, 1, 'only the one missing window');
  served.push(...servedWindows(rig.sim.stats().calls));

  assert.equal(served.length, 5, 'five windows, five paid calls over three days');
  assert.equal(new Set(served).size, 5, 'no window asked twice');
  const db = rig.read();
  const { total, uniq } = db.prepare('SELECT count(*) AS total, count(DISTINCT uid) AS uniq FROM interactions').get() as { total: number; uniq: number };
  assert.equal(total, 151 * 50, 'every day of the range is in the cache');
  assert.equal(uniq, total);
  const runs = db.prepare('SELECT status, error_kind AS kind FROM sync_runs ORDER BY id').all();
  assert.deepEqual(runs, [
    { status: 'failed', kind: 'quota' },
    { status: 'failed', kind: 'quota' },
    { status: 'done', kind: null },
  ], 'the history keeps each stop');

  rig.sim.resetStats();
  const again = await rig.sync(all, { now: NOW + 3 * DAY });
  assert.equal(again.resumed, false, 'after a finished sync, the same range is a fresh refresh');
  assert.equal(servedWindows(rig.sim.stats().calls)[0]!.slice(0, 14), '20251001000000');
});

test('a range ending "now" resumes although its end moved since the stop', async () => {
  const rig = await syncRig({ quotaPerDay: 1, dataset: { from: '2026-01-01', to: '2026-02-28', rowsPerDay: 20 } });
  const first = await rig.sync(range('2026-01-01', '2026-02-20'));
  assert.equal(first.error?.kind, 'quota');
  rig.sim.resetStats();
  const second = await rig.sync(range('2026-01-01', '2026-02-21'), { now: NOW + DAY });
  assert.equal(second.resumed, true);
  const calls = rig.sim.stats().calls.filter((c) => c.status === 200 || c.status === 404);
  assert.equal(calls[0]!.dateIni, '20260201000000', 'the committed January window is not asked again');
});
