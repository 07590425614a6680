/**
 * The Store contract: what the service relies on, written against the Store interface only. Every
 * implementation runs it; a second backend adds one line to IMPLEMENTATIONS.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src-main/core/store/store';
import type { IncomingRecord } from '../../src-main/core/wolkvox/fields';
import { changed, NOW, recordOf, SERVER, ZONE } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { IMPLEMENTATIONS, withStore } from './implementations';

const START = Date.UTC(2026, 0, 1, 5);
const END = Date.UTC(2026, 0, 11, 5);
const AGENTS = ['Ana Gómez', 'Luis Pérez', 'Zoë Ğ'];
const CHANNELS = ['Email', 'Chat'];

/** 30 interactions over ten days, three agents, two channels; every fifth mentions "garantía". */
function window(): IncomingRecord[] {
  return Array.from({ length: 30 }, (_, i) =>
    recordOf({
      agent_name: AGENTS[i % 3]!,
      channel: CHANNELS[i % 2]!,
      case_id: `K${Math.floor(i / 2)}`,
      date_creation: `2026-01-${String(1 + (i % 10)).padStart(2, '0')} ${String(8 + Math.floor(i / 10)).padStart(2, '0')}:00:00`,
      body: i % 5 === 0 ? `reclamo por garantía ${i}` : `consulta general ${i}`,
      status: i % 4 === 0 ? 'open' : 'closed',
    }),
  );
}

const call = (rows: number, startedAt = NOW) => ({ server: SERVER, windowStartUtc: START, windowEndUtc: END, startedAt, durationMs: 5, outcome: 'ok', rows });

/** A run with one window, as the sync engine writes it; returns the run id. */
async function sync(store: Store, records: IncomingRecord[], cursorUtc = END) {
  const runId = await store.sync.startRun({ server: SERVER, mode: 'range', rangeStartUtc: START, rangeEndUtc: END, startedAt: NOW });
  const counts = await store.sync.commitWindow({ runId, records, server: SERVER, zone: ZONE, now: NOW, cursorUtc, call: call(records.length) });
  await store.sync.finishRun(runId, 'done');
  return { runId, counts };
}

async function allRows(store: Store, filter = {}) {
  return (await store.page({ filter, limit: 1000 })).rows;
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: a window and its checkpoint are written together, and a second identical window changes nothing`, () =>
    withStore(impl, async (store) => {
      const records = window();
      const first = await sync(store, records, START + 1000);
      assert.deepEqual(first.counts, { inserted: 30, updated: 0, unchanged: 0 });
      assert.equal(await store.sync.lastCoveredUtc(SERVER), START + 1000);
      const again = await sync(store, records);
      assert.deepEqual(again.counts, { inserted: 0, updated: 0, unchanged: 30 });
      assert.equal(await store.sync.lastCoveredUtc(SERVER), END);
      assert.equal(await store.sync.findResumableRun(SERVER, START, END), null, 'a finished run is not resumed');
    }));

  test(`${impl.name}: page, count, facets and search agree`, () =>
    withStore(impl, async (store) => {
      assert.equal(await store.hasAny(), false);
      await sync(store, window());
      assert.equal(await store.hasAny(), true);
      assert.equal(await store.count({}), 30);
      assert.equal((await allRows(store)).length, 30);

      const facets = await store.facets({}, ['agent_name', 'channel']);
      for (const agent of AGENTS) {
        const inFacet = facets.agent_name!.find((f) => f.value === agent)?.count;
        assert.equal(inFacet, 10);
        assert.equal(await store.count({ agents: [agent] }), 10);
        assert.equal((await allRows(store, { agents: [agent] })).length, 10);
      }
      assert.equal(facets.channel!.reduce((n, f) => n + f.count, 0), 30);
      // A facet ignores its own filter, so the other choices stay visible; other filters apply.
      const underEmail = await store.facets({ channels: ['Email'], agents: [AGENTS[0]!] }, ['channel', 'agent_name']);
      assert.equal(underEmail.channel!.length, 2);
      assert.equal(underEmail.agent_name!.reduce((n, f) => n + f.count, 0), 15);

      const found = await store.search('garantía', { limit: 1000 });
      assert.equal(found.rows.length, 6);
      assert.ok(found.rows.every((r) => r.body.includes('garantía')));
      assert.equal(await store.count({ text: 'garantía' }), 6);
      const narrowed = await store.search('garantía', { filter: { channels: ['Email'] }, limit: 1000 });
      assert.equal(narrowed.rows.length, await store.count({ text: 'garantía', channels: ['Email'] }));
      assert.ok(narrowed.rows.every((r) => r.channel === 'Email'));

      // Keyset pages of 7 cover every row once, in the same order as one big page.
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const p = await store.page({ limit: 7, ...(after ? { after } : {}) });
        seen.push(...p.rows.map((r) => r.uid));
        if (!p.nextCursor) break;
        after = p.nextCursor;
      }
      assert.deepEqual(seen, (await allRows(store)).map((r) => r.uid));
    }));

  test(`${impl.name}: an interaction, its earlier versions and its conversation`, () =>
    withStore(impl, async (store) => {
      const records = window();
      await sync(store, records);
      await sync(store, [changed(records[0]!, { status: 'closed', close_date: '2026-01-02 09:00:00' })]);
      const row = (await allRows(store)).find((r) => r.case_id === 'K0' && r.body.startsWith('reclamo'))!;
      const detail = await store.interaction(row.id);
      assert.equal(detail?.status, 'closed');
      const versions = await store.interactionHistory(row.id);
      assert.equal(versions.length, 1);
      assert.ok(versions[0]!.changedFields.includes('status'));
      const talk = await store.conversation('K0', SERVER);
      assert.deepEqual(talk.map((r) => r.case_id), ['K0', 'K0']);
      assert.equal(await store.interaction(-1), null);
    }));

  test(`${impl.name}: reviews round-trip, with history, statuses and progress`, () =>
    withStore(impl, async (store) => {
      await sync(store, window());
      const [a, b] = await allRows(store, { agents: [AGENTS[1]!] });
      const card = await store.activeScorecard(NOW);
      assert.equal(await store.getReview(a!.uid), null);
      const saved = await store.saveReview({ uid: a!.uid, note: 'revisar saludo', reviewer: 'qa' }, NOW);
      assert.equal(saved.status, 'in review');
      assert.equal(saved.scorecardId, card.id);
      const passed = await store.saveReview({ uid: b!.uid, scores: PASSING_SCORES, reviewer: 'qa' }, NOW + 1);
      assert.deepEqual(await store.getReview(b!.uid), passed);
      assert.deepEqual((await store.reviewHistory(a!.uid)).map((h) => h.action), ['create']);
      await store.saveReview({ uid: a!.uid, scores: FAILING_SCORES, reviewer: 'qa' }, NOW + 2);
      assert.deepEqual((await store.reviewHistory(a!.uid)).map((h) => h.action), ['create', 'update']);
      const statuses = await store.reviewStatuses([a!.uid, b!.uid, 'nope']);
      assert.deepEqual([...statuses.values()], ['fail', 'pass', 'unreviewed']);
      const progress = await store.reviewCounts({ agents: [AGENTS[1]!] });
      assert.deepEqual(progress, { total: 10, unreviewed: 8, inReview: 0, pass: 1, fail: 1, reviewed: 2, overridden: 0 });
      assert.equal(await store.count({ reviewStatuses: ['pass', 'fail'] }), 2);
      await assert.rejects(store.saveReview({ uid: 'no-such-uid', note: 'x', reviewer: 'qa' }, NOW), /no interaction/);
    }));

  test(`${impl.name}: scorecards are versions; the newest is active`, () =>
    withStore(impl, async (store) => {
      const first = await store.activeScorecard(NOW);
      const next = await store.saveScorecard({ id: first.id, name: 'Solo resolución', attributes: [{ key: 'resolution', name: 'Resolución', weight: 1, scale: 'yes-no' }] }, NOW + 1);
      assert.equal(next.version, first.version + 1);
      assert.deepEqual(await store.activeScorecard(NOW + 2), next);
      assert.deepEqual(await store.scorecardVersion(first.id, first.version), first);
      assert.equal(await store.scorecardVersion(first.id, 99), null);
      assert.deepEqual((await store.listScorecards()).map((c) => c.version), [next.version, first.version]);
    }));

  test(`${impl.name}: samples are drawn from a filter, reproducibly, and listed`, () =>
    withStore(impl, async (store) => {
      await sync(store, window());
      const draw = { seed: 7, perAgent: 2, filter: { channels: ['Email'] } };
      const info = await store.drawSample({ name: 'Enero', ...draw }, NOW);
      assert.equal(info.memberCount, 6);
      assert.equal(info.candidateCount, 15);
      const members = await store.sampleMembers(info.id);
      const emails = new Set((await allRows(store, { channels: ['Email'] })).map((r) => r.uid));
      assert.ok(members.every((m) => emails.has(m.uid)));
      const twin = await store.drawSample({ name: 'Enero bis', ...draw }, NOW);
      assert.deepEqual((await store.sampleMembers(twin.id)).map((m) => m.uid), members.map((m) => m.uid));
      await assert.rejects(store.drawSample({ name: 'Enero', ...draw }, NOW), /already exists/);
      assert.deepEqual((await store.listSamples()).map((s) => s.name), ['Enero bis', 'Enero']);
      assert.equal((await store.sampleByName('Enero'))?.id, info.id);
      assert.equal(await store.sampleByName('Febrero'), null);
      assert.equal(await store.count({ sampleId: info.id }), 6);
    }));

  test(`${impl.name}: the sync log records runs and calls`, () =>
    withStore(impl, async (store) => {
      const { runId } = await sync(store, window());
      await store.sync.logCall(runId, { ...call(0), outcome: 'no-data' });
      const run = await store.getRun(runId);
      assert.equal(run?.status, 'done');
      assert.equal(run?.calls, 2);
      assert.equal(run?.inserted, 30);
      const failed = await store.sync.startRun({ server: SERVER, mode: 'incremental', rangeStartUtc: END, rangeEndUtc: END + 1, startedAt: NOW + 5 });
      await store.sync.finishRun(failed, 'failed', { kind: 'quota', message: 'daily quota used' });
      assert.deepEqual((await store.recentRuns(5)).map((r) => [r.id, r.status, r.errorKind]), [[failed, 'failed', 'quota'], [runId, 'done', null]]);
      assert.equal(await store.getRun(9999), null);
      assert.equal(await store.callsToday(NOW, ZONE, SERVER), 2);
      assert.equal(await store.callsToday(NOW, ZONE, 'other'), 0);
    }));

  test(`${impl.name}: settings are text by key; null removes`, () =>
    withStore(impl, async (store) => {
      assert.equal(await store.getSetting('ui'), null);
      await store.setSetting('ui', '{"a":1}');
      await store.setSetting('ui', '{"a":2}');
      assert.equal(await store.getSetting('ui'), '{"a":2}');
      await store.setSetting('ui', null);
      assert.equal(await store.getSetting('ui'), null);
    }));

  test(`${impl.name}: a settings update reads, decides and writes as one; concurrent updates lose nothing; tokens are refused`, () =>
    withStore(impl, async (store) => {
      const bump = (key: string) =>
        store.updateSettings(['counts'], (current) => {
          const counts = JSON.parse(current.counts ?? '{}') as Record<string, number>;
          counts[key] = (counts[key] ?? 0) + 1;
          return { writes: { counts: JSON.stringify(counts) }, result: counts[key] };
        });
      const answers = await Promise.all([bump('a'), bump('b'), bump('a'), bump('a')]);
      assert.deepEqual(JSON.parse((await store.getSetting('counts'))!), { a: 3, b: 1 }, 'every read-modify-write saw the one before');
      assert.deepEqual(answers, [1, 1, 2, 3], 'each answers what it decided');
      await store.updateSettings(['x', 'y'], () => ({ writes: { x: '1', y: '2' }, result: null }));
      await store.updateSettings(['x'], (current) => ({ writes: { x: null, y: `${current.x}+` }, result: null }));
      assert.deepEqual([await store.getSetting('x'), await store.getSetting('y')], [null, '1+']);
      await assert.rejects(store.updateSettings([], () => ({ writes: { ok: '1', wolkvoxToken: 's3cret' }, result: null })), /keychain/);
      assert.equal(await store.getSetting('ok'), null, 'a refused update writes nothing');
      await assert.rejects(store.setSetting('apiToken', 'x'), /keychain/);
    }));

  test(`${impl.name}: what the sync plan reads: last covered instant, pace, oldest open interaction, stats`, () =>
    withStore(impl, async (store) => {
      assert.equal(await store.lastCoveredUtc(SERVER), null, 'nothing covered before the first sync');
      assert.equal(await store.rowsPerDay(SERVER, END), null, 'no pace without rows');
      await sync(store, window(), END - 3_600_000);
      assert.equal(await store.lastCoveredUtc(SERVER), END - 3_600_000);
      assert.equal(await store.lastCoveredUtc('other'), null);
      const records: { createdUtc: number; status: string }[] = [];
      for await (const batch of store.exportWalk({})) records.push(...batch.map((r) => ({ createdUtc: r.createdUtc!, status: r.status })));
      const now = END + 86_400_000;
      const first = Math.min(...records.map((r) => r.createdUtc));
      assert.equal(await store.rowsPerDay(SERVER, now), 30 / ((now - first) / 86_400_000), 'rows over the days since the first cached in the last 30');
      assert.equal(await store.rowsPerDay(SERVER, now + 60 * 86_400_000), null, 'nothing cached in the last 30 days');
      const since = Date.UTC(2026, 0, 5, 5);
      const open = records.filter((r) => r.status === 'open' && r.createdUtc >= since).map((r) => r.createdUtc);
      assert.ok(open.length > 0);
      assert.equal(await store.oldestOpenSince(SERVER, since), Math.min(...open));
      assert.equal(await store.oldestOpenSince(SERVER, END), null);
      const stats = await store.stats(NOW, ZONE);
      assert.equal(stats.total, 30);
      assert.deepEqual(Object.fromEntries(stats.byStatus.map((v) => [v.value, v.count])), { open: 8, closed: 22 });
      assert.equal(stats.lastSync?.status, 'done');
      assert.equal(stats.callsToday, 1);
    }));

  test(`${impl.name}: the workbook's reads: review rows by uid, and a summary with the scorecards it used`, () =>
    withStore(impl, async (store) => {
      await sync(store, window());
      const [a, b, c] = await allRows(store, { agents: [AGENTS[0]!] });
      await store.saveReview({ uid: a!.uid, scores: PASSING_SCORES, reviewer: 'qa', note: '=1+1 😀' }, NOW);
      await store.saveReview({ uid: b!.uid, scores: FAILING_SCORES, reviewer: 'qa' }, NOW + 1);
      const rows = await store.reviewRows([a!.uid, b!.uid, c!.uid]);
      assert.deepEqual([...rows.keys()].sort(), [a!.uid, b!.uid].sort());
      assert.equal(rows.get(a!.uid)?.note, '=1+1 😀');
      assert.equal(rows.get(b!.uid)?.status, 'fail');
      const { summary, scorecards } = await store.auditSummary({ agents: [AGENTS[0]!] });
      assert.equal(summary.total.interactions, 10);
      assert.deepEqual([summary.total.reviewed, summary.total.passed, summary.total.failed], [2, 1, 1]);
      assert.deepEqual(summary.byAgent.map((r) => r.key), [AGENTS[0]]);
      assert.equal(scorecards.length, 1);
      const other = await store.auditSummary({ agents: [AGENTS[1]!] });
      assert.equal(other.summary.total.reviewed, 0);
      assert.deepEqual(other.scorecards, [], 'no review, no scorecard used');
    }));

  test(`${impl.name}: the export walk yields every matching row once, in the sort's order, in batches`, () =>
    withStore(impl, async (store) => {
      await sync(store, window());
      const sort = { field: 'agent_name', dir: 'asc' } as const;
      const filter = { statuses: ['closed'] };
      const batches: number[] = [];
      const uids: string[] = [];
      for await (const batch of store.exportWalk(filter, sort, 7)) {
        batches.push(batch.length);
        uids.push(...batch.map((r) => r.uid));
      }
      const expected = (await store.page({ filter, sort, limit: 1000 })).rows.map((r) => r.uid);
      assert.equal(expected.length, await store.count(filter));
      assert.deepEqual(uids, expected);
      assert.ok(batches.slice(0, -1).every((n) => n === 7), `full batches before the last: ${batches.join(',')}`);
    }));

  test(`${impl.name}: a purge removes what its plan said, keeping reviewed interactions when asked`, () =>
    withStore(impl, async (store) => {
      await sync(store, window());
      const before = Date.UTC(2026, 0, 6, 5); // 6 January, midnight in Bogota: days 1-5 go
      const old = await allRows(store, { toUtc: before });
      assert.equal(old.length, 15);
      await store.saveReview({ uid: old[0]!.uid, scores: PASSING_SCORES, reviewer: 'qa' }, NOW);
      const req = { server: SERVER, beforeUtc: before, keepReviewed: true };
      const plan = await store.planPurge(req);
      assert.equal(plan.interactions, 14);
      assert.deepEqual(await store.purge(req), plan);
      assert.equal(await store.count({}), 16);
      assert.notEqual(await store.getReview(old[0]!.uid), null);

      const removal = await store.planServerRemoval(SERVER);
      assert.equal(removal.interactions, 16);
      assert.deepEqual(await store.removeServerData(SERVER), removal);
      assert.equal(await store.count({}), 0);
      assert.deepEqual(await store.recentRuns(), []);
    }));
}
