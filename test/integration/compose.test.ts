import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { parseDateRange } from '../../src-main/core/time/date-input';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { tempDir } from '../helpers/temp-dir';

/** The composition root every entry point builds from (src-main/core/compose). */
const dir = tempDir('wolkvox-compose-');
const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);

test('the root takes WOLKVOX_TOKEN out of its environment once and touches nothing until asked', async () => {
  const env: NodeJS.ProcessEnv = { WOLKVOX_TOKEN: 'env-token-5b1', WOLKVOX_AUDIT_DATA_DIR: join(dir, 'lazy'), WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') };
  const reads: string[] = [];
  const secrets = new MemorySecretStore();
  const spy = { ...secrets, get: async (account: string) => (reads.push(account), secrets.get(account)), set: secrets.set.bind(secrets), delete: secrets.delete.bind(secrets) };
  const root = composeApp({ host: 'cli', env, secrets: spy });
  assert.equal(env.WOLKVOX_TOKEN, undefined, 'no child process can inherit it');
  assert.equal(root.paths.dbPath, join(dir, 'lazy', 'wolkvox-audit.sqlite'));
  assert.equal(root.paths.lockDir, join(dir, 'locks'));
  assert.equal(root.cacheExists(), false);
  assert.equal(existsSync(join(dir, 'lazy')), false, 'building the root creates no folder');
  assert.deepEqual(await root.tokens().status('0032'), { saved: true, source: 'environment' });
  assert.deepEqual(reads, [], 'the keychain is not read when the environment gives the token');
});

test("the CLI's dry-run plan is the service's sync/plan, on one cache", async () => {
  const now = Date.UTC(2026, 2, 1, 17);
  const zone = new ZoneConverter('America/Bogota');
  const env: NodeJS.ProcessEnv = { WOLKVOX_AUDIT_LOCK_DIR: join(dir, 'locks') };
  const root = composeApp({ host: 'browser', dataDir: join(dir, 'plan'), env, secrets: new MemorySecretStore(), now: () => now, log: () => {} });
  const service = await root.openService({ version: '0.0.0-test' });
  let fromService: unknown;
  try {
    const profile = await call<{ id: string }>(service, 'profiles/save', { name: 'Plan', server: '0032', zone: zone.zone, baseUrl: 'http://127.0.0.1:9' });
    fromService = await call(service, 'sync/plan', { profileId: profile.id, range: { from: '2026-01-01', to: '2026-02-28' } });
  } finally {
    await service.close();
  }
  const session = await root.openSync({ dryRun: true });
  try {
    const fromCli = await session.plan('0032', zone, { kind: 'range', ...parseDateRange('2026-01-01', '2026-02-28', zone) }, now);
    assert.deepEqual(fromCli, fromService);
    assert.equal(fromCli.windows, 2, 'two months: two windows');
  } finally {
    await session.close();
  }
});
