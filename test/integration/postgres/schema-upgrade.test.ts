// Only the schema's owner changes the team cache's schema: an auditor's app on a cache one step behind is told
// to ask the administrator and changes nothing (its user could not: it owns nothing), and once the owner
// has upgraded it, the auditor's app opens it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { isAppError } from '../../../src-main/core/errors';
import { migrate } from '../../../src-main/core/store/postgres/migrate';
import { PG_MIGRATIONS } from '../../../src-main/core/store/postgres/migrations';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore, pgConfigOf } from '../../helpers/postgres-store';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import { NOW } from '../store-fixtures';

const server = await startPostgres();

test("an auditor's app on a cache one step behind is refused without changing it; after the owner's upgrade it opens", async () => {
  const db = server.createDatabase('upgrade');
  const admin = new pg.Client({ connectionString: server.url(db) });
  await admin.connect();
  try {
    const sql = { query: async <Row extends object>(text: string, params?: readonly unknown[]) => (await admin.query<Row>(text, params as unknown[])).rows };
    await migrate(sql, { migrations: PG_MIGRATIONS.slice(0, -1) });
    await admin.query("CREATE ROLE upgrade_ana LOGIN PASSWORD 'ana-pass-1' IN ROLE wolkvox_auditor");
  } finally {
    await admin.end();
  }
  const steps = () => Number(server.psql('SELECT count(*) FROM wolkvox.schema_migrations', db));
  const asAna = () => openPostgresStore({ config: pgConfigOf(server, db, 'upgrade_ana', 'ana-pass-1'), now: () => NOW });
  await assert.rejects(asAna(), (e: unknown) => isAppError(e) && e.kind === 'storage' && /older version of Wolkvox Audit/.test(e.message) && /administrator/.test(e.message));
  assert.equal(steps(), PG_MIGRATIONS.length - 1, 'nothing was changed');
  await (await openPgStore(server, db, () => NOW)).close();
  assert.equal(steps(), PG_MIGRATIONS.length, "the owner's app upgrades it");
  const store = await asAna();
  try {
    assert.equal(await store.count({}), 0);
  } finally {
    await store.close();
  }
});
