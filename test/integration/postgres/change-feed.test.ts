// The team cache's change feed on a real server, beyond the contract (test/contract/change-feed.test.ts):
// an app's store listens from its opening, a command's only while someone listens; a writer without a writer id (an administrator
// in psql) is another writer; a statement that changed no row of a small table is no change; and when the listening connection is
// killed (pg_terminate_backend, as a server restart does), the feed reconnects, reports every kind once,
// and what another store writes afterwards is still reported; and an auditor, with the rights `team init`
// gives, hears the lead's commits; a notice's text is trusted in nothing (any login may send one). Notices are waited for, never timed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { CHANGE_KINDS, type Store, type StoreChange } from '../../../src-main/core/store/store';
import { openTeamAdmin } from '../../../src-main/core/compose/team-admin';
import { FEED_APPLICATION_NAME } from '../../../src-main/core/store/postgres/feed/change-feed';
import { CHANGE_CHANNEL } from '../../../src-main/core/store/postgres/migrations-change-feed';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import { listenToChanges } from '../../helpers/change-listener';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore, pgConfigOf } from '../../helpers/postgres-store';
import { NOW, recordOf } from '../store-fixtures';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { syncRecords } from '../../contract/sync-helpers';

const server = await startPostgres();
const kindsOf = (changes: readonly StoreChange[]) => [...new Set(changes.flatMap((c) => c.kinds))].sort();
// One server hosts one team (team init refuses a second team database on it).
const teamServer = await startPostgres();

/** Two stores on one new database: two writers of the same data. */
async function withTwoStores(body: (a: Store, b: Store, database: string) => Promise<void>): Promise<void> {
  const database = server.createDatabase('feed');
  const a = await openPgStore(server, database, () => NOW);
  // The other writer does not listen (a one-shot command's store): the feed connections on the database are a's.
  const b = await openPostgresStore({ config: pgConfigOf(server, database), now: () => NOW, use: 'command' });
  try {
    await body(a, b, database);
  } finally {
    await a.close();
    await b.close();
  }
}

/**
 * The feed's connections on `database`, as the server sees them, in a state: 'any'; 'listening', the LISTEN
 * in force and nothing run after it (a reconnection); 'settled', the figures read after the LISTEN too (a
 * first connection: what it reports of the moment before its LISTEN is decided).
 */
type FeedState = 'any' | 'listening' | 'settled' | 'ready';
const STATES: Record<FeedState, string> = {
  any: '',
  listening: " AND state = 'idle' AND query LIKE 'LISTEN%'",
  settled: " AND state = 'idle' AND query LIKE 'SELECT%'",
  // Either: an app's store listens from its opening and has nothing to catch up (nothing after its LISTEN).
  ready: " AND state = 'idle' AND (query LIKE 'LISTEN%' OR query LIKE 'SELECT%')",
};
const feedBackends = (database: string, state: FeedState = 'any', on = server): string[] =>
  on
    .psql(`SELECT pid FROM pg_stat_activity WHERE datname = '${database}' AND application_name = '${FEED_APPLICATION_NAME}'${STATES[state]}`)
    .split('\n')
    .filter(Boolean);

/** Waits (on the server's word, no timer) until the feed's connections on `database` in `state` number `count`. */
async function untilFeedBackends(database: string, count: number, state: FeedState = 'any', on = server): Promise<string[]> {
  for (;;) {
    const pids = feedBackends(database, state, on);
    if (pids.length === count) return pids;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
/** Waits until at least `count` feed connections on `database` listen with nothing left to do. */
async function untilListening(database: string, on = server, count = 1): Promise<string[]> {
  for (;;) {
    const pids = feedBackends(database, 'ready', on);
    if (pids.length >= count) return pids;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test("an app's store listens from its opening to its close; a command's store only while someone listens", async () => {
  const database = server.createDatabase('feed');
  const app = await openPgStore(server, database, () => NOW);
  assert.equal(feedBackends(database).length, 1, 'the app store listens as soon as it is open: no commit after that is missed');
  const command = await openPostgresStore({ config: pgConfigOf(server, database), now: () => NOW, use: 'command' });
  try {
    assert.equal(feedBackends(database).length, 1, 'a command store opens no listening connection while no one listens');
    const first = listenToChanges((l) => command.changes(l));
    const second = listenToChanges((l) => command.changes(l));
    await untilFeedBackends(database, 2);
    const both = Promise.all([first.until('settings'), second.until('settings')]);
    await app.setSetting('k', '1');
    await both;
    assert.equal(feedBackends(database).length, 2, 'one connection for every listener of a store');
    first.stop();
    second.stop();
    await untilFeedBackends(database, 1);
  } finally {
    await command.close();
  }
  await app.close();
  assert.deepEqual(feedBackends(database), [], 'closed with the store');
});

test('a writer without a writer id (an administrator in psql) is another writer', async () => {
  await withTwoStores(async (a, _b, database) => {
    const feed = listenToChanges((l) => a.changes(l));
    await untilListening(database);
    const next = feed.next();
    server.psql("INSERT INTO wolkvox.settings (key, value) VALUES ('from-psql', '1')", database);
    assert.deepEqual((await next).kinds, ['settings']);
    feed.stop();
  });
});

test("a notice is a hint, trusted in nothing it says: another session's notice worded as this store's own is heard; an unknown kind is ignored", async () => {
  await withTwoStores(async (a, b, database) => {
    // The exact text of a's own notices, as any login on the channel hears it…
    const other = new pg.Client({ host: server.host, port: server.port, database, user: server.user, password: server.password });
    await other.connect();
    try {
      await other.query(`LISTEN ${CHANGE_CHANNEL}`);
      const heard = new Promise<string>((resolve) => other.once('notification', (m) => resolve(m.payload ?? '')));
      await a.setSetting('mine', '1');
      const own = await heard;
      assert.match(own, /^settings/);
      const feed = listenToChanges((l) => a.changes(l));
      await untilListening(database);
      // …sent by another session, with garbage beside it: a's feed hears the one of a kind it knows, as another's.
      await other.query("SELECT pg_notify($1, $2), pg_notify($1, 'no-such-kind'), pg_notify($1, '')", [CHANGE_CHANNEL, own.replace(/^settings/, 'reviews')]);
      await b.setSetting('after', '1');
      assert.deepEqual(kindsOf(await feed.until('settings')), ['reviews', 'settings']);
      feed.stop();
    } finally {
      await other.end();
    }
  });
});

test('a statement that changed no row of a small table is no change', async () => {
  await withTwoStores(async (a, b, database) => {
    const feed = listenToChanges((l) => a.changes(l));
    await untilListening(database);
    const next = feed.next();
    // Committed before the setting below: had it notified, the next notice would name samples or reviews.
    server.psql('DELETE FROM wolkvox.samples WHERE id = -1; UPDATE wolkvox.reviews SET note = note WHERE false', database);
    await b.setSetting('after', '1');
    assert.deepEqual((await next).kinds, ['settings']);
    feed.stop();
  });
});

test('the listening connection killed: the feed reconnects, reports every kind once, and hears the next commit', async () => {
  await withTwoStores(async (a, b, database) => {
    const feed = listenToChanges((l) => a.changes(l));
    const [killed] = await untilListening(database);
    // A notice handled: the feed has handled everything its connection received before it.
    const ready = feed.next();
    await b.setSetting('before', '1');
    assert.deepEqual((await ready).kinds, ['settings']);
    const back = feed.next();
    assert.equal(server.psql(`SELECT pg_terminate_backend(${killed})`), 't');
    assert.deepEqual((await back).kinds, CHANGE_KINDS, 'what was missed meanwhile is unknown: every kind, once');
    const [again] = await untilFeedBackends(database, 1, 'listening');
    assert.notEqual(again, killed, 'a new connection');

    const next = feed.next();
    await b.setSetting('after', '1');
    assert.deepEqual((await next).kinds, ['settings'], 'a write from another store is still reported');
    const own = feed.seen.length;
    await a.setSetting('mine', '1');
    const later = feed.next();
    await b.setSetting('after', '2');
    await later;
    assert.deepEqual(feed.seen.slice(own).flatMap((c) => c.kinds), ['settings'], 'our own writes are still left out');
    feed.stop();
  });
});

// One server hosts one team: the team tests below share its database, made when first asked for.
let teamDatabase: string | null = null;
const teamDatabaseName = () => (teamDatabase ??= teamServer.createDatabase('team'));

test("an auditor's desktop (team rights, not the schema's owner) hears the lead's commits", async () => {
  const database = teamDatabaseName();
  const admin = await openTeamAdmin(teamServer.url(database), {});
  let ana: Store | null = null;
  let lia: Store | null = null;
  try {
    await admin.init();
    const passwords = { ana: (await admin.addUser('ana', 'auditor')).password, lia: (await admin.addUser('lia', 'lead')).password };
    const open = (user: 'ana' | 'lia') => openPostgresStore({ config: pgConfigOf(teamServer, database, user, passwords[user]), now: () => NOW });
    ana = await open('ana');
    lia = await open('lia');
    const feed = listenToChanges((l) => ana!.changes(l));
    await untilListening(database, teamServer);
    const next = feed.next();
    await lia.setSetting('seen-by-ana', '1');
    assert.deepEqual((await next).kinds, ['settings']);
    feed.stop();
  } finally {
    await admin.close();
    await ana?.close();
    await lia?.close();
  }
});

test("assignments and calibrations written with team rights are heard: a lead's split and calibration by an auditor, an auditor's score by the lead", async () => {
  const database = teamDatabaseName();
  const admin = await openTeamAdmin(teamServer.url(database), {});
  const stores: Store[] = [];
  try {
    await admin.init(); // safe when the test above made the team already
    const passwords = {
      sam: (await admin.addUser('sam', 'sync')).password,
      eva: (await admin.addUser('eva', 'auditor')).password,
      leo: (await admin.addUser('leo', 'lead')).password,
    };
    const open = async (user: keyof typeof passwords) => {
      const store = await openPostgresStore({ config: pgConfigOf(teamServer, database, user, passwords[user]), now: () => NOW });
      stores.push(store);
      return store;
    };
    const [sam, eva, leo] = [await open('sam'), await open('eva'), await open('leo')];
    await syncRecords(sam, Array.from({ length: 4 }, (_, i) => recordOf({ agent_name: `Agent ${i % 2}` })));
    await leo.activeScorecard(NOW);
    const sample = await leo.drawSample({ name: 'team split', seed: 1, perAgent: 2, filter: {} }, NOW);
    const evaFeed = listenToChanges((l) => eva.changes(l));
    const leoFeed = listenToChanges((l) => leo.changes(l));
    await untilListening(database, teamServer, 2);

    await leo.assignSample(sample.id, ['eva', 'leo'], NOW + 1);
    assert.ok(kindsOf(await evaFeed.until('assignments')).includes('assignments'), "the lead's split, heard by the auditor");
    const calibration = await leo.createCalibration({ name: 'team feed', sampleId: sample.id, auditors: ['eva', 'leo'] }, NOW + 2);
    await evaFeed.until('assignments');
    const [first] = await eva.calibrationMembers(calibration.id);
    await eva.saveCalibrationScore({ calibrationId: calibration.id, uid: first!.uid, auditor: 'eva', scores: PASSING_SCORES }, NOW + 3);
    await leoFeed.until('assignments');
    assert.deepEqual((await leo.calibrationScores(calibration.id)).map((s) => s.auditor), ['eva'], "the auditor's score, heard and read by the lead");
    // The auditor's own score is not news to her: her next notice is the lead's setting alone.
    const next = evaFeed.next();
    await leo.setSetting('after-score', '1');
    assert.deepEqual((await next).kinds, ['settings']);
    await leo.deleteCalibration(calibration.id);
    await evaFeed.until('assignments');
    await leo.deleteSample(sample.id);
    const gone = kindsOf(await evaFeed.until('assignments'));
    assert.ok(gone.includes('samples'), `the sample deleted, its split with it: ${gone.join(', ')}`);
    evaFeed.stop();
    leoFeed.stop();
  } finally {
    await admin.close();
    await Promise.all(stores.map((s) => s.close()));
  }
});
