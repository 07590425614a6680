/**
 * An auditor's app service on a team cache for the offline tests: composed as the app composes it (the
 * switching service, this computer's SQLite cache in a temporary folder), joined to the team cache through a
 * TCP proxy the test can cut, with the offline/status it reports.
 */
import assert from 'node:assert/strict';
import type { OfflineStatus, TeamStatus } from '../../src-main/core/api/contract';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/types';
import type { OpenStore } from '../../src-main/core/store/backend';
import { call } from './e2e-app';
import type { OfflineTeam, TeamUser } from './offline-team';
import type { PostgresServer } from './postgres-server';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { tempDir } from './temp-dir';

export interface OnTeamOptions {
  user?: TeamUser;
  /** Added to every packet each way by the proxy. */
  delayMs?: number;
  openStore?: OpenStore;
  downloadsDir?: string;
}

/** The service of `user` (Ana by default) using the team cache through a proxy; both closed after the test. */
export async function auditorOnTeam(
  t: { after(fn: () => Promise<void>): void },
  server: PostgresServer,
  team: OfflineTeam,
  options: OnTeamOptions = {},
): Promise<{ service: AppService; proxy: TcpProxy }> {
  const user = options.user ?? 'ana';
  const proxy = await startTcpProxy({ targetPort: server.port, delayMs: options.delayMs ?? 0 });
  const service = await composeApp({ host: 'browser', dataDir: tempDir(), secrets: new MemorySecretStore(), env: {}, log: () => {}, openStore: options.openStore }).openService({
    version: '0.0.0-test',
    downloadsDir: options.downloadsDir,
  });
  t.after(async () => {
    await service.close();
    await proxy.close();
  });
  await call(service, 'team/save', { host: '127.0.0.1', port: proxy.port, database: team.database, user, tls: 'disable' });
  await call(service, 'team/password', { password: team.passwords[user] });
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  return { service, proxy };
}

/** The first offline/status (the one now, or a later event) that `wanted` accepts. */
export function offlineStatus(service: AppService, wanted: (s: OfflineStatus) => boolean): Promise<OfflineStatus> {
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

/** Nothing waits, no push runs, and one has run. */
export const settled = (s: OfflineStatus) => !s.pushing && s.pending === 0 && s.lastPush !== null;
