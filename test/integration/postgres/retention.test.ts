// Retention on the team cache (store/postgres/retention), where several connections write at once, checked
// with plain SQL on a real server: what a purge removes is gone for every other connection at its commit,
// and the removal log names exactly the removed ids; a purge waits for a sync window holding the change
// counter's row; a review begun while a purge waits is seen by it (kept with keepReviewed, never orphaned);
// review history can be deleted only inside a purge; a lead's store purges under the team's rights, an
// auditor's is refused by the server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openTeamAdmin } from '../../../src-main/core/compose/team-admin';
import { isAppError } from '../../../src-main/core/errors';
import { openPostgresStore } from '../../../src-main/core/store/postgres/postgres-store';
import type { Store } from '../../../src-main/core/store/store';
import { everyRow } from '../../contract/grid-order';
import { syncRecords } from '../../contract/sync-helpers';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { startPostgres } from '../../helpers/postgres-server';
import { openPgStore, pgConfigOf } from '../../helpers/postgres-store';
import { NOW, recordOf, SERVER } from '../store-fixtures';

const server = await startPostgres();
// Team roles belong to a whole server, which hosts one team: the rights test has a server of its own.
const teamServer = await startPostgres();
/** Midnight of 11 January 2026 in Bogotá (the cache's zone): days 1-10 are older. */
const CUT = Date.UTC(2026, 0, 11, 5);
const records = () => Array.from({ length: 20 }, (_, i) => recordOf({ date_creation: `2026-01-${String(i + 1).padStart(2, '0')} 10:00:00`, body: `día ${i + 1}` }));

interface Cache {
  a: Store;
  b: Store;
  /** A connection of the test's own, for plain SQL and held transactions. */
  sql: pg.Client;
  /** Resolves once another backend waits for a lock while running a statement that contains `fragment`. */
  waitsForLock(fragment: string): Promise<void>;
}

async function withCache(body: (cache: Cache) => Promise<void>): Promise<void> {
  const db = server.createDatabase('retention');
  const a = await openPgStore(server, db, () => NOW);
  const b = await openPgStore(server, db, () => NOW);
  const client = () => new pg.Client({ connectionString: server.url(db), options: '-c search_path=wolkvox' });
  const sql = client();
  // Activity is read outside any transaction: inside one, pg_stat_activity answers from a snapshot.
  const watcher = client();
  await sql.connect();
  await watcher.connect();
  const waitsForLock = async (fragment: string) => {
    const waiting = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND position($1 in query) > 0";
    while ((await watcher.query(waiting, [fragment])).rows.length === 0);
  };
  try {
    await syncRecords(a, records());
    await body({ a, b, sql, waitsForLock });
  } finally {
    await sql.end();
    await watcher.end();
    await a.close();
    await b.close();
  }
}

const ids = async (sql: pg.Client, text: string) => (await sql.query<{ id: string }>(text)).rows.map((r) => Number(r.id));

test('what a purge removes is gone for another connection at its commit, and the removal log names exactly the removed ids', () =>
  withCache(async ({ a, b, sql }) => {
    const before = await ids(sql, 'SELECT id FROM interactions ORDER BY id');
    const logged = await ids(sql, 'SELECT id FROM interaction_removals');
    const req = { server: SERVER, beforeUtc: CUT, keepReviewed: false };
    const plan = await b.planPurge(req);
    assert.equal(plan.interactions, 10);
    assert.deepEqual(await a.purge(req), plan);
    const after = await ids(sql, 'SELECT id FROM interactions ORDER BY id');
    assert.equal(after.length, 10);
    assert.equal(await b.count({}), 10, 'the other store counts what is left');
    assert.deepEqual((await everyRow(b)).map((r) => r.id).sort((x, y) => x - y), after);
    const removed = await ids(sql, `SELECT id FROM interaction_removals WHERE seq > ${logged.length === 0 ? 0 : `(SELECT max(seq) FROM interaction_removals WHERE id IN (${logged.join(',')}))`} ORDER BY id`);
    assert.deepEqual(removed, before.filter((id) => !after.includes(id)), 'one log entry per removed row');
    assert.equal(await b.count({ text: 'día' }), 10, 'nor are the removed rows found');
  }));

test('a purge waits for a sync window holding the change counter, then removes what is there at that moment', () =>
  withCache(async ({ a, sql, waitsForLock }) => {
    await sql.query('BEGIN');
    await sql.query('SELECT seq FROM change_counter WHERE one = 1 FOR UPDATE');
    let done = false;
    const purging = a.purge({ server: SERVER, beforeUtc: CUT, keepReviewed: false }).finally(() => (done = true));
    await waitsForLock('change_counter');
    assert.equal(done, false, 'the purge waits for the lock');
    assert.equal((await sql.query('SELECT count(*)::int AS n FROM interactions')).rows[0].n, 20, 'nothing removed yet');
    await sql.query('COMMIT');
    assert.equal((await purging).interactions, 10);
  }));

test('a review begun while a purge keeping reviewed rows waits is seen by it: its interaction stays', () =>
  withCache(async ({ a, sql, waitsForLock }) => {
    const rows = await everyRow(a);
    // A first review seeds the default scorecard, which the held one below refers to.
    await a.saveReview({ uid: rows.find((r) => r.createdUtc! >= CUT)!.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    const oldest = rows.filter((r) => r.createdUtc! < CUT).sort((x, y) => x.createdUtc! - y.createdUtc!)[0]!;
    await sql.query('BEGIN');
    await sql.query(
      `INSERT INTO reviews (interaction_uid, status, scorecard_id, scorecard_version, reviewer, created_at, updated_at, computed_status)
       SELECT $1, 'in review', scorecard_id, scorecard_version, 'qa', $2, $2, 'in review' FROM reviews LIMIT 1`,
      [oldest.uid, NOW],
    );
    const purging = a.purge({ server: SERVER, beforeUtc: CUT, keepReviewed: true });
    await waitsForLock('LOCK TABLE reviews');
    await sql.query('COMMIT');
    const counts = await purging;
    assert.equal(counts.interactions, 9, 'the row reviewed meanwhile is kept');
    assert.ok((await everyRow(a)).some((r) => r.uid === oldest.uid));
    assert.equal((await sql.query('SELECT count(*)::int AS n FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.uid = r.interaction_uid)')).rows[0].n, 0, 'no review outlives its interaction');
  }));

test('a review saved while a purge deletes its interaction waits for the purge, then is refused: no review outlives its interaction', () =>
  withCache(async ({ a, b, sql }) => {
    const rows = await everyRow(a);
    await a.saveReview({ uid: rows.find((r) => r.createdUtc! >= CUT)!.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    const oldest = rows.filter((r) => r.createdUtc! < CUT).sort((x, y) => x.createdUtc! - y.createdUtc!)[0]!;
    // The purge gets as far as deleting, then waits on a row this connection holds; meanwhile a save of that row starts.
    await sql.query('BEGIN');
    await sql.query('SELECT 1 FROM interactions WHERE uid = $1 FOR UPDATE', [oldest.uid]);
    const purging = a.purge({ server: SERVER, beforeUtc: CUT, keepReviewed: true });
    const waiting = async (n: number) => {
      const query = "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
      const watcher = new pg.Client({ connectionString: server.url((await sql.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db) });
      await watcher.connect();
      try {
        while ((await watcher.query<{ n: number }>(query)).rows[0]!.n < n);
      } finally {
        await watcher.end();
      }
    };
    await waiting(1);
    const saving = b.saveReview({ uid: oldest.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW).then(
      () => 'saved',
      (e: unknown) => (e as { kind?: string }).kind,
    );
    await waiting(2);
    await sql.query('COMMIT');
    assert.equal((await purging).interactions, 10);
    assert.equal(await saving, 'bad-input', 'the interaction is gone: the save says so');
    assert.equal((await sql.query('SELECT count(*)::int AS n FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.uid = r.interaction_uid)')).rows[0].n, 0, 'no review outlives its interaction');
  }));

test('review history can be deleted only inside a purge', () =>
  withCache(async ({ a, sql }) => {
    const old = (await everyRow(a)).find((r) => r.createdUtc! < CUT)!;
    await a.saveReview({ uid: old.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    await assert.rejects(sql.query('DELETE FROM review_history'), /review history is append-only/);
    await assert.rejects(sql.query('UPDATE review_history SET reviewer = reviewer'), /review history is append-only/);
    assert.equal((await a.purge({ server: SERVER, beforeUtc: CUT, keepReviewed: false })).reviewHistory, 1);
    assert.deepEqual(await a.reviewHistory(old.uid), []);
    // The purge opened the gate for its own transaction only.
    const kept = (await everyRow(a))[0]!;
    await a.saveReview({ uid: kept.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    await assert.rejects(sql.query('DELETE FROM review_history'), /review history is append-only/);
    assert.equal((await a.reviewHistory(kept.uid)).length, 1);
  }));

test("a lead's store purges and removes a server's data under the team's rights; an auditor's is refused by the server", async () => {
  const db = teamServer.createDatabase('retention_team');
  const admin = await openTeamAdmin(teamServer.url(db), {});
  const passwords = await (async () => {
    try {
      await admin.init();
      return { lead: (await admin.addUser('lia', 'lead')).password, auditor: (await admin.addUser('ana', 'auditor')).password };
    } finally {
      await admin.close();
    }
  })();
  const owner = await openPgStore(teamServer, db, () => NOW);
  const as = (user: string, password: string) => openPostgresStore({ config: pgConfigOf(teamServer, db, user, password), now: () => NOW });
  const [leadStore, auditorStore] = [await as('lia', passwords.lead), await as('ana', passwords.auditor)];
  try {
    await syncRecords(owner, records());
    const rows = await everyRow(owner);
    // The administrator's first review seeds the default scorecard (a lead's right, not an auditor's).
    await owner.saveReview({ uid: rows.find((r) => r.createdUtc! >= CUT)!.uid, reviewer: 'admin', scores: PASSING_SCORES }, NOW);
    const old = rows.find((r) => r.createdUtc! < CUT)!;
    await auditorStore.saveReview({ uid: old.uid, reviewer: 'ana', scores: PASSING_SCORES }, NOW);
    const req = { server: SERVER, beforeUtc: CUT, keepReviewed: false };
    const refused = await auditorStore.purge(req).then(() => null, (e: unknown) => e);
    assert.ok(isAppError(refused), `an auditor's purge is refused (${String(refused)})`);
    assert.equal(await owner.count({}), 20, 'and removes nothing');
    assert.deepEqual(await leadStore.purge(req), { interactions: 10, reviews: 1, history: 0, reviewHistory: 1, sampleMembers: 0 });
    assert.equal((await leadStore.removeServerData(SERVER)).interactions, 10);
    assert.equal(await owner.count({}), 0);
  } finally {
    await Promise.all([owner.close(), leadStore.close(), auditorStore.close()]);
  }
});

test('a cut-off beyond any date a bigint id can bound is no error: the far future takes every row, the far past none', () =>
  withCache(async ({ a }) => {
    assert.equal((await a.planPurge({ server: SERVER, beforeUtc: -1e20, keepReviewed: false })).interactions, 0);
    assert.equal((await a.planPurge({ server: SERVER, beforeUtc: 1e20, keepReviewed: false })).interactions, 20);
    assert.equal((await a.purge({ server: SERVER, beforeUtc: 1e20, keepReviewed: false })).interactions, 20);
  }));
