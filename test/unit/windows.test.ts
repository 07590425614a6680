import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { estimateCalls, planWindows, splitWindow, windowParams, maxWindowEnd } from '../../src-main/core/sync/windows';
import { resumePointAfterCap } from '../../src-main/core/sync/cap-continuation';

const bogota = new ZoneConverter('America/Bogota');
const DAY = 86_400_000;

test('a 90-day range becomes consecutive windows of at most 31 days, with no gap or overlap', () => {
  const start = bogota.parseToUtc('2026-01-01 00:00:00')!;
  const end = start + 90 * DAY;
  const windows = planWindows(start, end, bogota);
  assert.equal(windows.length, 3);
  assert.equal(windows[0]!.startUtc, start);
  assert.equal(windows.at(-1)!.endUtc, end);
  for (let i = 1; i < windows.length; i++) assert.equal(windows[i]!.startUtc, windows[i - 1]!.endUtc);
  for (const w of windows) assert.ok(w.endUtc - w.startUtc <= 31 * DAY);
});

test('window parameters are inclusive wall-clock stamps of the operation zone', () => {
  const start = bogota.parseToUtc('2026-01-01 00:00:00')!;
  const { dateIni, dateEnd } = windowParams({ startUtc: start, endUtc: start + DAY }, bogota);
  assert.equal(dateIni, '20260101000000');
  assert.equal(dateEnd, '20260101235959');
});

test('across a DST change a window never spans more than 31 days', () => {
  const madrid = new ZoneConverter('Europe/Madrid');
  const start = madrid.parseToUtc('2026-03-15 00:00:00')!;
  const end = maxWindowEnd(start, madrid);
  assert.ok(end - start <= 31 * DAY);
  assert.ok(end - start >= 31 * DAY - 3_600_000);
});

test('a window splits on whole seconds and a one-second window cannot split', () => {
  const halves = splitWindow({ startUtc: 0, endUtc: 10_000 });
  assert.deepEqual(halves, [
    { startUtc: 0, endUtc: 5_000 },
    { startUtc: 5_000, endUtc: 10_000 },
  ]);
  assert.equal(splitWindow({ startUtc: 0, endUtc: 1_000 }), null);
});

test('the call estimate grows with the expected rows per window', () => {
  const windows = planWindows(0, 90 * DAY, bogota);
  assert.equal(estimateCalls(windows, null), 3);
  assert.equal(estimateCalls(windows, 5_000), 9);
});

test('a sorted capped answer resumes from its last second; an unsorted one cannot', () => {
  const w = { startUtc: bogota.parseToUtc('2026-01-01 00:00:00')!, endUtc: bogota.parseToUtc('2026-01-02 00:00:00')! };
  const at = (...dates: string[]) => dates.map((d) => bogota.parseToUtc(d) ?? NaN);
  const sorted = at('2026-01-01 01:00:00', '2026-01-01 02:00:00', '2026-01-01 03:00:00');
  assert.equal(resumePointAfterCap(sorted, w), bogota.parseToUtc('2026-01-01 03:00:00'));
  assert.equal(resumePointAfterCap([sorted[1]!, sorted[0]!], w), null);
  assert.equal(resumePointAfterCap(at('not a date'), w), null);
  assert.equal(resumePointAfterCap(at('2026-01-01 00:00:00'), w), null, 'no progress possible');
});
