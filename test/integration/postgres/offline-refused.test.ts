// A review made on this computer that the team cache refuses for a reason of its own (issue 19, point 6):
// its interaction removed from the team cache by the lead. A real team cache (through a TCP proxy the test
// cuts) and a real SQLite file. The refusal is recorded for that review alone, with the team's words and
// when; it is still tried at each push and the other reviews still go; a dropped network never marks a
// review refused; once it goes through (the interaction synced back), the refusal is gone. Discarding
// removes that one waiting review from this computer (its saves stay in the review history), sends nothing,
// and lets its selection be removed; through the service, offline/status lists it and offline/discard
// refuses a uid with nothing waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OfflineSet, OfflineStatus, TeamStatus } from '../../../src-main/core/api/contract';
import { pushAll } from '../../../src-main/core/compose/team/offline/push';
import { gatherTake } from '../../../src-main/core/compose/team/offline/take';
import type { Store } from '../../../src-main/core/store/store';
import { API_FIELDS, type Chat4Record, type IncomingRecord } from '../../../src-main/core/wolkvox/fields';
import { syncRecords } from '../../contract/sync-helpers';
import { call } from '../../helpers/e2e-app';
import { auditorOnTeam, offlineStatus } from '../../helpers/offline-service';
import { makeOfflineTeam, openAnaAway } from '../../helpers/offline-team';
import { startPostgres } from '../../helpers/postgres-server';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { NOW, SERVER } from '../store-fixtures';

const server = await startPostgres();

/**
 * The team's oldest interaction no one reviewed, the lead's purge that removes it alone (reviewed ones stay),
 * and its record as the sync host got it (synced again, it comes back).
 */
async function oldestUnreviewed(lead: Store): Promise<{ uid: string; record: IncomingRecord; remove(): Promise<void> }> {
  const { rows } = await lead.page({ filter: {}, limit: 1000 });
  const reviewed = await lead.reviewRows(rows.map((r) => r.uid));
  const oldest = rows.filter((r) => !reviewed.has(r.uid) && r.createdUtc !== null).sort((a, b) => a.createdUtc! - b.createdUtc!)[0]!;
  const detail = (await lead.interaction(oldest.id))!;
  const fields = Object.fromEntries(API_FIELDS.map((f) => [f, detail[f]])) as Chat4Record;
  return {
    uid: oldest.uid,
    record: { fields, raw: detail.raw },
    async remove() {
      const before = await lead.count({});
      const removed = await lead.purge({ server: SERVER, beforeUtc: oldest.createdUtc! + 1, keepReviewed: true });
      assert.equal(removed.interactions, 1, 'the lead removed that interaction alone');
      assert.equal(await lead.count({}), before - 1);
    },
  };
}

const team = await makeOfflineTeam(server);

test('refused by the team cache: recorded for that review, tried at each push while the others go, never on a network drop, cleared when it goes; discard removes it alone', async (t) => {
  const { proxy, lia, ana, local } = await openAnaAway(t, server, team, 'wolkvox-offline-refused-');
  const gone = await oldestUnreviewed(lia);
  await local.offline.take(await gatherTake(ana, { kind: 'filter', filter: {} }, 'ana@team'), NOW);
  const [set] = await local.offline.sets();
  const others = (await lia.page({ filter: {}, limit: 1000 })).rows.map((r) => r.uid).filter((u) => u !== gone.uid && u !== team.parts.ana[0]);
  const [fine, later] = others;
  await local.saveReview({ uid: gone.uid, reviewer: 'ana', scores: FAILING_SCORES, note: 'hecha sin red' }, NOW + 1);
  await local.saveReview({ uid: fine!, reviewer: 'ana', scores: PASSING_SCORES, note: 'bien' }, NOW + 2);
  await gone.remove();

  // The network drops: nothing is marked refused, everything waits.
  proxy.setOffline(true);
  const cut = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 10 });
  assert.equal(cut.error?.kind, 'network');
  assert.deepEqual(cut.result, { pushed: 0, conflicts: 0, left: 2 });
  assert.deepEqual(await local.offline.refusals(), [], 'a network error never marks a review refused');
  proxy.setOffline(false);

  // Back: the other review goes; the one whose interaction the lead removed is refused, recorded with why and when.
  const first = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 20 });
  assert.deepEqual(first.result, { pushed: 1, conflicts: 0, left: 1 });
  assert.equal(first.error?.kind, 'bad-input');
  assert.equal((await lia.getReview(fine!))?.note, 'bien');
  const refusals = await local.offline.refusals();
  assert.equal(refusals.length, 1);
  assert.equal(refusals[0]!.uid, gone.uid);
  assert.match(refusals[0]!.reason, /no interaction .* in this team cache: it may have been removed/);
  assert.equal(refusals[0]!.at, NOW + 20);
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [gone.uid], 'it still waits');

  // The next push tries it again (refused again, later) and sends a new review beside it.
  await local.saveReview({ uid: later!, reviewer: 'ana', scores: PASSING_SCORES, note: 'después' }, NOW + 3);
  const second = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 30 });
  assert.deepEqual(second.result, { pushed: 1, conflicts: 0, left: 1 });
  assert.deepEqual((await local.offline.refusals()).map((r) => [r.uid, r.at]), [[gone.uid, NOW + 30]], 'tried again, not silently forgotten');
  assert.equal((await lia.getReview(later!))?.note, 'después');

  // The sync host brings the interaction back: the review goes through and its refusal is gone.
  const sam = await team.open('sam');
  try {
    await syncRecords(sam, [gone.record]);
  } finally {
    await sam.close();
  }
  const third = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 40 });
  assert.equal(third.error, null);
  assert.deepEqual(third.result, { pushed: 1, conflicts: 0, left: 0 });
  assert.deepEqual(await local.offline.refusals(), []);
  assert.equal((await lia.getReview(gone.uid))?.note, 'hecha sin red');

  // Another one the lead removes after Ana reviewed it here: refused; the auditor discards it.
  const lost = await oldestUnreviewed(lia);
  await local.saveReview({ uid: lost.uid, reviewer: 'ana', scores: FAILING_SCORES }, NOW + 4);
  await local.saveReview({ uid: lost.uid, reviewer: 'ana', note: 'otra vez' }, NOW + 5);
  await lost.remove();
  await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 50 });
  assert.deepEqual((await local.offline.refusals()).map((r) => r.uid), [lost.uid]);
  await local.saveReview({ uid: others[3]!, reviewer: 'ana', note: 'la cuarta' }, NOW + 6);
  await assert.rejects(local.offline.discard(fine!), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /No review of interaction .* waits to be sent/.test(e.message));
  const historyBefore = (await local.reviewHistory(lost.uid)).length;
  assert.equal(historyBefore, 2);
  await local.offline.discard(lost.uid);
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [others[3]], 'only that review left; the other still waits');
  assert.deepEqual(await local.offline.refusals(), []);
  assert.equal(await local.getReview(lost.uid), null, "it left this computer's copy");
  const history = await local.reviewHistory(lost.uid);
  assert.equal(history.length, historyBefore, 'its saves stay in the review history');
  assert.ok(history.some((h) => JSON.stringify(h.changes).includes('otra vez')), 'with its content');
  assert.equal(await lia.getReview(lost.uid), null, 'nothing was sent to the team cache');
  await assert.rejects(local.offline.discard(lost.uid), (e: Error & { kind?: string }) => e.kind === 'bad-input');
  const last = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 60 });
  assert.deepEqual(last.result, { pushed: 1, conflicts: 0, left: 0 }, 'the other still goes');
  assert.equal((await lia.getReview(others[3]!))?.note, 'la cuarta');
  // A new review of it here waits again, as any other.
  await local.saveReview({ uid: lost.uid, reviewer: 'ana', note: 'nueva' }, NOW + 7);
  assert.deepEqual((await local.offline.pending()).map((p) => p.uid), [lost.uid]);
  await local.offline.discard(lost.uid);
  await local.offline.drop(set!.id);
  assert.deepEqual(await local.offline.sets(), []);
});

test('through the service: offline/status lists the refused review with its reason; the selection cannot be removed until it is discarded; offline/discard refuses a uid with nothing waiting', async (t) => {
  const { service } = await auditorOnTeam(t, server, team);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const gone = await oldestUnreviewed(lia);
  const set = await call<OfflineSet>(service, 'offline/take', { kind: 'filter', filter: {} });
  await call(service, 'team/leave', {});
  await call(service, 'reviews/save', { uid: gone.uid, scores: FAILING_SCORES, note: 'sin red', baseVersion: 0 });
  await gone.remove();

  const refused = offlineStatus(service, (s) => !s.pushing && s.refused.length === 1);
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  const status = await refused;
  assert.equal(status.pending, 1);
  const [entry] = status.refused;
  assert.equal(entry!.uid, gone.uid);
  assert.equal(entry!.mine.note, 'sin red');
  assert.equal(entry!.mine.computedStatus, 'fail');
  assert.match(entry!.reason, /it may have been removed/);
  assert.ok(entry!.at >= NOW);
  assert.deepEqual(status.lastPush?.result, { pushed: 0, conflicts: 0, left: 1 });

  // "Send now" tries it again: still refused, still listed.
  assert.deepEqual(await call(service, 'offline/push', {}), { pushed: 0, conflicts: 0, left: 1 });
  assert.deepEqual((await call<OfflineStatus>(service, 'offline/status', {})).refused.map((r) => r.uid), [gone.uid]);
  await assert.rejects(call(service, 'offline/drop', { id: set.id }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /not yet sent/.test(e.message));
  await assert.rejects(call(service, 'offline/discard', { uid: team.parts.ana[1] }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /No review of interaction/.test(e.message));

  const after = await call<OfflineStatus>(service, 'offline/discard', { uid: gone.uid });
  assert.deepEqual([after.pending, after.refused, after.conflicts], [0, [], []]);
  assert.equal(await lia.getReview(gone.uid), null, 'nothing was sent');
  assert.deepEqual((await call<OfflineStatus>(service, 'offline/drop', { id: set.id })).sets, []);
});

test('a save kept on this computer when the connection dropped (no offline copy of it), its interaction then removed by the lead: listed as refused, discarded from the outbox, nothing sent', async (t) => {
  const { service, proxy } = await auditorOnTeam(t, server, team);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const gone = await oldestUnreviewed(lia);
  assert.equal((await call<{ review: unknown }>(service, 'reviews/get', { uid: gone.uid })).review, null);
  proxy.setOffline(true);
  const saved = await call<{ keptLocally?: boolean }>(service, 'reviews/save', { uid: gone.uid, scores: PASSING_SCORES, note: 'guardada sin red', baseVersion: 0 });
  assert.equal(saved.keptLocally, true);
  await gone.remove();

  const refused = offlineStatus(service, (s) => !s.pushing && s.refused.length === 1);
  proxy.setOffline(false);
  // The first call after the return may meet a connection the drop left dead in the pool: the app's next one works.
  await call(service, 'interactions/count', { filter: {} }).catch(() => call(service, 'interactions/count', { filter: {} }));
  const status = await refused;
  assert.deepEqual(status.refused.map((r) => [r.uid, r.mine.note]), [[gone.uid, 'guardada sin red']]);
  assert.equal(status.sets.length, 0, 'no selection holds it');

  const after = await call<OfflineStatus>(service, 'offline/discard', { uid: gone.uid });
  assert.deepEqual([after.pending, after.refused], [0, []]);
  assert.deepEqual(await call(service, 'offline/push', {}), { pushed: 0, conflicts: 0, left: 0 }, 'nothing waits any more');
  assert.equal(await lia.getReview(gone.uid), null, 'nothing was sent');
});
