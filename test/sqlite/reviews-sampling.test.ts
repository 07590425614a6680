import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AppError } from '../../src-main/core/errors';
import { type SampleCandidate } from '../../src-main/core/reviews';
import { reviewStatusCounts, saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { drawSample, listSamples, sampleByName, sampleMembers } from '../../src-main/core/store/sqlite/audit/samples-sql';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions, openTestDb, selected, type TestInteraction } from './reviews-fixtures';

const dir = tempDir('wolkvox-sampling-');
const T0 = 1_700_000_200_000;
const badInput = (pattern: RegExp) => (e: unknown) => (e as AppError).kind === 'bad-input' && pattern.test((e as Error).message);

// Ana 12 interactions, Luis 7, Zoe 2; channels and statuses alternate.
const rows: TestInteraction[] = [];
for (const [agent, count] of [['Ana', 12], ['Luis', 7], ['Zoe', 2]] as const) {
  for (let i = 0; i < count; i++) {
    rows.push({ id: (rows.length + 1) << 16, uid: `${agent.toLowerCase()}-${String(i).padStart(2, '0')}`, agent_name: agent, channel: i % 3 === 0 ? 'Email' : 'whatsapp', status: i % 2 ? 'open' : 'close' });
  }
}
const candidates: SampleCandidate[] = rows.map(({ uid, agent_name, channel, status }) => ({ uid, agent_name, channel, status }));

const db = openTestDb(join(dir, 'sampling.sqlite'));
insertInteractions(db, rows);

function shuffled<T>(list: readonly T[], salt: number): T[] {
  // Any deterministic reordering will do: sort by a hash of the index.
  return list.map((v, i) => ({ v, k: Math.sin(i * 12.9898 + salt) })).sort((a, b) => a.k - b.k).map((x) => x.v);
}
const uidsOf = (id: number) => sampleMembers(db, id).map((m) => m.uid);

test('N per agent, fewer when an agent has fewer, stored with its parameters', () => {
  const s = drawSample(db, { name: 'Week 12', seed: 42, perAgent: 3, candidates, filter: { agents: [] } }, T0);
  assert.equal(s.memberCount, 3 + 3 + 2);
  assert.equal(s.candidateCount, rows.length);
  const members = sampleMembers(db, s.id);
  const perAgent: Record<string, number> = {};
  for (const m of members) perAgent[m.agentName] = (perAgent[m.agentName] ?? 0) + 1;
  assert.deepEqual(perAgent, { Ana: 3, Luis: 3, Zoe: 2 });
  assert.deepEqual(members.map((m) => m.position), [...members.keys()]);
  for (const m of members) assert.equal(rows.find((r) => r.uid === m.uid)?.agent_name, m.agentName);
  assert.deepEqual(sampleByName(db, 'week 12'), s);
  assert.deepEqual(listSamples(db)[0], s);
});

test('same seed and same candidates give the same members, whatever their order; another seed differs', () => {
  const a = drawSample(db, { name: 'A', seed: 'audit-2024-w12', perAgent: 4, candidates }, T0);
  const b = drawSample(db, { name: 'B', seed: 'audit-2024-w12', perAgent: 4, candidates: shuffled(candidates, 1) }, T0);
  const c = drawSample(db, { name: 'C', seed: 'audit-2024-w12', perAgent: 4, candidates: shuffled(candidates, 2).values() }, T0);
  const d = drawSample(db, { name: 'D', seed: 'audit-2024-w13', perAgent: 4, candidates }, T0);
  assert.deepEqual(uidsOf(b.id), uidsOf(a.id));
  assert.deepEqual(uidsOf(c.id), uidsOf(a.id));
  assert.notDeepEqual(uidsOf(d.id), uidsOf(a.id));
  // A number seed and its text are one seed.
  const e = drawSample(db, { name: 'E', seed: 7, perAgent: 4, candidates }, T0);
  const f = drawSample(db, { name: 'F', seed: '7', perAgent: 4, candidates }, T0);
  assert.deepEqual(uidsOf(e.id), uidsOf(f.id));
});

test("an agent's draw does not move when other agents' interactions come or go", () => {
  const all = drawSample(db, { name: 'All agents', seed: 5, perAgent: 3, candidates }, T0);
  const anaOnly = drawSample(db, { name: 'Ana only', seed: 5, perAgent: 3, candidates: candidates.filter((c) => c.agent_name === 'Ana') }, T0);
  assert.deepEqual(uidsOf(anaOnly.id), sampleMembers(db, all.id).filter((m) => m.agentName === 'Ana').map((m) => m.uid));
});

test('by channel: N per agent and channel', () => {
  const s = drawSample(db, { name: 'By channel', seed: 1, perAgent: 2, by: 'channel', candidates }, T0);
  const members = sampleMembers(db, s.id);
  const expected = new Map<string, number>();
  for (const c of candidates) expected.set(`${c.agent_name}/${c.channel}`, Math.min(2, (expected.get(`${c.agent_name}/${c.channel}`) ?? 0) + 1));
  const got = new Map<string, number>();
  for (const m of members) {
    assert.equal(m.stratum, candidates.find((c) => c.uid === m.uid)!.channel);
    got.set(`${m.agentName}/${m.stratum}`, (got.get(`${m.agentName}/${m.stratum}`) ?? 0) + 1);
  }
  assert.deepEqual(got, expected);
  assert.equal(s.by, 'channel');
});

test('a sample, as the grid filters by it, gives the progress counts of its members', () => {
  const s = drawSample(db, { name: 'Progress', seed: 9, perAgent: 2, candidates }, T0);
  const [first] = sampleMembers(db, s.id);
  saveReview(db, { uid: first!.uid, reviewer: 'M', scores: { greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 } }, T0);
  assert.deepEqual(reviewStatusCounts(db, selected({ sampleId: s.id })), { total: 6, unreviewed: 5, inReview: 0, pass: 1, fail: 0, reviewed: 1, overridden: 0 });
});

test('bad input is refused with a clear message, and nothing is stored', () => {
  const count = listSamples(db).length;
  assert.throws(() => drawSample(db, { name: 'week 12', seed: 1, perAgent: 1, candidates }, T0), badInput(/already exists/));
  assert.throws(() => drawSample(db, { name: 'X', seed: 1, perAgent: 0, candidates }, T0), badInput(/at least 1/));
  assert.throws(() => drawSample(db, { name: 'X', seed: 1, perAgent: 1.5, candidates }, T0), badInput(/whole number/));
  assert.throws(() => drawSample(db, { name: ' ', seed: 1, perAgent: 1, candidates }, T0), badInput(/name/));
  assert.throws(() => drawSample(db, { name: 'X', seed: 1, perAgent: 1, candidates: [] }, T0), badInput(/no interactions/));
  assert.throws(() => drawSample(db, { name: 'X', seed: 1, perAgent: 1, candidates: [candidates[0]!, candidates[0]!] }, T0), badInput(/appears twice/));
  assert.throws(
    () => drawSample(db, { name: 'X', seed: 1, perAgent: 1, candidates: [{ uid: 'ghost', agent_name: 'A', channel: 'c', status: 's' }] }, T0),
    badInput(/not in this database/),
  );
  assert.throws(() => drawSample(db, { name: 'X', seed: 1, perAgent: 1, by: 'skill' as never, candidates }, T0), badInput(/channel" or "status/));
  assert.throws(() => sampleMembers(db, 9999), badInput(/no sample 9999/));
  assert.equal(listSamples(db).length, count);
});

test("candidates may be a live query on the same connection (the current filter's rows)", () => {
  const live = db.prepare("SELECT uid, agent_name, channel, status FROM interactions WHERE agent_name <> 'Zoe' ORDER BY id DESC").iterate() as Iterable<SampleCandidate>;
  const s = drawSample(db, { name: 'Live query', seed: 42, perAgent: 3, candidates: live, filter: { agentsNot: ['Zoe'] } }, T0);
  const fromArray = drawSample(db, { name: 'Same, from an array', seed: 42, perAgent: 3, candidates: candidates.filter((c) => c.agent_name !== 'Zoe') }, T0);
  assert.deepEqual(uidsOf(s.id), uidsOf(fromArray.id));
  assert.deepEqual(listSamples(db).find((x) => x.id === s.id)?.filter, { agentsNot: ['Zoe'] });
});
