import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { filterSchema } from '../../src-main/core/api/schemas';
import { compileFilter, type InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import { filtered } from '../../src-main/core/store/sqlite/reads/queries';
import { openSqliteStore, type SqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { NOW, openFresh, recordOf, upsertBatch } from '../integration/store-fixtures';
import { PASSING_SCORES } from '../helpers/review-scores';

/**
 * The heatmap cell's filter (createdSlot) on a real SQLite cache: for every weekday × hour of two zones,
 * one with DST changes inside the data (New York, 8 March and 1 November 2026) and one without (Bogotá),
 * the rows it selects are exactly those the test places in that cell itself with Intl, one row at a
 * time; and through the store it selects the same rows in the grid's page, count, facets, search,
 * export walk, review counts, samples and Insights, whose heatmap cell holds the same number.
 */
const ZONES = ['America/New_York', 'America/Bogota'] as const;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DST_CHANGES = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)];
const YEAR = { fromUtc: Date.UTC(2026, 0, 1), toUtc: Date.UTC(2027, 0, 1) };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pad = (n: number) => String(n).padStart(2, '0');

/** Bogotá wall clock (the cache's zone, UTC-5 all year) of an instant: how the API writes dates. */
function bogotaText(utc: number): string {
  const d = new Date(utc - 5 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The cell of an instant in a zone, computed independently of the app: Intl, per row. */
function cellOf(zone: string): (utc: number) => [number, number] {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
  return (utc) => {
    const parts = f.formatToParts(utc);
    const weekday = WEEKDAYS.indexOf(parts.find((p) => p.type === 'weekday')!.value);
    return [weekday, Number(parts.find((p) => p.type === 'hour')!.value)];
  };
}

/** Every 11 minutes for 30 hours either side of each DST change, a few hundred rows over the year, and some without a date. */
function instants(): (number | null)[] {
  const out: (number | null)[] = [];
  for (const change of DST_CHANGES) for (let t = change - 30 * HOUR; t < change + 30 * HOUR; t += 11 * MINUTE + 7_000) out.push(t);
  for (let i = 0; i < 400; i += 1) out.push(YEAR.fromUtc + ((i * 7_919_993_017) % (YEAR.toUtc - YEAR.fromUtc)));
  for (let i = 0; i < 5; i += 1) out.push(null);
  return out;
}

const { db, path } = openFresh('wolkvox-created-slot-');
let store: SqliteStore;
let rows: { id: number; uid: string; created: number }[] = [];

before(async () => {
  const records = instants().map((t, i) =>
    recordOf({ date_creation: t === null ? 'sin fecha' : bogotaText(t), agent_name: ['Ana', 'Luis', 'Zoë'][i % 3]!, channel: i % 2 ? 'Email' : 'whatsapp', body: i % 4 ? 'consulta' : 'factura pendiente' }),
  );
  upsertBatch(db, records);
  rows = db.prepare('SELECT id, uid, created_utc AS created FROM interactions WHERE created_utc IS NOT NULL').all() as typeof rows;
  assert.equal(rows.length, records.length - 5, 'every dated row stored');
  store = await openSqliteStore({ dbPath: path, now: () => NOW });
  // Some reviews, so the review counts have something to count.
  for (const r of rows.filter((_, i) => i % 9 === 0)) await store.saveReview({ uid: r.uid, reviewer: 'R', scores: PASSING_SCORES }, NOW);
});
after(async () => {
  await store?.close();
});

const expectedIds = (zone: string, weekday: number, hour: number, bounds: { fromUtc?: number; toUtc?: number } = {}) => {
  const cell = cellOf(zone);
  return rows
    .filter((r) => (bounds.fromUtc === undefined || r.created >= bounds.fromUtc) && (bounds.toUtc === undefined || r.created < bounds.toUtc))
    .filter((r) => {
      const [w, h] = cell(r.created);
      return w === weekday && h === hour;
    })
    .map((r) => r.id)
    .sort((a, b) => a - b);
};

function selectedIds(filter: InteractionFilter): number[] {
  const q = filtered(filter);
  return (db.prepare(`SELECT i.id FROM ${q.from}${q.where.length ? ` WHERE ${q.where.join(' AND ')}` : ''} ORDER BY i.id`).pluck().all(...q.params) as number[]);
}

describe('createdSlot selects exactly the rows of a heatmap cell', () => {
  for (const zone of ZONES) {
    test(`every weekday × hour in ${zone}, within the data's year and within the March DST days`, () => {
      let seen = 0;
      const march = { fromUtc: Date.UTC(2026, 2, 7), toUtc: Date.UTC(2026, 2, 10) };
      for (let weekday = 0; weekday < 7; weekday += 1) {
        for (let hour = 0; hour < 24; hour += 1) {
          const slot = { zone, weekday, hour };
          const expected = expectedIds(zone, weekday, hour);
          // The year holds every dated row, so this is the whole cell, with the offsets read over one year.
          assert.deepEqual(selectedIds({ ...YEAR, createdSlot: slot }), expected, `${zone} ${weekday} ${hour}`);
          assert.deepEqual(selectedIds({ ...march, createdSlot: slot }), expectedIds(zone, weekday, hour, march), `${zone} ${weekday} ${hour} in March`);
          seen += expected.length;
        }
      }
      assert.equal(seen, rows.length, 'the cells of a zone partition the dated rows');
    });

    // With no date bounds the offsets are read from 1970 to 2100 (a longer compile): the DST weekday in full.
    test(`Sunday in ${zone} without date bounds`, () => {
      for (let hour = 0; hour < 24; hour += 1) {
        assert.deepEqual(selectedIds({ createdSlot: { zone, weekday: 6, hour } }), expectedIds(zone, 6, hour), `${zone} Sunday ${hour}`);
      }
    });
  }

  test('the DST days are really in the data: New York has no Sunday 02:00 in March, two Sunday 01:00 hours in November', () => {
    const march8 = { fromUtc: Date.UTC(2026, 2, 8, 5), toUtc: Date.UTC(2026, 2, 9, 4) };
    assert.deepEqual(selectedIds({ ...march8, createdSlot: { zone: 'America/New_York', weekday: 6, hour: 2 } }), []);
    assert.ok(selectedIds({ ...march8, createdSlot: { zone: 'America/New_York', weekday: 6, hour: 3 } }).length > 0);
    const nov1 = { fromUtc: Date.UTC(2026, 10, 1, 4), toUtc: Date.UTC(2026, 10, 2, 5) };
    const oneAm = selectedIds({ ...nov1, createdSlot: { zone: 'America/New_York', weekday: 6, hour: 1 } });
    // Two real hours of rows every ~11 minutes: more than one hour could hold.
    assert.ok(oneAm.length >= 10, `got ${oneAm.length}`);
    assert.deepEqual(oneAm, expectedIds('America/New_York', 6, 1, nov1));
  });
});

describe('the filter applies everywhere the filter applies', () => {
  const cells: [string, number, number][] = [
    ['America/New_York', 6, 1],
    ['America/New_York', 6, 3],
    ['America/New_York', 5, 23],
    ['America/Bogota', 6, 2],
  ];
  for (const [zone, weekday, hour] of cells) {
    test(`${zone} weekday ${weekday} hour ${hour}: page, count, facets, search, export, review counts, sample, Insights`, async () => {
      const filter: InteractionFilter = { createdSlot: { zone, weekday, hour } };
      const expected = expectedIds(zone, weekday, hour);
      assert.ok(expected.length > 0, 'the seeded data fills this cell');
      const whole = await store.insights({}, zone);
      assert.equal(whole.heatmap[weekday]![hour], expected.length, "the heatmap cell's number");
      assert.equal(await store.count(filter), expected.length);
      const page = await store.page({ filter, limit: 1000 });
      assert.deepEqual(page.rows.map((r) => r.id).sort((a, b) => a - b), expected);
      const facets = await store.facets(filter, ['channel']);
      assert.equal(facets.channel!.reduce((s, f) => s + f.count, 0), expected.length);
      const found = await store.search('factura', { filter, limit: 1000 });
      const withText = new Set(db.prepare("SELECT id FROM interactions WHERE body LIKE '%factura%'").pluck().all() as number[]);
      assert.deepEqual(found.rows.map((r) => r.id).sort((a, b) => a - b), expected.filter((id) => withText.has(id)));
      const walked: number[] = [];
      for await (const batch of store.exportWalk(filter, undefined, 7)) walked.push(...batch.map((r) => r.id));
      assert.deepEqual(walked.sort((a, b) => a - b), expected);
      const counts = await store.reviewCounts(filter);
      assert.equal(counts.total, expected.length);
      const reviewed = rows.filter((_, i) => i % 9 === 0).map((r) => r.id);
      assert.equal(counts.pass, expected.filter((id) => reviewed.includes(id)).length);
      const slotInsights = await store.insights(filter, zone);
      assert.equal(slotInsights.total, expected.length);
      assert.equal(slotInsights.heatmap[weekday]![hour], expected.length, 'all of it in the one cell');
      const sample = await store.drawSample({ name: `slot ${zone} ${weekday} ${hour}`, seed: 1, perAgent: 50, filter }, NOW);
      const uidToId = new Map(rows.map((r) => [r.uid, r.id]));
      const members = (await store.sampleMembers(sample.id)).map((m) => uidToId.get(m.uid)!);
      assert.ok(members.length > 0 && members.every((id) => expected.includes(id)), 'sample members come from the cell');
    });
  }
});

describe('bad input is refused with a clear message', () => {
  const bad: [unknown, RegExp][] = [
    [{ zone: 'Mars/Olympus', weekday: 1, hour: 10 }, /unknown time zone/],
    [{ zone: '', weekday: 1, hour: 10 }, /unknown time zone/],
    [{ zone: 'America/Bogota', weekday: 7, hour: 10 }, /weekday/],
    [{ zone: 'America/Bogota', weekday: -1, hour: 10 }, /weekday/],
    [{ zone: 'America/Bogota', weekday: '1', hour: 10 }, /weekday/],
    [{ zone: 'America/Bogota', weekday: 1, hour: 24 }, /hour/],
    [{ zone: 'America/Bogota', weekday: 1, hour: 1.5 }, /hour/],
    [{ zone: 'America/Bogota', weekday: 1, hour: 10, extra: "1); DROP TABLE interactions; --" }, /unknown keys/],
    ['Tuesday 10', /must be/],
  ];
  for (const [slot, message] of bad) {
    test(`createdSlot ${JSON.stringify(slot)}`, async () => {
      const filter = { createdSlot: slot } as unknown as InteractionFilter;
      assert.throws(() => compileFilter(filter), (e: unknown) => e instanceof AppError && e.kind === 'bad-input' && message.test(e.message));
      await assert.rejects(store.count(filter), (e: unknown) => e instanceof AppError && e.kind === 'bad-input', 'also from a reader thread');
    });
  }

  test('the contract schema refuses out-of-range slots and extra keys before any handler', () => {
    assert.equal(filterSchema.safeParse({ createdSlot: { zone: 'America/Bogota', weekday: 1, hour: 10 } }).success, true);
    for (const slot of [{ zone: 'America/Bogota', weekday: 7, hour: 0 }, { zone: 'America/Bogota', weekday: 0, hour: 24 }, { zone: 'x'.repeat(65), weekday: 0, hour: 0 }, { zone: 'America/Bogota', weekday: 0, hour: 0, at: 1 }, { weekday: 0, hour: 0 }]) {
      assert.equal(filterSchema.safeParse({ createdSlot: slot }).success, false, JSON.stringify(slot));
    }
  });

  test('the zone never reaches the SQL text, only numbers computed from it', () => {
    const sql = compileFilter({ createdSlot: { zone: 'America/New_York', weekday: 1, hour: 10 } }).where.join(' ');
    assert.doesNotMatch(sql, /America|'|"/);
    assert.match(sql, /^[\s\d()+\-*/%<=,A-Za-z._]+$/);
  });
});
