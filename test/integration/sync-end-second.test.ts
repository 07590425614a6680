import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDateRange } from '../../src-main/core/time/date-input';
import { recordsForDay } from '../../src-main/sim/dataset';
import { bogota, syncRig, ZONE } from '../helpers/sync-rig';

const DAY = '2026-02-10';
const ROWS = 300;

/** The simulator's records of the day (seed 1, as the rig's simulator), and one in mid-day to end a range on. */
function target() {
  const records = recordsForDay(1, DAY, ROWS, ZONE);
  const index = Math.floor(records.length / 2);
  const rec = records[index]!;
  const stamp = rec.fields.date_creation; // 'YYYY-MM-DD HH:mm:ss'
  const upTo = records.filter((r) => r.createdUtcMs <= rec.createdUtcMs).length;
  return { stamp, upTo, createdUtc: rec.createdUtcMs };
}

for (const shape of ['iso', 'api'] as const) {
  test(`an end time given as ${shape === 'iso' ? 'YYYY-MM-DDTHH:mm:ss' : 'YYYYmmddHHiiss'} includes records created in that very second`, async () => {
    const { stamp, upTo, createdUtc } = target();
    const to = shape === 'iso' ? stamp.replace(' ', 'T') : stamp.replace(/[-: ]/g, '');
    const rig = await syncRig({ dataset: { from: DAY, to: DAY, rowsPerDay: ROWS } });
    const result = await rig.sync({ kind: 'range', ...parseDateRange(DAY, to, bogota) });
    assert.equal(result.status, 'done', JSON.stringify(result.error));
    const calls = rig.sim.stats().calls;
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.dateEnd, stamp.replace(/[-: ]/g, ''), "the request's inclusive date_end is the second the user gave");
    const db = rig.read();
    const atEnd = db.prepare('SELECT count(*) FROM interactions WHERE created_utc = ?').pluck().get(createdUtc) as number;
    assert.ok(atEnd >= 1, `the record created at ${stamp} is in the cache`);
    assert.equal(db.prepare('SELECT count(*) FROM interactions').pluck().get(), upTo, 'everything up to and including that second, nothing after');
  });
}

test('an end time without seconds includes its whole minute', () => {
  const { startUtc, endUtc } = parseDateRange('2026-02-10', '2026-02-10T23:59', bogota);
  assert.equal(startUtc, bogota.parseToUtc('2026-02-10 00:00:00'));
  assert.equal(endUtc, bogota.parseToUtc('2026-02-11 00:00:00'), '23:59 reaches 23:59:59');
});
