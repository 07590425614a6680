// An auditor's own work never becomes a conflict with herself nor is lost (issue 19, point 6, review
// findings): a save kept on this computer over her own online save, a push whose answer was lost followed by
// another edit here, a kept save met again on the team cache's review panel, and a switch of caches in the
// middle of a push. A real team cache (PostgreSQL) through a TCP proxy, this computer's real SQLite cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OfflineStatus, TeamStatus } from '../../../src-main/core/api/contract';
import { composeApp } from '../../../src-main/core/compose/index';
import { MemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import type { AppService } from '../../../src-main/core/service/types';
import { call } from '../../helpers/e2e-app';
import { makeOfflineTeam } from '../../helpers/offline-team';
import { startPostgres } from '../../helpers/postgres-server';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { tempDir } from '../../helpers/temp-dir';

const server = await startPostgres();
const team = await makeOfflineTeam(server);

async function anaOnTeam(t: { after(fn: () => Promise<void>): void }, delayMs = 0): Promise<{ service: AppService; proxy: TcpProxy }> {
  const proxy = await startTcpProxy({ targetPort: server.port, delayMs });
  const service = await composeApp({ host: 'browser', dataDir: tempDir(), secrets: new MemorySecretStore(), env: {}, log: () => {} }).openService({ version: '0.0.0-test' });
  t.after(async () => {
    await service.close();
    await proxy.close();
  });
  await call(service, 'team/save', { host: '127.0.0.1', port: proxy.port, database: team.database, user: 'ana', tls: 'disable' });
  await call(service, 'team/password', { password: team.passwords.ana });
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  return { service, proxy };
}

/** The first offline/status (the one now, or a later event) that `wanted` accepts. */
function offlineStatus(service: AppService, wanted: (s: OfflineStatus) => boolean): Promise<OfflineStatus> {
  return new Promise((resolve, reject) => {
    const off = service.subscribe((event, payload) => {
      if (event === 'offline/status' && wanted(payload as OfflineStatus)) {
        off();
        resolve(payload as OfflineStatus);
      }
    });
    call<OfflineStatus>(service, 'offline/status', {}).then((now) => {
      if (wanted(now)) {
        off();
        resolve(now);
      }
    }, reject);
  });
}
const settled = (s: OfflineStatus) => !s.pushing && s.pending === 0 && s.lastPush !== null;

type Saved = { keptLocally?: boolean; scores: Record<string, unknown>; note: string; version: number };

test('a save kept on this computer over her own online save of an interaction taken offline: made on what she saw, sent without a conflict', async (t) => {
  const { service, proxy } = await anaOnTeam(t);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const uid = team.parts.ana[1]!;
  await call(service, 'offline/take', { kind: 'assignment', sampleId: team.sampleId });
  assert.equal((await call<{ review: unknown }>(service, 'reviews/get', { uid })).review, null);
  const online = await call<Saved>(service, 'reviews/save', { uid, scores: PASSING_SCORES, note: 'en línea', baseVersion: 0 });
  assert.equal(online.version, 1);

  proxy.setOffline(true);
  const kept = await call<Saved>(service, 'reviews/save', { uid, note: 'en línea, luego sin red', baseVersion: 1 });
  assert.equal(kept.keptLocally, true);
  assert.deepEqual(kept.scores, PASSING_SCORES, 'the scores she saved online are in the review kept here');
  assert.equal(kept.version, 2);

  proxy.setOffline(false);
  const sent = offlineStatus(service, (s) => settled(s) && s.lastPush?.result.pushed === 1);
  await call(service, 'interactions/count', { filter: {} }).catch(() => call(service, 'interactions/count', { filter: {} }));
  const status = await sent;
  assert.deepEqual(status.conflicts, []);
  const review = (await lia.getReview(uid))!;
  assert.deepEqual([review.note, review.version, review.reviewer], ['en línea, luego sin red', 2, 'ana']);
  assert.deepEqual(review.scores, PASSING_SCORES);
});
