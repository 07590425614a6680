import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Profile, RemovalPlan, Retention, SyncRun } from '../../src-main/core/api/contract';
import { MemorySecretStore, tokenAccount } from '../../src-main/core/secrets/secret-store';
import type { AppService } from '../../src-main/core/service/index';
import { openAppService } from '../helpers/open-service';
import { runCli } from '../../src-main/cli/main';
import { resolvePaths } from '../../src-main/core/paths';
import { openDatabase } from '../../src-main/core/store/sqlite/connection/database';
import { planPurge } from '../../src-main/core/store/sqlite/writes/retention';
import { serviceOrigin } from '../../src-main/core/wolkvox/service-address';
import { startSimulator, type Simulator } from '../../src-main/sim/server';
import { runCliProcess } from '../helpers/cli-run';
import { tempDir } from '../helpers/temp-dir';
import { A, B, DAY, NOW, seed, snapshot } from '../sqlite/retention-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';

/**
 * Retention through the real application service (simulator, SQLite, writer worker): applied after each
 * sync, before the UI hears it ended; a later incremental sync does not bring the removed rows back;
 * removing a profile counts first, then deletes its rows, reviews and keychain entry, unless another
 * profile shares its server. And the CLI's purge, in its own process, on a real file.
 */
const TOKEN = 'retention-secret-token-77a1';
const call = <T>(service: AppService, channel: string, args: unknown): Promise<T> =>
  (service.handlers as unknown as Record<string, (a: unknown) => Promise<T>>)[channel]!(args);

function finished(service: AppService): Promise<SyncRun> {
  return new Promise((resolve) => {
    const off = service.subscribe((event, payload) => {
      if (event === 'sync/finished') {
        off();
        resolve((payload as { run: SyncRun }).run);
      }
    });
  });
}

async function sync(service: AppService, profileId: string, range: unknown): Promise<SyncRun> {
  const done = finished(service);
  await call(service, 'sync/start', { profileId, range });
  return done;
}

describe('retention in the application service', () => {
  const dataDir = tempDir('wolkvox-retention-service-');
  const secrets = new MemorySecretStore();
  let sim: Simulator;
  let service: AppService;
  let profile: Profile;
  const olderThan = (days: number) => ({ filter: { toUtc: Date.now() - days * DAY } });
  const count = async (args: unknown) => (await call<{ total: number }>(service, 'interactions/count', args)).total;

  before(async () => {
    sim = await startSimulator({ tokens: [TOKEN], quotaPerDay: 10_000, dataset: { rowsPerDay: 24 } });
    service = await openAppService({ dataDir, secrets, host: 'browser', version: '0.0.0-test', env: {}, log: () => {} });
    profile = await call<Profile>(service, 'profiles/save', { name: 'Operación', server: 'demo', zone: 'America/Bogota', baseUrl: sim.url });
    await call(service, 'token/set', { profileId: profile.id, token: TOKEN });
  });
  after(async () => {
    await service?.close();
    await sim?.stop();
  });

  test('no retention by default: a sync keeps everything it fetched', async () => {
    assert.deepEqual(await call<Retention>(service, 'retention/get', { profileId: profile.id }), { keepDays: null, keepReviewed: true });
    const run = await sync(service, profile.id, { preset: 'last30' });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    assert.ok((await count(olderThan(10))) > 100, 'rows older than 10 days are kept');
  });

  test('after a sync, rows older than the kept days go, except reviewed ones when kept', async () => {
    const old = await call<{ rows: { uid: string }[] }>(service, 'interactions/page', { ...olderThan(12), offset: 0, limit: 3 });
    const [reviewed, inReview, plain] = old.rows.map((r) => r.uid);
    await call(service, 'reviews/save', { uid: reviewed, scores: PASSING_SCORES });
    await call(service, 'reviews/save', { uid: inReview, note: 'mirando' });
    const recentBefore = await count({ filter: { fromUtc: Date.now() - 9 * DAY } });
    await call(service, 'retention/set', { profileId: profile.id, keepDays: 10, keepReviewed: true });

    const run = await sync(service, profile.id, { incremental: true });
    assert.equal(run.status, 'done', JSON.stringify(run.error));
    // sync/finished came after retention: the count is final when the UI hears of the end.
    assert.equal(await count(olderThan(10)), 2, 'only the two reviewed old rows stay');
    assert.equal(await count({ filter: { fromUtc: Date.now() - 9 * DAY } }) >= recentBefore, true, 'recent rows all stay');
    const page = await call<{ rows: { uid: string; reviewStatus: string }[] }>(service, 'interactions/page', { ...olderThan(10), offset: 0, limit: 10 });
    assert.deepEqual(page.rows.map((r) => r.uid).sort(), [reviewed, inReview].sort());
    assert.ok(plain);

    // A later incremental sync goes on from its checkpoint: what retention removed is not fetched again.
    const again = await sync(service, profile.id, { incremental: true });
    assert.equal(again.status, 'done');
    assert.equal(await count(olderThan(10)), 2);

    // Reviewed rows not kept: they go too, with their reviews.
    await call(service, 'retention/set', { profileId: profile.id, keepDays: 10, keepReviewed: false });
    await sync(service, profile.id, { incremental: true });
    assert.equal(await count(olderThan(10)), 0);
    const file = openDatabase(resolvePaths({ dataDir, env: {} }).dbPath, { readonly: true });
    const reviewsLeft = file.prepare('SELECT count(*) FROM reviews WHERE interaction_uid IN (?, ?)').pluck().get(reviewed, inReview);
    file.close();
    assert.equal(reviewsLeft, 0, 'their reviews went with them');
  });

  test('removing a profile: counted first, then its rows, reviews and keychain entry; a shared server keeps them', async () => {
    const twin = await call<Profile>(service, 'profiles/save', { name: 'Otra vista', server: 'demo', zone: 'America/Bogota', baseUrl: sim.url });
    const shared = await call<RemovalPlan>(service, 'profiles/removal-plan', { profileId: twin.id });
    assert.deepEqual(shared.sharedWith, ['Operación']);
    assert.equal(shared.interactions, 0);
    const total = await count({ filter: {} });
    await call(service, 'profiles/remove', { profileId: twin.id });
    assert.equal(await count({ filter: {} }), total, 'the other profile\'s rows stay');
    const account = tokenAccount('demo', serviceOrigin('demo', sim.url));
    assert.equal(await secrets.get(account), TOKEN, 'and its token');

    const uid = (await call<{ rows: { uid: string }[] }>(service, 'interactions/page', { filter: {}, offset: 0, limit: 1 })).rows[0]!.uid;
    await call(service, 'reviews/save', { uid, scores: FAILING_SCORES });
    const plan = await call<RemovalPlan>(service, 'profiles/removal-plan', { profileId: profile.id });
    assert.equal(plan.interactions, total);
    assert.equal(plan.reviews, 1);
    assert.equal(plan.token, true);
    assert.ok(plan.syncRuns >= 3);
    assert.equal(await count({ filter: {} }), total, 'the plan removed nothing');
    const removed = await call<RemovalPlan>(service, 'profiles/remove', { profileId: profile.id });
    assert.deepEqual(removed, plan);
    assert.equal(await count({ filter: {} }), 0);
    assert.equal(await secrets.get(account), null, 'keychain entry gone');
    assert.deepEqual((await call<{ profiles: Profile[] }>(service, 'profiles/list', {})).profiles, []);
    assert.deepEqual(await call<unknown[]>(service, 'sync/history', { limit: 50 }), [], 'its sync runs are gone');
  });
});

describe('purge from the command line', () => {
  test('prints what it removed, removes exactly that, and refuses bad input with exit 2', async () => {
    const dir = tempDir('wolkvox-purge-cli-');
    const dbPath = join(dir, 'cache.db');
    const db = openDatabase(dbPath, { now: () => NOW });
    seed(db);
    const before = snapshot(db);
    // Whole days from now back to just past 30 days before the fixtures' NOW.
    const days = Math.floor((Date.now() - (NOW - 30 * DAY)) / DAY);
    const cutoff = Date.now() - days * DAY;
    const plan = planPurge(db, { server: A, beforeUtc: cutoff, keepReviewed: true });
    db.close();
    const env = { WOLKVOX_AUDIT_DATA_DIR: dir };

    const r = await runCliProcess(['purge', '--server', A, '--older-than', String(days), '--keep-reviewed', '--db', dbPath, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { server: string; olderThanDays: number; keepReviewed: boolean; removed: typeof plan };
    assert.equal(out.server, A);
    assert.equal(out.keepReviewed, true);
    assert.deepEqual(out.removed, plan);
    assert.equal(plan.interactions, 3);

    const check = openDatabase(dbPath, { readonly: true });
    const after = snapshot(check);
    check.close();
    assert.equal(after.interactions.length, before.interactions.length - 3);
    assert.deepEqual(after.interactions.filter((i) => i.server === B), before.interactions.filter((i) => i.server === B));
    assert.deepEqual(after.syncRuns, before.syncRuns);

    const text = await runCliProcess(['purge', '--server', A, '--older-than', String(days), '--db', dbPath], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /interactions\s+2\n\s+reviews\s+2\n\s+history rows\s+\d+\n/);

    // Bad input, through the same command table in this process (the two runs above were the real process).
    for (const args of [
      ['purge', '--server', A, '--db', dbPath],
      ['purge', '--server', A, '--older-than', '0', '--db', dbPath],
      ['purge', '--server', A, '--older-than', 'ten', '--db', dbPath],
      ['purge', '--server', 'bad.server', '--older-than', '5', '--db', dbPath],
      ['purge', '--older-than', '5', '--db', dbPath],
      ['purge', '--server', A, '--older-than', '5', '--db', dbPath, '--everything'],
      ['purge', '--server', A, '--older-than', '5', '--db', join(dir, 'missing.db')],
    ]) {
      const stderr = new PassThrough();
      let said = '';
      stderr.on('data', (d: Buffer) => (said += d.toString()));
      const code = await runCli(args, { io: { stdin: Readable.from([]), stdout: new PassThrough(), stderr, env } });
      assert.equal(code, 2, `${args.join(' ')}: ${said}`);
      assert.match(said, /Error \(bad-input\)/);
    }
    const unchanged = openDatabase(dbPath, { readonly: true });
    assert.equal(snapshot(unchanged).interactions.length, before.interactions.length - 5, 'refused runs removed nothing');
    unchanged.close();
  });
});
