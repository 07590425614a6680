/**
 * The filters the grid and Insights share: the heatmap cell (createdSlot: a local weekday, 0 = Monday,
 * and hour in a zone) across daylight-saving changes, and facets, which count under every filter but
 * their own. Facet values come most frequent first, ties by code point (grid-order.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordOf } from '../integration/store-fixtures';
import { awkwardRecords } from './grid-fixture';
import { byCodePoint, everyRow, matches, type Filter } from './grid-order';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { localTime } from './insights-truth';
import { syncRecords } from './sync-helpers';

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** New York: 8 March and 1 November 2026; Santiago: 5 April (back) and 6 September (forward) 2026. */
const DST_CHANGES: [string, number][] = [
  ['America/New_York', Date.UTC(2026, 2, 8, 7)],
  ['America/New_York', Date.UTC(2026, 10, 1, 6)],
  ['America/Santiago', Date.UTC(2026, 3, 5, 3)],
  ['America/Santiago', Date.UTC(2026, 8, 6, 4)],
];

/** How the API writes a date: the cache's zone (Bogotá, UTC-5 all year) wall clock. */
function bogotaText(utc: number): string {
  const d = new Date(utc - 5 * HOUR);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const offsetAt = (zone: string, utc: number) => {
  const l = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(utc).find((p) => p.type === 'timeZoneName')!.value;
  return l;
};

const FACETS = [
  ['agents', 'agent_name'],
  ['skills', 'skill_id'],
  ['channels', 'channel'],
  ['statuses', 'status'],
  ['typifications', 'cod_act'],
  ['evaluations', 'evaluation_survey'],
] as const;

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a heatmap cell selects exactly the rows created in that local weekday and hour, across DST changes, in the count, the page and the heatmap`, () =>
    withStore(impl, async (store) => {
      const instants: number[] = [];
      for (const [, change] of DST_CHANGES) for (let t = change - 30 * HOUR; t < change + 30 * HOUR; t += 23 * 60_000 + 7_000) instants.push(t);
      await syncRecords(store, [...instants.map((t, i) => recordOf({ date_creation: bogotaText(t), channel: i % 2 ? 'Email' : 'Chat' })), recordOf({ date_creation: 'sin fecha' })]);
      const rows = (await everyRow(store)).filter((r) => r.createdUtc !== null);
      assert.equal(rows.length, instants.length, 'every dated row stored, at its instant');
      for (const zone of ['America/New_York', 'America/Santiago']) {
        for (const [z, change] of DST_CHANGES.filter(([z]) => z === zone)) assert.notEqual(offsetAt(z, change - HOUR), offsetAt(z, change + HOUR), `a DST change in ${z} is in the data`);
        const at = localTime(zone);
        const heatmap = (await store.insights({}, zone)).heatmap;
        let seen = 0;
        for (let weekday = 0; weekday < 7; weekday++) {
          for (let hour = 0; hour < 24; hour++) {
            const expected = rows.filter((r) => at(r.createdUtc!).weekday === weekday && at(r.createdUtc!).hourOfDay === hour).map((r) => r.uid).sort();
            const filter: Filter = { createdSlot: { zone, weekday, hour } };
            const label = `${zone} ${weekday} ${hour}`;
            assert.equal(await store.count(filter), expected.length, `count ${label}`);
            assert.equal(heatmap[weekday]![hour], expected.length, `heatmap ${label}`);
            if (expected.length > 0 || hour % 6 === 0) assert.deepEqual((await store.page({ filter, limit: 1000 })).rows.map((r) => r.uid).sort(), expected, `page ${label}`);
            seen += expected.length;
          }
        }
        assert.equal(seen, rows.length, `the cells of ${zone} partition the dated rows`);
        // Within date bounds that cut through a change day, the cell is the rows of both.
        const [, change] = DST_CHANGES.find(([z]) => z === zone)!;
        const bounds = { fromUtc: change - 20 * HOUR, toUtc: change + 3 * HOUR };
        const inBounds = rows.filter((r) => r.createdUtc! >= bounds.fromUtc && r.createdUtc! < bounds.toUtc);
        for (let hour = 0; hour < 24; hour++) {
          const l = at(change);
          const expected = inBounds.filter((r) => at(r.createdUtc!).weekday === l.weekday && at(r.createdUtc!).hourOfDay === hour).length;
          assert.equal(await store.count({ ...bounds, createdSlot: { zone, weekday: l.weekday, hour } }), expected, `bounded ${zone} ${hour}`);
        }
      }
      const badInput = (e: unknown) => (e as { kind?: string }).kind === 'bad-input';
      await assert.rejects(store.count({ createdSlot: { zone: 'Mars/Olympus', weekday: 0, hour: 0 } }), badInput);
      await assert.rejects(store.count({ createdSlot: { zone: 'America/Bogota', weekday: 7, hour: 0 } }), badInput);
    }));

  test(`${impl.name}: facets count every value under every filter but their own, most frequent first, ties by code point; a typification is labelled with its newest description`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, awkwardRecords(300, 11));
      const all = await everyRow(store);
      const filters: Filter[] = [
        {},
        { agents: ['Ana', 'ana'], channels: ['Email'] },
        { statuses: ['open', ''], typifications: ['10', 'A-1', 'a-1'], closed: false },
        { evaluations: ['5', ' 4 '], agents: ['Zoë', '😀 Emoji', 'Émile'], fromUtc: Date.UTC(2026, 0, 8) },
      ];
      for (const filter of filters) {
        const got = await store.facets(filter, FACETS.map(([, field]) => field));
        for (const [key, field] of FACETS) {
          const { [key]: _own, ...others } = filter;
          const counts = new Map<string, number>();
          for (const r of all) if (matches(r, others)) counts.set(r[field], (counts.get(r[field]) ?? 0) + 1);
          const expected = [...counts.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([value, count]) => ({ value, count }));
          assert.deepEqual(got[field]!.map(({ value, count }) => ({ value, count })), expected, `${field} under ${JSON.stringify(filter)}`);
        }
      }
      assert.deepEqual(Object.keys(await store.facets({}, ['channel'])), ['channel'], 'only the fields asked for');
      // A typification is labelled with its code's newest non-empty description; no code, no label.
      await syncRecords(store, [
        recordOf({ cod_act: '7', cod_description: 'Reclamo', date_creation: '2026-01-01 10:00:00' }),
        recordOf({ cod_act: '7', cod_description: 'Reclamo formal', date_creation: '2026-01-02 10:00:00' }),
        recordOf({ cod_act: '7', cod_description: '', date_creation: '2026-01-03 10:00:00' }),
        recordOf({ cod_act: '', cod_description: 'ignored', date_creation: '2026-01-03 10:00:00' }),
      ]);
      const typifications = (await store.facets({}, ['cod_act'])).cod_act!;
      assert.deepEqual(typifications.find((f) => f.value === '7'), { value: '7', count: 3, label: 'Reclamo formal' });
      assert.equal(typifications.find((f) => f.value === '')?.label, undefined);
    }));
}
