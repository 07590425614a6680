/**
 * Retention through the port. A purge of one server removes exactly its interactions created before the
 * cut-off (strictly older: a row created at the cut-off stays; a row with no readable creation date is as
 * old as its first sync), with their earlier versions, search entries and sample memberships, and their
 * reviews and review history unless `keepReviewed` keeps every row with a review (in review, pass or fail).
 * Its plan counts what it then removes. The sync log and checkpoints stay. Removing a server's data removes
 * all its rows, reviews and runs, and keeps the call log (the day's quota) and every other server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src-main/core/store/store';
import { changed, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';
import { PASSING_SCORES } from '../helpers/review-scores';
import { everyRow } from './grid-order';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

const OTHER = '0099';
const DAY = 86_400_000;
/** Midnight of 11 January 2026 in Bogotá (the cache's zone). */
const CUT = Date.UTC(2026, 0, 11, 5);

const dayText = (d: number, time = '10:00:00') => `2026-01-${String(d).padStart(2, '0')} ${time}`;

/** Per server: 20 days, one row a day, plus one created exactly at the cut-off and one with no date. */
async function seed(store: Store) {
  for (const server of [SERVER, OTHER]) {
    const records = [
      ...Array.from({ length: 20 }, (_, i) => recordOf({ date_creation: dayText(1 + i), body: `mensaje ${server} día ${i + 1}`, agent_name: 'Ana' })),
      recordOf({ date_creation: dayText(11, '00:00:00'), body: `justo en el corte ${server}` }),
      recordOf({ date_creation: 'sin fecha', body: `sin fecha ${server}` }),
    ];
    await syncRecords(store, records, { server, now: NOW - 40 * DAY });
    // Earlier versions: the first five rows changed once.
    await syncRecords(store, records.slice(0, 5).map((r) => changed(r, { status: 'closed' })), { server, now: NOW - 39 * DAY });
  }
  return everyRow(store);
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a purge removes what its plan counts: one server's rows older than the cut-off, with their reviews, history, search entries and sample places`, () =>
    withStore(impl, async (store) => {
      const rows = await seed(store);
      const mine = rows.filter((r) => r.server === SERVER);
      const doomed = mine.filter((r) => r.createdUtc !== null && r.createdUtc < CUT);
      assert.equal(doomed.length, 10);
      const kept = mine.filter((r) => !doomed.includes(r));
      const reviewedDoomed = doomed.slice(0, 3);
      for (const [i, r] of reviewedDoomed.entries()) await store.saveReview({ uid: r.uid, reviewer: 'qa', ...(i === 0 ? { note: 'in review' } : { scores: PASSING_SCORES }) }, NOW);
      await store.saveReview({ uid: reviewedDoomed[1]!.uid, reviewer: 'qa', note: 'again' }, NOW + 1);
      await store.saveReview({ uid: kept[0]!.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
      const sample = await store.drawSample({ name: 'todo', seed: 1, rule: { unit: 'percent', amount: 100, perAgent: false }, filter: {} }, NOW);
      const covered = await store.lastCoveredUtc(SERVER);
      const before = { count: await store.count({}), found: await store.count({ text: 'mensaje ' }) };

      const req = { server: SERVER, beforeUtc: CUT, keepReviewed: false };
      const plan = await store.planPurge(req);
      assert.deepEqual(plan, { interactions: 10, reviews: 3, history: 5, reviewHistory: 4, sampleMembers: 10 });
      assert.equal(await store.count({}), before.count, 'a plan removes nothing');
      assert.deepEqual(await store.purge(req), plan);
      const left = await everyRow(store);
      assert.deepEqual(left.map((r) => r.uid).sort(), rows.filter((r) => !doomed.includes(r)).map((r) => r.uid).sort(), 'exactly the planned rows went');
      assert.ok(left.some((r) => r.createdUtc === CUT && r.server === SERVER), 'created at the cut-off: kept');
      assert.equal(await store.count({ text: 'mensaje ' }), before.found - 10, 'nor are they found');
      for (const r of reviewedDoomed) {
        assert.equal(await store.getReview(r.uid), null);
        assert.deepEqual(await store.reviewHistory(r.uid), []);
      }
      assert.notEqual(await store.getReview(kept[0]!.uid), null, 'a kept row keeps its review');
      assert.equal((await store.sampleById(sample.id))!.memberCount, 34);
      assert.equal(await store.count({ sampleId: sample.id }), 34);
      assert.equal(await store.lastCoveredUtc(SERVER), covered, 'the sync checkpoint stays');
      assert.deepEqual(await store.purge(req), { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0 }, 'a second purge finds nothing');

      // Keeping reviewed rows; a row with no date is as old as its first sync (40 days before NOW).
      const keep = { server: SERVER, beforeUtc: NOW - 39 * DAY, keepReviewed: true };
      const keepPlan = await store.planPurge(keep);
      assert.deepEqual([keepPlan.interactions, keepPlan.reviews], [kept.length - 1, 0], 'every row but the reviewed one');
      assert.deepEqual(await store.purge(keep), keepPlan);
      assert.deepEqual((await everyRow(store)).filter((r) => r.server === SERVER).map((r) => r.uid), [kept[0]!.uid]);
      assert.equal((await store.reviewHistory(kept[0]!.uid)).length, 1);
      assert.equal(await store.count({ agents: ['Ana'] }), 21, "the other server's rows are all there");
    }));

  test(`${impl.name}: removing a server's data takes its rows, reviews, histories and runs, keeps its call log and every other server`, () =>
    withStore(impl, async (store) => {
      const rows = await seed(store);
      const other = rows.filter((r) => r.server === OTHER);
      await store.saveReview({ uid: rows.find((r) => r.server === SERVER)!.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
      await store.saveReview({ uid: other[0]!.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
      const calls = await store.callsToday(NOW - 40 * DAY, ZONE, SERVER);
      assert.ok(calls > 0);
      const plan = await store.planServerRemoval(SERVER);
      assert.deepEqual(plan, { interactions: 22, reviews: 1, history: 5, reviewHistory: 1, sampleMembers: 0, syncRuns: 2 });
      assert.deepEqual(await store.removeServerData(SERVER), plan);
      assert.deepEqual((await everyRow(store)).map((r) => r.uid).sort(), other.map((r) => r.uid).sort());
      assert.equal(await store.lastCoveredUtc(SERVER), null, 'its runs are gone');
      assert.notEqual(await store.lastCoveredUtc(OTHER), null);
      assert.ok((await store.recentRuns()).every((r) => r.server === OTHER));
      assert.equal(await store.callsToday(NOW - 40 * DAY, ZONE, SERVER), calls, "the day's quota still counts its calls");
      assert.equal((await store.reviewCounts({})).pass, 1);
      assert.deepEqual(await store.planServerRemoval(SERVER), { interactions: 0, reviews: 0, history: 0, reviewHistory: 0, sampleMembers: 0, syncRuns: 0 });
    }));

  test(`${impl.name}: a cut-off that is not a date is refused and removes nothing (read as "no bound" it would take every row)`, () =>
    withStore(impl, async (store) => {
      const rows = await seed(store);
      for (const run of [() => store.planPurge({ server: SERVER, beforeUtc: Number.NaN, keepReviewed: false }), () => store.purge({ server: SERVER, beforeUtc: Number.NaN, keepReviewed: false })]) {
        await assert.rejects(run(), (e: unknown) => (e as { kind?: string }).kind === 'bad-input');
      }
      assert.equal((await everyRow(store)).length, rows.length);
    }));
}
