// A sync host's large run leaves fresh planner statistics (migrations-statistics.ts): after a run that wrote
// 10,000 rows the cache's tables are analysed, as the sync role (which does not own them); a small run
// leaves that to autovacuum.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { syncRecords } from '../../contract/sync-helpers';
import { NOW, recordOf } from '../store-fixtures';

const server = await startPostgres();
const analysed = (db: string) => server.psql("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = 'wolkvox' AND relname = 'interactions'", db);

const records = (n: number) =>
  Array.from({ length: n }, (_, i) => recordOf({ date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00:00`, body: `mensaje ${i}`, case_id: `c${i}` }));

test('a run that wrote 10,000 rows analyses the cache, a small one does not', async () => {
  const big = server.createDatabase('stats');
  const store = await openPgStore(server, big, () => NOW);
  try {
    await syncRecords(store, records(10_000), { windowSize: 5_000 });
    assert.equal(analysed(big), 't');
  } finally {
    await store.close();
  }
  const small = server.createDatabase('stats');
  const other = await openPgStore(server, small, () => NOW);
  try {
    await syncRecords(other, records(50));
    assert.equal(analysed(small), 'f');
  } finally {
    await other.close();
  }
});
