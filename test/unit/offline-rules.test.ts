// The pure rules of offline audits: when a review found on the team cache is one's own already pushed
// (same scorecard version, scores, note, tags and override: a retry after a lost answer is not a conflict),
// and a filter's selection named in words when the user gave no label.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelOfFilter } from '../../src-main/core/compose/team/offline/filter-label';
import { sameContent } from '../../src-main/core/reviews/same-content';
import type { Review } from '../../src-main/core/reviews/types';

const mine: Review = {
  uid: 'u1', status: 'pass', computedStatus: 'pass', override: null, scorecardId: 'default', scorecardVersion: 2,
  scores: { greeting: true, tone: 5, resolution: null }, overallScore: 100, note: 'ok <b>', tags: ['a', 'b'],
  reviewer: 'ana', createdAt: 1, updatedAt: 2, version: 3,
};

test('the same review as judged: who, when and which version do not count; an unanswered score is no answer', () => {
  assert.ok(sameContent(mine, { ...mine, reviewer: 'bea', updatedAt: 9, version: 4, scores: { tone: 5, greeting: true } }));
  for (const other of [
    { ...mine, note: 'ok' },
    { ...mine, tags: ['b', 'a'] },
    { ...mine, scores: { greeting: true, tone: 4 } },
    { ...mine, scores: { greeting: true, tone: 5, resolution: false } },
    { ...mine, override: { status: 'fail' as const, reason: 'x' } },
    { ...mine, scorecardVersion: 1 },
  ]) {
    assert.equal(sameContent(mine, other), false, JSON.stringify(other));
  }
});

test("a filter's label in words, cut to 80 characters", () => {
  assert.equal(labelOfFilter({}), 'All interactions');
  assert.equal(labelOfFilter({ agents: ['Ana', 'Zoë'], fromUtc: Date.UTC(2026, 10, 2), text: ' reembolso ' }), '"reembolso"; Agents: Ana, Zoë; from 2026-11-02');
  const long = labelOfFilter({ agents: Array.from({ length: 30 }, (_, i) => `Agent ${i}`) });
  assert.equal(long.length, 80);
  assert.ok(long.endsWith('…'));
});
