// Offline audits through the app's service (compose/team: the switching service and offline/*), on a real
// team cache reached through a TCP proxy and this computer's real SQLite cache: an auditor takes her part
// offline, reviews on this computer's copy, and back on the team cache her reviews are sent on their own;
// a review another auditor changed meanwhile is a conflict settled "keep mine" (theirs stays in the team's
// history) or "take theirs"; a selection with unsent reviews cannot be removed. The fault "the connection
// dropped during a save": the save is kept on this computer (keptLocally) and sent once the team cache is back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OfflineSet, OfflineStatus, TeamStatus } from '../../../src-main/core/api/contract';
import { call } from '../../helpers/e2e-app';
import { makeOfflineTeam } from '../../helpers/offline-team';
import { auditorOnTeam, offlineStatus, settled } from '../../helpers/offline-service';
import { startPostgres } from '../../helpers/postgres-server';
import { FAILING_SCORES, PASSING_SCORES } from '../../helpers/review-scores';
import { tempDir } from '../../helpers/temp-dir';
import { readParts } from '../export-zip-reader';
import { NOW, SERVER, ZONE } from '../store-fixtures';

const server = await startPostgres();
const team = await makeOfflineTeam(server);

const anaOnTeam = (t: { after(fn: () => Promise<void>): void }, downloadsDir?: string) => auditorOnTeam(t, server, team, { downloadsDir });

test('take my part, review on this computer, back on the team: sent on their own; conflicts kept mine or theirs; no removal while reviews wait', async (t) => {
  const { service } = await anaOnTeam(t);
  const lia = await team.open('lia');
  const bea = await team.open('bea');
  t.after(async () => {
    await lia.close();
    await bea.close();
  });
  const [beas, fresh, third, fourth] = team.parts.ana;
  assert.equal((await call<OfflineStatus>(service, 'offline/status', {})).canTake, true);
  const set = await call<OfflineSet>(service, 'offline/take', { kind: 'assignment', sampleId: team.sampleId });
  assert.equal(set.kind, 'assignment');
  assert.equal(set.interactions, team.parts.ana.length);
  assert.match(set.from, new RegExp(`^ana@127\\.0\\.0\\.1:\\d+/${team.database}$`));

  // This computer's cache: the copy opens there, with its sample; nothing can be taken from here.
  assert.equal((await call<TeamStatus>(service, 'team/leave', {})).using, 'local');
  assert.ok((await call<{ total: number }>(service, 'interactions/count', { filter: {} })).total >= team.parts.ana.length);
  assert.deepEqual((await call<{ name: string }[]>(service, 'samples/list', {})).map((s) => s.name), ['Semana 1']);
  const { profiles } = await call<{ profiles: { server: string; zone: string }[] }>(service, 'profiles/list', {});
  assert.deepEqual(profiles.map((p) => [p.server, p.zone]), [[SERVER, ZONE]], "a profile for the team's rows (the team has none), with their zone");
  assert.equal((await call<OfflineStatus>(service, 'offline/status', {})).canTake, false);
  await assert.rejects(call(service, 'offline/take', { kind: 'sample', sampleId: team.sampleId }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /team cache/.test(e.message));
  const got = await call<{ review: { version: number } | null }>(service, 'reviews/get', { uid: beas });
  assert.equal(got.review?.version, 1, "Bea's review came along");
  await call(service, 'reviews/save', { uid: beas, note: 'de Ana', baseVersion: 1 });
  await call(service, 'reviews/save', { uid: fresh, scores: FAILING_SCORES, baseVersion: 0 });
  await call(service, 'reviews/save', { uid: third, scores: PASSING_SCORES, baseVersion: 0 });
  assert.equal((await offlineStatus(service, (s) => s.pending === 3)).sets[0]!.pending, 3);
  // Meanwhile, on the team cache, Bea changes hers and the lead reviews another of Ana's part.
  await bea.saveReview({ uid: beas!, reviewer: 'bea', note: 'Bea otra vez', baseVersion: 1 }, NOW + 1);
  await lia.saveReview({ uid: third!, reviewer: 'lia', scores: FAILING_SCORES, baseVersion: 0 }, NOW + 2);

  // Back on the team cache: sent without asking.
  const sent = offlineStatus(service, (s) => settled(s) && s.conflicts.length === 2);
  assert.equal((await call<TeamStatus>(service, 'team/use', {})).using, 'team');
  const after = await sent;
  assert.deepEqual(after.lastPush?.result, { pushed: 1, conflicts: 2, left: 0 });
  assert.equal(after.lastPush?.error, null);
  const onTeam = (await lia.getReview(fresh!))!;
  assert.equal(onTeam.reviewer, 'ana');
  assert.equal(onTeam.computedStatus, 'fail');

  // Keep mine: saved over theirs, which the team's history keeps; take theirs: mine is replaced here.
  const kept = await call<OfflineStatus>(service, 'offline/resolve', { uid: beas, keep: 'mine' });
  assert.deepEqual(kept.conflicts.map((c) => c.uid), [third]);
  const mine = (await lia.getReview(beas!))!;
  assert.equal(mine.note, 'de Ana');
  assert.equal(mine.version, 3);
  assert.ok((await lia.reviewHistory(beas!)).some((h) => h.reviewer === 'bea' && JSON.stringify(h.changes).includes('Bea otra vez')), "theirs is in the team's history");
  const theirs = await call<OfflineStatus>(service, 'offline/resolve', { uid: third, keep: 'theirs' });
  assert.deepEqual(theirs.conflicts, []);
  assert.equal((await lia.getReview(third!))!.reviewer, 'lia', "the lead's review stays on the team");
  await assert.rejects(call(service, 'offline/resolve', { uid: third, keep: 'mine' }), (e: Error & { kind?: string }) => e.kind === 'bad-input');

  // A selection holding a review not yet sent cannot be removed; once sent, it can.
  await call(service, 'team/leave', {});
  assert.equal((await call<{ review: { reviewer: string } | null }>(service, 'reviews/get', { uid: third })).review?.reviewer, 'lia', 'theirs, here');
  await call(service, 'reviews/save', { uid: fourth, note: 'última', baseVersion: 0 });
  await assert.rejects(call(service, 'offline/drop', { id: set.id }), (e: Error & { kind?: string }) => e.kind === 'bad-input' && /not yet sent/.test(e.message));
  const again = offlineStatus(service, (s) => settled(s) && s.lastPush?.result.pushed === 1);
  await call(service, 'team/use', {});
  await again;
  assert.equal((await lia.getReview(fourth!))!.note, 'última');
  assert.deepEqual((await call<OfflineStatus>(service, 'offline/drop', { id: set.id })).sets, []);
});

test('the connection dropped during a save: kept on this computer, said so, and sent when the team cache is back', async (t) => {
  const { service, proxy } = await anaOnTeam(t);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const uid = team.parts.bea.at(-1)!;
  assert.equal((await call<{ review: unknown }>(service, 'reviews/get', { uid })).review, null);

  proxy.setOffline(true);
  const saved = await call<{ keptLocally?: boolean; scores: Record<string, unknown>; reviewer: string; version: number }>(service, 'reviews/save', {
    uid, scores: PASSING_SCORES, note: 'sin red', baseVersion: 0,
  });
  assert.equal(saved.keptLocally, true);
  assert.equal(saved.reviewer, 'ana');
  assert.equal(saved.version, 1);
  assert.deepEqual(saved.scores, PASSING_SCORES);
  assert.equal((await call<TeamStatus>(service, 'team/status', {})).problem?.reason, 'unreachable');
  const waiting = await offlineStatus(service, (s) => s.pending === 1);
  assert.equal(waiting.canTake, false);
  await assert.rejects(call(service, 'offline/push', {}), (e: Error & { kind?: string }) => e.kind === 'network' && /stay on this computer/.test(e.message));
  assert.equal(await lia.getReview(uid), null, 'nothing reached the team');

  // Back: the next read finds the team cache, and what waited is sent.
  proxy.setOffline(false);
  const sent = offlineStatus(service, (s) => settled(s) && s.lastPush?.result.pushed === 1);
  // The first call after the return may meet a connection the drop left dead in the pool: the app's next one works.
  await call(service, 'interactions/count', { filter: {} }).catch(() => call(service, 'interactions/count', { filter: {} }));
  await sent;
  const review = (await lia.getReview(uid))!;
  assert.equal(review.note, 'sin red');
  assert.equal(review.reviewer, 'ana');
  assert.deepEqual(review.scores, PASSING_SCORES);
});

test("an offline sample's workbook is the team's: the CSV byte for byte, the xlsx sheet for sheet (Summary, Scorecard, Assignments)", async (t) => {
  const downloads = tempDir();
  const { service } = await anaOnTeam(t, downloads);
  const exported = async (sampleId: number, path: string, format: 'csv' | 'xlsx' = 'csv') => {
    const finished = new Promise<{ jobId: string; error: unknown }>((resolve) => {
      const off = service.subscribe((event, payload) => {
        if (event !== 'export/finished') return;
        off();
        resolve(payload as { jobId: string; error: unknown });
      });
    });
    const { jobId } = await call<{ jobId: string }>(service, 'export/start', { filter: { sampleId }, format, headers: 'friendly', reviews: true, path });
    const done = await finished;
    assert.equal(done.jobId, jobId);
    assert.equal(done.error, null);
    return readFileSync(join(downloads, path));
  };
  await call(service, 'offline/take', { kind: 'sample', sampleId: team.sampleId });
  const online = await exported(team.sampleId, 'team.csv');
  const onlineBook = readParts(await exported(team.sampleId, 'team.xlsx', 'xlsx'));
  await call(service, 'team/leave', {});
  const [copy] = await call<{ id: number }[]>(service, 'samples/list', {});
  const offline = await exported(copy!.id, 'offline.csv');
  const offlineBook = readParts(await exported(copy!.id, 'offline.xlsx', 'xlsx'));
  const sheets = (parts: Map<string, Buffer>) => [...parts.get('xl/workbook.xml')!.toString('utf8').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]!);
  assert.deepEqual(sheets(offlineBook), sheets(onlineBook));
  assert.ok(sheets(onlineBook).includes('Assignments'), sheets(onlineBook).join());
  for (const [name, part] of onlineBook) {
    if (name.startsWith('xl/worksheets/') || name.startsWith('xl/sharedStrings')) assert.equal(offlineBook.get(name)?.toString('utf8'), part.toString('utf8'), `${name} offline`);
  }
  const [header, ...lines] = online.toString('utf8').split('\n');
  assert.match(header!, /Review status.*Reviewer/, "the reviews' columns are in it");
  assert.ok(lines.some((l) => l.includes(',bea,') || l.includes(',ana,') || l.includes(',lia,')), 'with the team\'s reviews');
  assert.ok(online.equals(offline), 'the same bytes');
});

test('the connection dropped during a save of an interaction taken offline: the save lands on the copy here and is sent like any review made offline', async (t) => {
  const { service, proxy } = await anaOnTeam(t);
  const lia = await team.open('lia');
  t.after(() => lia.close());
  const uid = team.parts.bea[0]!;
  await call(service, 'offline/take', { kind: 'sample', sampleId: team.sampleId });
  const before = await call<{ review: { version: number } | null }>(service, 'reviews/get', { uid });
  proxy.setOffline(true);
  const saved = await call<{ keptLocally?: boolean; note: string }>(service, 'reviews/save', { uid, note: 'en la copia', scores: FAILING_SCORES, baseVersion: before.review?.version ?? 0 });
  assert.equal(saved.keptLocally, true);
  assert.equal(saved.note, 'en la copia');
  const waiting = await offlineStatus(service, (s) => s.pending === 1);
  assert.equal(waiting.sets[0]!.pending, 1, 'waiting with the selection it belongs to');

  proxy.setOffline(false);
  const sent = offlineStatus(service, (s) => settled(s) && s.lastPush?.result.pushed === 1);
  // The first call after the return may meet a connection the drop left dead in the pool: the app's next one works.
  await call(service, 'interactions/count', { filter: {} }).catch(() => call(service, 'interactions/count', { filter: {} }));
  await sent;
  const review = (await lia.getReview(uid))!;
  assert.deepEqual([review.note, review.reviewer, review.computedStatus], ['en la copia', 'ana', 'fail']);
  await call(service, 'team/leave', {});
  assert.deepEqual((await call<{ review: unknown }>(service, 'reviews/get', { uid })).review, review, "this computer's copy is the team's review");
});
