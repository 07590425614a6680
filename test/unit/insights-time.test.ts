import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillKeys, LocalCalendar, QUARTER_MS } from '../../src-main/core/insights/insights-time';
import { offsetStretches } from '../../src-main/core/time/transitions';

/** The offset Intl gives at an instant (local wall clock minus UTC, to the second), read apart from the calendar. */
function intlOffset(zone: string): (utc: number) => number {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (utc) => {
    const p = Object.fromEntries(f.formatToParts(utc).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(utc / 1000) * 1000;
  };
}

const FROM = Date.UTC(1970, 0, 1);
const TO = Date.UTC(2100, 0, 1);
const ZONES = ['America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Africa/Monrovia', 'Pacific/Kiritimati', 'Asia/Kathmandu', 'Europe/Madrid', 'America/Bogota'];

test("the calendar's offsets are Intl's at every change (a second before, at, a second after), each 1 January, in ascending and shuffled order", () => {
  for (const zone of ZONES) {
    const intl = intlOffset(zone);
    const instants: number[] = [];
    for (const s of offsetStretches(zone, FROM, TO)) for (const d of [-1000, 0, 1000, -QUARTER_MS, QUARTER_MS]) instants.push(s.startUtc + d);
    for (let y = 1970; y < 2100; y += 7) for (const d of [-1000, 0, 1000]) instants.push(Date.UTC(y, 0, 1) + d);
    const inside = instants.filter((t) => t >= FROM && t <= TO);
    const shuffled = inside.map((t, i) => [t, (i * 7919) % inside.length] as const).sort((a, b) => a[1] - b[1]).map(([t]) => t);
    for (const order of [[...inside].sort((a, b) => a - b), shuffled]) {
      const calendar = new LocalCalendar(zone);
      for (const t of order) assert.equal(calendar.offsetAt(t), intl(t), `${zone} at ${new Date(t).toISOString()}`);
    }
  }
});

test('outside 1970–2100 the calendar reads the offset at the nearer end (the heatmap cell filter does the same)', () => {
  for (const zone of ZONES) {
    const intl = intlOffset(zone);
    const calendar = new LocalCalendar(zone);
    assert.equal(calendar.offsetAt(Date.UTC(1931, 5, 1)), intl(FROM), zone);
    assert.equal(calendar.offsetAt(Date.UTC(2150, 5, 1)), intl(TO), zone);
  }
  // Madrid's summer of 1931 was UTC+0; read as of 1970 it is UTC+1.
  assert.equal(new LocalCalendar('Europe/Madrid').offsetAt(Date.UTC(1931, 5, 1, 12)), 3_600_000);
});

test('a quarter hour is placed whole only when it lies in one local hour', () => {
  const q = (iso: string) => Date.parse(iso) / QUARTER_MS;
  const stJohns = new LocalCalendar('America/St_Johns');
  // 2008-03-09 03:31 UTC: St. John's sprang forward at 00:01 local, inside the 03:30 quarter.
  assert.equal(stJohns.quarterInOneHour(q('2008-03-09T03:30:00Z')), false);
  assert.equal(stJohns.quarterInOneHour(q('2008-03-09T03:15:00Z')), true);
  assert.equal(stJohns.quarterInOneHour(q('2008-03-09T03:45:00Z')), true);
  // Monrovia's −0:44:30 (until 1972) is no whole number of quarter hours: its quarters are placed row by row.
  const monrovia = new LocalCalendar('Africa/Monrovia');
  assert.equal(monrovia.quarterInOneHour(q('1971-06-01T10:00:00Z')), false);
  assert.equal(monrovia.quarterInOneHour(q('1973-06-01T10:00:00Z')), true);
  // Kathmandu's +5:45 keeps quarters whole.
  assert.equal(new LocalCalendar('Asia/Kathmandu').quarterInOneHour(q('2026-06-01T10:00:00Z')), true);
});

test('fillKeys fills every key up to its limit, and past it returns the present keys only', () => {
  const days = (n: number) => Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  const all = days(10);
  assert.deepEqual(fillKeys([all[0]!, all[9]!], 'day', 10), all, 'ten keys at a limit of ten: filled');
  assert.deepEqual(fillKeys([all[0]!, all[9]!], 'day', 9), [all[0], all[9]], 'ten keys past a limit of nine: only the present ones');
  assert.deepEqual(fillKeys(['2020-01-01 22', '2020-01-02 01'], 'hour'), ['2020-01-01 22', '2020-01-01 23', '2020-01-02 00', '2020-01-02 01']);
});
