// A network that drops silently (nothing closed, nothing answered: Wi-Fi lost, a VPN down) must end in a
// clear 'network' error, never in a wait without end: a statement unanswered past the store's query time
// limit fails, the pool goes on with fresh connections once the network is back, and the store still closes.
// Opening through such a network gives up after the connection time limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../src-main/core/errors';
import { PostgresConfig } from '../../../src-main/core/store/postgres/config';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import { startPostgres } from '../../helpers/postgres-server';
import { startTcpProxy } from '../../helpers/tcp-proxy';
import { NOW } from '../store-fixtures';

const server = await startPostgres();
/** The database `db` reached through the proxy. */
const through = (port: number, db: string) => new PostgresConfig({ host: server.host, port, database: db, user: server.user, password: server.password, sslmode: 'disable' });
const network = (e: unknown) => isAppError(e) && e.kind === 'network' && /did not answer in time/.test(e.message);

test('a statement the network swallows fails as network after the time limit; the store recovers and closes', async () => {
  const db = server.createDatabase('silent');
  const proxy = await startTcpProxy({ targetPort: server.port });
  const store = await openPostgresStore({ config: through(proxy.port, db), now: () => NOW, queryTimeoutMs: 1_500 });
  try {
    assert.equal(await store.count({}), 0);
    proxy.setStalled(true);
    await assert.rejects(store.count({}), network);
    proxy.setStalled(false);
    assert.equal(await store.count({}), 0, 'the next statement runs on a fresh connection');
  } finally {
    await store.close();
    await proxy.close();
  }
});

test('opening through a silent network gives up after the connection time limit', async () => {
  const db = server.createDatabase('silent');
  const proxy = await startTcpProxy({ targetPort: server.port });
  proxy.setStalled(true);
  try {
    await assert.rejects(openPostgresStore({ config: through(proxy.port, db), now: () => NOW }), network);
  } finally {
    await proxy.close();
  }
});
