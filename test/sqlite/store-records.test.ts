import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src-main/core/errors';
import { getInteraction, getInteractionByUid, history } from '../../src-main/core/store/sqlite/reads/records';
import { ProfileRepo } from '../../src-main/core/service/profiles';
import { SettingsRepo } from '../../src-main/core/service/settings-repo';
import { getSetting, setSetting } from '../../src-main/core/store/sqlite/writes/settings';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { stats } from '../../src-main/core/store/sqlite/reads/stats';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import { ctx, NOW, openFresh, recordOf, SERVER, upsertBatch, ZONE } from '../integration/store-fixtures';

test('stats count by status, channel and agent, and report the last sync and today’s calls', () => {
  const { db } = openFresh();
  const log = createSyncLog(db);
  const runId = log.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: NOW - 1000, rangeEndUtc: NOW, startedAt: NOW });
  const records = [
    recordOf({ status: 'open', channel: 'Email', agent_name: 'Ana' }),
    recordOf({ status: 'close', channel: 'Email', agent_name: 'Ana' }),
    recordOf({ status: 'close', channel: 'instagram', agent_name: 'Luis' }),
  ];
  const call = { server: SERVER, windowStartUtc: NOW - 1000, windowEndUtc: NOW, startedAt: NOW, durationMs: 10, outcome: 'ok', rows: 3 };
  log.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc: NOW, call });
  log.finishRun(runId, 'done', NOW + 1);
  const s = stats(db, { now: NOW, zone: ZONE });
  assert.equal(s.total, 3);
  assert.deepEqual(s.byStatus, [{ value: 'close', count: 2 }, { value: 'open', count: 1 }]);
  assert.deepEqual(s.byChannel, [{ value: 'Email', count: 2 }, { value: 'instagram', count: 1 }]);
  assert.deepEqual(s.byAgent, [{ value: 'Ana', count: 2 }, { value: 'Luis', count: 1 }]);
  assert.equal(s.lastSync?.id, runId);
  assert.equal(s.lastSuccessfulSync?.status, 'done');
  assert.equal(s.callsToday, 1);
  db.close();
});

test('an interaction reads back whole, by id or uid; unknown ids give null', () => {
  const { db } = openFresh();
  const rec = recordOf({ body: 'x'.repeat(5000) }, { extra_field: 'kept' });
  upsertBatch(db, [rec], ctx);
  const uid = db.prepare('SELECT uid FROM interactions').pluck().get() as string;
  const byUid = getInteractionByUid(db, uid)!;
  assert.equal(byUid.body.length, 5000);
  assert.equal(byUid.raw, rec.raw);
  assert.equal(byUid.server, SERVER);
  assert.equal(byUid.zone, ZONE);
  assert.deepEqual(getInteraction(db, byUid.id), byUid);
  assert.equal(getInteraction(db, 12345), null);
  assert.equal(getInteractionByUid(db, 'nope'), null);
  assert.deepEqual(history(db, byUid.id), []);
  db.close();
});

test('settings keep no token; connection profiles are JSON in settings, saved, updated and validated', async () => {
  const { db, path } = openFresh();
  setSetting(db, 'ui.language', 'es');
  assert.equal(getSetting(db, 'ui.language'), 'es');
  setSetting(db, 'ui.language', null);
  assert.equal(getSetting(db, 'ui.language'), null);
  assert.throws(() => setSetting(db, 'wolkvoxToken', 'secret'), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');

  const store = await openSqliteStore({ dbPath: path, readers: 'on-demand' });
  try {
    const profiles = new ProfileRepo(new SettingsRepo(store));
    const north = await profiles.save({ server: '0032', name: 'Operación Norte', zone: 'America/Bogota' });
    await profiles.save({ id: north.id, server: '0032', name: 'Operación Norte', zone: 'America/Lima' });
    const help = await profiles.save({ server: '0102', name: 'Ayuda', zone: 'America/Bogota' });
    assert.deepEqual(await profiles.get(north.id), { id: north.id, server: '0032', name: 'Operación Norte', zone: 'America/Lima' });
    assert.deepEqual((await profiles.list()).map((p) => p.server).sort(), ['0032', '0102']);
    assert.equal(getSetting(db, 'activeProfile'), null, "the active profile is each user's choice (their preferences), not the cache's");
    assert.deepEqual(JSON.parse(getSetting(db, 'profiles')!).map((p: { id: string }) => p.id).sort(), [north.id, help.id].sort());
    await assert.rejects(profiles.save({ server: 'x', name: 'x', zone: 'Mars/Olympus' }), (e: unknown) => e instanceof AppError && e.kind === 'bad-input');
    assert.equal((await profiles.list()).length, 2);
  } finally {
    await store.close();
    db.close();
  }
});
