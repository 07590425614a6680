// The facet totals per agent (PostgreSQL migration 14) follow every change of interactions: new rows (COPY),
// re-synced rows whose facet values changed (UPDATE), purged rows (DELETE) and a TRUNCATE. After each, the
// totals table equals a GROUP BY of the rows, and the store's count and facets of the whole cache and of some
// agents (which read the totals) equal those of a filter that selects the same rows and still counts them.
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
  const totals = server.psql("SELECT agent || '|' || field || '|' || value || '|' || count FROM wolkvox.facet_totals ORDER BY 1", db);
  const truth = server.psql(
    `SELECT r.agent_name || '|' || f.field || '|' || f.value || '|' || count(*) FROM wolkvox.interactions r
       CROSS JOIN LATERAL (VALUES ${FACET_FIELDS.map((c) => `('${c}', r.${c})`).join(', ')}) AS f(field, value)
       GROUP BY r.agent_name, f.field, f.value ORDER BY 1`,
    db,
  );
  return { totals, truth };
}

test('facet totals per agent follow inserts, changes, purges and a truncate, and answer the count and facets of the whole cache and of some agents', async () => {
  const db = server.createDatabase('facets');
  const store = await openPgStore(server, db, () => NOW);
  const agrees = async (when: string) => {
    const { totals, truth } = totalsAndTruth(db);
    assert.equal(totals, truth, `totals after ${when}`);
    // A filter on every skill selects the same rows but is counted: the totals must give the same answers.
    const everySkill = { skills: ['S0', 'S1'] };
    const others = FACET_FIELDS.filter((f) => f !== 'skill_id');
    for (const agents of [undefined, [AGENTS[0]!], [AGENTS[2]!, AGENTS[3]!, 'Nuevo Agente'], ['nadie']]) {
      const scope = agents ? { agents } : {};
      assert.equal(await store.count(scope), await store.count({ ...scope, ...everySkill }), `count of ${String(agents)} after ${when}`);
      assert.deepEqual(await store.facets(scope, others), await store.facets({ ...scope, ...everySkill }, others), `facets of ${String(agents)} after ${when}`);
    }
  };
  try {
    await syncRecords(store, records, { windowSize: 120 });
    assert.ok(totalsAndTruth(db).totals.split('\n').length > 60);
    await agrees('the first sync');
    assert.equal(await store.count({}), 300);

    // A re-sync that moves rows to another agent and status (UPDATE in place: neither is part of a row's
    // identity), leaving one agent (Ana, every 4th row, half of them moved) with fewer rows.
    const moved = records.map((r, i) => (i % 3 === 0 ? changed(r, { agent_name: 'Nuevo Agente', status: 'archived' }) : r));
    await syncRecords(store, moved, { windowSize: 100 });
    await agrees('a re-sync that changed rows');
    assert.equal(server.psql("SELECT count FROM wolkvox.facet_totals WHERE field = 'agent_name' AND value = 'Nuevo Agente'", db), '100');
    assert.equal(await store.count({ agents: ['Nuevo Agente'] }), 100);
    assert.equal(await store.count({}), 300, 'the rows were updated in place');
    // The answers above come from the totals, not from counting: a total changed by hand shows through.
    const tamper = (by: number) => server.psql(`UPDATE wolkvox.facet_totals SET count = count + ${by} WHERE agent = 'Nuevo Agente' AND ((field = 'channel' AND value = 'Email') OR (field = 'status' AND value = 'archived'))`, db);
    tamper(1000);
    assert.equal(await store.count({ agents: ['Nuevo Agente'] }), 1100);
    assert.equal(await store.count({}), 1300);
    assert.equal((await store.facets({ agents: ['Nuevo Agente'] }, ['status'])).status![0]!.count, 1100);
    tamper(-1000);

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
