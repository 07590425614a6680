// The whole cache's facet totals (PostgreSQL migration 14) follow every change of interactions: new rows
// (COPY), re-synced rows whose facet values changed (UPDATE), purged rows (DELETE) and a TRUNCATE. After
// each, the totals table equals a GROUP BY of the rows, and the store's unfiltered count and facets (which
// read the totals) equal a filtered read that still counts rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FACET_FIELDS } from '../../../src-main/core/api/constants';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { syncRecords } from '../../contract/sync-helpers';
import { changed, NOW, recordOf, SERVER } from '../store-fixtures';

const server = await startPostgres();

const AGENTS = ['Ana Gómez', 'Bruno Díaz', 'Carla\u0000Ruiz', 'Élodie 😀'];
const CHANNELS = ['Email', 'WhatsApp', 'instagram'];
const records = Array.from({ length: 300 }, (_, i) =>
  recordOf({
    date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`,
    agent_name: AGENTS[i % AGENTS.length]!, channel: CHANNELS[i % CHANNELS.length]!, status: i % 5 ? 'close' : 'open',
    cod_act: `T${i % 7}`, evaluation_survey: String(i % 6 || ''), skill_id: `S${i % 2}`, case_id: `c${i}`, body: `mensaje ${i}`,
  }),
);

/** The totals table beside a GROUP BY of the rows, as sorted "field|value|count" lines. */
function totalsAndTruth(db: string): { totals: string; truth: string } {
  const totals = server.psql("SELECT field || '|' || value || '|' || count FROM wolkvox.facet_totals ORDER BY 1", db);
  const truth = server.psql(
    `SELECT f.field || '|' || f.value || '|' || count(*) FROM wolkvox.interactions r
       CROSS JOIN LATERAL (VALUES ${FACET_FIELDS.map((c) => `('${c}', r.${c})`).join(', ')}) AS f(field, value) GROUP BY f.field, f.value ORDER BY 1`,
    db,
  );
  return { totals, truth };
}

test('facet totals follow inserts, changes, purges and a truncate, and answer the unfiltered count and facets', async () => {
  const db = server.createDatabase('facets');
  const store = await openPgStore(server, db, () => NOW);
  const agrees = async (when: string) => {
    const { totals, truth } = totalsAndTruth(db);
    assert.equal(totals, truth, `totals after ${when}`);
    // A filter that selects every row still counts them: the totals must give the same answers.
    const everyRow = { statuses: ['close', 'open', 'archived', ''] };
    assert.equal(await store.count({}), await store.count(everyRow), `count after ${when}`);
    const counted = await store.facets({ skills: ['S0', 'S1'] }, FACET_FIELDS.filter((f) => f !== 'skill_id'));
    const read = await store.facets({}, FACET_FIELDS.filter((f) => f !== 'skill_id'));
    assert.deepEqual(read, counted, `facets after ${when}`);
  };
  try {
    await syncRecords(store, records, { windowSize: 120 });
    assert.ok(totalsAndTruth(db).totals.split('\n').length > 20);
    await agrees('the first sync');
    assert.equal(await store.count({}), 300);

    // A re-sync that moves rows to another agent, channel and status (UPDATE), some values to none left.
    const moved = records.map((r, i) => (i % 3 === 0 ? changed(r, { agent_name: 'Nuevo Agente', channel: 'twitter', status: 'archived' }) : r));
    await syncRecords(store, moved, { windowSize: 100 });
    await agrees('a re-sync that changed rows');
    assert.equal(server.psql("SELECT count FROM wolkvox.facet_totals WHERE field = 'agent_name' AND value = 'Nuevo Agente'", db), '100');

    // A purge of the older half (DELETE).
    const purged = await store.purge({ server: SERVER, beforeUtc: Date.UTC(2026, 0, 15), keepReviewed: false });
    assert.ok(purged.interactions > 0 && purged.interactions < 300);
    await agrees('a purge');

    // Everything gone: no total is left at zero.
    await store.purge({ server: SERVER, beforeUtc: Infinity, keepReviewed: false });
    assert.equal(server.psql('SELECT count(*) FROM wolkvox.facet_totals', db), '0');
    assert.equal(await store.count({}), 0);

    await syncRecords(store, records.slice(0, 50));
    server.psql('TRUNCATE wolkvox.interactions CASCADE', db);
    assert.equal(server.psql('SELECT count(*) FROM wolkvox.facet_totals', db), '0');
  } finally {
    await store.close();
  }
});

test('a cache filled before the totals existed gets them from its rows when its owner upgrades it', async () => {
  const db = server.createDatabase('facets_upgrade');
  const before = await openPgStore(server, db, () => NOW);
  try {
    await syncRecords(before, records.slice(0, 90));
  } finally {
    await before.close();
  }
  // The cache as migration 13 left it, with its rows: migration 14 undone and forgotten.
  server.psql(
    `SET search_path = wolkvox; DROP TABLE facet_totals; DROP FUNCTION facet_totals_follow() CASCADE;
     DELETE FROM schema_migrations WHERE version = 14`,
    db,
  );
  const after = await openPgStore(server, db, () => NOW);
  try {
    const { totals, truth } = totalsAndTruth(db);
    assert.equal(totals, truth);
    assert.equal(await after.count({}), 90);
  } finally {
    await after.close();
  }
});
