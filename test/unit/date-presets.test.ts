/** The named date ranges: one rule for the grid's filter and the sync's range. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_PRESETS, presetDays } from '../../src-main/core/time/date-presets';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { resolveRangeChoice } from '../../src-main/core/service/range-presets';
import { presetRange } from '../../src-renderer/format/dates';

const local = (zone: ZoneConverter, utc: number) => zone.format(utc);

test('each preset starts and ends at local midnights, also across a DST change', () => {
  // 2026-03-08 is the US spring-forward day: that local day has 23 hours.
  const ny = new ZoneConverter('America/New_York');
  const now = Date.UTC(2026, 2, 10, 15, 30);
  const expected: Record<string, [string, string]> = {
    today: ['2026-03-10 00:00:00', '2026-03-11 00:00:00'],
    yesterday: ['2026-03-09 00:00:00', '2026-03-10 00:00:00'],
    last7: ['2026-03-04 00:00:00', '2026-03-11 00:00:00'],
    last30: ['2026-02-09 00:00:00', '2026-03-11 00:00:00'],
    thisMonth: ['2026-03-01 00:00:00', '2026-04-01 00:00:00'],
  };
  for (const preset of DAY_PRESETS) {
    const days = presetDays(preset, ny, now);
    assert.deepEqual([local(ny, days.startUtc), local(ny, days.endUtc)], expected[preset], preset);
  }
  const last7 = presetDays('last7', ny, now);
  assert.equal(last7.endUtc - last7.startUtc, 7 * 86_400_000 - 3_600_000, 'the 23-hour day counts as it is');
});

test('this month in December ends at the next year’s first midnight', () => {
  const santiago = new ZoneConverter('America/Santiago');
  const days = presetDays('thisMonth', santiago, Date.UTC(2026, 11, 31, 12));
  assert.equal(local(santiago, days.startUtc), '2026-12-01 00:00:00');
  assert.equal(local(santiago, days.endUtc), '2027-01-01 00:00:00');
});

test('the grid shows the whole last day; a sync of the same preset stops at now', () => {
  const zone = 'America/Bogota';
  const converter = new ZoneConverter(zone);
  const now = Date.UTC(2026, 5, 15, 20, 0);
  for (const preset of ['today', 'last7', 'thisMonth'] as const) {
    const days = presetDays(preset, converter, now);
    assert.deepEqual(presetRange(preset, zone, now), { fromUtc: days.startUtc, toUtc: days.endUtc - 1 }, preset);
    assert.deepEqual(resolveRangeChoice({ preset }, converter, now), { kind: 'range', startUtc: days.startUtc, endUtc: now }, preset);
  }
  const yesterday = presetDays('yesterday', converter, now);
  assert.deepEqual(resolveRangeChoice({ preset: 'yesterday' }, converter, now), { kind: 'range', startUtc: yesterday.startUtc, endUtc: yesterday.endUtc });
});
