import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveStatus, overallScore, parseScorecardInput, reviewResult, type Scorecard, type Scores } from '../../src-main/core/reviews';

/** Weights 1 + 2 + 3 + 2 + 1 + 1 = 10; resolution is critical; typification and response time allow N/A. */
const card: Scorecard = {
  ...parseScorecardInput({
    name: 'Care',
    passMark: 80,
    attributes: [
      { key: 'greeting', name: 'Greeting', weight: 1, scale: 'yes-no' },
      { key: 'understanding', name: 'Understanding', weight: 2, scale: '1-5' },
      { key: 'resolution', name: 'Resolution', weight: 3, scale: 'yes-no', critical: true },
      { key: 'tone', name: 'Tone', weight: 2, scale: '1-5' },
      { key: 'typification', name: 'Typification', weight: 1, scale: 'yes-no', naAllowed: true },
      { key: 'response_time', name: 'Response time', weight: 1, scale: '1-5', naAllowed: true, critical: true },
    ],
  }),
  version: 1,
  createdAt: 0,
};
const GOOD = { greeting: true, understanding: 5, resolution: true, tone: 5, typification: true, response_time: 5 } as const;

const CASES: { what: string; scores: Scores; status: string; score: number | null; complete: boolean; failed?: string[] }[] = [
  { what: 'nothing answered', scores: {}, status: 'unreviewed', score: null, complete: false },
  { what: 'one answer', scores: { tone: 4 }, status: 'in review', score: null, complete: false },
  { what: 'a critical No with answers missing waits (a warning, not a result)', scores: { resolution: false }, status: 'in review', score: null, complete: false, failed: ['resolution'] },
  { what: 'every answer right', scores: GOOD, status: 'pass', score: 100, complete: true },
  // (1 + 2*1 + 3 + 0 + 1 + 1) / 10 = 80: exactly the pass mark passes.
  { what: 'exactly at the pass mark', scores: { ...GOOD, tone: 1 }, status: 'pass', score: 80, complete: true },
  // (1 + 2*0.75 + 3 + 0 + 1 + 1) / 10 = 75.
  { what: 'under the pass mark', scores: { ...GOOD, tone: 1, understanding: 4 }, status: 'fail', score: 75, complete: true },
  { what: 'a critical No fails with a 70 score', scores: { ...GOOD, resolution: false }, status: 'fail', score: 70, complete: true, failed: ['resolution'] },
  { what: 'a critical 1 on the 1-5 scale fails', scores: { ...GOOD, response_time: 1 }, status: 'fail', score: 90, complete: true, failed: ['response_time'] },
  // (0 + 2 + 3 + 2*0.75 + 1) / 9 = 83.33: passes. Counted as a 0 instead, N/A would give 7.5 / 10 = 75, a fail.
  { what: 'N/A is answered and left out of the score', scores: { ...GOOD, greeting: false, tone: 4, typification: 'na' }, status: 'pass', score: 83.33, complete: true },
  { what: 'N/A on a critical item never fails it', scores: { ...GOOD, response_time: 'na' }, status: 'pass', score: 100, complete: true },
  { what: 'N/A with a missing answer is still in review', scores: { typification: 'na' }, status: 'in review', score: null, complete: false },
  { what: 'N/A where not allowed is not an answer', scores: { ...GOOD, greeting: 'na' }, status: 'in review', score: null, complete: false },
  { what: 'an invalid score is not an answer', scores: { ...GOOD, tone: 7 }, status: 'in review', score: null, complete: false },
];

for (const c of CASES) {
  test(`result rule: ${c.what}`, () => {
    const r = reviewResult(card, c.scores);
    assert.equal(r.status, c.status);
    assert.equal(r.complete, c.complete);
    assert.equal(r.overallScore, c.score);
    assert.deepEqual(r.failedCriticals, c.failed ?? []);
  });
}

test('result rule: a note or a tag alone is work started (in review); without them nothing answered is unreviewed', () => {
  assert.equal(reviewResult(card, {}, { note: 'look at the greeting', tags: [] }).status, 'in review');
  assert.equal(reviewResult(card, {}, { note: '', tags: ['coaching'] }).status, 'in review');
  assert.equal(reviewResult(card, {}, { note: '', tags: [] }).status, 'unreviewed');
  assert.equal(reviewResult(card, GOOD, { note: 'fine', tags: [] }).status, 'pass', 'complete: the scores decide');
});

test('result rule: N/A scores drop out of the weights (a hand computation)', () => {
  // typification N/A, tone 1: (1*1 + 2*1 + 3*1 + 2*0 + 1*1) / (10 - 1) = 7 / 9.
  assert.equal(overallScore(card, { ...GOOD, typification: 'na', tone: 1 }), 77.78);
  assert.equal(reviewResult(card, { ...GOOD, typification: 'na', tone: 1 }).status, 'fail', '77.78 is under 80');
});

test('result rule: every attribute N/A passes with no score', () => {
  const allNa = { ...card, attributes: card.attributes.map((a) => ({ ...a, naAllowed: true })) };
  const scores = Object.fromEntries(allNa.attributes.map((a) => [a.key, 'na' as const]));
  assert.deepEqual(reviewResult(allNa, scores), { status: 'pass', complete: true, overallScore: null, failedCriticals: [] });
});

test('result rule: correcting a critical No to Yes turns Fail back into Pass', () => {
  assert.equal(reviewResult(card, { ...GOOD, resolution: false }).status, 'fail');
  assert.equal(reviewResult(card, { ...GOOD, resolution: true }).status, 'pass');
});

test('effective status: the override when there is one, else the computed result', () => {
  assert.equal(effectiveStatus('fail', { status: 'pass' }), 'pass');
  assert.equal(effectiveStatus('pass', null), 'pass');
  assert.equal(effectiveStatus('in review', undefined), 'in review');
});

test('scorecard validation: help text and N/A allowed', () => {
  const parsed = parseScorecardInput({ name: 'S', attributes: [{ key: 'a', name: 'A', weight: 1, scale: 'yes-no', help: '  Check the greeting  ' }] });
  assert.deepEqual(parsed.attributes[0], { key: 'a', name: 'A', weight: 1, scale: 'yes-no', critical: false, help: 'Check the greeting', naAllowed: false });
  assert.throws(() => parseScorecardInput({ name: 'S', attributes: [{ key: 'a', name: 'A', weight: 1, scale: 'yes-no', help: 'x'.repeat(501) }] }), /attributes\[0\]\.help: the help text has at most 500 characters/);
  assert.throws(() => parseScorecardInput({ name: 'S', attributes: [{ key: 'a', name: 'A', weight: 1, scale: 'yes-no', naAllowed: 'yes' }] }), /naAllowed/);
});
