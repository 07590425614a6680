import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mulberry32, type Review, type SummaryRow } from '../../src-main/core/reviews';
import type { InteractionSet } from '../../src-main/core/store/sqlite/audit/interaction-set';
import { saveReview } from '../../src-main/core/store/sqlite/audit/reviews-sql';
import { drawSample, sampleMembers } from '../../src-main/core/store/sqlite/audit/samples-sql';
import { activeScorecard, saveScorecard } from '../../src-main/core/store/sqlite/audit/scorecards-sql';
import { reviewSummary, scorecardsUsed } from '../../src-main/core/store/sqlite/audit/summary-sql';
import { tempDir } from '../helpers/temp-dir';
import { insertInteractions, openTestDb, selected, type TestInteraction } from './reviews-fixtures';

const dir = tempDir('wolkvox-summary-');
const T0 = 1_700_000_300_000;
const db = openTestDb(join(dir, 'summary.sqlite'));

const random = mulberry32(2024);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const AGENTS = ['Ana', 'Ángela', 'Luis', 'Zoe', 'zoe'];
const CHANNELS = ['Email', 'whatsapp', 'facebook_page', 'instagram'];
const STATUSES = ['open', 'close', 'archived'];
const EVALUATIONS = ['', '', '1', '2', '3', '4', '5', ' 4', '10', 'n/a'];

const rows: TestInteraction[] = Array.from({ length: 400 }, (_, i) => ({
  id: (i + 1) << 16,
  uid: `s-${i}`,
  agent_name: pick(AGENTS),
  channel: pick(CHANNELS),
  status: pick(STATUSES),
  evaluation_survey: pick(EVALUATIONS),
}));
insertInteractions(db, rows);

const reviews = new Map<string, Review>();
rows.forEach((row, i) => {
  const card = activeScorecard(db, T0);
  const roll = random();
  if (roll < 0.35) return;
  const scores: Record<string, boolean | number> = {};
  // Complete (the result follows the scores, sometimes overridden with a reason), partly scored (in review), or a note only.
  for (const a of card.attributes) if (roll > 0.5 || (roll > 0.42 && a === card.attributes[0])) scores[a.key] = a.scale === 'yes-no' ? random() < 0.8 : 1 + Math.floor(random() * 5);
  const override = roll > 0.5 && random() < 0.3 ? { status: pick(['pass', 'fail'] as const), reason: 'audit call' } : undefined;
  reviews.set(row.uid, saveReview(db, { uid: row.uid, reviewer: 'R', scores, override, note: `n${i}` }, T0 + i));
  if (i === 300) saveScorecard(db, { name: 'v2', attributes: [{ key: 'resolution', name: 'Resolution', weight: 1, scale: 'yes-no', critical: true }] }, T0 + i);
});

const evaluationOf = (text: string | undefined) => (/^[1-5]$/.test((text ?? '').trim()) ? Number(text!.trim()) : null);
const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);

/** The figures computed in JS from what the test wrote, without any SQL. */
function expected(subset: readonly TestInteraction[], keyOf: (r: TestInteraction) => string): SummaryRow[] {
  const groups = new Map<string, TestInteraction[]>();
  for (const r of subset) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => (Buffer.compare(Buffer.from(a), Buffer.from(b))))
    .map(([key, list]) => {
      const rv = list.map((r) => reviews.get(r.uid)).filter((r): r is Review => r !== undefined);
      const passed = rv.filter((r) => r.status === 'pass').length;
      const failed = rv.filter((r) => r.status === 'fail').length;
      const evaluations = list.map((r) => evaluationOf(r.evaluation_survey)).filter((v): v is number => v !== null);
      return {
        key,
        interactions: list.length,
        reviewed: passed + failed,
        passed,
        failed,
        passRate: passed + failed ? passed / (passed + failed) : null,
        averageScore: mean(rv.map((r) => r.overallScore).filter((v): v is number => v !== null)),
        evaluated: evaluations.length,
        averageEvaluation: mean(evaluations),
      };
    });
}

function assertRows(actual: SummaryRow[], wanted: SummaryRow[], label: string) {
  assert.equal(actual.length, wanted.length, `${label}: row count`);
  actual.forEach((row, i) => {
    const want = wanted[i]!;
    for (const field of Object.keys(want) as (keyof SummaryRow)[]) {
      const [a, w] = [row[field], want[field]];
      if (typeof a === 'number' && typeof w === 'number' && !Number.isInteger(w)) assert.ok(Math.abs(a - w) < 1e-9, `${label} ${want.key}.${field}: ${a} vs ${w}`);
      else assert.equal(a, w, `${label} ${want.key}.${field}`);
    }
  });
}

function check(set: InteractionSet, subset: readonly TestInteraction[], label: string) {
  const summary = reviewSummary(db, set);
  assertRows(summary.byAgent, expected(subset, (r) => r.agent_name), `${label} by agent`);
  assertRows(summary.byChannel, expected(subset, (r) => r.channel), `${label} by channel`);
  assertRows(summary.byStatus, expected(subset, (r) => r.status), `${label} by status`);
  assertRows([summary.total], expected(subset, () => ''), `${label} total`);
}

test('the data set exercises every case', () => {
  const all = [...reviews.values()];
  assert.ok(all.some((r) => r.status === 'pass') && all.some((r) => r.status === 'fail') && all.some((r) => r.status === 'in review'));
  assert.ok(all.some((r) => r.overallScore !== null) && all.some((r) => r.overallScore === null));
  assert.ok(all.some((r) => r.scorecardVersion === 2));
});

test('summary of the whole cache matches an independent computation', () => check({ kind: 'all' }, rows, 'all'));

test('summary of the grid\'s filters and of a sample match too', () => {
  const agents = ['Ana', 'Zoe'];
  const channels = ['Email', 'whatsapp'];
  const both = rows.filter((r) => agents.includes(r.agent_name) && channels.includes(r.channel));
  check(selected({ agents, channels }), both, 'agents and channels');
  check(selected({ statuses: ['close'] }), rows.filter((r) => r.status === 'close'), 'status');

  const candidates = rows.map(({ uid, agent_name, channel, status }) => ({ uid, agent_name, channel, status }));
  const sample = drawSample(db, { name: 'Summary sample', seed: 3, perAgent: 4, candidates }, T0);
  const members = new Set(sampleMembers(db, sample.id).map((m) => m.uid));
  assert.ok(members.size > 0 && members.size < rows.length, `a real subset: ${members.size} of ${rows.length}`);
  check(selected({ sampleId: sample.id }), rows.filter((r) => members.has(r.uid)), 'sample');
});

test('an empty set gives no groups and zero totals', () => {
  const summary = reviewSummary(db, selected({ agents: ['Nadie'] }));
  assert.deepEqual(summary.byAgent, []);
  assert.equal(summary.total.interactions, 0);
  assert.equal(summary.total.passRate, null);
});

test('scorecardsUsed lists the versions the set was scored with', () => {
  assert.deepEqual(scorecardsUsed(db).map((c) => `${c.id}@${c.version}`), ['default@1', 'default@2']);
  // Reviews of the first 100 rows were all saved before version 2 existed.
  const early: InteractionSet = { kind: 'sql', sql: 'SELECT uid FROM interactions WHERE id <= ?', params: [100 << 16] };
  assert.deepEqual(scorecardsUsed(db, early).map((c) => c.version), [1]);
});
