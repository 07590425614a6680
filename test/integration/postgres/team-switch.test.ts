// Moving the app between this computer's cache and a team cache (compose/team/switching-service.ts), on a
// real PostgreSQL server filled by the sync side of the store: the same service object answers from the
// other cache after team/use and team/leave, the choice persists in the user's preferences and is opened at
// the next start, the sync area shows the sync host's last run and today's calls while this app starts no
// sync and keeps auto-sync off, and a team cache lost while in use raises a 'team/status' event with its
// reason (and a failed switch leaves the app where it was).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { EventName, SyncState, TeamStatus } from '../../../src-main/core/api/contract';
import { composeApp } from '../../../src-main/core/compose/index';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { AppService } from '../../../src-main/core/service/types';
import { call } from '../../helpers/e2e-app';
import { startPostgres } from '../../helpers/postgres-server';
import { fillTeamCache } from '../../helpers/team-cache';
import { startTcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-dir';

const server = await startPostgres();
const team = await fillTeamCache(server, 12);

function open(dataDir: string, secrets: MemorySecretStore): Promise<AppService> {
  return composeApp({ host: 'browser', dataDir, secrets, env: {}, log: () => {} }).openService({ version: '0.0.0-test' });
}
const count = async (service: AppService) => (await call<{ total: number }>(service, 'interactions/count', { filter: {} })).total;
const teamFields = { host: '127.0.0.1', port: server.port, database: team.database, user: server.user, tls: 'disable' as const };

test('use and leave: the same service answers from the other cache; the choice is kept and opened at the next start', async (t) => {
  const dataDir = tempDir();
  const secrets = new MemorySecretStore();
  const service = await open(dataDir, secrets);
  let closed = false;
  t.after(() => (closed ? undefined : service.close()));
  const events: EventName[] = [];
  service.subscribe((e) => events.push(e));
  assert.equal(await count(service), 0);

  await call(service, 'team/save', teamFields);
  await call(service, 'team/password', { password: server.password });
  const used = await call<TeamStatus>(service, 'team/use', {});
  assert.equal(used.using, 'team');
  assert.equal(used.chosen, true);
  assert.equal(used.problem, null);
  assert.ok(events.includes('team/status'));
  assert.equal(await count(service), team.rows, 'the team cache\'s rows, filled by the sync host');
  const page = await call<{ rows: { agent_name: string }[] }>(service, 'interactions/page', { filter: {}, offset: 0, limit: 50 });
  assert.deepEqual([...new Set(page.rows.map((r) => r.agent_name))].sort(), [...team.agents].sort());

  // The sync host syncs: its last run and the calls spent today, no sync from here, auto-sync off.
  const state = await call<SyncState>(service, 'sync/state', {});
  assert.equal(state.lastRun?.status, 'done');
  assert.equal(state.lastRun?.rows, team.rows);
  assert.equal(state.callsToday, 1);
  assert.equal(state.autoSync, false);
  const profile = await call<{ id: string }>(service, 'profiles/save', { name: 'Equipo', server: '0032', zone: 'America/Bogota' });
  await assert.rejects(call(service, 'sync/start', { profileId: profile.id, range: { preset: 'today' } }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /sync host/.test(e.message));
  await assert.rejects(call(service, 'sync/auto', { profileId: profile.id, enabled: true }), (e: Error & { kind?: string }) => e.kind === 'bad-input');

  const prefs = JSON.parse(readFileSync(join(dataDir, 'preferences.json'), 'utf8')) as { user: { team: { use: boolean } } };
  assert.equal(prefs.user.team.use, true);
  await service.close();
  closed = true;

  // The next start opens the team cache, as chosen.
  const again = await open(dataDir, secrets);
  t.after(() => again.close());
  assert.equal((await call<TeamStatus>(again, 'team/status', {})).using, 'team');
  assert.equal(await count(again), team.rows);
  const left = await call<TeamStatus>(again, 'team/leave', {});
  assert.equal(left.using, 'local');
  assert.equal(left.chosen, false);
  assert.equal(await count(again), 0, 'this computer\'s cache again');
});

test('a wrong password leaves the app on its cache with the reason; a team cache lost while in use is announced, and found again', async (t) => {
  const proxy = await startTcpProxy({ targetPort: server.port });
  const service = await open(tempDir(), new MemorySecretStore());
  t.after(async () => {
    await service.close();
    await proxy.close();
  });
  await call(service, 'team/save', { ...teamFields, port: proxy.port });
  await call(service, 'team/password', { password: 'wrong' });
  const refused = await call<TeamStatus>(service, 'team/use', {});
  assert.equal(refused.using, 'local');
  assert.equal(refused.problem?.reason, 'auth');
  assert.equal(await count(service), 0);

  await call(service, 'team/password', { password: server.password });
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  const nextStatus = () =>
    new Promise<TeamStatus>((resolve) => {
      const off = service.subscribe((e, p) => {
        if (e !== 'team/status') return;
        off();
        resolve(p as TeamStatus);
      });
    });

  // The network goes: every connection dropped, new ones refused.
  proxy.setOffline(true);
  const lostEvent = nextStatus();
  await assert.rejects(count(service), (e: Error & { kind?: string }) => e.kind === 'network');
  const lost = await lostEvent;
  assert.equal(lost?.using, 'team');
  assert.equal(lost?.problem?.reason, 'unreachable');

  proxy.setOffline(false);
  const backEvent = nextStatus();
  assert.equal(await count(service), team.rows);
  assert.equal((await backEvent).problem, null, 'and the return');
});
