// A take brings the team's scorecard versions; reviews made offline must be scored on the team's active
// version itself, since a push sends the version a review names. A version this computer already has under
// the same id and number is kept when it scores alike (the default seeded in another language); one that
// scores otherwise, or a newer form of this computer's own, refuses the take in words, with nothing written.
// The team cache is a second SQLite cache here: the take reads it through the Store port only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherTake } from '../../src-main/core/compose/team/offline/take';
import { isAppError } from '../../src-main/core/errors';
import { openSqliteStore } from '../../src-main/core/store/sqlite/sqlite-store';
import { PASSING_SCORES } from '../helpers/review-scores';
import { teamAndLocal } from './offline-caches';
import { freshDbPath, NOW, recordOf } from './store-fixtures';

async function caches(t: { after(fn: () => Promise<void>): void }) {
  const { team, local } = await teamAndLocal(t, [1, 2].map((n) => recordOf({ case_id: `S${n}` })));
  return { team, local, take: await gatherTake(team, { kind: 'filter', filter: {} }, 'ana@team/test') };
}

test("the default seeded here in Spanish scores like the team's in English: the take goes, and offline reviews use the team's version", async (t) => {
  const { local, take } = await caches(t);
  const own = await local.activeScorecard(NOW, 'es');
  assert.notEqual(own.name, take.scorecards.at(-1)!.name, 'two languages, two names');
  await local.offline.take(take, NOW);
  const review = await local.saveReview({ uid: take.selected[0]!, reviewer: 'ana', scores: PASSING_SCORES }, NOW);
  assert.deepEqual([review.scorecardId, review.scorecardVersion], [take.scorecards.at(-1)!.id, take.scorecards.at(-1)!.version]);
});

test("a form of this computer's own that scores otherwise refuses the take, in words, and nothing is written", async (t) => {
  const { local, take } = await caches(t);
  const seeded = await local.activeScorecard(NOW, 'en');
  // This computer's own version 2 of the default: one attribute fewer.
  await local.saveScorecard({ id: seeded.id, name: 'Mine', passMark: seeded.passMark, attributes: seeded.attributes.slice(1) }, NOW);
  await assert.rejects(local.offline.take(take, NOW), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /its own form, "Mine" version 2/.test(e.message));
  assert.equal(await local.count({}), 0);
  assert.deepEqual(await local.offline.sets(), []);

  // The same number holding another form (the team's version 1 against this computer's changed version 1) is refused too.
  const other = await openSqliteStore({ dbPath: freshDbPath('wolkvox-offline-other-'), now: () => NOW, readers: 'on-demand' });
  t.after(() => other.close());
  await other.saveScorecard({ id: seeded.id, name: 'Mine', passMark: 50, attributes: seeded.attributes }, NOW);
  await assert.rejects(other.offline.take(take, NOW), (e: unknown) => isAppError(e) && e.kind === 'bad-input' && /differs from the team's/.test(e.message));
  assert.equal(await other.count({}), 0);
});
