import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offsetReader, offsetStretches } from '../../src-main/core/time/transitions';

/** The zone offset stretches behind the heatmap cell's filter, against dates published for each zone. */
const iso = (t: number) => new Date(t).toISOString();
const hours = (ms: number) => ms / 3_600_000;

test('New York 2026: EST, EDT from 8 March 07:00 UTC, EST from 1 November 06:00 UTC', () => {
  const s = offsetStretches('America/New_York', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
  assert.deepEqual(s.map((x) => [iso(x.startUtc), hours(x.offsetMs)]), [
    ['2026-01-01T00:00:00.000Z', -5],
    ['2026-03-08T07:00:00.000Z', -4],
    ['2026-11-01T06:00:00.000Z', -5],
  ]);
});

test('Bogotá: one offset since 1993; Lord Howe changes by half an hour at a half hour', () => {
  assert.deepEqual(offsetStretches('America/Bogota', Date.UTC(1994, 0, 1), Date.UTC(2100, 0, 1)).map((x) => hours(x.offsetMs)), [-5]);
  const lh = offsetStretches('Australia/Lord_Howe', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
  assert.deepEqual(lh.map((x) => [iso(x.startUtc), hours(x.offsetMs)]), [
    ['2026-01-01T00:00:00.000Z', 11],
    ['2026-04-04T15:00:00.000Z', 10.5],
    ['2026-10-03T15:30:00.000Z', 11],
  ]);
});

test('Kathmandu, Chatham and UTC read right (quarter-hour offsets, "GMT" with no number)', () => {
  assert.equal(hours(offsetReader('Asia/Kathmandu')(Date.UTC(2026, 5, 1))), 5.75);
  assert.equal(hours(offsetReader('Pacific/Chatham')(Date.UTC(2026, 5, 1))), 12.75);
  assert.equal(offsetReader('UTC')(Date.UTC(2026, 5, 1)), 0);
});

test('every change found over 1970-2100 agrees with Intl just before and at it', () => {
  const read = offsetReader('Europe/Madrid');
  const s = offsetStretches('Europe/Madrid', Date.UTC(1970, 0, 1), Date.UTC(2100, 0, 1));
  assert.ok(s.length > 200);
  for (let i = 1; i < s.length; i += 1) {
    assert.equal(read(s[i]!.startUtc - 1000), s[i - 1]!.offsetMs, iso(s[i]!.startUtc));
    assert.equal(read(s[i]!.startUtc), s[i]!.offsetMs);
  }
});
