// The network cut in the middle of a push of reviews made offline (issue 19, point 6: "nothing is lost when
// the network drops mid-push"): a real team cache reached through a TCP proxy, a real SQLite file. The
// connection is cut right after the team committed some reviews, and once while a save is in flight; the
// push stops with a network error, nothing is lost, and the next push sends the rest. A review whose save
// landed on the team but whose answer never came back is found there and counted as sent, never as a
// conflict with oneself, and never saved twice (one 'create' in each review's history).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatherTake } from '../../../src-main/core/compose/team/offline/take';
import { pushAll, pushOne } from '../../../src-main/core/compose/team/offline/push';
import type { Store } from '../../../src-main/core/store/store';
import { makeOfflineTeam, openAnaAway } from '../../helpers/offline-team';
import { startPostgres } from '../../helpers/postgres-server';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { NOW } from '../store-fixtures';

const server = await startPostgres();
const team = await makeOfflineTeam(server, 40);

/** The team store, with `afterSave(n)` run after its n-th save resolves or as its n-th save is sent. */
function watchedSaves(store: Store, on: { afterCommit?: (n: number) => void; whileSending?: (n: number) => void }): Store {
  let saves = 0;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'saveReview') {
        return async (...args: Parameters<Store['saveReview']>) => {
          const n = ++saves;
          const sent = target.saveReview(...args);
          on.whileSending?.(n);
          const saved = await sent;
          on.afterCommit?.(n);
          return saved;
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('the connection cut mid-push: nothing lost, the rest sent by the next push, no conflict with oneself, nothing twice', async (t) => {
  const { proxy, lia: direct, ana, local } = await openAnaAway(t, server, team, 'wolkvox-offline-cut-');
  await local.offline.take(await gatherTake(ana, { kind: 'sample', sampleId: team.sampleId }, 'ana@team'), NOW);
  const uids = (await direct.sampleMembers(team.sampleId)).map((m) => m.uid).filter((uid) => uid !== team.parts.ana[0]);
  assert.ok(uids.length >= 8, `enough reviews to cut in the middle (${uids.length})`);
  for (const [i, uid] of uids.entries()) await local.saveReview({ uid, reviewer: 'ana', scores: PASSING_SCORES, note: `offline ${i}` }, NOW + i);
  assert.equal((await local.offline.pending()).length, uids.length);

  // One review's save lands on the team but its answer is lost (an earlier push cut after the commit).
  const [landed] = await local.offline.pending();
  await pushOne(ana, 'ana', landed!.mine, landed!.base, NOW);

  // The network goes right after the team committed the third save of this push.
  const cutAfterThird = watchedSaves(ana, { afterCommit: (n) => n === 3 && proxy.setOffline(true) });
  const first = await pushAll({ team: cutAfterThird, local, reviewer: 'ana', now: () => NOW + 100 });
  assert.equal(first.error?.kind, 'network');
  assert.match(first.error!.message, /stay on this computer/);
  assert.equal(first.result.conflicts, 0);
  assert.equal(first.result.pushed, 4, 'the one that had landed, and three saves');
  assert.equal(first.result.left, uids.length - 4);
  assert.equal((await local.offline.pending()).length, uids.length - 4, 'the rest waits on this computer');

  // Back, and cut again while the next save is on the wire: it may land or not.
  proxy.setOffline(false);
  const cutWhileSending = watchedSaves(ana, { whileSending: (n) => n === 2 && proxy.setOffline(true) });
  const second = await pushAll({ team: cutWhileSending, local, reviewer: 'ana', now: () => NOW + 200 });
  assert.equal(second.error?.kind, 'network');
  assert.equal(second.result.conflicts, 0);

  proxy.setOffline(false);
  const third = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 300 });
  assert.equal(third.error, null);
  assert.equal(third.result.conflicts, 0, 'no conflict with oneself');
  assert.equal(third.result.left, 0);
  assert.equal(first.result.pushed + second.result.pushed + third.result.pushed, uids.length, 'each review counted sent once');
  assert.equal((await local.offline.pending()).length, 0);
  assert.deepEqual(await local.offline.conflicts(), []);

  for (const [i, uid] of uids.entries()) {
    const review = (await direct.getReview(uid))!;
    assert.equal(review.note, `offline ${i}`, `review ${i} is on the team`);
    assert.equal(review.version, 1, 'saved once');
    assert.deepEqual((await direct.reviewHistory(uid)).map((h) => h.action), ['create']);
    assert.deepEqual(await local.getReview(uid), review, "this computer's copy is the team's");
  }
});
