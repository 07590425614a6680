/**
 * Audit samples through the port: the preview is the draw's size; the members follow the rule (groups
 * per agent, channel or status; counts or percentages rounded up; reviewed, open and agentless rows left
 * out when asked); a sample is reproducible from its seed (same seed, rule and rows: same members in the
 * same order; an agent's members do not move when other agents' rows come); progress follows reviews;
 * rename and delete keep every review.
 * Names: a name another sample has is refused ignoring letter case. What is pinned is ASCII letter case
 * (SQLite's NOCASE folds only A-Z); whether "Ñ" and "ñ" collide is left to each backend.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src-main/core/store/store';
import { NOW, recordOf } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { IMPLEMENTATIONS, withStore } from './implementations';
import { syncRecords } from './sync-helpers';

type Rule = Parameters<Store['previewSample']>[1];
type Filter = Parameters<Store['count']>[0];
const AGENTS = ['Ana', 'Luis', 'Zoë', '', 'Marta'];
const badInput = (pattern: RegExp) => (e: unknown) => (e as { kind?: string }).kind === 'bad-input' && pattern.test((e as Error).message);
const rule = (r: Partial<Rule> & Pick<Rule, 'unit' | 'amount' | 'perAgent'>): Rule => ({ by: null, skipReviewed: false, skipOpen: false, skipNoAgent: false, ...r });

/** 90 interactions of uneven agents, three channels, three statuses; some reviewed (pass, fail, in review). */
async function seed(store: Store) {
  await syncRecords(store, Array.from({ length: 90 }, (_, i) =>
    recordOf({
      agent_name: AGENTS[[0, 0, 0, 1, 1, 2, 3, 4, 4][(i + Math.floor(i / 9)) % 9]!]!,
      channel: ['Email', 'Chat', 'whatsapp'][i % 3]!,
      status: ['open', 'close', 'archived'][Math.floor(i / 3) % 3]!,
      date_creation: `2026-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`,
    })));
  const rows = (await store.page({ limit: 1000 })).rows;
  const reviewOf = new Map<string, string>();
  for (const [i, r] of rows.entries()) {
    if (i % 4 === 0) await store.saveReview({ uid: r.uid, reviewer: 'qa', scores: PASSING_SCORES }, NOW);
    else if (i % 7 === 0) await store.saveReview({ uid: r.uid, reviewer: 'qa', scores: FAILING_SCORES }, NOW);
    else if (i % 5 === 0) await store.saveReview({ uid: r.uid, reviewer: 'qa', note: 'later' }, NOW);
  }
  for (const [uid, status] of await store.reviewStatuses(rows.map((r) => r.uid))) reviewOf.set(uid, status);
  return { rows, reviewOf };
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: the preview is the draw's size, and the members follow the rule`, () =>
    withStore(impl, async (store) => {
      const { rows, reviewOf } = await seed(store);
      const cases: [Filter, Rule][] = [
        [{}, rule({ unit: 'count', amount: 3, perAgent: true })],
        [{ channels: ['Email', 'Chat'] }, rule({ unit: 'count', amount: 4, perAgent: true, by: 'channel' })],
        [{}, rule({ unit: 'percent', amount: 25, perAgent: true, by: 'status' })],
        [{ channels: ['whatsapp'] }, rule({ unit: 'percent', amount: 12.5, perAgent: false })],
        [{}, rule({ unit: 'percent', amount: 30, perAgent: true, skipReviewed: true, skipOpen: true, skipNoAgent: true })],
      ];
      for (const [k, [filter, r]] of cases.entries()) {
        const candidates = rows.filter((row) =>
          (!filter.channels || filter.channels.includes(row.channel)) &&
          !(r.skipReviewed && ['pass', 'fail'].includes(reviewOf.get(row.uid)!)) &&
          !(r.skipOpen && !['close', 'archived'].includes(row.status)) &&
          !(r.skipNoAgent && row.agent_name.trim() === ''));
        const keyOf = (row: (typeof rows)[number]) => JSON.stringify([r.perAgent ? row.agent_name : '*', r.by ? row[r.by] : '*']);
        const groups = new Map<string, number>();
        for (const row of candidates) groups.set(keyOf(row), (groups.get(keyOf(row)) ?? 0) + 1);
        const take = (n: number) => (r.unit === 'count' ? Math.min(n, r.amount) : Math.min(n, Math.ceil((n * r.amount) / 100 - 1e-9)));
        const perGroup = new Map([...groups].map(([g, n]) => [g, take(n)]));
        const size = [...perGroup.values()].reduce((s, n) => s + n, 0);
        assert.deepEqual(await store.previewSample(filter, r), { candidates: candidates.length, size }, `preview ${k}`);
        const info = await store.drawSample({ name: `case ${k}`, seed: `s${k}`, rule: r, filter }, NOW);
        assert.deepEqual([info.memberCount, info.candidateCount, info.rule, info.filter], [size, candidates.length, r, filter]);
        const byUid = new Map(candidates.map((row) => [row.uid, row]));
        const got = new Map<string, number>();
        for (const m of await store.sampleMembers(info.id)) {
          const row = byUid.get(m.uid);
          assert.ok(row, 'a member is a candidate');
          assert.equal(m.agentName, row.agent_name);
          got.set(keyOf(row), (got.get(keyOf(row)) ?? 0) + 1);
        }
        assert.deepEqual(new Map([...got].sort()), new Map([...perGroup].filter(([, n]) => n > 0).sort()), `groups of case ${k}`);
        assert.equal(await store.count({ sampleId: info.id }), size);
      }
      await assert.rejects(store.drawSample({ name: 'none', seed: 1, rule: rule({ unit: 'count', amount: 1, perAgent: true }), filter: { channels: ['fax'] } }, NOW), badInput(/no interactions/));
      await assert.rejects(store.drawSample({ name: 'pct', seed: 1, rule: { unit: 'percent', amount: 120, perAgent: true }, filter: {} }, NOW), badInput(/percentage/));
    }));

  test(`${impl.name}: a sample is reproducible from its seed, and an agent's members do not move when other agents' rows come`, () =>
    withStore(impl, async (store) => {
      await seed(store);
      const draw = async (name: string, seed: string | number) => (await store.sampleMembers((await store.drawSample({ name, seed, perAgent: 2, by: 'channel', filter: {} }, NOW)).id));
      const a = await draw('A', 77);
      assert.deepEqual((await draw('B', 77)).map((m) => [m.uid, m.stratum, m.position]), a.map((m) => [m.uid, m.stratum, m.position]), 'same seed, same members, same order');
      const same = await store.sampleMembers((await store.drawSample({ name: 'C', seed: 77, rule: { unit: 'count', amount: 2, perAgent: true, by: 'channel' }, filter: {} }, NOW)).id);
      assert.deepEqual(same.map((m) => m.uid), a.map((m) => m.uid), 'N per agent is the same as its rule');
      assert.notDeepEqual((await draw('D', 78)).map((m) => m.uid), a.map((m) => m.uid), 'another seed, another draw');
      await syncRecords(store, Array.from({ length: 30 }, (_, i) => recordOf({ agent_name: 'Nuevo', channel: ['Email', 'Chat'][i % 2]!, date_creation: `2026-01-${String(1 + i).padStart(2, '0')} 07:00:00` })));
      const later = await draw('E', 77);
      assert.deepEqual(later.filter((m) => m.agentName !== 'Nuevo').map((m) => m.uid).sort(), a.map((m) => m.uid).sort(), 'the other agents keep their members');
      assert.equal(later.filter((m) => m.agentName === 'Nuevo').length, 4);
    }));

  test(`${impl.name}: samples are listed newest first with their progress; found by id and name; renamed and deleted keeping every review`, () =>
    withStore(impl, async (store) => {
      const { reviewOf } = await seed(store);
      const first = await store.drawSample({ name: 'Semana 3', seed: 5, perAgent: 8, filter: {} }, NOW);
      const second = await store.drawSample({ name: 'Semana 4', seed: 5, perAgent: 1, filter: {} }, NOW + 1);
      assert.deepEqual((await store.listSamples()).map((s) => s.id), [second.id, first.id]);
      const members = await store.sampleMembers(first.id);
      const decided = members.filter((m) => ['pass', 'fail'].includes(reviewOf.get(m.uid)!));
      assert.deepEqual(first.progress, { reviewed: decided.length, passed: decided.filter((m) => reviewOf.get(m.uid) === 'pass').length, failed: decided.filter((m) => reviewOf.get(m.uid) === 'fail').length });
      assert.ok(members.some((m) => reviewOf.get(m.uid) === 'in review'), 'in review is not reviewed');
      const open = members.find((m) => reviewOf.get(m.uid) === 'unreviewed')!;
      await store.saveReview({ uid: open.uid, reviewer: 'qa', scores: FAILING_SCORES }, NOW + 2);
      const progress = (await store.sampleById(first.id))!.progress;
      assert.deepEqual([progress.reviewed, progress.failed], [first.progress.reviewed + 1, first.progress.failed + 1], 'progress follows a new review');
      assert.equal(await store.sampleById(999_999), null);

      const renamed = await store.renameSample(first.id, '  Semana 3 (revisada)  ');
      assert.deepEqual([renamed.name, renamed.memberCount], ['Semana 3 (revisada)', first.memberCount]);
      assert.equal((await store.sampleByName('semana 3 (REVISADA)'))?.id, first.id, 'found by name in any letter case');
      assert.equal(await store.sampleByName('Semana 3'), null);
      await assert.rejects(store.renameSample(first.id, 'SEMANA 4'), badInput(/already exists/));
      await assert.rejects(store.drawSample({ name: 'semana 4', seed: 1, perAgent: 1, filter: {} }, NOW), badInput(/already exists/));
      assert.equal((await store.renameSample(first.id, 'SEMANA 3 (revisada)')).name, 'SEMANA 3 (revisada)', 'its own name in another case is fine');
      await assert.rejects(store.renameSample(999_999, 'x'), badInput(/no sample/));
      // Letter case is A–Z only on every backend (SQLite's NOCASE): "Ñandú" and "ñandú" are two names, found apart.
      const upper = await store.drawSample({ name: 'Ñandú ÉTÉ', seed: 1, perAgent: 1, filter: {} }, NOW);
      const lower = await store.drawSample({ name: 'ñandú été', seed: 1, perAgent: 1, filter: {} }, NOW);
      assert.deepEqual([(await store.sampleByName('ñANDú été'))?.id, (await store.sampleByName('Ñandú ÉtÉ'))?.id], [lower.id, upper.id]);
      await assert.rejects(store.drawSample({ name: 'ÑANDú ÉTÉ', seed: 1, perAgent: 1, filter: {} }, NOW), badInput(/already exists/));
      assert.equal((await store.renameSample(lower.id, 'Ñandú été')).name, 'Ñandú été', 'not the name of the other');
      await store.deleteSample(upper.id);
      await store.deleteSample(lower.id);

      const reviewsBefore = await store.reviewCounts({});
      const historyBefore = await store.reviewHistory(open.uid);
      await store.deleteSample(first.id);
      assert.deepEqual(await store.reviewCounts({}), reviewsBefore, 'every review stays');
      assert.deepEqual(await store.reviewHistory(open.uid), historyBefore);
      assert.equal(await store.sampleById(first.id), null);
      assert.deepEqual((await store.listSamples()).map((s) => s.id), [second.id]);
      await assert.rejects(store.sampleMembers(first.id), badInput(/no sample/));
      await assert.rejects(store.deleteSample(first.id), badInput(/no sample/));
      assert.equal(await store.count({ sampleId: first.id }), 0);
    }));
}
