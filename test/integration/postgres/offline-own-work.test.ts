// An auditor's own work never becomes a conflict with herself nor is lost (issue 19, point 6, review
// findings): a save kept on this computer over her own online save, a push whose answer was lost followed by
// another edit here, a kept save met again on the team cache's review panel, and a switch of caches in the
// middle of a push. A real team cache (PostgreSQL) through a TCP proxy, this computer's real SQLite cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OfflineStatus, TeamStatus } from '../../../src-main/core/api/contract';
import { pushAll } from '../../../src-main/core/compose/team/offline/push';
import { gatherTake } from '../../../src-main/core/compose/team/offline/take';
import type { OpenStore } from '../../../src-main/core/store/backend';
import { postgresBackend } from '../../../src-main/core/store/postgres/backend';
import { sqliteBackend } from '../../../src-main/core/store/sqlite/backend';
import type { Store } from '../../../src-main/core/store/store';
import { AppError } from '../../../src-main/core/errors';
import { call } from '../../helpers/e2e-app';
import { makeOfflineTeam, openAnaAway } from '../../helpers/offline-team';
import { auditorOnTeam, offlineStatus, settled } from '../../helpers/offline-service';
import { startPostgres } from '../../helpers/postgres-server';
import { PASSING_SCORES } from '../../helpers/review-scores';
import { NOW } from '../store-fixtures';

const server = await startPostgres();
const team = await makeOfflineTeam(server);

const anaOnTeam = (t: { after(fn: () => Promise<void>): void }, delayMs = 0, openStore?: OpenStore) => auditorOnTeam(t, server, team, { delayMs, openStore });

type Saved = { keptLocally?: boolean; scores: Record<string, unknown>; note: string; version: number };

test('a save kept on this computer over her own online save of an interaction taken offline: made on what she saw, sent without a conflict', async (t) => {
  const { service, proxy } = await anaOnTeam(t);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const uid = team.parts.ana[1]!;
  await call(service, 'offline/take', { kind: 'assignment', sampleId: team.sampleId });
  assert.equal((await call<{ review: unknown }>(service, 'reviews/get', { uid })).review, null);
  const online = await call<Saved>(service, 'reviews/save', { uid, scores: PASSING_SCORES, note: 'en línea', baseVersion: 0 });
  assert.equal(online.version, 1);

  proxy.setOffline(true);
  const kept = await call<Saved>(service, 'reviews/save', { uid, note: 'en línea, luego sin red', baseVersion: 1 });
  assert.equal(kept.keptLocally, true);
  assert.deepEqual(kept.scores, PASSING_SCORES, 'the scores she saved online are in the review kept here');
  assert.equal(kept.version, 2);

  proxy.setOffline(false);
  const sent = offlineStatus(service, (s) => settled(s) && s.lastPush?.result.pushed === 1);
  await call(service, 'interactions/count', { filter: {} }).catch(() => call(service, 'interactions/count', { filter: {} }));
  const status = await sent;
  assert.deepEqual(status.conflicts, []);
  const review = (await lia.getReview(uid))!;
  assert.deepEqual([review.note, review.version, review.reviewer], ['en línea, luego sin red', 2, 'ana']);
  assert.deepEqual(review.scores, PASSING_SCORES);
});

/** A gate: `wait()` resolves once `open()` is called. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, wait: () => opened };
}

test('leaving the team cache in the middle of a push waits for it: every review is sent, no driver error', async (t) => {
  // The push is held at its second save until the switch has opened this computer's cache; each packet to the
  // team cache is held 10 ms each way, so the rest of the push outlasts what the switch does next.
  const secondSave = gate();
  const leaveOpened = gate();
  let holding = false;
  let localOpens = 0;
  const openStore: OpenStore = async (config, options) => {
    if (config.kind === 'sqlite') {
      const store = await sqliteBackend(config).open(options);
      if (holding && ++localOpens === 1) leaveOpened.open();
      return store;
    }
    const store = await postgresBackend(config).open(options);
    let saves = 0;
    return new Proxy(store, {
      get(target, key) {
        if (key === 'saveReview') {
          return async (...args: Parameters<Store['saveReview']>) => {
            if (holding && ++saves === 2) {
              secondSave.open();
              await leaveOpened.wait();
            }
            return target.saveReview(...args);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  const { service } = await anaOnTeam(t, 10, openStore);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  await call(service, 'offline/take', { kind: 'sample', sampleId: team.sampleId });
  const uids = (await lia.sampleMembers(team.sampleId)).map((m) => m.uid).filter((uid) => uid !== team.parts.ana[0]);
  assert.ok(uids.length >= 4, `enough reviews for a push that lasts (${uids.length})`);
  assert.equal((await call<TeamStatus>(service, 'team/leave', {})).using, 'local');
  for (const uid of uids) await call(service, 'reviews/save', { uid, scores: PASSING_SCORES, note: `sin red ${uid}` });
  assert.equal((await call<OfflineStatus>(service, 'offline/status', {})).pending, uids.length);

  holding = true;
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  await secondSave.wait();
  const done = offlineStatus(service, (s) => !s.pushing && s.lastPush !== null);
  assert.equal((await call<TeamStatus>(service, 'team/leave', {})).using, 'local');
  const status = await done;
  assert.equal(status.lastPush!.error, null);
  assert.deepEqual(status.lastPush!.result, { pushed: uids.length, conflicts: 0, left: 0 });
  for (const uid of uids) assert.equal((await lia.getReview(uid))?.note, `sin red ${uid}`);
});

test('a push whose answer was lost, then another change here before the next push: the first counts as sent, the change is sent on it, no conflict with herself', async (t) => {
  const { proxy, lia, ana, local } = await openAnaAway(t, server, team, 'wolkvox-offline-lost-answer-');
  await local.offline.take(await gatherTake(ana, { kind: 'assignment', sampleId: team.sampleId }, 'ana@team'), NOW);
  const uid = team.parts.ana[1]!;
  // The tests above left the team's review of it at some version: this one counts from there.
  const start = (await lia.getReview(uid))?.version ?? 0;
  const history = (await lia.reviewHistory(uid)).length;
  const first = await local.saveReview({ uid, reviewer: 'ana', scores: PASSING_SCORES, note: 'primera' }, NOW + 1);

  // The team commits the save, and the network goes before its answer comes back.
  const answerLost = new Proxy(ana, {
    get(target, key) {
      if (key === 'saveReview') {
        return async (...args: Parameters<Store['saveReview']>) => {
          await target.saveReview(...args);
          proxy.setOffline(true);
          throw new AppError('network', 'The team cache cannot be reached.');
        };
      }
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const lost = await pushAll({ team: answerLost, local, reviewer: 'ana', now: () => NOW + 2 });
  assert.equal(lost.error?.kind, 'network');
  assert.deepEqual(lost.result, { pushed: 0, conflicts: 0, left: 1 });
  assert.equal((await lia.getReview(uid))?.note, 'primera', 'the team has it');

  // Changed again here before the next push.
  await local.saveReview({ uid, reviewer: 'ana', note: 'segunda', baseVersion: first.version }, NOW + 3);
  proxy.setOffline(false);
  const next = await pushAll({ team: ana, local, reviewer: 'ana', now: () => NOW + 4 });
  assert.equal(next.error, null);
  assert.deepEqual(next.result, { pushed: 1, conflicts: 0, left: 0 });
  assert.deepEqual(await local.offline.conflicts(), []);
  const review = (await lia.getReview(uid))!;
  assert.deepEqual([review.note, review.version, review.reviewer], ['segunda', start + 2, 'ana']);
  assert.deepEqual(review.scores, PASSING_SCORES);
  assert.equal((await lia.reviewHistory(uid)).length, history + 2, 'each change saved once');
  assert.deepEqual(await local.getReview(uid), review, "this computer's copy is the team's");
  assert.deepEqual(await local.offline.pending(), []);
});

test('a save kept on this computer is sent before the team cache shows or saves that review: the panel shows it, a save there starts from it, no conflict with herself', async (t) => {
  const { service, proxy } = await anaOnTeam(t);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const uid = team.parts.ana.at(-1)!;
  await call(service, 'offline/take', { kind: 'assignment', sampleId: team.sampleId });
  const before = (await call<{ review: { version: number } | null }>(service, 'reviews/get', { uid })).review;
  proxy.setOffline(true);
  const kept = await call<Saved>(service, 'reviews/save', { uid, scores: PASSING_SCORES, note: 'guardada aquí', baseVersion: before?.version ?? 0 });
  assert.equal(kept.keptLocally, true);

  // Back: the review panel's next read of it is the first call.
  proxy.setOffline(false);
  const read = () => call<{ review: { note: string; version: number } | null }>(service, 'reviews/get', { uid });
  // The first call after the return may meet a connection the drop left dead in the pool: the app's next one works.
  const shown = (await read().catch(read)).review;
  assert.equal(shown?.note, 'guardada aquí', 'the panel shows the save kept here');
  const online = await call<Saved>(service, 'reviews/save', { uid, note: 'guardada aquí, luego en línea', baseVersion: shown!.version });
  assert.equal(online.keptLocally, undefined);
  const status = await offlineStatus(service, (s) => !s.pushing && s.pending === 0);
  assert.deepEqual(status.conflicts, []);
  const review = (await lia.getReview(uid))!;
  assert.deepEqual([review.note, review.reviewer], ['guardada aquí, luego en línea', 'ana']);
  assert.deepEqual(review.scores, PASSING_SCORES);
});
