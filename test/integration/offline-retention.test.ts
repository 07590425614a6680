// A review made on an offline copy and not yet sent to the team cache is the only copy of that work:
// retention on this computer must leave it (its interaction and review) until it is sent, and take it as
// any other row once it is. The team cache here is a second SQLite cache: the take reads it through the
// Store port only, as it reads a PostgreSQL one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherTake } from '../../src-main/core/compose/team/offline/take';
import { PASSING_SCORES } from '../helpers/review-scores';
import { teamAndLocal } from './offline-caches';
import { NOW, recordOf } from './store-fixtures';

test('retention leaves the rows whose offline reviews wait to be sent (or conflict), and takes them once sent', async (t) => {
  const { team, local } = await teamAndLocal(t, [1, 2, 3, 4].map((n) => recordOf({ case_id: `R${n}`, body: `retención ${n}` })));
  const take = await gatherTake(team, { kind: 'filter', filter: {} }, 'ana@team/test');
  await local.offline.take(take, NOW);
  const [waiting, inConflict, sent] = take.selected;
  const server = take.records[0]!.server;

  const mine = await local.saveReview({ uid: waiting!, reviewer: 'ana', scores: PASSING_SCORES, note: 'not sent yet' }, NOW);
  const other = await local.saveReview({ uid: inConflict!, reviewer: 'ana', scores: PASSING_SCORES }, NOW);
  const theirs = await team.saveReview({ uid: inConflict!, reviewer: 'lia', scores: PASSING_SCORES, note: 'lia first' }, NOW);
  await local.offline.conflict(inConflict!, other, theirs, NOW);
  const done = await local.saveReview({ uid: sent!, reviewer: 'ana', scores: PASSING_SCORES }, NOW);
  await local.offline.settle(sent!, done, await team.saveReview({ uid: sent!, reviewer: 'ana', scores: PASSING_SCORES }, NOW));
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [waiting]);

  const everything = { server, beforeUtc: Infinity, keepReviewed: false };
  const plan = await local.planPurge(everything);
  assert.equal(plan.interactions, 2, 'the plan counts what the purge takes: not the waiting or conflicting rows');
  assert.deepEqual(await local.purge(everything), plan);
  assert.equal(await local.count({}), 2);
  assert.deepEqual(await local.getReview(waiting!), mine, 'the review waiting to be sent is intact');
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [waiting]);
  assert.equal((await local.offline.conflicts()).length, 1);
  assert.equal(await local.getReview(sent!), null, 'a sent review goes with its row');

  // Once sent, the row is like any other.
  await local.offline.settle(waiting!, mine, await team.saveReview({ uid: waiting!, reviewer: 'ana', scores: PASSING_SCORES, note: 'not sent yet' }, NOW));
  await local.offline.takeTheirs(inConflict!, theirs);
  assert.equal((await local.purge(everything)).interactions, 2);
  assert.equal(await local.count({}), 0);
});
