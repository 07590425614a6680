import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BrokenCache, Profile } from '../../src-main/core/api/contract';
import { brokenStamp } from '../../src-main/core/store/sqlite/recovery/cache-recovery';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openAppService } from '../helpers/open-service';
import { DB_FILE_NAME } from '../../src-main/core/paths';
import { tempDir } from '../helpers/temp-dir';

/**
 * Caches moved aside (named as cache-recovery.ts names them, real files beside the cache) are listed with
 * their age, removed by id with their journal files, and removed by retention once older than the longest
 * period the profiles keep; the renderer never names a path.
 */
const DAY = 86_400_000;
const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);
const open = (dataDir: string) => openAppService({ dataDir, secrets: new MemorySecretStore(), host: 'browser', version: '0.0.0-test', env: {}, log: () => {} });

/** A moved-aside cache `days` old, with a -wal beside it; returns its id. */
function movedAside(dataDir: string, days: number): string {
  const id = brokenStamp(new Date(Date.now() - days * DAY));
  const base = join(dataDir, `${DB_FILE_NAME}.broken-${id}`);
  writeFileSync(base, Buffer.alloc(3 * 1024 * 1024, 1));
  writeFileSync(`${base}-wal`, 'zqx customer text');
  return id;
}

test('moved-aside caches: listed with their age, removed by id, and by retention once too old', async () => {
  const dataDir = tempDir('wolkvox-broken-caches-');
  let service = await open(dataDir);
  const profile = await call<Profile>(service, 'profiles/save', { name: 'Operación', server: '0032', zone: 'America/Bogota' });
  const old = movedAside(dataDir, 40);
  const recent = movedAside(dataDir, 2);
  const other = movedAside(dataDir, 5);
  writeFileSync(join(dataDir, 'notes.broken-20260101-101010'), 'not ours'); // another file's name: never listed

  const listed = (await call<{ caches: BrokenCache[] }>(service, 'retention/broken-caches', {})).caches;
  assert.deepEqual(listed.map((c) => c.id), [old, other, recent], 'oldest first');
  assert.equal(listed[0]!.name, `${DB_FILE_NAME}.broken-${old}`);
  assert.ok(Math.abs(Date.now() - 40 * DAY - listed[0]!.movedAt) < 2000, 'its age is when it was moved aside');
  assert.equal(listed[0]!.bytes, 3 * 1024 * 1024 + 'zqx customer text'.length, 'the database and its journal');

  // Removed by id, with its journal; an id that names nothing is refused.
  const after = await call<{ caches: BrokenCache[] }>(service, 'retention/remove-broken-cache', { id: other });
  assert.deepEqual(after.caches.map((c) => c.id), [old, recent]);
  assert.equal(existsSync(join(dataDir, `${DB_FILE_NAME}.broken-${other}-wal`)), false);
  await assert.rejects(call(service, 'retention/remove-broken-cache', { id: other }), /no longer there/);

  // Retention: none go while a profile keeps everything; with 30 days kept, the 40-day-old one goes at start.
  await service.close();
  service = await open(dataDir);
  assert.equal((await call<{ caches: BrokenCache[] }>(service, 'retention/broken-caches', {})).caches.length, 2);
  await call(service, 'retention/set', { profileId: profile.id, keepDays: 30, keepReviewed: true });
  await service.close();
  service = await open(dataDir);
  try {
    assert.deepEqual((await call<{ caches: BrokenCache[] }>(service, 'retention/broken-caches', {})).caches.map((c) => c.id), [recent]);
    assert.deepEqual(readdirSync(dataDir).filter((n) => n.includes(old)), [], 'its files are gone');
    assert.ok(existsSync(join(dataDir, 'notes.broken-20260101-101010')), 'a file not ours stays');
  } finally {
    await service.close();
  }
});
