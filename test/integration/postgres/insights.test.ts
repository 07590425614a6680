// Insights on the team cache (store/postgres/insights) against the SQLite cache's, whole answer for whole
// answer, over the same synced rows and the same reviews: the server's local hours must follow the app's
// zone rule where it is awkward (Monrovia's -0:44:30 until 1972, Lord Howe's half-hour DST, Kathmandu's
// +5:45, instants before 1970, rows newer than any earlier answer showed), texts stored escaped (U+0000) must come back as sent, and each heatmap
// cell must hold exactly the rows its filter (createdSlot, the SQL of the other side) selects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSqliteStore } from '../../../src-main/core/store/sqlite/sqlite-store';
import type { InteractionFilter } from '../../../src-main/core/store/filter';
import type { Store } from '../../../src-main/core/store/store';
import { awkwardRecords } from '../../contract/grid-fixture';
import { syncRecords } from '../../contract/sync-helpers';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { freshDbPath, NOW, recordOf } from '../store-fixtures';

const server = await startPostgres();

const ZONES = ['America/Santiago', 'Africa/Monrovia', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

function records() {
  const odd = [
    // Monrovia kept -0:44:30 until 1972: quarters that straddle its local hours.
    ...Array.from({ length: 12 }, (_, i) => recordOf({ date_creation: `1971-03-0${1 + (i % 7)} 1${i % 10}:${String(5 * i).padStart(2, '0')}:30`, close_date: '1971-03-09 10:00:00', evaluation_survey: '2' })),
    recordOf({ date_creation: '1969-12-31 23:59:59', agent_name: 'Antes' }),
    // Lord Howe's DST change (2 a.m. local, 5 April 2026) and a Bogotá evening around UTC midnight.
    ...Array.from({ length: 8 }, (_, i) => recordOf({ date_creation: `2026-04-04 ${String(9 + i).padStart(2, '0')}:${i % 2 ? '15' : '45'}:00`, channel: 'Chat' })),
    recordOf({ agent_name: 'Nul\u0000Agente', channel: 'Chat\u0000', cod_act: 'T\u0000', cod_description: 'Desc\u0000ripción', evaluation_survey: '5\u0000', date_creation: '2026-01-05 19:30:00' }),
    recordOf({ agent_name: 'Nul\u0000Agente', channel: 'Chat\u0000', cod_act: 'T\u0000', cod_description: '\uE000 privada', evaluation_survey: ' 4 ', date_creation: '2026-01-06 19:30:00', close_date: '2026-01-06 20:00:00' }),
  ];
  return [...awkwardRecords(300, 19), ...odd];
}

async function review(store: Store): Promise<void> {
  const rows = (await store.page({ limit: 1000, sort: { field: 'created', dir: 'asc' } })).rows;
  for (const [i, row] of rows.entries()) {
    if (i % 4 === 0) await store.saveReview({ uid: row.uid, reviewer: 'qa', scores: { ...PASSING_SCORES, tone: 1 + (i % 5) } }, NOW + i);
    else if (i % 9 === 0) await store.saveReview({ uid: row.uid, reviewer: 'qa', scores: FAILING_SCORES }, NOW + i);
    if (i % 36 === 0) await store.saveReview({ uid: row.uid, reviewer: 'lead', override: { status: 'fail', reason: 'tono' } }, NOW + i);
  }
}

/** Averages summed in another order may differ in the last bits: compared to 12 significant digits. */
const rounded = (value: unknown) => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v)));

test('the team cache gives the SQLite cache\'s Insights, figure for figure, in awkward zones, with escaped texts, and each heatmap cell holds what its filter selects', async () => {
  const sqlite = await openSqliteStore({ dbPath: freshDbPath('wolkvox-pg-insights-'), now: () => NOW, readers: 'on-demand' });
  const pg = await openPgStore(server, server.createDatabase('insights'), () => NOW);
  try {
    for (const store of [sqlite, pg]) {
      await syncRecords(store, records(), { windowSize: 100 });
      await review(store);
    }
    const agent = (await pg.insights({}, ZONES[0]!)).agents.find((a) => a.agent.includes('\u0000'));
    assert.equal(agent?.agent, 'Nul\u0000Agente', 'an escaped agent name comes back as sent');
    for (const zone of ZONES) {
      const filters: InteractionFilter[] = [
        {},
        { agents: ['Nul\u0000Agente', 'Antes'] },
        { fromUtc: Date.UTC(1971, 2, 1), toUtc: Date.UTC(1971, 2, 3) },
        { fromUtc: Date.UTC(2026, 3, 4), toUtc: Date.UTC(2026, 3, 6) },
        { text: 'arbol' },
        { reviewStatuses: ['pass', 'fail'] },
        { reviewStatuses: ['unreviewed'], closed: true },
        { createdSlot: { zone, weekday: 2, hour: 9 } },
      ];
      for (const filter of filters) {
        const want = await sqlite.insights(filter, zone);
        assert.ok(want.total > 0 || filter.createdSlot, `the selection ${JSON.stringify(filter)} holds rows`);
        assert.deepEqual(rounded(await pg.insights(filter, zone)), rounded(want), `${zone} ${JSON.stringify(filter)}`);
      }
      const { heatmap } = await pg.insights({}, zone);
      for (const [weekday, hours] of heatmap.entries()) {
        for (const [hour, n] of hours.entries()) if (n > 0) assert.equal(await pg.count({ createdSlot: { zone, weekday, hour } }), n, `${zone} cell ${weekday} ${hour}`);
      }
    }
    // Rows later than any answer has shown, across DST changes (Santiago's in September, Lord Howe's in October).
    const later = Array.from({ length: 24 }, (_, i) => recordOf({ date_creation: `2026-${i % 2 ? '09-06' : '10-04'} ${String(i).padStart(2, '0')}:30:00`, channel: 'Email' }));
    for (const store of [sqlite, pg]) await syncRecords(store, later);
    for (const zone of ZONES) assert.deepEqual(rounded(await pg.insights({ channels: ['Email'] }, zone)), rounded(await sqlite.insights({ channels: ['Email'] }, zone)), `${zone}, later rows`);
  } finally {
    await sqlite.close();
    await pg.close();
  }
});
