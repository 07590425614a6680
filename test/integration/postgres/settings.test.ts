// Settings on a real server with two stores on one team cache (two desktops, or a desktop and a CLI job):
// an update's read, decision and write have no other writer in between, even for a key that has no row
// yet (no row lock could cover it; the part takes a transaction-scoped advisory lock), and concurrent
// updates from both stores lose nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { SETTINGS_LOCK } from '../../../src-main/core/store/postgres/settings/index';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore } from '../../helpers/postgres-store';
import { NOW } from '../store-fixtures';

const server = await startPostgres();

test('two stores: a key created by one update only, and appends from both lose nothing', async () => {
  const database = server.createDatabase('settings');
  const a = await openPgStore(server, database, () => NOW);
  const b = await openPgStore(server, database, () => NOW);
  const holder = new pg.Client({ connectionString: server.url(database) });
  await holder.connect();
  try {
    // Both updates wait behind a held lock, then run one after the other: the second sees the first's row.
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [...SETTINGS_LOCK]);
    const create = (store: typeof a, who: string) =>
      store.updateSettings(['owner'], (current): { writes: Record<string, string>; result: string } =>
        current.owner === null ? { writes: { owner: who }, result: 'created' } : { writes: {}, result: 'found' },
      );
    const both = Promise.all([create(a, 'a'), create(b, 'b')]);
    let settled = false;
    void both.finally(() => (settled = true)).catch(() => undefined);
    // Until both wait on the lock (or, were there no lock, until they are done).
    while (!settled) {
      const { rows } = await holder.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
      if (rows[0]!.n === 2) break;
    }
    await holder.query('COMMIT');
    const answers = await both;
    assert.deepEqual([...answers].sort(), ['created', 'found'], 'one update created the key, the other found it');
    assert.equal(await a.getSetting('owner'), answers[0] === 'created' ? 'a' : 'b');

    const append = (store: typeof a, tag: string) =>
      store.updateSettings(['log'], (current) => ({ writes: { log: `${current.log ?? ''}${tag}` }, result: null }));
    await Promise.all([...'abcdefgh'].map((tag, i) => append(i % 2 ? b : a, tag)));
    assert.deepEqual([...(await b.getSetting('log'))!].sort().join(''), 'abcdefgh', 'every append kept');
  } finally {
    await holder.end();
    await a.close();
    await b.close();
  }
});
