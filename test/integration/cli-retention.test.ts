import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Profile } from '../../src-main/core/api/contract';
import { composeApp } from '../../src-main/core/compose/index';
import { MemorySecretStore } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { ZoneConverter } from '../../src-main/core/time/zone';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';
import { PASSING_SCORES } from '../helpers/review-scores';

/**
 * A scheduled `sync` from the command line ends as a sync in the app does: the retention a profile saved
 * in the cache is applied after it, reviewed rows kept when the profile says so. The CLI runs in its own
 * process on the real clock; the profile and its retention are saved through the application service
 * built by the same composition root.
 */
const TOKEN = 'cli-retention-token-3e9a';
const DAY = 86_400_000;
const bogota = new ZoneConverter('America/Bogota');
const dataDir = join(tempDir('wolkvox-cli-retention-'), 'data');
const env = { WOLKVOX_AUDIT_DATA_DIR: dataDir, WOLKVOX_TOKEN: TOKEN };
let sim: Simulator;

/** The local date `days` days from today, as --from/--to take it. */
const dayAgo = (days: number) => bogota.format(Date.now() - days * DAY).slice(0, 10);
const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);

/** Rows of the cache created more than `days` days (and a minute, the CLI's clock ran first) ago. */
function olderThan(days: number): number {
  const db = openDatabase(join(dataDir, 'wolkvox-audit.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM interactions WHERE coalesce(created_utc, first_synced_at) < ?').pluck().get(Date.now() - days * DAY - 60_000) as number;
  } finally {
    db.close();
  }
}

before(async () => {
  // The default data set: the 28 days before today.
  sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 100_000, dataset: { rowsPerDay: 40 } });
});
after(() => sim.stop());

test('a CLI sync applies the retention saved in the cache, as the app does after every sync', async () => {
  const sync = (from: string, to: string) => runCliProcess(['sync', '--server', '0032', '--base-url', sim.url, '--from', from, '--to', to, '--json'], env);
  const first = await sync(dayAgo(20), dayAgo(1));
  assert.equal(first.code, 0, first.stderr);
  const oldBefore = olderThan(10);
  assert.ok(oldBefore > 1, `no retention yet: ${oldBefore} rows older than 10 days are kept`);
  assert.doesNotMatch(first.stderr, /retention/);

  // The app saves a profile on that server, keeping 10 days and reviewed rows; one old row is reviewed.
  const root = composeApp({ host: 'browser', dataDir, env: {}, secrets: new MemorySecretStore(), log: () => {} });
  const service = await root.openService({ version: '0.0.0-test' });
  let reviewed: string;
  try {
    const profile = await call<Profile>(service, 'profiles/save', { name: 'Programada', server: '0032', zone: 'America/Bogota', baseUrl: sim.url });
    await call(service, 'retention/set', { profileId: profile.id, keepDays: 10, keepReviewed: true });
    const old = await call<{ rows: { uid: string }[] }>(service, 'interactions/page', { filter: { toUtc: Date.now() - 12 * DAY }, offset: 0, limit: 1 });
    reviewed = old.rows[0]!.uid;
    await call(service, 'reviews/save', { uid: reviewed, scores: PASSING_SCORES });
  } finally {
    await service.close();
  }
  const recentBefore = olderThan(-1) - olderThan(9);

  const second = await sync(dayAgo(1), dayAgo(1));
  assert.equal(second.code, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).status, 'done');
  assert.match(second.stderr, /retention: removed \d+ interaction\(s\) of server 0032 older than 10 day\(s\)/);
  assert.equal(olderThan(10), 1, 'only the reviewed old row stays');
  const db = openDatabase(join(dataDir, 'wolkvox-audit.sqlite'), { readonly: true });
  const kept = db.prepare('SELECT count(*) FROM interactions WHERE uid = ?').pluck().get(reviewed);
  db.close();
  assert.equal(kept, 1, 'the reviewed row is the one kept');
  assert.ok(olderThan(-1) - olderThan(9) >= recentBefore, 'rows of the last 9 days all stay');
});
