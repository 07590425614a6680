import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_AUTO_SYNC, estimateAutoSyncDaily, estimateFixedOverlapDaily, planAutoSync, planFixedOverlap, type AutoSyncState,
} from '../../src-main/core/sync/auto-plan';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 1, 17, 0, 0);

/** A cache synced up to the previous tick, open ones refreshed 20 min ago, the full overlap 3 h ago. */
function steady(extra: Partial<AutoSyncState> = {}): AutoSyncState {
  return {
    now: NOW, lastCoveredUtc: NOW - 5 * MIN, oldestOpenUtc: NOW - 3 * HOUR, lastOpenRefreshUtc: NOW - 20 * MIN, lastFullRefreshUtc: NOW - 3 * HOUR,
    ...extra,
  };
}

test('a tick asks only from the last covered instant, minus a few minutes, to now', () => {
  const plan = planAutoSync(steady());
  assert.deepEqual(plan, { startUtc: NOW - 10 * MIN, endUtc: NOW, kinds: ['new'], refreshes: { open: false, full: false } });
});

test('hourly, the tick reaches back to the oldest interaction still open', () => {
  const plan = planAutoSync(steady({ lastOpenRefreshUtc: NOW - HOUR }));
  assert.deepEqual(plan.kinds, ['new', 'open']);
  assert.equal(plan.startUtc, NOW - 3 * HOUR);
  assert.deepEqual(plan.refreshes, { open: true, full: false });
  // A timer that fires a little early does not push the refresh to the next tick.
  assert.deepEqual(planAutoSync(steady({ lastOpenRefreshUtc: NOW - HOUR + 2_000 })).kinds, ['new', 'open']);
  assert.deepEqual(planAutoSync(steady({ lastOpenRefreshUtc: NOW - 50 * MIN })).kinds, ['new']);
});

test('the hourly re-fetch reaches back 48 h at most, the daily one a week for long-open interactions; none open, no reach back', () => {
  const old = planAutoSync(steady({ oldestOpenUtc: NOW - 30 * DAY, lastOpenRefreshUtc: null }));
  assert.equal(old.startUtc, NOW - DEFAULT_AUTO_SYNC.openLookbackMs);
  assert.equal(DEFAULT_AUTO_SYNC.openLookbackMs, 48 * HOUR);
  assert.deepEqual(old.refreshes, { open: true, full: false });
  const daily = planAutoSync(steady({ oldestOpenUtc: NOW - 5 * DAY, lastFullRefreshUtc: NOW - DAY }));
  assert.equal(daily.startUtc, NOW - 5 * DAY, 'the daily refresh goes back to an interaction open for 5 days');
  assert.deepEqual(daily.refreshes, { open: true, full: true });
  const tooOld = planAutoSync(steady({ oldestOpenUtc: NOW - 30 * DAY, lastFullRefreshUtc: NOW - DAY }));
  assert.equal(tooOld.startUtc, NOW - 7 * DAY, 'but no further than a week');
  const none = planAutoSync(steady({ oldestOpenUtc: null, lastOpenRefreshUtc: null }));
  assert.deepEqual(none.kinds, ['new']);
  assert.equal(none.startUtc, NOW - 10 * MIN);
});

test('once a day the full 48-hour overlap, which also refreshes open interactions inside it', () => {
  const plan = planAutoSync(steady({ lastFullRefreshUtc: NOW - DAY }));
  assert.deepEqual(plan.kinds, ['new', 'full']);
  assert.equal(plan.startUtc, NOW - 5 * MIN - 48 * HOUR);
  assert.deepEqual(plan.refreshes, { open: true, full: true }, 'the oldest open one (3 h) lies inside the 48 h');
  const both = planAutoSync(steady({ lastFullRefreshUtc: null, lastOpenRefreshUtc: null, oldestOpenUtc: NOW - 4 * DAY }));
  assert.deepEqual(both.kinds, ['new', 'full', 'open']);
  assert.equal(both.startUtc, NOW - 4 * DAY, 'one range from the earliest start that is due');
});

test('a first sync takes the full overlap; a cache behind by days catches up from where it stopped', () => {
  const first = planAutoSync({ now: NOW, lastCoveredUtc: null, oldestOpenUtc: null, lastOpenRefreshUtc: null, lastFullRefreshUtc: null });
  assert.deepEqual(first, { startUtc: NOW - 48 * HOUR, endUtc: NOW, kinds: ['full'], refreshes: { open: true, full: true } });
  const behind = planAutoSync(steady({ lastCoveredUtc: NOW - 3 * DAY }));
  assert.equal(behind.startUtc, NOW - 3 * DAY - 5 * MIN);
});

test('ranges are whole seconds and never empty, whatever the clock says', () => {
  const plan = planAutoSync(steady({ now: NOW + 1234, lastCoveredUtc: NOW + HOUR }));
  assert.equal(plan.endUtc, NOW + 1000);
  assert.ok(plan.startUtc < plan.endUtc);
  assert.equal(plan.startUtc % 1000, 0);
});

test('an explicit overlap keeps today’s meaning: last covered minus the overlap, to now', () => {
  assert.deepEqual(planFixedOverlap(NOW, NOW - 5 * MIN, 48 * HOUR), { startUtc: NOW - 5 * MIN - 48 * HOUR, endUtc: NOW });
  assert.deepEqual(planFixedOverlap(NOW, null, 48 * HOUR), { startUtc: NOW - 48 * HOUR, endUtc: NOW });
});

test('at 20,000 interactions a day the new plan downloads a small fraction of today’s, at one call per tick', () => {
  const today = estimateFixedOverlapDaily(20_000, 5 * MIN, 48 * HOUR);
  assert.equal(today.calls, 288);
  assert.ok(Math.abs(today.rows - 288 * 20_000 * (48 * 60 + 5) / 1440) < 1);
  const planned = estimateAutoSyncDaily(20_000, 2 * HOUR, 5 * MIN);
  assert.equal(planned.calls, 288, 'every tick is one call: no range reaches the row cap');
  // 264 ticks of 10 minutes (5 new + 5 overlap), 23 back to the oldest open one (2 h), one of 48 h 5 min.
  const expected = (20_000 / 1440) * (264 * 10 + 23 * 120 + (48 * 60 + 5));
  assert.ok(Math.abs(planned.rows - expected) < 2, `${planned.rows} vs ${expected}`);
  assert.ok(planned.rows * 50 < today.rows);
  // Past 30,000 a day today's plan needs two calls per tick; the new one still one.
  assert.equal(estimateFixedOverlapDaily(35_000, 5 * MIN, 48 * HOUR).calls, 576);
  assert.equal(estimateAutoSyncDaily(35_000, 2 * HOUR, 5 * MIN).calls, 289, 'only the daily 48 h refresh takes two');
  // Interactions that never close keep the oldest open one a week back: hourly 48 h, daily a week (3 calls).
  const stale = estimateAutoSyncDaily(20_000, 7 * DAY, 5 * MIN);
  assert.equal(stale.calls, 264 + 23 + 3);
  assert.ok(stale.rows * 5 < today.rows, `${stale.rows} vs ${today.rows}`);
});
