import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSyncLog } from '../../src-main/core/store/sqlite/writes/sync-log';
import { planPurge, planServerRemoval, purge, removeServerData } from '../../src-main/core/store/sqlite/writes/retention';
import { openFresh } from '../integration/store-fixtures';
import { A, B, DAY, NOW, searchIds, seed, snapshot } from './retention-fixtures';

/**
 * Retention and purge on a real SQLite cache with two servers: exactly the rows older than the cut-off of
 * the one server go, with their history, search entries, sample memberships and (only when asked) reviews
 * and review history; every other row of every table stays byte for byte, and the sync log with its
 * checkpoints is left alone (an incremental sync goes on from where it was; see store/retention.ts).
 */
function setUp() {
  const { db } = openFresh('wolkvox-retention-');
  const seeded = seed(db);
  return { db, seeded, before: snapshot(db) };
}

const cut30 = { server: A, beforeUtc: NOW - 30 * DAY };

describe('purge', () => {
  test('removes the server\'s rows older than the cut-off, reviews included, and nothing else', () => {
    const { db, seeded, before } = setUp();
    const old = new Set([...seeded.uids[A]![40]!, ...seeded.uids[A]![100]!, seeded.undated]);
    const oldIds = new Set(before.interactions.filter((r) => old.has(r.uid)).map((r) => r.id));
    assert.equal(oldIds.size, 5);

    const plan = planPurge(db, { ...cut30, keepReviewed: false });
    assert.deepEqual(snapshot(db), before, 'a plan removes nothing');
    const removed = purge(db, { ...cut30, keepReviewed: false });
    assert.deepEqual(removed, plan, 'the plan counted what the purge removed');

    const after = snapshot(db);
    assert.deepEqual(after.interactions, before.interactions.filter((r) => !old.has(r.uid)));
    assert.deepEqual(after.history, before.history.filter((h) => !oldIds.has(h.interaction_id)));
    assert.deepEqual(after.reviews, before.reviews.filter((r) => !old.has(r.interaction_uid)));
    assert.deepEqual(after.reviewHistory, before.reviewHistory.filter((r) => !old.has(r.interaction_uid)));
    assert.deepEqual(after.sampleMembers, before.sampleMembers.filter((m) => !old.has(m.interaction_uid)));
    assert.deepEqual(
      removed,
      {
        interactions: 5,
        history: before.history.length - after.history.length,
        reviews: 3, // pass, in review and the explicitly unreviewed one
        reviewHistory: before.reviewHistory.length - after.reviewHistory.length,
        sampleMembers: 5,
      },
    );
    assert.ok(removed.history >= 2 && removed.reviewHistory >= 3, JSON.stringify(removed));
    // The sync log, checkpoints, samples and scorecards are as they were.
    assert.deepEqual([after.syncRuns, after.syncCalls, after.samples, after.scorecards], [before.syncRuns, before.syncCalls, before.samples, before.scorecards]);
    assert.equal(createSyncLog(db).lastCoveredUtc(A), NOW - DAY / 4, 'an incremental sync goes on from the same checkpoint');
    // Search finds exactly the rows that stay.
    assert.deepEqual(searchIds(db, 'retenzuno'), after.interactions.map((r) => r.id));
    assert.deepEqual(searchIds(db, 'retenzuno').filter((id) => oldIds.has(id)), []);
    assert.equal(db.prepare('PRAGMA integrity_check').pluck().get(), 'ok');
    assert.equal(db.prepare('PRAGMA foreign_key_check').all().length, 0);
    db.prepare("INSERT INTO interactions_fts(interactions_fts) VALUES ('integrity-check')").run();
    db.close();
  });

  test('--keep-reviewed keeps reviewed rows (in review, pass, fail) with their reviews and review history', () => {
    const { db, seeded, before } = setUp();
    const a = seeded.uids[A]!;
    const removed = purge(db, { ...cut30, keepReviewed: true });
    const gone = new Set([a[40]![1], a[100]![1], seeded.undated]); // a[100][1] has only an 'unreviewed' review row
    const after = snapshot(db);
    assert.deepEqual(after.interactions, before.interactions.filter((r) => !gone.has(r.uid)));
    assert.deepEqual(after.reviews, before.reviews.filter((r) => !gone.has(r.interaction_uid)));
    assert.deepEqual(after.reviewHistory, before.reviewHistory.filter((r) => !gone.has(r.interaction_uid)));
    assert.ok(after.reviews.some((r) => r.interaction_uid === a[40]![0] && r.status === 'pass'));
    assert.ok(after.reviews.some((r) => r.interaction_uid === a[100]![0] && r.status === 'in review'));
    assert.equal(removed.interactions, 3);
    assert.equal(removed.reviews, 1);
    db.close();
  });

  test('other servers are untouched, and a second purge finds nothing left', () => {
    const { db, before } = setUp();
    purge(db, { server: A, beforeUtc: NOW + DAY, keepReviewed: false });
    const after = snapshot(db);
    assert.deepEqual(after.interactions.map((r) => r.server), Array(10).fill(B), 'every row of A went, every row of B stayed');
    assert.deepEqual(after.interactions, before.interactions.filter((r) => r.server === B));
    const bUids = new Set(after.interactions.map((r) => r.uid));
    assert.deepEqual(after.reviews, before.reviews.filter((r) => bUids.has(r.interaction_uid)));
    assert.deepEqual(purge(db, { server: A, beforeUtc: NOW + DAY, keepReviewed: false }), { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0 });
    assert.deepEqual(purge(db, { server: 'Z9', beforeUtc: NOW + DAY, keepReviewed: false }).interactions, 0);
    db.close();
  });

  test('a cut-off exactly at a creation second keeps that second (older than, not as old as)', () => {
    const { db, seeded } = setUp();
    const created = db.prepare('SELECT created_utc FROM interactions WHERE uid = ?').pluck().get(seeded.uids[A]![20]![0]) as number;
    const at = purge(db, { server: A, beforeUtc: created, keepReviewed: false });
    assert.equal(at.interactions, 5, 'the 40- and 100-day rows and the undated one');
    const past = purge(db, { server: A, beforeUtc: created + 1, keepReviewed: false });
    assert.equal(past.interactions, 2, 'then both 20-day rows');
    db.close();
  });

  test('review history stays append-only outside a purge', () => {
    const { db } = setUp();
    purge(db, { ...cut30, keepReviewed: false });
    assert.equal(db.prepare('SELECT count(*) FROM purge_gate').pluck().get(), 0, 'the gate is closed again');
    assert.throws(() => db.prepare('DELETE FROM review_history').run(), /append-only/);
    db.close();
  });
});

describe('removing a server\'s data', () => {
  test('removes all its rows, reviews, histories and sync runs; keeps its call log (the day\'s quota) and the other server', () => {
    const { db, before } = setUp();
    const plan = planServerRemoval(db, A);
    const removed = removeServerData(db, A);
    assert.deepEqual(removed, plan);
    const after = snapshot(db);
    const aUids = new Set(before.interactions.filter((r) => r.server === A).map((r) => r.uid));
    assert.equal(removed.interactions, 11);
    assert.equal(removed.syncRuns, 3);
    assert.deepEqual(after.interactions, before.interactions.filter((r) => r.server === B));
    assert.deepEqual(after.reviews, before.reviews.filter((r) => !aUids.has(r.interaction_uid)));
    assert.deepEqual(after.reviewHistory, before.reviewHistory.filter((r) => !aUids.has(r.interaction_uid)));
    assert.deepEqual((after.syncRuns as { server: string }[]).map((r) => r.server), [B, B]);
    assert.equal(after.syncCalls.length, before.syncCalls.length, 'calls stay, counted for the quota');
    for (const c of after.syncCalls as { server: string; run_id: number | null }[]) if (c.server === A) assert.equal(c.run_id, null);
    assert.equal(createSyncLog(db).lastCoveredUtc(A), null, 'a profile added again syncs from nothing');
    assert.equal(createSyncLog(db).lastCoveredUtc(B), NOW - DAY / 4);
    assert.equal(db.prepare('PRAGMA foreign_key_check').all().length, 0);
    db.close();
  });
});
