/**
 * Insights, figure by figure, against the test's own computation (insights-truth.ts) over the rows and
 * reviews read back through the port, for several selections, in a zone other than the cache's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../../src-main/core/store/store';
import { NOW, recordOf } from '../integration/store-fixtures';
import { FAILING_SCORES, PASSING_SCORES } from '../helpers/review-scores';
import { awkwardRecords } from './grid-fixture';
import { byCodePoint, everyRow, matches, type Filter } from './grid-order';
import { IMPLEMENTATIONS, withStore } from './implementations';
import * as X from './insights-truth';
import { syncRecords } from './sync-helpers';

const ZONE = 'America/Santiago';

const near = (a: number | null, b: number | null, what: string) => {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
};

/** Reviews of every kind: passed, failed on a critical, partial, overridden, with N/A nowhere allowed so none. */
async function review(store: Store): Promise<void> {
  const rows = (await store.page({ limit: 1000, sort: { field: 'created', dir: 'asc' } })).rows;
  for (const [i, row] of rows.entries()) {
    if (i % 5 === 0) await store.saveReview({ uid: row.uid, reviewer: 'qa', scores: { ...PASSING_SCORES, tone: 1 + (i % 5) } }, NOW + i);
    else if (i % 7 === 0) await store.saveReview({ uid: row.uid, reviewer: 'qa', scores: FAILING_SCORES }, NOW + i);
    else if (i % 11 === 0) await store.saveReview({ uid: row.uid, reviewer: 'qa', scores: { greeting: false, tone: 2 } }, NOW + i);
    if (i % 35 === 0 && i % 5 === 0) await store.saveReview({ uid: row.uid, reviewer: 'lead', override: { status: 'fail', reason: 'tone' } }, NOW + i);
    if (i % 14 === 7) await store.saveReview({ uid: row.uid, reviewer: 'lead', status: 'pass', reason: 'customer withdrew' }, NOW + i);
  }
}

async function check(store: Store, filter: Filter): Promise<void> {
  const label = JSON.stringify(filter);
  const got = await store.insights(filter, ZONE);
  const rows = (await everyRow(store)).filter((r) => matches(r, filter));
  assert.equal(got.zone, ZONE);
  assert.equal(got.total, rows.length, `total ${label}`);
  const time = X.expectedTime(rows, ZONE, got.volume.unit);
  const volume = new Map<string, number>();
  for (const p of got.volume.points) p.counts.forEach((n, c) => n && volume.set(`${p.key}|${got.volume.channels[c]}`, n));
  assert.deepEqual(volume, time.volume, `volume ${label}`);
  const channelTotals = new Map<string, number>();
  for (const r of rows) if (r.createdUtc !== null) channelTotals.set(r.channel, (channelTotals.get(r.channel) ?? 0) + 1);
  assert.deepEqual(got.volume.channels, [...channelTotals.entries()].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0])).map(([c]) => c), 'channels, most first');
  assert.deepEqual(got.heatmap, time.heatmap, `heatmap ${label}`);

  const agents = X.expectedAgents(rows);
  assert.deepEqual(got.agents.map((a) => a.agent), agents.map((a) => a.agent), `agents in order ${label}`);
  for (const [k, e] of agents.entries()) {
    const a = got.agents[k]!;
    assert.deepEqual([a.interactions, a.closed, a.medianHandleMs, a.p90HandleMs, a.evaluated], [e.interactions, e.closed, e.medianHandleMs, e.p90HandleMs, e.evaluated], `agent ${e.agent}`);
    near(a.shareClosed, e.shareClosed, 'share closed');
    near(a.averageEvaluation, e.averageEvaluation, 'average evaluation');
  }
  const typifications = X.expectedTypifications(rows);
  assert.deepEqual(got.typifications.top, typifications.slice(0, 20), `typifications ${label}`);
  assert.equal(got.typifications.distinct, typifications.length);
  assert.deepEqual(got.survey.distribution, X.expectedDistribution(rows), `survey values ${label}`);

  const reviewed: X.ReviewedRow[] = [];
  for (const r of rows) {
    const review = await store.getReview(r.uid);
    if (review) reviewed.push({ review, card: (await store.scorecardVersion(review.scorecardId, review.scorecardVersion))! });
  }
  const audit = X.expectedAudit(reviewed);
  assert.deepEqual({ ...got.audit.total, passRate: 0, averageScore: 0 }, { ...audit, passRate: 0, averageScore: 0 }, `audit ${label}`);
  near(got.audit.total.passRate, audit.passRate, 'pass rate');
  near(got.audit.total.averageScore, audit.averageScore, 'average score');
  const attributes = X.expectedAttributes(reviewed);
  assert.deepEqual(got.audit.attributes.map((a) => a.key).sort(), [...attributes.keys()].sort(), 'attributes');
  for (const a of got.audit.attributes) {
    const e = attributes.get(a.key)!;
    assert.deepEqual([a.scored, a.failed, a.criticalFailures, a.notApplicable], [e.scored, e.failed, e.criticalFailures, e.notApplicable], `attribute ${a.key}`);
    near(a.averageScore, e.averageScore, `attribute ${a.key} score`);
  }
  for (const g of got.audit.byAgent) {
    const e = X.expectedAudit(reviewed.filter((r) => rows.find((row) => row.uid === r.review.uid)!.agent_name === g.agent));
    assert.deepEqual([g.reviewed, g.passed, g.failed, g.criticalFailures, g.overridden], [e.reviewed, e.passed, e.failed, e.criticalFailures, e.overridden], `audit of ${g.agent}`);
  }
  const at = X.localTime(ZONE);
  for (const w of got.audit.byWeek) {
    const e = X.expectedAudit(reviewed.filter((r) => {
      const t = rows.find((row) => row.uid === r.review.uid)!.createdUtc;
      return t !== null && at(t).week === w.week;
    }));
    assert.deepEqual([w.reviewed, w.passed, w.failed], [e.reviewed, e.passed, e.failed], `audit of week ${w.week}`);
  }
}

for (const impl of IMPLEMENTATIONS) {
  test(`${impl.name}: every Insights figure matches an independent computation, for the whole cache and for selections`, () =>
    withStore(impl, async (store) => {
      await syncRecords(store, [
        ...awkwardRecords(400, 77),
        recordOf({ cod_act: '10', cod_description: 'Nombre viejo', date_creation: '2026-01-02 09:00:00' }),
        recordOf({ cod_act: '10', cod_description: 'Nombre nuevo', date_creation: '2026-01-03 09:00:00' }),
        recordOf({ cod_act: '10', cod_description: '', date_creation: '2026-01-04 09:00:00' }),
      ]);
      await review(store);
      const whole = await store.insights({}, ZONE);
      assert.equal(whole.volume.unit, 'day', 'weeks of data: by day');
      assert.ok(whole.audit.total.reviewed > 0 && whole.audit.total.overridden > 0 && whole.audit.total.criticalFailures > 0, 'the reviews are varied');
      assert.equal(whole.typifications.top.find((t) => t.code === '10')?.description, 'Nombre nuevo', 'named by the newest description');
      const twoDays: Filter = { fromUtc: Date.UTC(2026, 0, 5, 3), toUtc: Date.UTC(2026, 0, 7, 3) };
      assert.equal((await store.insights(twoDays, ZONE)).volume.unit, 'hour', 'two days: by hour');
      for (const filter of [{}, { channels: ['Email', 'Chat'] }, { closed: false, agents: ['Ana', 'ana', 'Zoë'] }, twoDays]) await check(store, filter);
      const none = await store.insights({ agents: ['nobody'] }, ZONE);
      assert.deepEqual([none.total, none.agents, none.volume.points, none.audit.total.reviewed], [0, [], [], 0], 'an empty selection: empty figures');
    }));
}
