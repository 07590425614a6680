import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import type { OpenStore, StoreConfig, StoreOpenOptions } from '../../src-main/core/store/backend';
import { sqliteBackend } from '../../src-main/core/store/sqlite/backend';
import type { Store } from '../../src-main/core/store/store';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { tempDir } from '../helpers/temp-dir';

/** These tests configure the SQLite backend only. */
function sqliteOf(config: StoreConfig): Extract<StoreConfig, { kind: 'sqlite' }> {
  assert.equal(config.kind, 'sqlite');
  return config as Extract<StoreConfig, { kind: 'sqlite' }>;
}

const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);

test('the root opens the cache through its store factory and the service serves from that store, then closes it', async () => {
  const dir = tempDir('wolkvox-compose-store-');
  const opened: StoreConfig[] = [];
  const stores: Store[] = [];
  let closes = 0;
  const openStore: OpenStore = async (config, options) => {
    opened.push(config);
    const store = await sqliteBackend(sqliteOf(config)).open(options);
    const close = store.close.bind(store);
    store.close = async () => {
      closes += 1;
      await close();
    };
    stores.push(store);
    return store;
  };
  const root = composeApp({ host: 'browser', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), openStore, log: () => {} });
  const service = await root.openService({ version: '0.0.0-test' });
  try {
    assert.deepEqual(opened.map((o) => sqliteOf(o).path), [root.paths.dbPath]);
    // The service names the cache by an id kept in the store the factory gave (its users' preferences are filed under it).
    assert.match((await stores[0]!.getSetting('cacheId')) ?? '', /^"[0-9a-f-]{36}"$/);
    // A UI setting is the user's own: read back through the service, never written to the cache.
    await call(service, 'settings/set', { key: 'reviewer', value: 'qa-compose' });
    assert.equal((await call<Record<string, unknown>>(service, 'settings/get', {})).reviewer, 'qa-compose');
    assert.equal(await stores[0]!.getSetting('ui'), null);
    const scorecard = await call<{ id: string; version: number }>(service, 'scorecard/active', {});
    assert.deepEqual(await stores[0]!.activeScorecard(0), await stores[0]!.scorecardVersion(scorecard.id, scorecard.version));
  } finally {
    await service.close();
  }
  assert.equal(closes, 1, 'the service closes the store it was given, once');
});

test("the CLI's commands open the cache through the same store factory: read-only for reading, the writer for a sync", async () => {
  const dir = tempDir('wolkvox-compose-store-cli-');
  const opened: Array<{ config: StoreConfig; options: StoreOpenOptions }> = [];
  const openStore: OpenStore = async (config, options) => {
    opened.push({ config, options });
    return sqliteBackend(sqliteOf(config)).open(options);
  };
  const root = composeApp({ host: 'cli', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), openStore, log: () => {} });
  const sync = await root.openSync({ dryRun: false });
  await sync.close();
  const cache = await root.openCache('read');
  try {
    assert.equal((await cache.stats('America/Bogota')).total, 0);
    assert.deepEqual(await cache.search('garantía', 5), []);
  } finally {
    await cache.close();
  }
  const dry = await root.openSync({ dryRun: true });
  await dry.close();
  assert.deepEqual(
    opened.map((o) => [sqliteOf(o.config).path, o.options.access ?? 'write']),
    [[root.paths.dbPath, 'write'], [root.paths.dbPath, 'read'], [root.paths.dbPath, 'write']],
    'search and stats only read; a sync, dry or not, opens for writing (an older cache is upgraded first)',
  );
});

test('a dry run on a cache made by an older version upgrades it and plans, fetching nothing', async () => {
  const dir = tempDir('wolkvox-compose-store-old-');
  const root = composeApp({ host: 'cli', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), log: () => {} });
  mkdirSync(dirname(root.paths.dbPath), { recursive: true });
  const older = MIGRATIONS.slice(0, -1);
  openDatabase(root.paths.dbPath, { migrations: older }).close();
  const fetched: string[] = [];
  const dry = await composeApp({
    host: 'cli', dataDir: join(dir, 'data'), env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), log: () => {},
    fetch: async (url) => {
      fetched.push(String(url));
      throw new Error('a dry run must not fetch');
    },
  }).openSync({ dryRun: true });
  try {
    const plan = await dry.plan('0032', new ZoneConverter('America/Bogota'), { kind: 'range', startUtc: Date.UTC(2026, 0, 1, 5), endUtc: Date.UTC(2026, 1, 1, 5) }, Date.UTC(2026, 2, 1));
    assert.equal(plan.windows, 1);
  } finally {
    await dry.close();
  }
  assert.deepEqual(fetched, []);
  const reopened = openDatabase(root.paths.dbPath, { readonly: true });
  try {
    assert.equal(reopened.pragma('user_version', { simple: true }), MIGRATIONS[MIGRATIONS.length - 1]!.version, 'upgraded');
  } finally {
    reopened.close();
  }
});
