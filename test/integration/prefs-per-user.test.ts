import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { MIGRATIONS } from '../../src-main/core/store/sqlite/migrations/migrations';
import { tempDir } from '../helpers/temp-dir';

/**
 * Per-user preferences (core/prefs) against real caches and real files: an older cache's per-user rows
 * copied into each user's file at open, and two users (two data folders, as two OS accounts or two
 * app profiles have) on one cache keeping their own language, layout, reviewer's name and active profile.
 */
const dir = tempDir('wolkvox-prefs-users-');
const posix = process.platform !== 'win32';

const NORTH = { id: 'north', name: 'Operación Norte', server: '0032', zone: 'America/Bogota' };
const SOUTH = { id: 'south', name: 'Operación Sur', server: '0033', zone: 'America/Lima' };
const OLD_COLUMNS = [{ colId: 'agent_name', width: 180 }, { colId: 'channel', hide: true }];
const OLD_UI = { 'ui.language': 'es', 'ui.gridColumns': OLD_COLUMNS, reviewer: 'Marta Gómez', 'ui.openSample': 7, 'ui.someRemovedKey': 1 };

/** A cache as the version before this one left it: its schema, and the per-user choices in its settings table. */
function oldCache(path: string): void {
  const db = openDatabase(path, { migrations: MIGRATIONS.slice(0, -1) });
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  put.run('profiles', JSON.stringify([NORTH, SOUTH]));
  put.run('activeProfile', JSON.stringify('south'));
  put.run('autoSync', 'true');
  put.run('ui', JSON.stringify(OLD_UI));
  put.run('retention', JSON.stringify({ north: { keepDays: 30, keepReviewed: true } }));
  db.close();
}

/** The cache's settings rows, read as they are on disk (whatever version made the file). */
function cacheRows(path: string): Record<string, string> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries((db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}

/** The app of one user: their own data folder, the shared cache. */
function openAs(user: string, dbPath: string): Promise<AppService> {
  return composeApp({
    host: 'browser', dataDir: join(dir, user), dbPath, env: { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') }, secrets: new MemorySecretStore(), log: () => {},
  }).openService({ version: '0.0.0-test' });
}

const h = (s: AppService) => s.handlers;
const prefsOf = (user: string) => JSON.parse(readFileSync(join(dir, user, 'preferences.json'), 'utf8'));

test('an older cache: each user finds the choices it kept, copied into their own file; the cache keeps its rows', async () => {
  mkdirSync(join(dir, 'shared'), { recursive: true });
  const dbPath = join(dir, 'shared', 'team.sqlite');
  oldCache(dbPath);
  const before = cacheRows(dbPath);

  const ana = await openAs('ana', dbPath);
  // A colleague upgrades from the same cache while Ana's app is open: nothing was taken away from it.
  const luis = await openAs('luis', dbPath);
  try {
    for (const app of [ana, luis]) {
      assert.deepEqual(await h(app)['settings/get']({}), { 'ui.language': 'es', 'ui.gridColumns': OLD_COLUMNS, reviewer: 'Marta Gómez', 'ui.openSample': 7 });
      assert.equal((await h(app)['profiles/list']({})).activeId, 'south');
      assert.equal((await h(app)['sync/state']({})).autoSync, true);
      assert.equal((await h(app)['reviewer/get']({})).name, 'Marta Gómez');
      assert.deepEqual(await h(app)['retention/get']({ profileId: 'north' }), { keepDays: 30, keepReviewed: true }, 'retention stays the cache’s');
    }
    const file = prefsOf('ana');
    const cacheId = JSON.parse(cacheRows(dbPath).cacheId!) as string;
    assert.deepEqual(file.user, { 'ui.language': 'es', 'ui.gridColumns': OLD_COLUMNS, reviewer: 'Marta Gómez' });
    assert.deepEqual(file.caches, { [cacheId]: { 'ui.openSample': 7, activeProfile: 'south', autoSync: true, imported: true } });
    if (posix) assert.equal(statSync(join(dir, 'ana', 'preferences.json')).mode & 0o777, 0o600);
    assert.deepEqual(prefsOf('luis'), file);
    const after = cacheRows(dbPath);
    delete after.cacheId;
    assert.deepEqual(after, before, 'the old rows are left as they were, for a colleague still on an older version');

    // From now on each user's choices are their own, on the one cache.
    await h(ana)['settings/set']({ key: 'ui.language', value: 'en' });
    await h(ana)['settings/set']({ key: 'ui.gridColumns', value: [{ colId: 'status', width: 90 }] });
    await h(ana)['settings/set']({ key: 'reviewer', value: 'Ana Auditora' });
    await h(ana)['profiles/activate']({ profileId: 'north' });
    await h(ana)['sync/auto']({ profileId: 'north', enabled: false });
    await h(luis)['settings/set']({ key: 'ui.gridColumns', value: [{ colId: 'agent_name', pinned: 'left' }] });
    await h(luis)['settings/set']({ key: 'reviewer', value: 'Luis Revisor' });
    await h(luis)['settings/set']({ key: 'ui.openSample', value: null });
  } finally {
    await ana.close();
    await luis.close();
  }
  const rows = cacheRows(dbPath);
  delete rows.cacheId;
  assert.deepEqual(rows, before, 'no per-user choice was written to the cache');

  // An older version still writes its row on the shared cache: what the user chose since is not overridden.
  const db = new Database(dbPath);
  db.prepare("UPDATE settings SET value = ? WHERE key = 'ui'").run(JSON.stringify({ ...OLD_UI, reviewer: 'Someone Else', 'ui.language': 'es' }));
  db.close();

  const ana2 = await openAs('ana', dbPath);
  const luis2 = await openAs('luis', dbPath);
  try {
    assert.deepEqual(await h(ana2)['settings/get']({}), { 'ui.language': 'en', 'ui.gridColumns': [{ colId: 'status', width: 90 }], reviewer: 'Ana Auditora', 'ui.openSample': 7 });
    assert.deepEqual(await h(luis2)['settings/get']({}), { 'ui.language': 'es', 'ui.gridColumns': [{ colId: 'agent_name', pinned: 'left' }], reviewer: 'Luis Revisor', 'ui.openSample': null });
    assert.equal((await h(ana2)['profiles/list']({})).activeId, 'north');
    assert.equal((await h(luis2)['profiles/list']({})).activeId, 'south');
    assert.equal((await h(ana2)['sync/state']({})).autoSync, false);
    assert.equal((await h(luis2)['sync/state']({})).autoSync, true);
    assert.equal((await h(ana2)['reviewer/get']({})).signsAs, 'Ana Auditora');
    assert.equal((await h(luis2)['reviewer/get']({})).signsAs, 'Luis Revisor');
  } finally {
    await ana2.close();
    await luis2.close();
  }
});

test('a user with two caches: language, layout and name follow them; the active profile and the open sample stay with each cache', async () => {
  const first = join(dir, 'first.sqlite');
  const second = join(dir, 'second.sqlite');
  const one = await openAs('eva', first);
  try {
    const p = await h(one)['profiles/save']({ name: 'Uno', server: '0040', zone: 'America/Bogota' });
    await h(one)['profiles/save']({ name: 'Dos', server: '0041', zone: 'America/Bogota' });
    assert.equal((await h(one)['profiles/list']({})).activeId, p.id, 'the cache’s first profile is the active one');
    // Editing it moves it to the end of the cache's list: it stays the active one.
    await h(one)['profiles/save']({ id: p.id, name: 'Uno editado', server: '0040', zone: 'America/Lima' });
    assert.equal((await h(one)['profiles/list']({})).activeId, p.id);
    await h(one)['settings/set']({ key: 'ui.language', value: 'es' });
    await h(one)['settings/set']({ key: 'ui.openSample', value: 3 });
  } finally {
    await one.close();
  }
  assert.equal(cacheRows(first).activeProfile, undefined, 'a new cache never gets a per-user row');
  assert.equal(cacheRows(first).ui, undefined);

  const two = await openAs('eva', second);
  try {
    assert.deepEqual(await h(two)['settings/get']({}), { 'ui.language': 'es' }, 'no open sample of another cache');
    assert.equal((await h(two)['profiles/list']({})).activeId, null);
    const q = await h(two)['profiles/save']({ name: 'Tres', server: '0042', zone: 'America/Bogota' });
    assert.equal((await h(two)['profiles/list']({})).activeId, q.id);
  } finally {
    await two.close();
  }
  const again = await openAs('eva', first);
  try {
    assert.deepEqual(await h(again)['settings/get']({}), { 'ui.language': 'es', 'ui.openSample': 3 });
    const { profiles, activeId } = await h(again)['profiles/list']({});
    assert.equal(profiles.find((x) => x.id === activeId)?.name, 'Uno editado');
  } finally {
    await again.close();
  }
});
