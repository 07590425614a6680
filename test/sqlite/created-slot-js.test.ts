import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createdSlotSql, createdSlotTest, type CreatedSlot, type SlotBounds } from '../../src-main/core/store/sql/created-slot';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { createInsightsReader } from '../../src-main/core/store/sqlite/insights/insights';
import { checkInsights } from './insights-check';
import { seeded, seedReviews } from './insights-reviews-seed';
import { openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';

/**
 * The heatmap cell's test in JavaScript (createdSlotTest, what the Insights columns use) against its SQL
 * (createdSlotSql, what the grid uses) on a real SQLite cache, row by row: the same rows for every cell of
 * four zones (New York's two DST changes, Lord Howe's half-hour DST, Kathmandu's +05:45, Bogotá), with
 * the offsets read over many spans (none, a year, days around a change, spans that miss the data, spans
 * beyond 1970..2100), rows from 1971 to 2099 and rows with no date; in id order (the columns' order, the
 * test's cursor) and shuffled (its search). Then Insights with a createdSlot filter against the figures
 * of the same selection made by SQL (insights-check.ts).
 */
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const NY_CHANGES = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)];
// Lord Howe: +11 -> +10:30 at 02:00 local on 5 April, +10:30 -> +11 at 02:00 local on 4 October 2026.
const LORD_HOWE_CHANGES = [Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30)];
const ZONES = ['America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Bogota'] as const;
const pad = (n: number) => String(n).padStart(2, '0');
const { rnd, pick } = seeded(29);

/** Bogotá wall clock (the cache's zone, UTC-5 since 1993) of an instant: how the API writes dates. */
function bogotaText(utc: number): string {
  const d = new Date(utc - 5 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The zone's offset at an instant, read from Intl here (not through the app's transitions.ts). */
function intlOffset(zone: string, utc: number): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(utc).split(' ').pop()!;
}

/** Dense rows either side of each DST change (the second before, at and after it too), the year, the decades, and no dates. */
function instants(): (number | null)[] {
  const out: (number | null)[] = [];
  for (const change of [...NY_CHANGES, ...LORD_HOWE_CHANGES]) {
    for (let t = change - 30 * HOUR; t < change + 30 * HOUR; t += 6 * MINUTE + 7_000) out.push(t);
    for (const d of [-1000, 0, 1000, -30 * MINUTE, 30 * MINUTE - 1000, 30 * MINUTE, HOUR - 1000, HOUR]) out.push(change + d);
  }
  const y2026 = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 400; i += 1) out.push(y2026 + rnd(365) * DAY + rnd(24) * HOUR + rnd(3600) * 1000);
  const y1971 = Date.UTC(1971, 0, 1);
  for (let i = 0; i < 400; i += 1) out.push(y1971 + rnd(128 * 365) * DAY + rnd(24) * HOUR + rnd(3600) * 1000);
  for (let i = 0; i < 8; i += 1) out.push(null);
  return out;
}

const { db } = openFresh('wolkvox-created-slot-js-');
const charts = createInsightsReader(db);
/** Every row of the cache: id and creation instant, NaN without one (as the Insights columns hold it). */
let rows: { id: number; t: number }[] = [];

before(() => {
  const records = instants().map((t, i) =>
    recordOf({
      date_creation: t === null ? 'sin fecha' : bogotaText(t),
      agent_name: pick(['Ana', 'Luis', 'Zoë']),
      channel: i % 2 ? 'Email' : 'whatsapp',
      body: i % 4 ? 'consulta' : 'factura pendiente',
      evaluation_survey: pick(['', '2', '5']),
      close_date: i % 3 ? '2099-12-30 10:00:00' : '',
      status: i % 3 ? 'close' : 'open',
    }),
  );
  upsertBatch(db, records);
  // One scorecard version: the fixture's switch row would be scored on the new card with the old keys.
  seedReviews(db, { rnd, pick, switchAt: Number.MAX_SAFE_INTEGER });
  rows = (db.prepare('SELECT id, created_utc AS t FROM interactions ORDER BY id').all() as { id: number; t: number | null }[]).map((r) => ({ id: r.id, t: r.t ?? NaN }));
  assert.equal(rows.length, records.length, 'every row stored');
  assert.equal(rows.filter((r) => Number.isNaN(r.t)).length, 8, 'the undated rows have no creation instant');
});

/** Ids the SQL condition selects, ascending. */
function sqlIds(slot: CreatedSlot, bounds: SlotBounds): number[] {
  return db.prepare(`SELECT i.id FROM interactions i WHERE ${createdSlotSql(slot, 'i.created_utc', bounds)} ORDER BY i.id`).pluck().all() as number[];
}

/** Ids a JS test selects when it meets the rows in `order`, ascending. */
function idsOf(test: (t: number) => boolean, order: readonly { id: number; t: number }[]): number[] {
  return order
    .filter((r) => test(r.t))
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = rnd(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Spans of the offsets; `true` marks a long span read anew at each compile (tens of ms): a cell per hour, weekdays in turn. */
const SPANS: [string, SlotBounds, boolean?][] = [
  ['no bounds (1970 to 2100)', {}],
  ['the year 2026', { fromUtc: Date.UTC(2026, 0, 1), toUtc: Date.UTC(2027, 0, 1) }],
  ["days around New York's March change", { fromUtc: NY_CHANGES[0]! - 2 * DAY, toUtc: NY_CHANGES[0]! + DAY }],
  ["days around Lord Howe's October change", { fromUtc: LORD_HOWE_CHANGES[1]! - DAY, toUtc: LORD_HOWE_CHANGES[1]! + 2 * DAY }],
  ['a summer week (no change inside, every row outside)', { fromUtc: Date.UTC(2026, 6, 1), toUtc: Date.UTC(2026, 6, 8) }],
  ['only a start', { fromUtc: Date.UTC(2026, 5, 1) }, true],
  ['only an end', { toUtc: Date.UTC(2026, 3, 5) }, true],
  ['beyond 1970..2100 both ways (clamped)', { fromUtc: Date.UTC(1960, 0, 1), toUtc: Date.UTC(2150, 0, 1) }],
  ['an end before the start', { fromUtc: Date.UTC(2026, 9, 10), toUtc: Date.UTC(2026, 9, 1) }],
];

describe('the JS test selects exactly the rows the SQL condition selects', () => {
  test('the DST changes are really where the data is dense', () => {
    for (const change of NY_CHANGES) assert.notEqual(intlOffset('America/New_York', change - 1000), intlOffset('America/New_York', change));
    for (const change of LORD_HOWE_CHANGES) assert.notEqual(intlOffset('Australia/Lord_Howe', change - 1000), intlOffset('Australia/Lord_Howe', change));
    assert.deepEqual(
      LORD_HOWE_CHANGES.map((c) => [intlOffset('Australia/Lord_Howe', c - 1000), intlOffset('Australia/Lord_Howe', c)]),
      [['GMT+11:00', 'GMT+10:30'], ['GMT+10:30', 'GMT+11:00']],
    );
  });

  for (const zone of ZONES) {
    test(`every weekday × hour in ${zone}, offsets read over each span, rows in id order and shuffled`, () => {
      const mixed = shuffled(rows);
      for (const [name, bounds, long] of SPANS) {
        let selected = 0;
        for (let weekday = 0; weekday < 7; weekday += 1) {
          for (let hour = 0; hour < 24; hour += 1) {
            if (long && hour % 7 !== weekday) continue;
            const slot = { zone, weekday, hour };
            const expected = sqlIds(slot, bounds);
            // One test for both passes: the second starts from wherever the first left its cursor.
            const inSlot = createdSlotTest(slot, bounds);
            assert.deepEqual(idsOf(inSlot, rows), expected, `${zone} ${weekday} ${hour}, ${name}, id order`);
            assert.deepEqual(idsOf(inSlot, mixed), expected, `${zone} ${weekday} ${hour}, ${name}, shuffled`);
            selected += expected.length;
          }
        }
        if (!long) assert.equal(selected, rows.length - 8, `${zone}, ${name}: the cells hold every dated row once, none undated`);
      }
    });
  }

  test('half-hour DST: Lord Howe 01:00 on 5 April holds an hour and a half of rows, 02:00 on 4 October half an hour', () => {
    const april = { fromUtc: Date.UTC(2026, 3, 4, 12), toUtc: Date.UTC(2026, 3, 5, 12) };
    const within = (b: Required<SlotBounds>) => rows.filter((r) => r.t >= b.fromUtc && r.t < b.toUtc);
    const oneAm = idsOf(createdSlotTest({ zone: 'Australia/Lord_Howe', weekday: 6, hour: 1 }, april), within(april)).map((id) => rows.find((r) => r.id === id)!.t);
    assert.equal(Math.max(...oneAm) - Math.min(...oneAm) > HOUR + 20 * MINUTE, true, 'more than an hour of real time in one local hour');
    const october = { fromUtc: Date.UTC(2026, 9, 3, 12), toUtc: Date.UTC(2026, 9, 4, 12) };
    const twoAm = idsOf(createdSlotTest({ zone: 'Australia/Lord_Howe', weekday: 6, hour: 2 }, october), within(october)).map((id) => rows.find((r) => r.id === id)!.t);
    assert.ok(twoAm.length > 0 && Math.max(...twoAm) - Math.min(...twoAm) < 30 * MINUTE, 'only half an hour of 02:00 exists');
  });

  test('a row with no creation date is never in a cell', () => {
    const test = createdSlotTest({ zone: 'America/Bogota', weekday: 2, hour: 19 });
    assert.equal(test(NaN), false);
    assert.equal(test(Date.UTC(1970, 0, 1)), true, '1970-01-01 00:00 UTC is Wednesday 31 December 1969, 19:00, in Bogotá');
    assert.equal(test(NaN), false, 'also after a dated row moved the cursor');
  });
});

describe('Insights with a createdSlot filter match the same selection made by SQL', () => {
  const nyMarch = { fromUtc: NY_CHANGES[0]! - 2 * DAY, toUtc: NY_CHANGES[0]! + DAY };
  const cases: [string, InteractionFilter, string][] = [
    ["New York's doubled Sunday 01:00 in November", { createdSlot: { zone: 'America/New_York', weekday: 6, hour: 1 } }, 'America/New_York'],
    ["New York's Sunday 03:00 around the March change", { ...nyMarch, createdSlot: { zone: 'America/New_York', weekday: 6, hour: 3 } }, 'America/New_York'],
    ["Lord Howe's Sunday 01:00, charts read in Bogotá", { createdSlot: { zone: 'Australia/Lord_Howe', weekday: 6, hour: 1 } }, 'America/Bogota'],
    ['a Bogotá hour, one channel', { createdSlot: { zone: 'America/Bogota', weekday: 5, hour: 21 }, channels: ['Email'] }, 'America/Bogota'],
    ['a Kathmandu hour and search text (SQL and JS keys together)', { createdSlot: { zone: 'Asia/Kathmandu', weekday: 6, hour: 12 }, text: 'factura' }, 'Asia/Kathmandu'],
    ['a Sunday hour of 2026 with reviews decided', { fromUtc: Date.UTC(2026, 0, 1), toUtc: Date.UTC(2027, 0, 1), createdSlot: { zone: 'America/New_York', weekday: 6, hour: 0 }, reviewStatuses: ['pass', 'fail'] }, 'Australia/Lord_Howe'],
  ];
  for (const [name, filter, zone] of cases) {
    test(name, () => {
      const got = checkInsights(db, charts.insights(filter, zone), filter, zone);
      assert.ok(got.total > 0, 'the selection is not empty');
      const slot = filter.createdSlot!;
      if (zone === slot.zone) assert.equal(got.heatmap[slot.weekday]![slot.hour], got.total, 'all of it in the one cell');
    });
  }

  test("New York's missing Sunday 02:00 in March: an empty selection", () => {
    const filter = { ...nyMarch, createdSlot: { zone: 'America/New_York', weekday: 6, hour: 2 } };
    const got = checkInsights(db, charts.insights(filter, 'America/New_York'), filter, 'America/New_York');
    assert.equal(got.total, 0);
  });
});
