/**
 * Every figure of an Insights answer checked against SQL of the test's own (insights-expected.ts) on
 * the same cache: the selection, volume, heatmap, weekly survey, agents (with exact percentiles),
 * typifications, survey values and the audit (totals, attributes, weeks, agents).
 */
import assert from 'node:assert/strict';
import type { Db } from '../../src-main/core/store/sqlite/connection/database';
import type { InteractionFilter } from '../../src-main/core/store/sqlite/reads/filters';
import type { Insights } from '../../src-main/core/store/sqlite/insights/insights';
import * as X from './insights-expected';

const close = (a: number | null, b: number | null, what: string) => {
  if (a === null || b === null) return assert.equal(a, b, what);
  assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);
};

export function checkInsights(db: Db, got: Insights, filter: InteractionFilter, zone: string): Insights {
  X.materialise(db, filter);
  const total = db.prepare('SELECT count(*) FROM temp.sel').pluck().get() as number;
  assert.equal(got.total, total, 'total');
  // Volume, heatmap and weekly survey, placed with Intl row by row.
  const time = X.expectedTime(db, zone, got.volume.unit);
  const volume = new Map<string, number>();
  for (const p of got.volume.points) p.counts.forEach((n, c) => n && volume.set(`${p.key}|${got.volume.channels[c]}`, n));
  assert.deepEqual(volume, time.volume, 'volume');
  assert.deepEqual(got.heatmap, time.heatmap, 'heatmap');
  for (const w of got.survey.weekly) {
    const e = time.weekly.get(w.week) ?? { n: 0, sum: 0 };
    assert.equal(w.evaluated, e.n, `weekly evaluated ${w.week}`);
    close(w.averageEvaluation, e.n ? e.sum / e.n : null, `weekly average ${w.week}`);
  }
  assert.equal(got.survey.weekly.filter((w) => w.evaluated > 0).length, [...time.weekly.values()].filter((w) => w.n > 0).length);
  // Agents.
  const agents = X.expectedAgents(db);
  const audit = X.expectedReviews(db);
  assert.equal(got.agents.length, agents.base.length, 'agents');
  for (const e of agents.base) {
    const a = got.agents.find((g) => g.agent === e.agent)!;
    assert.ok(a, `agent ${e.agent}`);
    assert.equal(a.interactions, e.interactions);
    assert.equal(a.closed, e.closed);
    close(a.shareClosed, e.closed / e.interactions, 'share closed');
    assert.equal(a.medianHandleMs, agents.pct.get(e.agent)?.median ?? null, `median ${e.agent}`);
    assert.equal(a.p90HandleMs, agents.pct.get(e.agent)?.p90 ?? null, `p90 ${e.agent}`);
    assert.equal(a.evaluated, e.evaluated);
    close(a.averageEvaluation, e.avgEval, 'average evaluation');
    const mine = X.auditOf(audit.filter((r) => r.agent === e.agent));
    assert.deepEqual([a.reviewed, a.passed], [mine.reviewed, mine.passed], `reviews of ${e.agent}`);
    close(a.passRate, mine.passRate, 'pass rate');
    close(a.averageScore, mine.averageScore, 'average score');
  }
  // Typifications and survey distribution.
  const typ = X.expectedTypifications(db);
  assert.deepEqual(got.typifications.top, typ.slice(0, 20));
  assert.equal(got.typifications.distinct, typ.length);
  assert.deepEqual(got.survey.distribution, X.expectedDistribution(db));
  // Audit.
  const totalAudit = X.auditOf(audit);
  assert.deepEqual({ ...got.audit.total, passRate: null, averageScore: null }, { ...totalAudit, passRate: null, averageScore: null });
  close(got.audit.total.averageScore, totalAudit.averageScore, 'audit average');
  const attrs = X.expectedAttributes(db);
  assert.deepEqual(got.audit.attributes.map((a) => a.key).sort(), attrs.map((a) => a.key));
  for (const e of attrs) {
    const a = got.audit.attributes.find((g) => g.key === e.key)!;
    assert.deepEqual([a.scored, a.failed, a.criticalFailures], [e.scored, e.failed, e.criticalFailures], `attribute ${e.key}`);
    close(a.averageScore, e.avgScore, `attribute score ${e.key}`);
    close(a.passRate, 1 - e.failed / e.scored, `attribute pass rate ${e.key}`);
  }
  const at = X.local(zone);
  for (const w of got.audit.byWeek) {
    const e = X.auditOf(audit.filter((r) => r.t !== null && at(r.t).week === w.week));
    assert.deepEqual([w.reviewed, w.passed, w.failed, w.criticalFailures, w.overridden], [e.reviewed, e.passed, e.failed, e.criticalFailures, e.overridden], `week ${w.week}`);
  }
  assert.equal(got.audit.byWeek.reduce((s, w) => s + w.passed + w.failed, 0), X.auditOf(audit.filter((r) => r.t !== null)).reviewed);
  for (const g of got.audit.byAgent) {
    const e = X.auditOf(audit.filter((r) => r.agent === g.agent));
    assert.deepEqual([g.reviewed, g.criticalFailures, g.overridden], [e.reviewed, e.criticalFailures, e.overridden], `audit agent ${g.agent}`);
  }
  return got;
}
